import { Check, Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { CreditGrade, ScoreReason } from '../domain/credit-score';

/** One credit assessment of a household; the history is kept, the latest one counts. */
@Entity('credit_assessments')
@Index(['householdId', 'id'])
@Index(['countyId', 'id'])
@Check('chk_credit_assessments_inputs', 'labourers >= 0 AND land_mu >= 0 AND other_debts_fen >= 0 AND score BETWEEN 0 AND 100')
export class CreditAssessment {
  @IdColumn() id: string;
  @RefColumn() householdId: string;
  @RefColumn() countyId: string;
  @RefColumn() villageId: string;
  @Column({ type: 'int' }) labourers: number;
  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) landMu: number;
  @FenColumn() otherDebtsFen: number;
  @FenColumn() salesNetFen: number;
  @Column({ type: 'int' }) score: number;
  @Column({ type: 'varchar', length: 3 }) grade: CreditGrade;
  @Column({ type: 'jsonb' }) reasons: ScoreReason[];
  @RefColumn() recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) assessedAt: Date;
}
