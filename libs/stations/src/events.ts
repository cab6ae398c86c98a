// The domain events this domain raises (DomainEvents.emit, in the raiser's transaction); listeners
// elsewhere read their payloads from here.
declare module '@app/platform' {
  interface DomainEventPayloads {
    /**
     * A station may have room for more fulfilments: created, capacity raised, reactivated, or its served
     * villages changed. Orders listens and, after the commit, asks for a routing retry of UNROUTED work.
     */
    'station.capacity-changed': { stationId: string };
  }
}

export {};
