// The window of "income against the poverty line" (docs/design.md, "Training and exits"): the 365 days before
// an instant, read as whole Asia/Shanghai days from the per-household daily rollup and the two partial
// days at its ends from the facts. Shanghai keeps UTC+8 all year.
import { civilDay, MS_PER_DAY as DAY, SHANGHAI_OFFSET_MS as OFFSET } from '@app/kernel';


export const INCOME_WINDOW_DAYS = 365;

export interface IncomeWindow {
  /** [from, to): the 365 days ending at the instant. */
  from: Date;
  to: Date;
  /** Whole Shanghai days [firstDay, endDay) as 'YYYY-MM-DD'. */
  firstDay: string;
  endDay: string;
  /** The partial days, as instant windows (either may be empty). */
  head: { from: Date; to: Date };
  tail: { from: Date; to: Date };
}

const dayStart = (t: number) => Math.floor((t + OFFSET) / DAY) * DAY - OFFSET;
const key = (t: number) => civilDay(new Date(t));

export function incomeWindow(to: Date): IncomeWindow {
  const hi = to.getTime();
  const lo = hi - INCOME_WINDOW_DAYS * DAY;
  // The first whole day starts at the first Shanghai midnight at or after lo; the last ends at the one at or before hi.
  const first = dayStart(lo) === lo ? lo : dayStart(lo) + DAY;
  const end = dayStart(hi);
  return {
    from: new Date(lo),
    to: new Date(hi),
    firstDay: key(first),
    endDay: key(end),
    head: { from: new Date(lo), to: new Date(first) },
    tail: { from: new Date(end), to: new Date(hi) },
  };
}

/** A household's income reaches the line when its net over the window is at least members x line. */
export function reachesLine(netFen: number, members: number, lineFen: number): boolean {
  return netFen >= members * lineFen;
}
