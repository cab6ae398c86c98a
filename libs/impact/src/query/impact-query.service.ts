import { Injectable } from '@nestjs/common';
import { badInput, decodeCursor, FenAmount, Page, ReportReads, toPage } from '@app/platform';
import { joinVillageSql, leftJoinTownshipSql } from '@app/registry';
import { ImpactScope } from '../domain/impact-access';
import { Interval, periodStarts } from '../domain/periods';
import { civilDay, toFen } from '@app/kernel';
import { planRange, RangePlan } from '../domain/range-plan';
import { bitOf, chunkOf, monthOf, SCOPE_KINDS, VILLAGE_KINDS, weekOf } from '../rollup/rollup-sql';
import { factScope, factWindows, fen, inMonths, inPeriods, inWindows, scopeKey, Sql, villageScopeKey } from './report-sql';

/** A report range [from, to); null ends are open. */
export interface ImpactRange {
  from: Date | null;
  to: Date | null;
}

export interface ImpactTotals {
  ordersCount: number;
  grossSalesFen: FenAmount;
  supplierIncomeFen: FenAmount;
  incomeToRegisteredPoorFen: FenAmount;
  paidOutFen: FenAmount;
  villagesReached: number;
  povertyStrickenVillagesReached: number;
  householdsReached: number;
  registeredPoorHouseholdsReached: number;
}

export interface VillageTotals {
  villageId: string;
  ordersCount: number;
  grossSalesFen: FenAmount;
  supplierIncomeFen: FenAmount;
  incomeToRegisteredPoorFen: FenAmount;
  paidOutFen: FenAmount;
  /** Some counted allocation of the village was made while it was poverty-stricken. */
  povertyStrickenAtSale: boolean;
  householdsReached: number;
  registeredPoorHouseholdsReached: number;
}

export interface SeriesPoint {
  periodStart: Date;
  supplierIncomeFen: FenAmount;
  incomeToRegisteredPoorFen: FenAmount;
  villagesReached: number;
  cumulativeVillagesReached: number;
}

interface VillageSumsRow {
  village_id: string;
  orders: number;
  gross: string;
  net: string;
  poor_net: string;
  paid_net: string;
  stricken: number;
}

const EMPTY_TOTALS: ImpactTotals = {
  ordersCount: 0,
  grossSalesFen: 0,
  supplierIncomeFen: 0,
  incomeToRegisteredPoorFen: 0,
  paidOutFen: 0,
  villagesReached: 0,
  povertyStrickenVillagesReached: 0,
  householdsReached: 0,
  registeredPoorHouseholdsReached: 0,
};

/**
 * The impact reports over the counted allocations (docs/design.md, "Attribution"), read from
 * the rollups: sums add up over whole days and months, distinct villages and households come from
 * OR-ed bitmaps, and partial days at the ends of a range come from the facts. The scope passed in has
 * already been checked against the caller (domain/impact-access.ts).
 */
@Injectable()
export class ImpactQueryService {
  /** Reports bear a few seconds of lag: they read the replica when there is one (ReportReads). */
  constructor(private readonly reads: ReportReads) {}

  /** The summary of the counted allocations in scope and range. */
  async summary(scope: ImpactScope, range: ImpactRange): Promise<ImpactTotals> {
    const plan = planRange(range.from, range.to);
    if (isEmpty(plan)) return { ...EMPTY_TOTALS };
    const q = new Sql();
    // One statement: the sums, then the distinct counts pivoted by kind.
    const [row] = await this.reads.query(
      `SELECT s.*, r.* FROM (${this.scopeSumsSql(q, scope, plan)}) s,
              (SELECT COALESCE(sum(n) FILTER (WHERE kind = 'V'), 0)::int AS villages, COALESCE(sum(n) FILTER (WHERE kind = 'S'), 0)::int AS stricken,
                      COALESCE(sum(n) FILTER (WHERE kind = 'H'), 0)::int AS households, COALESCE(sum(n) FILTER (WHERE kind = 'P'), 0)::int AS poor_households
                 FROM (${this.scopeReachSql(q, scope, plan)}) k) r`,
      q.params,
    );
    return {
      ordersCount: Number(row.orders),
      grossSalesFen: fen(row.gross),
      supplierIncomeFen: fen(row.net),
      incomeToRegisteredPoorFen: fen(row.poor_net),
      paidOutFen: fen(row.paid_net),
      villagesReached: Number(row.villages),
      povertyStrickenVillagesReached: Number(row.stricken),
      householdsReached: Number(row.households),
      registeredPoorHouseholdsReached: Number(row.poor_households),
    };
  }

  /** The villages reached, largest supplier income first (then by id), a keyset page at a time. */
  async villages(scope: ImpactScope, range: ImpactRange, first: number, after: string | null): Promise<Page<VillageTotals>> {
    const cursor = decodeCursor(after, ['int', 'id']);
    const plan = planRange(range.from, range.to);
    const totalCount = () => this.villageCount(scope, plan);
    if (isEmpty(plan)) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };

    const q = new Sql();
    const keyset = cursor ? `WHERE net < ${q.p(cursor[0])} OR (net = ${q.p(cursor[0])} AND village_id > ${q.p(cursor[1])})` : '';
    const rows: VillageSumsRow[] = await this.reads.query(
      `SELECT * FROM (${this.villageSumsSql(q, scope, plan)}) s ${keyset} ORDER BY net DESC, village_id LIMIT ${q.p(first + 1)}`,
      q.params,
    );
    const reach = await this.villageReach(scope, plan, rows.slice(0, first).map((r) => r.village_id));
    return toPage(
      rows,
      first,
      // A village's net stays far below 2^53; the cursor keeps the number as the order by compares it.
      (r) => [toFen(r.net), r.village_id],
      (r) => toVillageTotals(r, reach),
      totalCount,
    );
  }

  /**
   * Every village reached as one ordered statement (for the CSV export to read through a cursor), with
   * the village's code, name and township.
   */
  villagesStatement(scope: ImpactScope, range: ImpactRange): { text: string; params: unknown[] } | null {
    const plan = planRange(range.from, range.to);
    if (isEmpty(plan)) return null;
    const q = new Sql();
    const text = `WITH s AS (${this.villageSumsSql(q, scope, plan)}),
                       r AS (${this.villageReachSql(q, scope, plan, null)})
                  SELECT s.*, v.code, v.name, t.name AS township,
                         COALESCE((SELECT n FROM r WHERE r.village_id = s.village_id AND r.kind = 'H'), 0) AS households,
                         COALESCE((SELECT n FROM r WHERE r.village_id = s.village_id AND r.kind = 'P'), 0) AS poor_households
                    FROM s ${joinVillageSql('v', 's.village_id')} ${leftJoinTownshipSql('t', 'v.township_id')}
                   ORDER BY s.net DESC, s.village_id`;
    return { text, params: q.params };
  }

  /** Maps a row of villagesStatement to the figures and the village's names. */
  static villageRow(row: VillageSumsRow & { code: string; name: string; township: string | null; households: number; poor_households: number }) {
    return {
      ...toVillageTotals(row, new Map([[row.village_id, { H: Number(row.households), P: Number(row.poor_households) }]])),
      code: row.code,
      name: row.name,
      township: row.township,
    };
  }

  /**
   * One point per Asia/Shanghai period of the range, empty ones included. Without `from` the range
   * starts at the first counted allocation in scope (no points when there is none), without `to` it
   * ends now. More than 5000 periods is BAD_USER_INPUT on filter.from.
   */
  async series(scope: ImpactScope, range: ImpactRange, interval: Interval, now = new Date()): Promise<SeriesPoint[]> {
    const to = range.to ?? now;
    const from = range.from ?? (await this.firstCountedAt(scope, to));
    if (from === null || from.getTime() >= to.getTime()) return [];
    let starts: Date[];
    try {
      starts = periodStarts(from, to, interval);
    } catch (error) {
      if (error instanceof RangeError) throw badInput('filter.from', `The range holds more than 5000 ${interval.toLowerCase()}s; narrow it or use a longer interval`);
      throw error;
    }
    const plan = planRange(from, to, { months: interval === 'MONTH', weeks: interval !== 'DAY' });
    const q = new Sql();
    const rows: Array<{ net: string; poor_net: string; villages: number; cumulative: number }> = await this.reads.query(
      this.seriesSql(q, scope, plan, interval, starts.map(civilDay)),
      q.params,
    );
    return starts.map((periodStart, i) => ({
      periodStart,
      supplierIncomeFen: fen(rows[i].net),
      incomeToRegisteredPoorFen: fen(rows[i].poor_net),
      villagesReached: Number(rows[i].villages),
      cumulativeVillagesReached: Number(rows[i].cumulative),
    }));
  }

  /** When the first counted allocation in scope before `before` was placed; null when there is none. */
  async firstCountedAt(scope: ImpactScope, before: Date): Promise<Date | null> {
    const q = new Sql();
    const [row] = await this.reads.query(`SELECT min(f.placed_at) AS first FROM impact_facts f WHERE ${factScope(q, scope)} AND f.placed_at < ${q.p(before)}`, q.params);
    return row?.first ? new Date(row.first) : null;
  }

  /** Orders, gross, net, poor net and paid net over the range: whole days and months from the rollup, partial days from the facts. */
  private scopeSumsSql(q: Sql, scope: ImpactScope, plan: RangePlan): string {
    return `SELECT COALESCE(sum(orders), 0)::int AS orders, COALESCE(sum(gross), 0)::text AS gross, COALESCE(sum(net), 0)::text AS net,
                   COALESCE(sum(poor_net), 0)::text AS poor_net, COALESCE(sum(paid_net), 0)::text AS paid_net
              FROM (SELECT orders_count AS orders, gross_fen AS gross, net_fen AS net, poor_net_fen AS poor_net, paid_net_fen AS paid_net
                      FROM impact_scope_sums WHERE ${scopeKey(q, scope)} AND ${inPeriods(q, plan, true)}
                    UNION ALL
                    SELECT count(DISTINCT f.order_id), sum(f.gross_fen), sum(f.net_fen), sum(f.net_fen) FILTER (WHERE f.poor), sum(f.net_fen) FILTER (WHERE f.paid)
                      FROM impact_facts f WHERE ${factScope(q, scope)} AND ${inWindows(q, plan.windows)}) u`;
  }

  /** Per kind: distinct households ('H'), poor households ('P'), villages ('V') and poverty-stricken villages ('S') reached. */
  private scopeReachSql(q: Sql, scope: ImpactScope, plan: RangePlan): string {
    // Daily bitmaps exist for the all-stations scopes only; a station's whole days come from the facts.
    const dailyBits = scope.stationId === null;
    return `SELECT kind, sum(bit_count(bits))::int AS n
              FROM (SELECT kind, chunk, bit_or(bits) AS bits
                      FROM (SELECT kind, chunk, bits FROM impact_scope_bits WHERE ${scopeKey(q, scope)} AND ${inPeriods(q, plan, dailyBits)}
                            UNION ALL
                            SELECT k.kind, ${chunkOf('k.id')}, bit_or(${bitOf('k.id')})
                              FROM impact_facts f ${SCOPE_KINDS('f')}
                             WHERE k.keep AND ${factScope(q, scope)} AND ${inWindows(q, factWindows(plan, dailyBits))}
                             GROUP BY 1, 2) u
                     GROUP BY kind, chunk) x
             GROUP BY kind`;
  }

  /** Per village: orders, gross, net, poor net, paid net and allocations made while poverty-stricken. */
  private villageSumsSql(q: Sql, scope: ImpactScope, plan: RangePlan): string {
    return `SELECT village_id, sum(orders)::int AS orders, sum(gross)::text AS gross, sum(net)::bigint AS net,
                   sum(poor_net)::text AS poor_net, sum(paid_net)::text AS paid_net, sum(stricken)::int AS stricken
              FROM (SELECT village_id, orders_count AS orders, gross_fen AS gross, net_fen AS net, poor_net_fen AS poor_net,
                           paid_net_fen AS paid_net, stricken_count AS stricken
                      FROM impact_village_sums WHERE ${villageScopeKey(q, scope)} AND ${inMonths(q, plan)}
                    UNION ALL
                    SELECT f.village_id, count(DISTINCT f.order_id), sum(f.gross_fen), sum(f.net_fen), COALESCE(sum(f.net_fen) FILTER (WHERE f.poor), 0),
                           COALESCE(sum(f.net_fen) FILTER (WHERE f.paid), 0), count(*) FILTER (WHERE f.village_poor)
                      FROM impact_facts f WHERE ${factScope(q, scope)} AND ${inWindows(q, factWindows(plan, false))}
                     GROUP BY f.village_id) u
             GROUP BY village_id`;
  }

  /** Per village and kind ('H', 'P'): distinct households reached; all villages when `villageIds` is null. */
  private villageReachSql(q: Sql, scope: ImpactScope, plan: RangePlan, villageIds: string[] | null): string {
    const ids = villageIds ? q.p(villageIds) : null;
    return `SELECT village_id, kind, sum(bit_count(bits))::int AS n
              FROM (SELECT village_id, kind, chunk, bit_or(bits) AS bits
                      FROM (SELECT village_id, kind, chunk, bits FROM impact_village_bits
                             WHERE ${villageScopeKey(q, scope)} AND ${inMonths(q, plan)} ${ids ? `AND village_id = ANY(${ids}::bigint[])` : ''}
                            UNION ALL
                            SELECT f.village_id, k.kind, ${chunkOf('k.id')}, bit_or(${bitOf('k.id')})
                              FROM impact_facts f ${VILLAGE_KINDS('f')}
                             WHERE k.keep AND ${factScope(q, scope)} AND ${inWindows(q, factWindows(plan, false))}
                                   ${ids ? `AND f.village_id = ANY(${ids}::bigint[])` : ''}
                             GROUP BY 1, 2, 3) u
                     GROUP BY 1, 2, 3) x
             GROUP BY 1, 2`;
  }

  private async villageReach(scope: ImpactScope, plan: RangePlan, villageIds: string[]): Promise<Map<string, { H: number; P: number }>> {
    const out = new Map<string, { H: number; P: number }>();
    if (villageIds.length === 0) return out;
    const q = new Sql();
    const rows: Array<{ village_id: string; kind: 'H' | 'P'; n: number }> = await this.reads.query(
      `SELECT village_id::text AS village_id, kind, n FROM (${this.villageReachSql(q, scope, plan, villageIds)}) r`,
      q.params,
    );
    for (const r of rows) {
      const entry = out.get(r.village_id) ?? { H: 0, P: 0 };
      entry[r.kind] = Number(r.n);
      out.set(r.village_id, entry);
    }
    return out;
  }

  private async villageCount(scope: ImpactScope, plan: RangePlan): Promise<number> {
    if (isEmpty(plan)) return 0;
    const q = new Sql();
    const [row] = await this.reads.query(
      `SELECT count(*)::int AS n FROM (
         SELECT village_id FROM impact_village_sums WHERE ${villageScopeKey(q, scope)} AND ${inMonths(q, plan)}
         UNION
         SELECT f.village_id FROM impact_facts f WHERE ${factScope(q, scope)} AND ${inWindows(q, factWindows(plan, false))}) v`,
      q.params,
    );
    return Number(row.n);
  }

  /**
   * One row per period (in the order of `keys`, the periods' first dates): supplier income and income
   * to the registered poor, villages reached in the period, and from the start of the range to its
   * end (a running OR of the village bitmaps, chunk by chunk).
   */
  private seriesSql(q: Sql, scope: ImpactScope, plan: RangePlan, interval: Interval, keys: string[]): string {
    const dailyBits = scope.stationId === null;
    return `WITH keys AS (SELECT pk, ord FROM unnest(${q.p(keys)}::date[]) WITH ORDINALITY AS k(pk, ord)),
       sums AS (
         SELECT pk, sum(net) AS net, sum(poor_net) AS poor_net
           FROM (SELECT ${periodKey('period', interval)} AS pk, net_fen AS net, poor_net_fen AS poor_net
                   FROM impact_scope_sums WHERE ${scopeKey(q, scope)} AND ${inPeriods(q, plan, true)}
                 UNION ALL
                 SELECT ${periodKey('f.day', interval)}, f.net_fen, CASE WHEN f.poor THEN f.net_fen ELSE 0 END
                   FROM impact_facts f WHERE ${factScope(q, scope)} AND ${inWindows(q, plan.windows)}) u
          GROUP BY pk),
       per AS (
         SELECT pk, chunk, bit_or(bits) AS bits
           FROM (SELECT ${periodKey('period', interval)} AS pk, chunk, bits
                   FROM impact_scope_bits WHERE ${scopeKey(q, scope)} AND kind = 'V' AND ${inPeriods(q, plan, dailyBits)}
                 UNION ALL
                 SELECT ${periodKey('day', interval)}, ${chunkOf('village_id')}, ${bitOf('village_id')}
                   FROM (SELECT DISTINCT f.day, f.village_id FROM impact_facts f
                          WHERE ${factScope(q, scope)} AND ${inWindows(q, factWindows(plan, dailyBits))}) d) u
          GROUP BY pk, chunk),
       grid AS (SELECT keys.ord, c.chunk, per.bits
                  FROM keys CROSS JOIN (SELECT DISTINCT chunk FROM per) c
                  LEFT JOIN per ON per.pk = keys.pk AND per.chunk = c.chunk),
       running AS (SELECT ord, bit_count(bits) AS n, bit_count(bit_or(bits) OVER (PARTITION BY chunk ORDER BY ord)) AS cn FROM grid),
       reach AS (SELECT ord, sum(n) AS villages, sum(cn) AS cumulative FROM running GROUP BY ord)
       SELECT COALESCE(sums.net, 0)::text AS net, COALESCE(sums.poor_net, 0)::text AS poor_net,
              COALESCE(reach.villages, 0)::int AS villages, COALESCE(reach.cumulative, 0)::int AS cumulative
         FROM keys LEFT JOIN sums ON sums.pk = keys.pk LEFT JOIN reach ON reach.ord = keys.ord
        ORDER BY keys.ord`;
  }
}

function isEmpty(plan: RangePlan): boolean {
  return plan.windows.length === 0 && plan.days.length === 0 && plan.weeks.length === 0 && plan.months === null;
}

/** The first date of the series period that date expression `day` lies in. */
function periodKey(day: string, interval: Interval): string {
  switch (interval) {
    case 'DAY':
      return day;
    case 'WEEK':
      return weekOf(day);
    case 'MONTH':
      return monthOf(day);
  }
}

function toVillageTotals(r: VillageSumsRow, reach: Map<string, { H: number; P: number }>): VillageTotals {
  const counts = reach.get(r.village_id);
  return {
    villageId: r.village_id,
    ordersCount: Number(r.orders),
    grossSalesFen: fen(r.gross),
    supplierIncomeFen: fen(r.net),
    incomeToRegisteredPoorFen: fen(r.poor_net),
    paidOutFen: fen(r.paid_net),
    povertyStrickenAtSale: Number(r.stricken) > 0,
    householdsReached: counts?.H ?? 0,
    registeredPoorHouseholdsReached: counts?.P ?? 0,
  };
}
