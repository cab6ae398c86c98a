import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@app/platform';
import { DELIVERED_ALLOCATIONS_SQL } from '@app/orders';
import { PAID_HOUSEHOLD_ALLOCATIONS_SQL } from '@app/payouts';
import { REBUILD_HOUSEHOLD_DAYS_SQL, RECOUNT_TOTALS_SQL, recountTraineesSql } from './income-rollup-sql';
import { bitOf, chunkOf, FACT_COLUMNS, factFromAllocation, monthOf, SCOPE_KINDS, weekOf } from './rollup-sql';

const SUMS = `count(DISTINCT order_id), count(*), sum(gross_fen), sum(net_fen), COALESCE(sum(net_fen) FILTER (WHERE poor), 0), COALESCE(sum(net_fen) FILTER (WHERE paid), 0)`;
const SUM_COLUMNS = `orders_count, allocations_count, gross_fen, net_fen, poor_net_fen, paid_net_fen`;

/**
 * Recomputes every impact table from the allocations of DELIVERED fulfilments, for data loaded in
 * bulk (the seeds, a benchmark) or a repair. Set-based and independent of the per-delivery folding in
 * ImpactRollupService (the property test holds the two equal): facts first, then each rollup from the
 * finest grain up, since sums of whole days make months (an order lies in one day) and bitmaps OR up.
 */
/** Allocations, and households, per statement of the rebuild's batched steps. */
const FACT_BATCH = 200_000;
const HOUSEHOLD_BATCH = 30_000;

/**
 * Runs `step(after, last)` for consecutive key ranges (after, last], each the next keys that `keys`
 * (over `$1`, the key after which to start, returning column `k` in order) yields, until none is left.
 */
async function inBatches(m: EntityManager, keys: string, step: (after: string, last: string) => Promise<unknown>): Promise<void> {
  for (let after = '0'; ; ) {
    const [{ last }] = await m.query(`SELECT max(k)::text AS last FROM (${keys}) x`, [after]);
    if (last === null) return;
    await step(after, last);
    after = last;
  }
}

@Injectable()
export class ImpactRebuildService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Rebuilds in one transaction (deliveries wait for it); returns the number of counted allocations. */
  async rebuild(): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = tx.manager;
      await m.query(`SET LOCAL work_mem = '256MB'`);
      await m.query(`TRUNCATE impact_facts, impact_scope_sums, impact_scope_bits, impact_village_sums, impact_village_bits, impact_household_days, impact_household_totals, training_trainees`);
      // By batches of allocations: one statement over millions passed the 30 s statement timeout on a loaded machine.
      await inBatches(m, `SELECT a.id AS k FROM ${DELIVERED_ALLOCATIONS_SQL} a WHERE a.id > $1 ORDER BY a.id LIMIT ${FACT_BATCH}`, (after, last) =>
        m.query(
          `INSERT INTO impact_facts (${FACT_COLUMNS})
           SELECT ${factFromAllocation('pa.allocation_id IS NOT NULL')}
             FROM ${DELIVERED_ALLOCATIONS_SQL} a
             LEFT JOIN (${PAID_HOUSEHOLD_ALLOCATIONS_SQL}) pa ON pa.allocation_id = a.id
            WHERE a.id > $1 AND a.id <= $2`,
          [after, last],
        ),
      );
      await m.query(`ANALYZE impact_facts`);
      await this.sums(m);
      await this.bits(m);
      const [{ count }] = await m.query(`SELECT count(*)::int AS count FROM impact_facts`);
      return count as number;
    });
  }

  private async sums(m: EntityManager): Promise<void> {
    await m.query(
      `INSERT INTO impact_scope_sums (county_id, station_id, grain, period, ${SUM_COLUMNS})
       SELECT county_id, station_id, 'D', day, ${SUMS} FROM impact_facts GROUP BY county_id, station_id, day
       UNION ALL SELECT county_id, 0, 'D', day, ${SUMS} FROM impact_facts GROUP BY county_id, day
       UNION ALL SELECT 0, station_id, 'D', day, ${SUMS} FROM impact_facts GROUP BY station_id, day
       UNION ALL SELECT 0, 0, 'D', day, ${SUMS} FROM impact_facts GROUP BY day`,
    );
    for (const [grain, of] of [['W', weekOf], ['M', monthOf]] as const) {
      await m.query(
        `INSERT INTO impact_scope_sums (county_id, station_id, grain, period, ${SUM_COLUMNS})
         SELECT county_id, station_id, '${grain}', ${of('period')}, sum(orders_count), sum(allocations_count), sum(gross_fen), sum(net_fen), sum(poor_net_fen), sum(paid_net_fen)
           FROM impact_scope_sums WHERE grain = 'D' GROUP BY county_id, station_id, 4`,
      );
    }
    // By batches of households (a household's days and running totals are its own).
    await inBatches(m, `SELECT DISTINCT household_id AS k FROM impact_facts WHERE household_id > $1 ORDER BY household_id LIMIT ${HOUSEHOLD_BATCH}`, (after, last) =>
      m.query(REBUILD_HOUSEHOLD_DAYS_SQL, [after, last]),
    );
    await m.query(RECOUNT_TOTALS_SQL);
    await m.query(recountTraineesSql('true'));
    const villageSums = `count(*) FILTER (WHERE village_poor), sum(gross_fen), sum(net_fen), COALESCE(sum(net_fen) FILTER (WHERE poor), 0), COALESCE(sum(net_fen) FILTER (WHERE paid), 0)`;
    await m.query(
      `INSERT INTO impact_village_sums (county_id, station_id, month, village_id, orders_count, allocations_count, stricken_count, gross_fen, net_fen, poor_net_fen, paid_net_fen)
       SELECT county_id, station_id, ${monthOf('day')}, village_id, count(DISTINCT order_id), count(*), ${villageSums}
         FROM impact_facts GROUP BY county_id, station_id, 3, village_id
       UNION ALL
       SELECT county_id, 0, ${monthOf('day')}, village_id, count(DISTINCT order_id), count(*), ${villageSums}
         FROM impact_facts GROUP BY county_id, 3, village_id`,
    );
  }

  private async bits(m: EntityManager): Promise<void> {
    // The finest grain once: county, station, day, village, kind, chunk; everything else ORs it up.
    await m.query(
      `CREATE TEMP TABLE impact_rebuild_bits ON COMMIT DROP AS
       SELECT f.county_id, f.station_id, f.day, f.village_id, k.kind, ${chunkOf('k.id')} AS chunk, bit_or(${bitOf('k.id')}) AS bits
         FROM impact_facts f ${SCOPE_KINDS('f')} WHERE k.keep
        GROUP BY 1, 2, 3, 4, 5, 6`,
    );
    const into = `INSERT INTO impact_scope_bits (county_id, station_id, grain, period, kind, chunk, bits)`;
    await m.query(
      `INSERT INTO impact_village_bits (county_id, station_id, month, village_id, kind, chunk, bits)
       SELECT county_id, station_id, ${monthOf('day')}, village_id, kind, chunk, bit_or(bits) FROM impact_rebuild_bits
        WHERE kind IN ('H', 'P') GROUP BY county_id, station_id, 3, village_id, kind, chunk`,
    );
    await m.query(
      `INSERT INTO impact_village_bits (county_id, station_id, month, village_id, kind, chunk, bits)
       SELECT county_id, 0, month, village_id, kind, chunk, bit_or(bits) FROM impact_village_bits GROUP BY county_id, month, village_id, kind, chunk`,
    );
    await m.query(
      `${into} SELECT county_id, station_id, 'M', ${monthOf('day')}, kind, chunk, bit_or(bits) FROM impact_rebuild_bits
        GROUP BY county_id, station_id, 4, kind, chunk`,
    );
    await m.query(`${into} SELECT county_id, 0, 'D', day, kind, chunk, bit_or(bits) FROM impact_rebuild_bits GROUP BY county_id, day, kind, chunk`);
    // From here on each step reads only rows the steps before wrote.
    for (const [grain, of] of [['W', weekOf], ['M', monthOf]] as const) {
      await m.query(
        `${into} SELECT county_id, 0, '${grain}', ${of('period')}, kind, chunk, bit_or(bits) FROM impact_scope_bits
          WHERE grain = 'D' GROUP BY county_id, 4, kind, chunk`,
      );
    }
    await m.query(
      `${into} SELECT 0, station_id, 'M', period, kind, chunk, bit_or(bits) FROM impact_scope_bits
        WHERE grain = 'M' AND station_id <> 0 GROUP BY station_id, period, kind, chunk`,
    );
    await m.query(
      `${into} SELECT 0, 0, grain, period, kind, chunk, bit_or(bits) FROM impact_scope_bits
        WHERE county_id <> 0 AND station_id = 0 GROUP BY grain, period, kind, chunk`,
    );
  }
}
