import { ASSESSMENT_VALID_DAYS } from '../domain/credit-policy';
import { CreditGrade } from '../domain/credit-score';
import { CreditAssessment } from '../entities/credit-assessment.entity';
import { Loan, LoanInstalment } from '../entities/loan.entity';
import { CreditAssessmentType, LoanInstalmentType, LoanType } from './finance.types';

export const toAssessmentType = (a: CreditAssessment): CreditAssessmentType => ({
  id: String(a.id),
  householdId: String(a.householdId),
  labourers: a.labourers,
  landMu: a.landMu,
  otherDebtsFen: a.otherDebtsFen,
  salesNetFen: a.salesNetFen,
  score: a.score,
  grade: a.grade,
  reasons: a.reasons,
  assessedAt: a.assessedAt,
  validUntil: new Date(a.assessedAt.getTime() + ASSESSMENT_VALID_DAYS * 86_400_000),
});

export const toLoanType = (l: Loan): LoanType => ({
  id: String(l.id),
  householdId: String(l.householdId),
  countyId: String(l.countyId),
  villageId: String(l.villageId),
  institutionId: l.institutionId,
  amountFen: l.amountFen,
  termMonths: l.termMonths,
  purpose: l.purpose,
  status: l.status,
  grade: l.grade as CreditGrade,
  annualRateBps: l.annualRateBps,
  subsidyShareBps: l.subsidyShareBps,
  outstandingPrincipalFen: l.outstandingPrincipalFen,
  disbursementStatus: l.disbursementStatus,
  disbursedAt: l.disbursedAt,
  decidedAt: l.decidedAt,
  rejectionReason: l.rejectionReason,
  fundCoveredFen: l.fundCoveredFen,
  lenderLossFen: l.lenderLossFen,
  createdAt: l.createdAt,
});

export const toInstalmentType = (i: LoanInstalment): LoanInstalmentType => ({
  seq: i.seq,
  dueOn: i.dueOn,
  principalFen: i.principalFen,
  interestFen: i.interestFen,
  subsidyFen: i.subsidyFen,
  householdDueFen: i.principalFen + i.interestFen - i.subsidyFen,
  paidPrincipalFen: i.paidPrincipalFen,
  paidInterestFen: i.paidInterestFen,
  subsidyPaid: i.subsidyPaidAt !== null,
  paidAt: i.paidAt,
});
