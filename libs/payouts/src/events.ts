// The domain events this domain raises (DomainEvents.emit, in the raiser's transaction); listeners
// elsewhere read their payloads from here.
declare module '@app/platform' {
  interface DomainEventPayloads {
    /**
     * A payout was paid: the allocations whose household net it pays (by id; none for a station's or a
     * merchant's payout) count as paid out.
     */
    'payout.paid': { payoutId: string; householdAllocationIds: string[] };
  }
}

export {};
