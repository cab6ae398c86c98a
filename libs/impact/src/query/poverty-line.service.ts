import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ImpactScope } from '../domain/impact-access';
import { incomeWindow, IncomeWindow } from '../domain/income-window';
import { householdLineSql, povertyLineSql, registeredPoorCountSql, registeredPoorMembersSql, registeredPoorNeedsSql } from '@app/registry';
import { stationServesVillageSql } from '@app/stations';
import { safeFen as fen, Sql } from './report-sql';
import { withoutJit } from './without-jit';

/** Registered-poor households in a scope, and how many of them earn their way out. */
export interface LineCount {
  registeredPoor: number;
  aboveLine: number;
}

export interface HouseholdIncome {
  from: Date;
  to: Date;
  supplierNetFen: number;
  members: number;
  povertyLineFen: number;
  /** supplierNetFen / members, rounded down. */
  perMemberFen: number;
  reachesLine: boolean;
}

/**
 * Income against the poverty line (docs/design.md, "Training and exits"): a household's supplier net of the
 * counted allocations (DELIVERED) placed in the 365 days before an instant, against members x its
 * county's line. The whole days of the window are two running totals of impact_household_days (the one
 * before its end minus the one before its start), the two partial days at its ends come from the facts.
 * The county's line and the households' members and status are read as they stand (the registry's SQL),
 * so a new line or status counts at once.
 */
@Injectable()
export class PovertyLineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The households REGISTERED_POOR now in scope (the county's; with a station, those of the villages
   * it serves), and how many of them reached the line in the 365 days before `asOf` with their whole
   * marketplace income (from any station).
   */
  async count(scope: ImpactScope, asOf: Date): Promise<LineCount> {
    const q = new Sql();
    const sql =
      scope.stationId === null
        ? this.countFromTotals(q, scope.countyId === null ? null : q.p(scope.countyId), incomeWindow(asOf))
        : this.countFromHouseholds(q, scope.countyId === null ? null : q.p(scope.countyId), stationVillages(q.p(scope.stationId)), incomeWindow(asOf));
    const [row] = await withoutJit(this.dataSource, sql, q.params);
    return { registeredPoor: Number(row.registered_poor), aboveLine: Number(row.above) };
  }

  /** The same per village, for the villages given (a page of a report). */
  async countByVillage(villageIds: string[], asOf: Date): Promise<Map<string, LineCount>> {
    if (villageIds.length === 0) return new Map();
    const q = new Sql();
    const ids = q.p(villageIds);
    const rows: Array<{ village_id: string; registered_poor: number; above: number }> = await withoutJit(
      this.dataSource,
      this.countFromHouseholds(q, null, (village) => `${village} = ANY(${ids}::bigint[])`, incomeWindow(asOf), true),
      q.params,
    );
    return new Map(rows.map((r) => [String(r.village_id), { registeredPoor: Number(r.registered_poor), aboveLine: Number(r.above) }]));
  }

  /** One household's income against its county's line over the 365 days before `asOf`. */
  async household(householdId: string, asOf: Date): Promise<HouseholdIncome | null> {
    const w = incomeWindow(asOf);
    const q = new Sql();
    const id = q.p(householdId);
    const [row] = await this.dataSource.query(`SELECT l.members, l.line, ${this.windowNet(q, id, w)} AS net FROM ${householdLineSql(id)} l`, q.params);
    if (!row) return null;
    const net = fen(row.net);
    const line = fen(row.line);
    return { from: w.from, to: w.to, supplierNetFen: net, members: row.members, povertyLineFen: line, perMemberFen: Math.floor(net / row.members), reachesLine: net >= row.members * line };
  }

  /**
   * The household's (an SQL expression) net over the window: the running total at its last day with
   * sales before the window's end, less the one before its start, plus the partial days from the facts.
   */
  private windowNet(q: Sql, household: string, w: IncomeWindow): string {
    const runningBefore = (day: string) =>
      `COALESCE((SELECT b.cum_net_fen FROM impact_household_days b WHERE b.household_id = ${household} AND b.day < ${day}::date ORDER BY b.day DESC LIMIT 1), 0)`;
    const facts = (from: Date, to: Date) =>
      `COALESCE((SELECT sum(f.net_fen) FROM impact_facts f WHERE f.household_id = ${household} AND f.placed_at >= ${q.p(from)} AND f.placed_at < ${q.p(to)}), 0)`;
    return `(${runningBefore(q.p(w.endDay))} - ${runningBefore(q.p(w.firstDay))} + ${facts(w.head.from, w.head.to)} + ${facts(w.tail.from, w.tail.to)})`;
  }

  /**
   * A county's (or, with null, every county's) count, from the households with sales: only one whose
   * lifetime net (impact_household_totals, kept by the deliveries) reaches its line can reach it in the
   * window, and that needs at least the county's line (members >= 1), so the totals' index yields the
   * few candidates (a household's totals are kept under its own county); the registered poor are
   * counted from the registry's index.
   */
  private countFromTotals(q: Sql, county: string | null, w: IncomeWindow): string {
    return `WITH cand AS MATERIALIZED (
              SELECT t.household_id AS id, t.net_fen, ${registeredPoorMembersSql('t.household_id')}::bigint * ${povertyLineSql(county ?? 't.county_id')} AS needed
                FROM impact_household_totals t
               WHERE ${county === null ? '' : `t.county_id = ${county} AND `}t.net_fen >= ${povertyLineSql(county)}
            ), live AS MATERIALIZED (
              SELECT id, needed FROM cand WHERE net_fen >= needed
            )
            SELECT ${registeredPoorCountSql(county)}::int AS registered_poor,
                   (SELECT count(*) FROM live WHERE ${this.windowNet(q, 'live.id', w)} >= live.needed)::int AS above`;
  }

  /**
   * The count over the registered-poor households of the villages matching `villageMatches` (and of
   * the county when given), or per village with `byVillage`; the window is summed only for those whose
   * lifetime net reaches their line.
   */
  private countFromHouseholds(q: Sql, county: string | null, villageMatches: (village: string) => string, w: IncomeWindow, byVillage = false): string {
    return `WITH x AS (
              SELECT h.village_id,
                     CASE WHEN t.net_fen >= h.needed THEN ${this.windowNet(q, 'h.id', w)} >= h.needed ELSE false END AS above
                FROM ${registeredPoorNeedsSql(county, villageMatches)} h
                LEFT JOIN impact_household_totals t ON t.household_id = h.id
            )
            SELECT ${byVillage ? 'x.village_id, ' : ''}count(*)::int AS registered_poor, count(*) FILTER (WHERE x.above)::int AS above
              FROM x ${byVillage ? 'GROUP BY x.village_id' : ''}`;
  }
}

/** The villages the station (an SQL expression) serves, as a predicate over a village id. */
const stationVillages = (station: string) => (village: string) => stationServesVillageSql(station, village);
