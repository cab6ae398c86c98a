// Report periods on the Asia/Shanghai calendar (docs/design.md, "Attribution"). China has
// kept UTC+8 without DST since 1991: the kernel's civil day arithmetic is exact.
import { civilDayNumber, civilDayNumberStart, civilFromDays, daysFromCivil, MS_PER_DAY, SHANGHAI_OFFSET_MS } from '@app/kernel';

export type Interval = 'DAY' | 'WEEK' | 'MONTH';

const MAX_PERIODS = 5000;
const msOf = (instant: Date, what: string) => {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError(`${what} must be a valid Date`);
  return instant.getTime();
};
// Plain arithmetic: the loop's test may look one period past the Date range without failing.
const dayMs = (day: number) => day * MS_PER_DAY - SHANGHAI_OFFSET_MS;

function startDayNumber(day: number, interval: Interval): number {
  switch (interval) {
    case 'DAY':
      return day;
    case 'WEEK': {
      // Day 0 (1970-01-01) was a Thursday, three days after a Monday.
      const sinceMonday = (((day + 3) % 7) + 7) % 7;
      return day - sinceMonday;
    }
    case 'MONTH': {
      const { y, m } = civilFromDays(day);
      return daysFromCivil(y, m, 1);
    }
    default:
      throw new RangeError(`unknown interval ${String(interval)}`);
  }
}

function nextStartDayNumber(startDay: number, interval: Interval): number {
  switch (interval) {
    case 'DAY':
      return startDay + 1;
    case 'WEEK':
      return startDay + 7;
    case 'MONTH': {
      const { y, m } = civilFromDays(startDay);
      return m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
    }
    default:
      throw new RangeError(`unknown interval ${String(interval)}`);
  }
}

/** The instant at which the Shanghai day, Monday-based week or month containing `instant` begins. */
export function periodStart(instant: Date, interval: Interval): Date {
  return civilDayNumberStart(startDayNumber(civilDayNumber(instant), interval));
}

/** The start of the period after the one containing `start` (normally `start` is itself a period start). */
export function nextPeriodStart(start: Date, interval: Interval): Date {
  msOf(start, 'start');
  return civilDayNumberStart(nextStartDayNumber(startDayNumber(civilDayNumber(start), interval), interval));
}

/** Every period start from periodStart(from) while it is before `to`, empty periods included; [] when from >= to, RangeError past 5000 periods. */
export function periodStarts(from: Date, to: Date, interval: Interval): Date[] {
  const fromMs = msOf(from, 'from');
  const toMs = msOf(to, 'to');
  let day = startDayNumber(civilDayNumber(from), interval);
  // An empty range has no periods, though the period containing `from` may begin before `to`.
  if (fromMs >= toMs) return [];
  const out: Date[] = [];
  // Guarded inside the loop so that a huge range fails after at most MAX_PERIODS + 1 steps.
  while (dayMs(day) < toMs) {
    if (out.length === MAX_PERIODS) {
      throw new RangeError(`more than ${MAX_PERIODS} ${interval} periods between ${from.toISOString()} and ${to.toISOString()}`);
    }
    out.push(civilDayNumberStart(day));
    day = nextStartDayNumber(day, interval);
  }
  return out;
}
