// How a report range [from, to) is read (docs/design.md, "Attribution"): whole Asia/Shanghai
// months from the monthly rollups, whole weeks (Monday to Sunday) inside what is left from the weekly
// ones, the remaining whole days from the daily ones, and the partial days at either end from the facts
// themselves. The pieces are disjoint and cover the range exactly.
import { civilDay, civilDayStart, isCivilMidnight } from '@app/kernel';
import { nextPeriodStart, periodStart } from './periods';

/** A Shanghai calendar date 'YYYY-MM-DD', or '-infinity' / 'infinity' for an open end (PostgreSQL's spelling). */
export type DateKey = string;

export interface InstantWindow {
  from: Date;
  to: Date;
}

export interface DateRange {
  from: DateKey;
  to: DateKey;
}

export interface RangePlan {
  /** Parts of single days, read from the facts by placement instant. */
  windows: InstantWindow[];
  /** Whole days [from, to), always bounded. */
  days: DateRange[];
  /** Whole weeks [from, to) by their Mondays, always bounded. */
  weeks: DateRange[];
  /** Whole months [from, to) by their first days, possibly open-ended; null when none. */
  months: DateRange | null;
}

export interface PlanOptions {
  /** Read whole months from the monthly rollups (a summary, a monthly series). */
  months: boolean;
  /** Read whole weeks from the weekly rollups (anything but a daily series). */
  weeks: boolean;
}

/** The instant at which a Shanghai date begins. */
export function instantOf(key: DateKey): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) throw new RangeError(`${key} is not a bounded date`);
  return new Date(`${key}T00:00:00.000+08:00`);
}

/** The first start of an `interval` period at or after the midnight `day`. */
function ceilTo(day: Date, interval: 'WEEK' | 'MONTH'): Date {
  return periodStart(day, interval).getTime() === day.getTime() ? day : nextPeriodStart(day, interval);
}

/**
 * Splits [from, to) (null: open) into windows, days, weeks and months. Without months, both ends
 * must be given (a series always has them).
 */
export function planRange(from: Date | null, to: Date | null, options: PlanOptions = { months: true, weeks: true }): RangePlan {
  if (!options.months && (from === null || to === null)) throw new RangeError('a plan without months needs both ends');
  const plan: RangePlan = { windows: [], days: [], weeks: [], months: null };
  if (from !== null && to !== null && from.getTime() >= to.getTime()) return plan;

  // The first midnight at or after `from`, and the last at or before `to`.
  const firstMidnight = from === null ? null : isCivilMidnight(from) ? from : nextPeriodStart(civilDayStart(from), 'DAY');
  const lastMidnight = to === null ? null : civilDayStart(to);
  if (firstMidnight !== null && lastMidnight !== null && firstMidnight.getTime() > lastMidnight.getTime()) {
    // No midnight inside: the range is part of a single day.
    plan.windows.push({ from: from!, to: to! });
    return plan;
  }
  if (from !== null && from.getTime() < firstMidnight!.getTime()) plan.windows.push({ from, to: firstMidnight! });
  if (to !== null && lastMidnight!.getTime() < to.getTime()) plan.windows.push({ from: lastMidnight!, to });

  // Whole days [firstMidnight, lastMidnight): months inside them, then weeks and days in each gap.
  const gaps: Array<[Date, Date]> = [];
  if (options.months) {
    const monthFrom = firstMidnight === null ? null : ceilTo(firstMidnight, 'MONTH');
    const monthTo = lastMidnight === null ? null : periodStart(lastMidnight, 'MONTH');
    if (monthFrom === null || monthTo === null || monthFrom.getTime() < monthTo.getTime()) {
      plan.months = { from: monthFrom === null ? '-infinity' : civilDay(monthFrom), to: monthTo === null ? 'infinity' : civilDay(monthTo) };
      if (monthFrom !== null) gaps.push([firstMidnight!, monthFrom]);
      if (monthTo !== null) gaps.push([monthTo, lastMidnight!]);
    } else if (monthFrom.getTime() === monthTo.getTime()) {
      // No whole month, but a month boundary: split there, so that no week straddles two months
      // (a monthly series keys each weekly row by the month it starts in).
      gaps.push([firstMidnight!, monthFrom], [monthFrom, lastMidnight!]);
    } else {
      gaps.push([firstMidnight!, lastMidnight!]);
    }
  } else {
    gaps.push([firstMidnight!, lastMidnight!]);
  }
  for (const [a, b] of gaps) {
    if (a.getTime() >= b.getTime()) continue;
    // The first Monday at or after the gap's start, and the last at or before its end.
    const weekFrom = ceilTo(a, 'WEEK');
    const weekTo = periodStart(b, 'WEEK');
    if (options.weeks && weekFrom.getTime() < weekTo.getTime()) {
      if (a.getTime() < weekFrom.getTime()) plan.days.push({ from: civilDay(a), to: civilDay(weekFrom) });
      plan.weeks.push({ from: civilDay(weekFrom), to: civilDay(weekTo) });
      if (weekTo.getTime() < b.getTime()) plan.days.push({ from: civilDay(weekTo), to: civilDay(b) });
    } else {
      plan.days.push({ from: civilDay(a), to: civilDay(b) });
    }
  }
  // In date order, adjacent runs of days joined (they may meet at a month boundary).
  plan.days.sort((x, y) => (x.from < y.from ? -1 : 1));
  plan.days = plan.days.reduce<DateRange[]>((out, d) => {
    const last = out[out.length - 1];
    if (last && last.to === d.from) last.to = d.to;
    else out.push({ ...d });
    return out;
  }, []);
  return plan;
}

/** The whole days and weeks of a plan as instant windows (for scopes that keep no daily or weekly rollup). */
export function daysAsWindows(plan: Pick<RangePlan, 'days' | 'weeks'>): InstantWindow[] {
  return [...plan.days, ...plan.weeks].map((d) => ({ from: instantOf(d.from), to: instantOf(d.to) }));
}
