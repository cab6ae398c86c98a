import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, FenScalar } from '@app/platform';
import { CreditGrade } from '../domain/credit-score';
import { DisbursementStatus, FundKind, LoanStatus } from '../entities/enums';

registerEnumType(CreditGrade, { name: 'CreditGrade', description: 'AAA >= 80, AA >= 65, A >= 50, B >= 35, else C.' });
registerEnumType(LoanStatus, { name: 'LoanStatus' });
registerEnumType(DisbursementStatus, { name: 'DisbursementStatus' });
registerEnumType(FundKind, { name: 'CountyFundKind' });

@ObjectType('LendingInstitution')
export class LendingInstitutionType {
  @Field(() => ID) id: string;
  @Field() name: string;
  /** Resolved to counties by a field resolver. */
  countyIds: string[];
}

@ObjectType('CreditLines')
export class CreditLinesType {
  @Field(() => FenScalar) AAA: number;
  @Field(() => FenScalar) AA: number;
  @Field(() => FenScalar) A: number;
  @Field(() => FenScalar) B: number;
  @Field(() => FenScalar) C: number;
}

@ObjectType('CreditPolicy')
export class CreditPolicyType {
  @Field(() => ID) countyId: string;
  @Field(() => CreditLinesType, { description: 'The credit line per grade.' }) linesFen: CreditLinesType;
  @Field(() => Int, { description: 'Annual interest rate in basis points (4.35% = 435).' }) annualRateBps: number;
  @Field(() => Int, { description: 'Share of the interest the county pays for registered-poor borrowers, in basis points.' }) subsidyShareBps: number;
  @Field(() => Int, { description: "Share of a defaulted loan's outstanding principal the risk fund pays, in basis points." }) fundCoverageBps: number;
  @Field({ description: "True while the county's officials have set nothing: the defaults apply." }) isDefault: boolean;
}

@ObjectType('CountyFunds')
export class CountyFundsType {
  @Field(() => ID) countyId: string;
  @Field(() => FenScalar) riskBalanceFen: number;
  @Field(() => FenScalar, { description: 'Below zero when subsidies fell due beyond what the county had put in.' }) subsidyBalanceFen: number;
  @Field(() => FenScalar) riskPaidFen: number;
  @Field(() => FenScalar) subsidyPaidFen: number;
}

@ObjectType('CreditScoreReason')
export class CreditScoreReasonType {
  @Field({ description: 'SALES, LABOUR, LAND, REPAYMENT or OTHER_DEBTS.' }) part: string;
  @Field(() => Int) points: number;
  @Field() detail: string;
}

@ObjectType('CreditAssessment')
export class CreditAssessmentType {
  @Field(() => ID) id: string;
  householdId: string;
  @Field(() => Int) labourers: number;
  @Field(() => Float) landMu: number;
  @Field(() => FenScalar) otherDebtsFen: number;
  @Field(() => FenScalar, { description: "Supplier net of the household's delivered sales of orders placed in the 365 days before the assessment." }) salesNetFen: number;
  @Field(() => Int) score: number;
  @Field(() => CreditGrade) grade: CreditGrade;
  @Field(() => [CreditScoreReasonType]) reasons: CreditScoreReasonType[];
  @Field() assessedAt: Date;
  @Field({ description: 'An assessment is valid for 365 days.' }) validUntil: Date;
}

@ObjectType('LoanInstalment')
export class LoanInstalmentType {
  @Field(() => Int) seq: number;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; set at disbursement.' }) dueOn: string | null;
  @Field(() => FenScalar) principalFen: number;
  @Field(() => FenScalar) interestFen: number;
  @Field(() => FenScalar, { description: "The county's subsidised share of the interest." }) subsidyFen: number;
  @Field(() => FenScalar, { description: 'What the household owes in all on this instalment: principal and its share of the interest.' }) householdDueFen: number;
  @Field(() => FenScalar) paidPrincipalFen: number;
  @Field(() => FenScalar) paidInterestFen: number;
  @Field() subsidyPaid: boolean;
  @Field(() => Date, { nullable: true }) paidAt: Date | null;
}

@ObjectType('Loan')
export class LoanType {
  @Field(() => ID) id: string;
  householdId: string;
  countyId: string;
  villageId: string;
  institutionId: string | null;
  @Field(() => FenScalar) amountFen: number;
  @Field(() => Int) termMonths: number;
  @Field() purpose: string;
  @Field(() => LoanStatus) status: LoanStatus;
  @Field(() => CreditGrade) grade: CreditGrade;
  @Field(() => Int) annualRateBps: number;
  @Field(() => Int) subsidyShareBps: number;
  @Field(() => FenScalar) outstandingPrincipalFen: number;
  @Field(() => DisbursementStatus, { nullable: true }) disbursementStatus: DisbursementStatus | null;
  @Field(() => Date, { nullable: true }) disbursedAt: Date | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) rejectionReason: string | null;
  @Field(() => FenScalar, { description: 'Paid by the risk fund on default.' }) fundCoveredFen: number;
  @Field(() => FenScalar, { description: "The lender's loss on default." }) lenderLossFen: number;
  @Field() createdAt: Date;
}

@ObjectType('LoanConnection')
export class LoanConnection extends ConnectionType(LoanType, 'Loan') {}

@ObjectType('CreditAssessmentConnection')
export class CreditAssessmentConnection extends ConnectionType(CreditAssessmentType, 'CreditAssessment') {}

@ObjectType('WithholdingConsent')
export class WithholdingConsentType {
  @Field(() => ID) householdId: string;
  @Field() consented: boolean;
  @Field() updatedAt: Date;
}

@ObjectType('LoanServicingResult')
export class LoanServicingResultType {
  @Field(() => Int) subsidiesPaid: number;
  @Field(() => FenScalar) subsidyFen: number;
  @Field(() => Int) overdue: number;
  @Field(() => Int) defaulted: number;
  @Field(() => FenScalar) fundPaidFen: number;
}

@ObjectType('CreditMonth', { description: 'Credit figures of a county (a lender: its institution\'s loans) for one Asia/Shanghai month.' })
export class CreditMonthType {
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => Int) loansDisbursed: number;
  @Field(() => FenScalar) disbursedFen: number;
  @Field(() => FenScalar) disbursedToRegisteredPoorFen: number;
  @Field(() => FenScalar, { description: "At the month's end." }) outstandingPrincipalFen: number;
  @Field(() => FenScalar, { description: 'Principal and interest repaid by households in the month.' }) repaidFen: number;
  @Field(() => Int, { description: "Loans with an instalment more than 30 days late at the month's end, of the loans being repaid, in basis points." }) overdueRateBps: number;
  @Field(() => Int, { description: 'Loans defaulted by the month\'s end, of the loans disbursed by then, in basis points.' }) defaultRateBps: number;
  @Field(() => FenScalar, { description: 'Paid by the risk fund on defaults in the month.' }) fundPaidFen: number;
  @Field(() => FenScalar, { description: "The risk fund's balance at the month's end." }) fundBalanceFen: number;
  @Field(() => FenScalar, { description: 'Interest subsidy paid by the county in the month.' }) subsidyPaidFen: number;
}
