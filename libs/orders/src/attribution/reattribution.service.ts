import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents, Tx } from '@app/platform';
import { householdsSql, householdStatusEntryAtSql, villagePovertyEntryAtSql, villagesSql } from '@app/registry';

/**
 * Keeps Allocation.povertyStatusAtSale equal to the household's status at the instant each order was
 * placed by the registry's history as it stands now (docs/design.md, "Allocation"): a back-dated correction
 * re-reads the allocations placed since it took effect, in the registry's own transaction. Where the
 * history says nothing about that instant, what the policy saw at placement stands.
 */
@Injectable()
export class ReattributionService implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on('household.status-changed', async (tx, { changes }) => {
      await this.reattribute(tx, changes);
    });
    this.events.on('village.poverty-changed', async (tx, { changes }) => {
      await this.reattributeVillages(tx, changes);
    });
  }

  /**
   * Re-reads Allocation.villagePovertyStrickenAtSale of each village's allocations placed at or after
   * its `effectiveAt`: the village's flag in force then by its history as it stands now (its
   * designation before its first entry). Returns how many changed (and tells impact which villages moved).
   */
  async reattributeVillages(tx: Tx, changes: Array<{ villageId: string; effectiveAt: Date }>): Promise<number> {
    if (changes.length === 0) return 0;
    const [rows, changed]: [Array<{ village_id: string }>, number] = await tx.manager.query(
      `UPDATE allocations a SET village_poverty_stricken_at_sale = x.stricken
         FROM (
           SELECT a2.id, COALESCE(h.poverty_stricken, v.designated_poverty_stricken) AS stricken
             FROM unnest($1::bigint[], $2::timestamptz[]) c(village_id, since)
             JOIN ${villagesSql} v ON v.id = c.village_id
             -- Through the village's households: allocations are indexed by (household_id, placed_at).
             JOIN ${householdsSql} hh ON hh.village_id = c.village_id
             JOIN allocations a2 ON a2.household_id = hh.id AND a2.village_id = c.village_id AND a2.placed_at >= c.since
             LEFT JOIN LATERAL (${villagePovertyEntryAtSql('a2.village_id', 'a2.placed_at')}) h ON true
         ) x
        WHERE a.id = x.id AND a.village_poverty_stricken_at_sale IS DISTINCT FROM x.stricken
        RETURNING a.village_id::text`,
      [changes.map((c) => c.villageId), changes.map((c) => c.effectiveAt)],
    );
    const moved = new Set(rows.map((r) => r.village_id));
    for (const c of changes) {
      if (moved.has(c.villageId)) await this.events.emit(tx, 'allocations.village-reattributed', { villageId: c.villageId, since: c.effectiveAt });
    }
    return changed;
  }

  /**
   * Re-reads each household's allocations placed at or after its `effectiveAt`, all in one statement;
   * returns how many changed (and tells impact which households moved).
   */
  async reattribute(tx: Tx, changes: Array<{ householdId: string; effectiveAt: Date }>): Promise<number> {
    if (changes.length === 0) return 0;
    const [rows, changed]: [Array<{ household_id: string }>, number] = await tx.manager.query(
      `UPDATE allocations a SET poverty_status_at_sale = x.status
         FROM (
           SELECT a2.id, COALESCE(h.status, a2.status_at_placement) AS status
             FROM unnest($1::bigint[], $2::timestamptz[]) c(household_id, since)
             JOIN allocations a2 ON a2.household_id = c.household_id AND a2.placed_at >= c.since
             LEFT JOIN LATERAL (${householdStatusEntryAtSql('a2.household_id', 'a2.placed_at')}) h ON true
         ) x
        WHERE a.id = x.id AND a.poverty_status_at_sale IS DISTINCT FROM x.status
        RETURNING a.household_id::text`,
      [changes.map((c) => c.householdId), changes.map((c) => c.effectiveAt)],
    );
    const moved = new Set(rows.map((r) => r.household_id));
    for (const c of changes) {
      if (moved.has(c.householdId)) await this.events.emit(tx, 'allocations.reattributed', { householdId: c.householdId, since: c.effectiveAt });
    }
    return changed;
  }
}
