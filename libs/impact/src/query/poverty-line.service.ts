import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ImpactScope } from '../domain/impact-access';
import { incomeWindow, IncomeWindow } from '../domain/income-window';
import { safeFen as fen } from './report-sql';
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
 * county's line. Whole days come from impact_household_days, the two partial days from the facts, so
 * a county's year reads one row per household and day with sales.
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
    const params: unknown[] = [];
    const where = this.householdWhere(scope, params);
    const [row] = await withoutJit(this.dataSource, this.countSql(where, incomeWindow(asOf), params, scope.countyId), params);
    return { registeredPoor: Number(row.registered_poor), aboveLine: Number(row.above) };
  }

  /** The same per village, for the villages given (a page of a report). */
  async countByVillage(villageIds: string[], asOf: Date): Promise<Map<string, LineCount>> {
    if (villageIds.length === 0) return new Map();
    const params: unknown[] = [villageIds];
    const rows: Array<{ village_id: string; registered_poor: number; above: number }> = await withoutJit(
      this.dataSource,
      this.countSql(`h.village_id = ANY($1::bigint[])`, incomeWindow(asOf), params, null, 'h.village_id'),
      params,
    );
    return new Map(rows.map((r) => [String(r.village_id), { registeredPoor: Number(r.registered_poor), aboveLine: Number(r.above) }]));
  }

  /** One household's income against its county's line over the 365 days before `asOf`. */
  async household(householdId: string, asOf: Date): Promise<HouseholdIncome | null> {
    const w = incomeWindow(asOf);
    const [row] = await this.dataSource.query(
      `SELECT h.members, c.poverty_line_fen AS line,
              COALESCE((SELECT sum(b.net_fen) FROM impact_household_days b WHERE b.household_id = h.id AND b.day >= $2::date AND b.day < $3::date), 0)
            + COALESCE((SELECT sum(f.net_fen) FROM impact_facts f WHERE f.household_id = h.id
                          AND ((f.placed_at >= $4 AND f.placed_at < $5) OR (f.placed_at >= $6 AND f.placed_at < $7))), 0) AS net
         FROM households h JOIN counties c ON c.id = h.county_id WHERE h.id = $1`,
      [householdId, w.firstDay, w.endDay, w.head.from, w.head.to, w.tail.from, w.tail.to],
    );
    if (!row) return null;
    const net = fen(row.net);
    const line = fen(row.line);
    return { from: w.from, to: w.to, supplierNetFen: net, members: row.members, povertyLineFen: line, perMemberFen: Math.floor(net / row.members), reachesLine: net >= row.members * line };
  }

  private householdWhere(scope: ImpactScope, params: unknown[]): string {
    const where: string[] = [];
    if (scope.countyId !== null) {
      params.push(scope.countyId);
      where.push(`h.county_id = $${params.length}`);
    }
    if (scope.stationId !== null) {
      params.push(scope.stationId);
      where.push(`h.village_id IN (SELECT village_id FROM station_villages WHERE station_id = $${params.length})`);
    }
    return where.length ? where.join(' AND ') : 'true';
  }

  /**
   * Counts registered-poor households of `where` (over households h) and those at or above the line;
   * grouped by `groupBy` when given. The window's income is summed only for the households whose
   * lifetime net (impact_household_totals, kept by the deliveries) reaches their line: a handful of
   * index reads each, instead of a year of the county's household days.
   */
  private countSql(where: string, w: IncomeWindow, params: unknown[], countyId: string | null, groupBy?: string): string {
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const county = countyId !== null ? `county_id = ${p(countyId)} AND ` : '';
    const [firstDay, endDay, headFrom, headTo, tailFrom, tailTo] = [w.firstDay, w.endDay, w.head.from, w.head.to, w.tail.from, w.tail.to].map(p);
    return `WITH hh AS (
              SELECT h.id, h.village_id, h.members::bigint * c.poverty_line_fen AS needed
                FROM households h JOIN counties c ON c.id = h.county_id
               WHERE h.poverty_status = 'REGISTERED_POOR' AND ${where}
            ), cand AS MATERIALIZED (
              -- Only a household whose lifetime net reaches its line can reach it in the window (MATERIALIZED:
              -- the window's sums below are taken for these few, never for every household of the scope).
              SELECT h.id FROM hh h JOIN impact_household_totals t ON t.household_id = h.id
               WHERE ${county.replace('county_id', 't.county_id')}t.net_fen >= h.needed
            ), x AS (
              SELECT c.id AS household_id,
                     COALESCE((SELECT sum(b.net_fen) FROM impact_household_days b
                                WHERE b.household_id = c.id AND b.day >= ${firstDay}::date AND b.day < ${endDay}::date), 0)
                   + COALESCE((SELECT sum(f.net_fen) FROM impact_facts f WHERE f.household_id = c.id AND f.placed_at >= ${headFrom} AND f.placed_at < ${headTo}), 0)
                   + COALESCE((SELECT sum(f.net_fen) FROM impact_facts f WHERE f.household_id = c.id AND f.placed_at >= ${tailFrom} AND f.placed_at < ${tailTo}), 0) AS net
                FROM cand c
            )
            SELECT ${groupBy ? `${groupBy} AS village_id, ` : ''}count(*)::int AS registered_poor, count(*) FILTER (WHERE x.net >= h.needed)::int AS above
              FROM hh h LEFT JOIN x ON x.household_id = h.id
             ${groupBy ? `GROUP BY ${groupBy}` : ''}`;
  }
}
