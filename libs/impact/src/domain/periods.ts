// Report periods on the Asia/Shanghai calendar (DESIGN.md, "Poverty-impact attribution"). China has
// kept UTC+8 without DST since 1991, so plain arithmetic on a fixed offset is exact and avoids Intl.

export type Interval = 'DAY' | 'WEEK' | 'MONTH';

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const MAX_PERIODS = 5000;
// The largest |ms| a Date can hold (ECMA-262 time value range).
const MAX_TIME_MS = 8.64e15;

function msOf(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what} must be a valid Date`);
  return ms;
}

function toDate(ms: number): Date {
  // Periods at the very edge of the Date range would otherwise come back as Invalid Date.
  if (!(Math.abs(ms) <= MAX_TIME_MS)) throw new RangeError(`period boundary ${ms} is outside the Date range`);
  return new Date(ms);
}

// Days since 1970-01-01 of the Shanghai calendar day containing `ms`.
function shanghaiDayNumber(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

function dayNumberToInstant(day: number): number {
  return day * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

// Howard Hinnant's civil_from_days / days_from_civil (proleptic Gregorian), exact over the Date range.
function civilFromDays(days: number): { y: number; m: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m };
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

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
  const day = shanghaiDayNumber(msOf(instant, 'instant'));
  return toDate(dayNumberToInstant(startDayNumber(day, interval)));
}

/** The start of the period after the one containing `start` (normally `start` is itself a period start). */
export function nextPeriodStart(start: Date, interval: Interval): Date {
  const day = startDayNumber(shanghaiDayNumber(msOf(start, 'start')), interval);
  return toDate(dayNumberToInstant(nextStartDayNumber(day, interval)));
}

/** Every period start from periodStart(from) while it is before `to`, empty periods included; [] when from >= to, RangeError past 5000 periods. */
export function periodStarts(from: Date, to: Date, interval: Interval): Date[] {
  const fromMs = msOf(from, 'from');
  const toMs = msOf(to, 'to');
  let day = startDayNumber(shanghaiDayNumber(fromMs), interval);
  // An empty range has no periods, though the period containing `from` may begin before `to`.
  if (fromMs >= toMs) return [];
  const out: Date[] = [];
  // Guarded inside the loop so that a huge range fails after at most MAX_PERIODS + 1 steps.
  while (dayNumberToInstant(day) < toMs) {
    if (out.length === MAX_PERIODS) {
      throw new RangeError(`more than ${MAX_PERIODS} ${interval} periods between ${from.toISOString()} and ${to.toISOString()}`);
    }
    out.push(toDate(dayNumberToInstant(day)));
    day = nextStartDayNumber(day, interval);
  }
  return out;
}

/** The instant at which the Shanghai calendar day containing `instant` begins (16:00Z the day before). */
export function shanghaiDayStart(instant: Date): Date {
  return toDate(dayNumberToInstant(shanghaiDayNumber(msOf(instant, 'instant'))));
}

/** True when `instant` is exactly 00:00:00.000 in Shanghai. */
export function isShanghaiMidnight(instant: Date): boolean {
  const ms = msOf(instant, 'instant');
  return (((ms + SHANGHAI_OFFSET_MS) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY === 0;
}
