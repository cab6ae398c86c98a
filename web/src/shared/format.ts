// Display helpers. Money arrives as integer fen and is shown in yuan without floating point; dates
// are shown and entered as Asia/Shanghai calendar days, as the reports count them.

const TZ = 'Asia/Shanghai';

const integer = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return integer.format(n);
}

/** 123456 -> "¥1,234.56" (exact: integer arithmetic on fen). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${integer.format(yuan)}.${cents}`;
}

/** A short money figure for chart axes: "¥1.2k", "¥35". */
export function formatYuanShort(yuan: number): string {
  if (Math.abs(yuan) >= 10_000) return `¥${(yuan / 1000).toFixed(0)}k`;
  if (Math.abs(yuan) >= 1000) return `¥${(yuan / 1000).toFixed(1)}k`;
  return `¥${Math.round(yuan)}`;
}

const dayParts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(instant: Date = new Date()): string {
  return dayParts.format(instant);
}

/** Midnight starting a YYYY-MM-DD day in Asia/Shanghai, as an ISO 8601 instant. */
export function dayStart(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** YYYY-MM-DD plus n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first day of the month `back` months before the month of `day`. */
export function monthStart(day: string, back = 0): string {
  const [y, m] = day.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return d.toISOString().slice(0, 10);
}

const monthFormat = new Intl.DateTimeFormat('en-US', { timeZone: TZ, year: 'numeric', month: 'short' });

/** "Mar 2026" for an instant in that Asia/Shanghai month. */
export function monthLabel(iso: string): string {
  return monthFormat.format(new Date(iso));
}

const stampFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** "3 Mar, 14:05" in Asia/Shanghai. */
export function stampLabel(iso: string): string {
  return stampFormat.format(new Date(iso));
}

/** "1 order", "3 orders". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
