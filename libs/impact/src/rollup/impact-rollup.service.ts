import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEventPayloads, Tx } from '@app/platform';
import { ALLOCATIONS_SQL, allocationsOfFulfillmentSql } from '@app/orders';
import { householdIdsInVillagesSql } from '@app/registry';
import {
  bitOf,
  CHUNK_BITS,
  chunkOf,
  FACT_COLUMNS,
  factFromAllocation,
  GRAINS,
  KEEPS_BITS,
  monthOf,
  periodEnd,
  SCOPE_KINDS,
  SCOPES,
  VILLAGE_KINDS,
  VILLAGE_STATIONS,
  ZERO_BITS,
} from './rollup-sql';
import { ADD_DAYS_SQL, ADD_HOUSEHOLD_DAYS_SQL, ADD_RUNNING_TOTALS_SQL, RESTATUS_TRAINEES_SQL } from './income-rollup-sql';

// Namespaces of this domain's transaction-level advisory locks (first key of pg_advisory_xact_lock(int, int)).
const ORDER_LOCK = 0x494d5041;
/** The advisory lock class of a household's income (with hashtext(id)): deliveries, re-attributions, attendances. */
export const HOUSEHOLD_LOCK = 0x494d5048;

/**
 * Keeps the impact facts and rollups (see the entities) exact inside the transaction of the change
 * that moves them: a delivery adds its allocations, a re-attribution moves income between "registered
 * poor" and not, a paid payout adds to paid out. (ImpactRebuildService recomputes them all at once.)
 */
@Injectable()
export class ImpactRollupService {
  /** Counts the allocations of a fulfilment that became DELIVERED; a repeat adds nothing. Returns how many were added. */
  async delivered(tx: Tx, { fulfillmentId, orderId }: DomainEventPayloads['fulfillment.delivered']): Promise<number> {
    const m = tx.manager;
    // One order's fulfilments are folded in one after the other, so that each sees whether the order
    // already counts in a scope (an order is counted once per scope and day however many deliveries).
    await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ORDER_LOCK, orderId]);
    // A delivery and a re-attribution of one of its households take turns (see `reattributed`), each
    // lock taken in hash order so that two deliveries never wait on each other in a circle.
    await m.query(
      `SELECT pg_advisory_xact_lock($1, k) FROM (SELECT DISTINCT hashtext(household_id::text) AS k FROM ${allocationsOfFulfillmentSql('$2')} a ORDER BY k) x`,
      [HOUSEHOLD_LOCK, fulfillmentId],
    );
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO impact_facts (${FACT_COLUMNS})
       SELECT ${factFromAllocation('false')}
         FROM ${allocationsOfFulfillmentSql('$1')} a
        ORDER BY a.id
       ON CONFLICT (allocation_id) DO NOTHING
       RETURNING allocation_id::text AS id`,
      [fulfillmentId],
    );
    if (rows.length > 0) await this.fold(m, rows.map((r) => r.id));
    return rows.length;
  }

  /** Re-reads the household's attributed statuses (allocations.poverty_status_at_sale) into the facts and rollups. */
  async reattributed(tx: Tx, { householdId }: DomainEventPayloads['allocations.reattributed']): Promise<number> {
    const m = tx.manager;
    // Waits for a delivery of the household's allocations in progress (and holds the next one back):
    // the later of the two then sees the other's facts, so neither a fact with a stale status nor a
    // bitmap computed without a new fact can survive.
    await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [HOUSEHOLD_LOCK, householdId]);
    // All the household's facts, not only those since `since`: they are few, and this cannot miss one.
    const [rows]: [Array<{ id: string }>, number] = await m.query(
      `UPDATE impact_facts f SET poor = (a.poverty_status_at_sale = 'REGISTERED_POOR')
         FROM ${ALLOCATIONS_SQL} a
        WHERE f.household_id = $1 AND a.id = f.allocation_id AND f.poor <> (a.poverty_status_at_sale = 'REGISTERED_POOR')
       RETURNING f.allocation_id::text AS id`,
      [householdId],
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await this.addToSums(m, ids, 'poor_net_fen', `CASE WHEN n.poor THEN n.net_fen ELSE -n.net_fen END`);
    await this.refreshPoorBits(m, householdId, ids);
    return rows.length;
  }

  /**
   * Re-reads the village's attributed flags (allocations.village_poverty_stricken_at_sale) into the
   * facts, the villages' stricken counts and the poverty-stricken-village bitmaps.
   */
  async villageReattributed(tx: Tx, { villageId }: DomainEventPayloads['allocations.village-reattributed']): Promise<number> {
    const m = tx.manager;
    // Takes turns with deliveries of the village's allocations, as `reattributed` does (same locks, hash order).
    await m.query(
      `SELECT pg_advisory_xact_lock($1, k) FROM (SELECT DISTINCT hashtext(household_id::text) AS k FROM impact_facts WHERE village_id = $2
        UNION SELECT hashtext(h.id::text) FROM ${householdIdsInVillagesSql('($2)')} h ORDER BY k) x`,
      [HOUSEHOLD_LOCK, villageId],
    );
    const [rows]: [Array<{ id: string }>, number] = await m.query(
      `UPDATE impact_facts f SET village_poor = a.village_poverty_stricken_at_sale
         FROM ${ALLOCATIONS_SQL} a
        WHERE f.village_id = $1 AND a.id = f.allocation_id AND f.village_poor <> a.village_poverty_stricken_at_sale
       RETURNING f.allocation_id::text AS id`,
      [villageId],
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await m.query(
      `WITH n AS (SELECT * FROM impact_facts WHERE allocation_id = ANY($1::bigint[])),
       d AS (SELECT n.county_id, vs.station_id, ${monthOf('n.day')} AS month, n.village_id, sum(CASE WHEN n.village_poor THEN 1 ELSE -1 END) AS delta
               FROM n ${VILLAGE_STATIONS('n')} GROUP BY 1, 2, 3, 4)
       UPDATE impact_village_sums t SET stricken_count = t.stricken_count + d.delta
         FROM d
        WHERE t.county_id = d.county_id AND t.station_id = d.station_id AND t.month = d.month AND t.village_id = d.village_id AND d.delta <> 0`,
      [ids],
    );
    await this.refreshScopeBits(m, 'S', `f.village_id = $2::bigint AND f.village_poor`, villageId, ids);
    return rows.length;
  }

  /**
   * Re-reads the trainees' status at their first session for households whose status history moved
   * (recorded or corrected, back in time or not), under the households' income locks (in hash order),
   * as a recorded attendance recounts them.
   */
  async statusChanged(tx: Tx, { changes }: DomainEventPayloads['household.status-changed']): Promise<void> {
    const ids = [...new Set(changes.map((c) => c.householdId))];
    if (ids.length === 0) return;
    await tx.manager.query(`SELECT pg_advisory_xact_lock($1, k) FROM (SELECT DISTINCT hashtext(h::text) AS k FROM unnest($2::bigint[]) AS h ORDER BY k) x`, [HOUSEHOLD_LOCK, ids]);
    await tx.manager.query(RESTATUS_TRAINEES_SQL, [ids]);
  }

  /** Counts the allocations whose household net a paid payout paid (the event names them) as paid out. */
  async payoutPaid(tx: Tx, { householdAllocationIds }: DomainEventPayloads['payout.paid']): Promise<number> {
    if (householdAllocationIds.length === 0) return 0;
    const m = tx.manager;
    const [rows]: [Array<{ id: string }>, number] = await m.query(
      `UPDATE impact_facts f SET paid = true
        WHERE f.allocation_id = ANY($1::bigint[]) AND NOT f.paid
       RETURNING f.allocation_id::text AS id`,
      [householdAllocationIds],
    );
    if (rows.length > 0) await this.addToSums(m, rows.map((r) => r.id), 'paid_net_fen', 'n.net_fen');
    return rows.length;
  }

  /**
   * Adds facts (already in impact_facts) to the four rollups. An order counts in a scope only if none
   * of its other facts already does; bitmaps are OR-ed, so a household or village reached twice counts
   * once. Rows are written in key order so that concurrent deliveries lock them in the same order.
   */
  private async fold(m: EntityManager, ids: string[]): Promise<void> {
    const params = [ids];
    const n = `n AS (SELECT * FROM impact_facts WHERE allocation_id = ANY($1::bigint[]))`;
    const others = `o.order_id = n.order_id AND o.allocation_id <> ALL($1::bigint[])`;
    const firstInScope = `NOT EXISTS (SELECT 1 FROM impact_facts o WHERE ${others}
      AND (sc.county_id = 0 OR o.county_id = sc.county_id) AND (sc.station_id = 0 OR o.station_id = sc.station_id))`;
    const firstInVillage = `NOT EXISTS (SELECT 1 FROM impact_facts o WHERE ${others}
      AND o.village_id = n.village_id AND o.county_id = n.county_id AND (vs.station_id = 0 OR o.station_id = vs.station_id))`;

    await m.query(
      `WITH ${n},
       x AS (SELECT sc.county_id, sc.station_id, gr.grain, gr.period, n.order_id, n.gross_fen, n.net_fen, n.poor, n.paid, ${firstInScope} AS first
               FROM n ${SCOPES('n')} ${GRAINS('n')})
       INSERT INTO impact_scope_sums AS t (county_id, station_id, grain, period, orders_count, allocations_count, gross_fen, net_fen, poor_net_fen, paid_net_fen)
       SELECT county_id, station_id, grain, period, count(DISTINCT order_id) FILTER (WHERE first), count(*), sum(gross_fen), sum(net_fen),
              COALESCE(sum(net_fen) FILTER (WHERE poor), 0), COALESCE(sum(net_fen) FILTER (WHERE paid), 0)
         FROM x GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
       ON CONFLICT (county_id, station_id, grain, period) DO UPDATE SET
         orders_count = t.orders_count + EXCLUDED.orders_count, allocations_count = t.allocations_count + EXCLUDED.allocations_count,
         gross_fen = t.gross_fen + EXCLUDED.gross_fen, net_fen = t.net_fen + EXCLUDED.net_fen,
         poor_net_fen = t.poor_net_fen + EXCLUDED.poor_net_fen, paid_net_fen = t.paid_net_fen + EXCLUDED.paid_net_fen`,
      params,
    );

    await m.query(
      `WITH ${n},
       x AS (SELECT n.county_id, vs.station_id, ${monthOf('n.day')} AS month, n.village_id, n.order_id, n.gross_fen, n.net_fen,
                    n.poor, n.paid, n.village_poor, ${firstInVillage} AS first
               FROM n ${VILLAGE_STATIONS('n')})
       INSERT INTO impact_village_sums AS t (county_id, station_id, month, village_id, orders_count, allocations_count, stricken_count,
                                             gross_fen, net_fen, poor_net_fen, paid_net_fen)
       SELECT county_id, station_id, month, village_id, count(DISTINCT order_id) FILTER (WHERE first), count(*), count(*) FILTER (WHERE village_poor),
              sum(gross_fen), sum(net_fen), COALESCE(sum(net_fen) FILTER (WHERE poor), 0), COALESCE(sum(net_fen) FILTER (WHERE paid), 0)
         FROM x GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
       ON CONFLICT (county_id, station_id, month, village_id) DO UPDATE SET
         orders_count = t.orders_count + EXCLUDED.orders_count, allocations_count = t.allocations_count + EXCLUDED.allocations_count,
         stricken_count = t.stricken_count + EXCLUDED.stricken_count, gross_fen = t.gross_fen + EXCLUDED.gross_fen,
         net_fen = t.net_fen + EXCLUDED.net_fen, poor_net_fen = t.poor_net_fen + EXCLUDED.poor_net_fen,
         paid_net_fen = t.paid_net_fen + EXCLUDED.paid_net_fen`,
      params,
    );

    // The households' days and their running totals (income-rollup-sql.ts): two statements, the second seeing the first's rows.
    await m.query(`WITH ${n} ${ADD_HOUSEHOLD_DAYS_SQL}`, params);
    await m.query(`WITH ${n}, ${ADD_RUNNING_TOTALS_SQL}`, params);

    // The households' lifetime totals and their trainees' windows (income-rollup-sql.ts).
    await m.query(
      `WITH ${n},
       d AS (SELECT household_id, min(county_id) AS county_id, day, sum(net_fen) AS net FROM n GROUP BY household_id, day),
       ${ADD_DAYS_SQL}`,
      params,
    );

    await m.query(
      `WITH ${n}
       INSERT INTO impact_scope_bits AS t (county_id, station_id, grain, period, kind, chunk, bits)
       SELECT county_id, station_id, grain, period, kind, ${chunkOf('id')}, bit_or(${bitOf('id')})
         FROM (SELECT DISTINCT sc.county_id, sc.station_id, gr.grain, gr.period, k.kind, k.id
                 FROM n ${SCOPES('n')} ${GRAINS('n')} ${SCOPE_KINDS('n')}
                WHERE k.keep AND ${KEEPS_BITS}) d
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
       ON CONFLICT (county_id, station_id, grain, period, kind, chunk) DO UPDATE SET bits = t.bits | EXCLUDED.bits
        WHERE (t.bits | EXCLUDED.bits) <> t.bits`,
      params,
    );

    await m.query(
      `WITH ${n}
       INSERT INTO impact_village_bits AS t (county_id, station_id, month, village_id, kind, chunk, bits)
       SELECT county_id, station_id, month, village_id, kind, ${chunkOf('id')}, bit_or(${bitOf('id')})
         FROM (SELECT DISTINCT n.county_id, vs.station_id, ${monthOf('n.day')} AS month, n.village_id, k.kind, k.id
                 FROM n ${VILLAGE_STATIONS('n')} ${VILLAGE_KINDS('n')}
                WHERE k.keep) d
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
       ON CONFLICT (county_id, station_id, month, village_id, kind, chunk) DO UPDATE SET bits = t.bits | EXCLUDED.bits
        WHERE (t.bits | EXCLUDED.bits) <> t.bits`,
      params,
    );
  }

  /** Adds `delta` (an expression over the changed fact `n`) to a sum column of every scope and village row of the facts. */
  private async addToSums(m: EntityManager, ids: string[], column: 'poor_net_fen' | 'paid_net_fen', delta: string): Promise<void> {
    await m.query(
      `WITH n AS (SELECT * FROM impact_facts WHERE allocation_id = ANY($1::bigint[])),
       d AS (SELECT sc.county_id, sc.station_id, gr.grain, gr.period, sum(${delta}) AS delta FROM n ${SCOPES('n')} ${GRAINS('n')} GROUP BY 1, 2, 3, 4)
       UPDATE impact_scope_sums t SET ${column} = t.${column} + d.delta
         FROM d
        WHERE t.county_id = d.county_id AND t.station_id = d.station_id AND t.grain = d.grain AND t.period = d.period AND d.delta <> 0`,
      [ids],
    );
    await m.query(
      `WITH n AS (SELECT * FROM impact_facts WHERE allocation_id = ANY($1::bigint[])),
       d AS (SELECT n.county_id, vs.station_id, ${monthOf('n.day')} AS month, n.village_id, sum(${delta}) AS delta
               FROM n ${VILLAGE_STATIONS('n')} GROUP BY 1, 2, 3, 4)
       UPDATE impact_village_sums t SET ${column} = t.${column} + d.delta
         FROM d
        WHERE t.county_id = d.county_id AND t.station_id = d.station_id AND t.month = d.month AND t.village_id = d.village_id AND d.delta <> 0`,
      [ids],
    );
  }

  /**
   * Sets or clears the household's bit in the registered-poor bitmaps its changed facts lie in: set
   * while any of its facts in that scope and period is poor. Bitmaps left empty are removed, so the
   * tables hold what a rebuild would.
   */
  private async refreshPoorBits(m: EntityManager, householdId: string, ids: string[]): Promise<void> {
    const position = `($2::bigint % ${CHUNK_BITS})::int`;
    const params = [ids, householdId];
    const poorFact = `SELECT 1 FROM impact_facts f WHERE f.household_id = $2::bigint AND f.poor`;
    await this.refreshScopeBits(m, 'P', `f.household_id = $2::bigint AND f.poor`, householdId, ids);

    const villageKeys = `SELECT DISTINCT n.county_id, vs.station_id, ${monthOf('n.day')} AS month, n.village_id FROM n ${VILLAGE_STATIONS('n')}`;
    await m.query(
      `WITH n AS (SELECT * FROM impact_facts WHERE allocation_id = ANY($1::bigint[])),
       k AS (${villageKeys}),
       v AS (SELECT k.*, EXISTS (${poorFact}
                  AND f.county_id = k.county_id AND f.village_id = k.village_id AND (k.station_id = 0 OR f.station_id = k.station_id)
                  AND f.day >= k.month AND f.day < (k.month + interval '1 month')::date) AS poor
               FROM k)
       INSERT INTO impact_village_bits AS t (county_id, station_id, month, village_id, kind, chunk, bits)
       SELECT county_id, station_id, month, village_id, 'P', ${chunkOf('$2::bigint')}, CASE WHEN poor THEN ${bitOf('$2::bigint')} ELSE ${ZERO_BITS} END
         FROM v ORDER BY 1, 2, 3, 4
       ON CONFLICT (county_id, station_id, month, village_id, kind, chunk) DO UPDATE SET bits = set_bit(t.bits, ${position}, get_bit(EXCLUDED.bits, ${position}))`,
      params,
    );
    await m.query(
      `WITH n AS (SELECT * FROM impact_facts WHERE allocation_id = ANY($1::bigint[]))
       DELETE FROM impact_village_bits t
        WHERE t.kind = 'P' AND t.chunk = ${chunkOf('$2::bigint')} AND t.bits = ${ZERO_BITS}
          AND (t.county_id, t.station_id, t.month, t.village_id) IN (${villageKeys})`,
      params,
    );
  }

  /**
   * Sets or clears bit `$2` in the scope bitmaps of `kind` that the changed facts lie in: set while any
   * fact matching `matches` (over `f`, with `$2` the id) lies in that scope and period. Bitmaps left
   * empty are removed, so the tables hold what a rebuild would.
   */
  private async refreshScopeBits(m: EntityManager, kind: 'P' | 'S', matches: string, id: string, ids: string[]): Promise<void> {
    const position = `($2::bigint % ${CHUNK_BITS})::int`;
    const params = [ids, id];
    const scopeKeys = `SELECT DISTINCT sc.county_id, sc.station_id, gr.grain, gr.period FROM n ${SCOPES('n')} ${GRAINS('n')} WHERE ${KEEPS_BITS}`;
    await m.query(
      `WITH n AS (SELECT * FROM impact_facts WHERE allocation_id = ANY($1::bigint[])),
       k AS (${scopeKeys}),
       v AS (SELECT k.*, EXISTS (SELECT 1 FROM impact_facts f WHERE ${matches}
                  AND (k.county_id = 0 OR f.county_id = k.county_id) AND (k.station_id = 0 OR f.station_id = k.station_id)
                  AND f.day >= k.period AND f.day < ${periodEnd('k.grain', 'k.period')}) AS hit
               FROM k)
       INSERT INTO impact_scope_bits AS t (county_id, station_id, grain, period, kind, chunk, bits)
       SELECT county_id, station_id, grain, period, '${kind}', ${chunkOf('$2::bigint')}, CASE WHEN hit THEN ${bitOf('$2::bigint')} ELSE ${ZERO_BITS} END
         FROM v ORDER BY 1, 2, 3, 4
       ON CONFLICT (county_id, station_id, grain, period, kind, chunk) DO UPDATE SET bits = set_bit(t.bits, ${position}, get_bit(EXCLUDED.bits, ${position}))`,
      params,
    );
    await m.query(
      `WITH n AS (SELECT * FROM impact_facts WHERE allocation_id = ANY($1::bigint[]))
       DELETE FROM impact_scope_bits t
        WHERE t.kind = '${kind}' AND t.chunk = ${chunkOf('$2::bigint')} AND t.bits = ${ZERO_BITS}
          AND (t.county_id, t.station_id, t.grain, t.period) IN (${scopeKeys})`,
      params,
    );
  }
}
