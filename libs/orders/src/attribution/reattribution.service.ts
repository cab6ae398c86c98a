import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents, Tx } from '@app/platform';

/**
 * Keeps Allocation.povertyStatusAtSale equal to the household's status at the instant each order was
 * placed by the registry's history as it stands now (DESIGN.md, "Allocation"): a back-dated correction
 * re-reads the allocations placed since it took effect, in the registry's own transaction. Where the
 * history says nothing about that instant, what the policy saw at placement stands.
 */
@Injectable()
export class ReattributionService implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on('household.status-changed', async (tx, { householdId, effectiveAt }) => {
      await this.reattribute(tx, householdId, effectiveAt);
    });
  }

  /** Re-reads the household's allocations placed at or after `since`; returns how many changed. */
  async reattribute(tx: Tx, householdId: string, since: Date): Promise<number> {
    const [, changed] = await tx.manager.query(
      `UPDATE allocations a SET poverty_status_at_sale = x.status
         FROM (
           SELECT a2.id, COALESCE(h.status, a2.status_at_placement) AS status
             FROM allocations a2
             LEFT JOIN LATERAL (
               SELECT p.status FROM poverty_status_history p
                WHERE p.household_id = a2.household_id AND p.effective_at <= a2.placed_at
                ORDER BY p.effective_at DESC, p.id DESC LIMIT 1
             ) h ON true
            WHERE a2.household_id = $1 AND a2.placed_at >= $2
         ) x
        WHERE a.id = x.id AND a.poverty_status_at_sale IS DISTINCT FROM x.status`,
      [householdId, since],
    );
    if (changed > 0) await this.events.emit(tx, 'allocations.reattributed', { householdId, since });
    return changed;
  }
}
