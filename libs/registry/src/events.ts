// The domain events this domain raises (DomainEvents.emit, in the raiser's transaction); listeners
// elsewhere read their payloads from here.
declare module '@app/platform' {
  interface DomainEventPayloads {
    /**
     * Households' status histories gained entries, each effective at its `effectiveAt` (now, or a
     * back-dated correction): allocations placed since then are re-attributed, listings' flags
     * recomputed. One event for a whole import, so listeners work set-wise.
     */
    'household.status-changed': { changes: Array<{ householdId: string; effectiveAt: Date }> };
    /**
     * Villages' poverty histories gained an exit or re-entry effective at `effectiveAt`: allocations
     * placed since then have their village flag re-read, listings' flags recomputed.
     */
    'village.poverty-changed': { changes: Array<{ villageId: string; effectiveAt: Date }> };
  }
}

export {};
