import { CreditGrade } from './credit-score';

/** A county's credit policy: the credit line per grade, the annual rate, the subsidised and covered shares. */
export interface CreditPolicy {
  linesFen: Record<CreditGrade, number>;
  /** Annual interest rate in basis points (4.35% = 435). */
  annualRateBps: number;
  /** Share of the interest the county pays for registered-poor borrowers, in basis points. */
  subsidyShareBps: number;
  /** Share of a defaulted loan's outstanding principal the risk fund pays, in basis points. */
  fundCoverageBps: number;
}

/** The defaults (docs/design.md, "Finance"): lines AAA 50,000 / AA 30,000 / A 20,000 / B 10,000 / C 0 yuan; 4.35%; 100% subsidy; 70% coverage. */
export const DEFAULT_CREDIT_POLICY: CreditPolicy = {
  linesFen: { AAA: 5_000_000, AA: 3_000_000, A: 2_000_000, B: 1_000_000, C: 0 },
  annualRateBps: 435,
  subsidyShareBps: 10_000,
  fundCoverageBps: 7_000,
};

/** An assessment is valid for 365 days. */
export const ASSESSMENT_VALID_DAYS = 365;
