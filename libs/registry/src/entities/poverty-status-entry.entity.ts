import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { PovertyCategory, PovertyStatus } from '../domain/enums';
import { Household } from './household.entity';

/** One change of a household's registry status; the history answers "what was it at instant t". */
@Entity('poverty_status_history')
@Index(['householdId', 'effectiveAt', 'id'])
export class PovertyStatusEntry {
  @IdColumn() id: string;

  @RefColumn() householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @Column({ type: 'enum', enum: PovertyStatus, enumName: 'poverty_status' }) status: PovertyStatus;

  @Column({ type: 'enum', enum: PovertyCategory, enumName: 'poverty_category', nullable: true })
  category: PovertyCategory | null;

  @Column({ type: 'timestamptz' }) effectiveAt: Date;

  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;

  /** The user who recorded it; null for entries written by the seed. */
  @RefColumn({ nullable: true }) recordedById: string | null;
}
