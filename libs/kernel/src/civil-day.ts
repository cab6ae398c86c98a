/**
 * The one civil calendar of the marketplace: Asia/Shanghai (UTC+8; China has kept it without daylight
 * saving since 1991, so plain arithmetic on a fixed offset is exact and needs no Intl). Station
 * capacity, recent income, reports, settlement months and loan due dates all count these days.
 */

/** A civil date 'YYYY-MM-DD' (a month: 'YYYY-MM'). */
export type CivilDate = string;

export const MS_PER_DAY = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
// The largest |ms| a Date can hold (ECMA-262 time value range).
const MAX_TIME_MS = 8.64e15;

function msOf(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what} must be a valid Date`);
  return ms;
}

/** Days since 1970-01-01 of the Shanghai calendar day containing the instant. */
export function civilDayNumber(instant: Date): number {
  return Math.floor((msOf(instant, 'instant') + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** The instant at which Shanghai day number `day` begins (16:00Z the day before); RangeError outside the Date range. */
export function civilDayNumberStart(day: number): Date {
  const ms = day * MS_PER_DAY - SHANGHAI_OFFSET_MS;
  if (!(Math.abs(ms) <= MAX_TIME_MS)) throw new RangeError(`day boundary ${ms} is outside the Date range`);
  return new Date(ms);
}

// Howard Hinnant's civil_from_days / days_from_civil (proleptic Gregorian), exact over the Date range.
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function formatYear(y: number): string {
  // Same convention as Date#toISOString: four digits inside 0000..9999, signed six digits outside.
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
}

/** The Asia/Shanghai calendar day of an instant as 'YYYY-MM-DD'; RangeError on an invalid Date. */
export function civilDay(instant: Date): CivilDate {
  const { y, m, d } = civilFromDays(civilDayNumber(instant));
  return `${formatYear(y)}-${pad2(m)}-${pad2(d)}`;
}

/** The Asia/Shanghai month of an instant as 'YYYY-MM'. */
export function civilMonth(instant: Date): CivilDate {
  return civilDay(instant).slice(0, -3);
}

/** The instant at which the Shanghai calendar day containing `instant` begins (16:00Z the day before). */
export function civilDayStart(instant: Date): Date {
  return civilDayNumberStart(civilDayNumber(instant));
}

/** True when `instant` is exactly 00:00:00.000 in Shanghai. */
export function isCivilMidnight(instant: Date): boolean {
  const ms = msOf(instant, 'instant');
  return (((ms + SHANGHAI_OFFSET_MS) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY === 0;
}

/** Whole days from civil date `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/** The civil date `days` days after `date` (before, when negative). */
export function addDays(date: CivilDate, days: number): CivilDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
