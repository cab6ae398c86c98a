import { compareIds } from '@app/kernel';

/** What is still owed on one instalment by the household (its share of the interest, and principal). */
export interface OwedInstalment {
  loanId: string;
  seq: number;
  /** Civil due date 'YYYY-MM-DD'. */
  dueOn: string;
  interestOwedFen: number;
  principalOwedFen: number;
}

/** One application of money to one instalment. */
export interface AppliedRepayment {
  loanId: string;
  seq: number;
  interestFen: number;
  principalFen: number;
}

/** Oldest instalment first (due date, then loan id as a number, then sequence). */
export function repaymentOrder(a: OwedInstalment, b: OwedInstalment): number {
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  return compareIds(a.loanId, b.loanId) || a.seq - b.seq;
}

/**
 * Applies up to `availableFen` to the instalments, oldest first, and within one its interest share
 * before its principal, for withholding and cash repayments alike (docs/design.md, "Finance"). Returns the applications
 * (instalments that receive nothing are left out) and what was used; never more than is available or
 * owed.
 */
export function applyRepayment(instalments: OwedInstalment[], availableFen: number): { applied: AppliedRepayment[]; usedFen: number } {
  let left = Math.max(0, availableFen);
  const applied: AppliedRepayment[] = [];
  for (const i of [...instalments].sort(repaymentOrder)) {
    if (left === 0) break;
    const interestFen = Math.min(left, Math.max(0, i.interestOwedFen));
    left -= interestFen;
    const principalFen = Math.min(left, Math.max(0, i.principalOwedFen));
    left -= principalFen;
    if (interestFen + principalFen > 0) applied.push({ loanId: i.loanId, seq: i.seq, interestFen, principalFen });
  }
  return { applied, usedFen: Math.max(0, availableFen) - left };
}

/** A loan's state from its schedule: CLOSED when all is repaid, DEFAULTED at 90 days late, OVERDUE past 30. */
export function repaidStatus(unpaidDueDates: string[], today: string, daysLate: (dueOn: string, today: string) => number): 'CLOSED' | 'DISBURSED' | 'OVERDUE' | 'DEFAULTED' {
  if (unpaidDueDates.length === 0) return 'CLOSED';
  const worst = Math.max(...unpaidDueDates.map((d) => daysLate(d, today)));
  if (worst >= 90) return 'DEFAULTED';
  if (worst > 30) return 'OVERDUE';
  return 'DISBURSED';
}

/**
 * On default the risk fund pays its coverage share of the outstanding principal (floored), never more
 * than it holds; the lender loses the rest.
 */
export function defaultSplit(outstandingFen: number, coverageBps: number, fundBalanceFen: number): { coveredFen: number; lossFen: number } {
  const share = Number((BigInt(outstandingFen) * BigInt(coverageBps)) / 10_000n);
  const coveredFen = Math.max(0, Math.min(share, fundBalanceFen));
  return { coveredFen, lossFen: outstandingFen - coveredFen };
}
