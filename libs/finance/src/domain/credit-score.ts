/** The five credit grades, best first. */
export enum CreditGrade {
  AAA = 'AAA',
  AA = 'AA',
  A = 'A',
  B = 'B',
  C = 'C',
}

/** What the score is computed from: the assessment's answers, the household's sales and its loan history. */
export interface ScoreInput {
  /** Supplier net (fen) of the household's DELIVERED allocations of orders placed in the last 365 days. */
  salesNetFen: number;
  /** Working-age labourers. */
  labourers: number;
  /** Contracted land, in mu (fractions allowed; only whole mu count). */
  landMu: number;
  /** Other debts, in fen. */
  otherDebtsFen: number;
  history: RepaymentHistory;
}

export interface RepaymentHistory {
  /** Any loan of the household ever DEFAULTED. */
  everDefaulted: boolean;
  /** The household has had a loan disbursed (any state from DISBURSED on). */
  everBorrowed: boolean;
  /** At least one of its loans is CLOSED (repaid). */
  repaidALoan: boolean;
  /** Instalments due in the last 24 months that were (or still are, unpaid) more than 30 days late. */
  lateInstalments24m: number;
}

export type ScorePart = 'SALES' | 'LABOUR' | 'LAND' | 'REPAYMENT' | 'OTHER_DEBTS';

/** One part of the score, with the reason shown to the assessor. */
export interface ScoreReason {
  part: ScorePart;
  points: number;
  detail: string;
}

export interface CreditScore {
  score: number;
  grade: CreditGrade;
  reasons: ScoreReason[];
}

const YUAN = 100;

/** The grade of a score: AAA >= 80, AA >= 65, A >= 50, B >= 35, else C. */
export function gradeOf(score: number): CreditGrade {
  if (score >= 80) return CreditGrade.AAA;
  if (score >= 65) return CreditGrade.AA;
  if (score >= 50) return CreditGrade.A;
  if (score >= 35) return CreditGrade.B;
  return CreditGrade.C;
}

/** Grades from best to worst; a grade "A or better" has a rank of at most rank(A). */
const RANK: Record<CreditGrade, number> = { AAA: 0, AA: 1, A: 2, B: 3, C: 4 };
export const atLeast = (grade: CreditGrade, floor: CreditGrade) => RANK[grade] <= RANK[floor];

function repaymentPart(h: RepaymentHistory): ScoreReason {
  if (h.everDefaulted) return { part: 'REPAYMENT', points: -60, detail: 'a loan of the household defaulted' };
  if (!h.everBorrowed) return { part: 'REPAYMENT', points: 15, detail: 'never borrowed' };
  if (h.repaidALoan && h.lateInstalments24m === 0) {
    return { part: 'REPAYMENT', points: 30, detail: 'repaid a loan, no instalment more than 30 days late in the last 24 months' };
  }
  const points = 30 - 10 * h.lateInstalments24m;
  return { part: 'REPAYMENT', points, detail: `${h.lateInstalments24m} instalment(s) more than 30 days late in the last 24 months` };
}

/**
 * The credit score (docs/design.md, "Finance"), each part returned as a reason, clamped to
 * 0-100, with its grade:
 * sales 1 point per whole 250 yuan (at most 40); labour 10 per labourer (at most 20); land 1 per whole
 * mu (at most 10); repayment 30 / 15 / 30 - 10 per late instalment / -60 after a default; other debts
 * minus 1 per whole 1,000 yuan (at most minus 20).
 */
export function creditScore(input: ScoreInput): CreditScore {
  const sales = Math.min(40, Math.floor(Math.max(0, input.salesNetFen) / (250 * YUAN)));
  const labour = Math.min(20, 10 * Math.max(0, Math.floor(input.labourers)));
  const land = Math.min(10, Math.floor(Math.max(0, input.landMu)));
  const debts = -Math.min(20, Math.floor(Math.max(0, input.otherDebtsFen) / (1000 * YUAN)));
  const reasons: ScoreReason[] = [
    { part: 'SALES', points: sales, detail: `${yuan(input.salesNetFen)} yuan of delivered sales in the last 365 days: 1 point per 250 yuan, at most 40` },
    { part: 'LABOUR', points: labour, detail: `${input.labourers} labourer(s): 10 points each, at most 20` },
    { part: 'LAND', points: land, detail: `${input.landMu} mu of contracted land: 1 point per whole mu, at most 10` },
    repaymentPart(input.history),
    { part: 'OTHER_DEBTS', points: debts, detail: `${yuan(input.otherDebtsFen)} yuan of other debts: minus 1 point per 1,000 yuan, at most minus 20` },
  ];
  const raw = reasons.reduce((sum, r) => sum + r.points, 0);
  const score = Math.max(0, Math.min(100, raw));
  return { score, grade: gradeOf(score), reasons };
}

function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
