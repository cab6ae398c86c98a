import { Injectable } from '@nestjs/common';
import { Tx } from '../database/transaction';

/**
 * Events one domain raises inside its transaction and others react to inside the same transaction,
 * so that what they keep (rollups, attributions) is never stale once the mutation returns, and the
 * raising domain need not know who listens (no dependency from orders to impact, for one).
 */
export interface DomainEventPayloads {
  /** A fulfilment became DELIVERED (its allocations now count for attribution and settlement). */
  'fulfillment.delivered': { fulfillmentId: string; orderId: string; deliveredAt: Date };
  /** An order was cancelled; its fulfilments are CANCELLED and its stock is back. */
  'order.cancelled': { orderId: string };
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
  /** Allocations of a village placed at or after `since` had their villagePovertyStrickenAtSale re-read. */
  'allocations.village-reattributed': { villageId: string; since: Date };
  /** Allocations of a household placed at or after `since` had their povertyStatusAtSale re-read. */
  'allocations.reattributed': { householdId: string; since: Date };
  /**
   * A payout was paid: the allocations whose household net it pays (by id; none for a station's or a
   * merchant's payout) count as paid out.
   */
  'payout.paid': { payoutId: string; householdAllocationIds: string[] };
  /**
   * A station may have room for more fulfilments: created, capacity raised, reactivated, or its served
   * villages changed. Orders listens and, after the commit, asks for a routing retry of UNROUTED work.
   */
  'station.capacity-changed': { stationId: string };
}

export type DomainEventName = keyof DomainEventPayloads;
type Handler<N extends DomainEventName> = (tx: Tx, payload: DomainEventPayloads[N]) => Promise<void>;

@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, Array<Handler<DomainEventName>>>();

  /** Registers a handler (in onModuleInit); it runs inside the raiser's transaction. */
  on<N extends DomainEventName>(name: N, handler: Handler<N>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as unknown as Handler<DomainEventName>);
    this.handlers.set(name, list);
  }

  /** Runs every handler of the event in the transaction, in registration order; a failure rolls it all back. */
  async emit<N extends DomainEventName>(tx: Tx, name: N, payload: DomainEventPayloads[N]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await handler(tx, payload);
  }
}
