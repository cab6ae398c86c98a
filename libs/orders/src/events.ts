// The domain events this domain raises (DomainEvents.emit, in the raiser's transaction); listeners
// elsewhere read their payloads from here.
declare module '@app/platform' {
  interface DomainEventPayloads {
    /** A fulfilment became DELIVERED (its allocations now count for attribution and settlement). */
    'fulfillment.delivered': { fulfillmentId: string; orderId: string; deliveredAt: Date };
    /** An order was cancelled; its fulfilments are CANCELLED and its stock is back. */
    'order.cancelled': { orderId: string };
    /** Allocations of a village placed at or after `since` had their villagePovertyStrickenAtSale re-read. */
    'allocations.village-reattributed': { villageId: string; since: Date };
    /** Allocations of a household placed at or after `since` had their povertyStatusAtSale re-read. */
    'allocations.reattributed': { householdId: string; since: Date };
  }
}

export {};
