import { CivilDate } from '@app/kernel';

/** One instalment of a loan's schedule (amounts in fen). */
export interface ScheduledInstalment {
  /** 1-based. */
  seq: number;
  principalFen: number;
  /** Interest on the principal outstanding during the month, at the annual rate / 12, floored to the fen. */
  interestFen: number;
  /** The county's share of the interest (floored); the household owes interestFen - subsidyFen. */
  subsidyFen: number;
}

/**
 * A loan's schedule (docs/design.md, "Finance"): equal principal each month (the fen left over by the division on the last
 * instalment), interest on the outstanding principal for the month at annualRateBps / 12, floored to
 * the fen, of which the county pays subsidyShareBps (floored), the household the rest.
 */
export function loanSchedule(amountFen: number, termMonths: number, annualRateBps: number, subsidyShareBps: number): ScheduledInstalment[] {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError('amount must be a positive whole number of fen');
  if (!Number.isInteger(termMonths) || termMonths < 1) throw new RangeError('term must be at least one month');
  const base = Math.floor(amountFen / termMonths);
  const instalments: ScheduledInstalment[] = [];
  let outstanding = amountFen;
  for (let seq = 1; seq <= termMonths; seq++) {
    const principalFen = seq === termMonths ? outstanding : base;
    // outstanding <= 9e13 fen keeps outstanding * bps within a safe integer; bigint makes it exact anyway.
    const interestFen = Number((BigInt(outstanding) * BigInt(annualRateBps)) / 120_000n);
    const subsidyFen = Number((BigInt(interestFen) * BigInt(subsidyShareBps)) / 10_000n);
    instalments.push({ seq, principalFen, interestFen, subsidyFen });
    outstanding -= principalFen;
  }
  return instalments;
}

/**
 * The date `months` months after `date`, on the same day of the month, or the month's last day when it
 * has fewer days (31 January + 1 month = 28/29 February).
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12; // 0-based
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
