/** Month arithmetic for the two-way report, on 'YYYY-MM' strings (Asia/Shanghai months). Pure. */
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const MAX_MONTHS = 120;

/** 'YYYY-MM' plus n months. */
export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included (empty when to < from). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= MAX_MONTHS; m = addMonths(m, 1)) out.push(m);
  return out;
}
