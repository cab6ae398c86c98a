import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { DisbursementStatus, LoanStatus, RepaymentSource } from './enums';

/** A three-exemption loan from application to CLOSED (or REJECTED, DEFAULTED). */
@Entity('loans')
@Index(['countyId', 'id'])
@Index(['householdId', 'id'])
@Index(['status', 'id'])
@Check('chk_loans_amount', 'amount_fen > 0 AND term_months BETWEEN 1 AND 36 AND outstanding_principal_fen >= 0')
export class Loan {
  @IdColumn() id: string;
  @RefColumn() householdId: string;
  @RefColumn() countyId: string;
  @RefColumn() villageId: string;
  /** The institution of the lender who decided it. */
  @RefColumn({ nullable: true }) institutionId: string | null;
  @FenColumn() amountFen: number;
  @Column({ type: 'int' }) termMonths: number;
  @Column({ type: 'varchar', length: 200 }) purpose: string;
  @Column({ type: 'enum', enum: LoanStatus, enumName: 'loan_status', default: LoanStatus.SUBMITTED }) status: LoanStatus;
  @RefColumn() assessmentId: string;
  @Column({ type: 'varchar', length: 3 }) grade: string;
  /** Whether the household was REGISTERED_POOR at application (a three-exemption loan needs it). */
  @Column({ type: 'boolean' }) registeredPoor: boolean;
  @Column({ type: 'int' }) annualRateBps: number;
  @Column({ type: 'int' }) subsidyShareBps: number;
  @RefColumn() recommendedBy: string;
  @RefColumn({ nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) rejectionReason: string | null;
  @Column({ type: 'enum', enum: DisbursementStatus, enumName: 'disbursement_status', nullable: true }) disbursementStatus: DisbursementStatus | null;
  @Column({ type: 'int', default: 0 }) disbursementAttempts: number;
  @Column({ type: 'varchar', length: 100, nullable: true }) disbursementReference: string | null;
  @Column({ type: 'text', nullable: true }) disbursementError: string | null;
  @Column({ type: 'timestamptz', nullable: true }) disbursedAt: Date | null;
  @FenColumn({ default: 0 }) outstandingPrincipalFen: number;
  @Column({ type: 'timestamptz', nullable: true }) overdueAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) defaultedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @FenColumn({ default: 0 }) fundCoveredFen: number;
  @FenColumn({ default: 0 }) lenderLossFen: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** One month of a loan's schedule and what has been paid on it. */
@Entity('loan_instalments')
@Index('idx_loan_instalments_unpaid_due', ['dueOn'], { where: 'paid_at IS NULL' })
@Check('chk_loan_instalments_paid', 'paid_principal_fen BETWEEN 0 AND principal_fen AND paid_interest_fen BETWEEN 0 AND interest_fen - subsidy_fen')
export class LoanInstalment {
  @PrimaryColumn({ type: 'bigint' }) loanId: string;
  @PrimaryColumn({ type: 'int' }) seq: number;
  /** Set at disbursement: the same day of the month, month after month. */
  @Column({ type: 'date', nullable: true }) dueOn: string | null;
  @FenColumn() principalFen: number;
  @FenColumn() interestFen: number;
  /** The county's share of the interest, paid from its subsidy fund when the instalment falls due. */
  @FenColumn() subsidyFen: number;
  @FenColumn({ default: 0 }) paidPrincipalFen: number;
  /** What the household paid of its share (interest - subsidy). */
  @FenColumn({ default: 0 }) paidInterestFen: number;
  @Column({ type: 'timestamptz', nullable: true }) subsidyPaidAt: Date | null;
  /** When the household's part was paid in full. */
  @Column({ type: 'timestamptz', nullable: true }) paidAt: Date | null;
}

/** One repayment applied to one loan (withheld at a settlement, or cash at a station). */
@Entity('loan_repayments')
@Index(['loanId', 'id'])
@Check('chk_loan_repayments_amount', 'principal_fen >= 0 AND interest_fen >= 0 AND principal_fen + interest_fen > 0')
export class LoanRepayment {
  @IdColumn() id: string;
  @RefColumn() loanId: string;
  @RefColumn() householdId: string;
  @RefColumn() countyId: string;
  @Column({ type: 'enum', enum: RepaymentSource, enumName: 'repayment_source' }) source: RepaymentSource;
  @RefColumn({ nullable: true }) stationId: string | null;
  @RefColumn({ nullable: true }) recordedBy: string | null;
  @FenColumn() principalFen: number;
  @FenColumn() interestFen: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A household's consent to have its instalments withheld from its sales at settlement. */
@Entity('withholding_consents')
export class WithholdingConsent {
  @PrimaryColumn({ type: 'bigint' }) householdId: string;
  @Column({ type: 'boolean' }) consented: boolean;
  @RefColumn() recordedBy: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
