// Builds the WHERE clauses with which the reports read a range plan (domain/range-plan.ts) from the
// rollups and the facts, for one scope. Values always travel as parameters.
import { daysAsWindows, InstantWindow, RangePlan } from '../domain/range-plan';
import { ImpactScope } from '../domain/impact-access';
import { FenAmount, fenSum } from '@app/platform';

/** A statement under construction: `p(value)` adds a parameter and returns its placeholder. */
export class Sql {
  readonly params: unknown[] = [];

  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/** The scope's facts (alias `f`). */
export function factScope(q: Sql, scope: ImpactScope): string {
  const where: string[] = [];
  if (scope.countyId !== null) where.push(`f.county_id = ${q.p(scope.countyId)}`);
  if (scope.stationId !== null) where.push(`f.station_id = ${q.p(scope.stationId)}`);
  return where.length ? where.join(' AND ') : 'true';
}

/** Facts placed inside any of the windows (alias `f`); false when there are none. */
export function inWindows(q: Sql, windows: InstantWindow[]): string {
  if (windows.length === 0) return 'false';
  return '(' + windows.map((w) => `(f.placed_at >= ${q.p(w.from)} AND f.placed_at < ${q.p(w.to)})`).join(' OR ') + ')';
}

/** The scope's own rows of impact_scope_sums / impact_scope_bits (0 standing for "all"). */
export function scopeKey(q: Sql, scope: ImpactScope): string {
  return `county_id = ${q.p(scope.countyId ?? '0')} AND station_id = ${q.p(scope.stationId ?? '0')}`;
}

/** The scope's rows of impact_village_sums / impact_village_bits (the county's villages, or all). */
export function villageScopeKey(q: Sql, scope: ImpactScope): string {
  const station = `station_id = ${q.p(scope.stationId ?? '0')}`;
  return scope.countyId === null ? station : `county_id = ${q.p(scope.countyId)} AND ${station}`;
}

/** Rows of a scope table (grain, period) in the plan's months and, with `daily`, its weeks and days; false when none. */
export function inPeriods(q: Sql, plan: RangePlan, daily: boolean): string {
  const parts: string[] = [];
  const range = (grain: string, r: { from: string; to: string }) => parts.push(`(grain = '${grain}' AND period >= ${q.p(r.from)} AND period < ${q.p(r.to)})`);
  if (plan.months) range('M', plan.months);
  if (daily) {
    for (const w of plan.weeks) range('W', w);
    for (const d of plan.days) range('D', d);
  }
  return parts.length ? '(' + parts.join(' OR ') + ')' : 'false';
}

/** Rows of a village table (month) in the plan's months; false when none. */
export function inMonths(q: Sql, plan: RangePlan): string {
  return plan.months ? `month >= ${q.p(plan.months.from)} AND month < ${q.p(plan.months.to)}` : 'false';
}

/** The windows to read from the facts: the partial days, and the whole days and weeks when the rollup in use keeps none. */
export function factWindows(plan: RangePlan, dailyRollup: boolean): InstantWindow[] {
  return dailyRollup ? plan.windows : [...plan.windows, ...daysAsWindows(plan)];
}

/** A bigint sum as it comes from PostgreSQL (text), exactly: a number while safe, a bigint beyond 2^53. */
export function fen(value: string | number | null | undefined): FenAmount {
  return fenSum(value);
}

/** One household's or county's amount (far below 2^53) as a number, for arithmetic; RangeError beyond. */
export function safeFen(value: string | number | null | undefined): number {
  const n = fenSum(value);
  if (typeof n === 'bigint') throw new RangeError(`fen amount ${value} is beyond a safe integer`);
  return n;
}
