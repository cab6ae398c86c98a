import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FenColumn, RefColumn } from '@app/platform';

/**
 * A household's lifetime supplier net from counted allocations and the day of its first (rollup/
 * income-rollup-sql.ts): a household whose lifetime net is below its line reaches it in no window, so
 * the poverty-line count reads a year of days only for the few that might.
 */
@Entity('impact_household_totals')
@Index('IDX_impact_household_totals_county_net', ['countyId', 'netFen'])
export class ImpactHouseholdTotal {
  @PrimaryColumn({ type: 'bigint' }) householdId: string;
  @RefColumn() countyId: string;
  @FenColumn() netFen: number;
  @Column({ type: 'date' }) firstDay: string;
}

/**
 * One trainee of a programme in a county (the households of its attendances), dated by their first
 * session there, with their first sale and their supplier net in the 180 days before and after that
 * date: the training outcomes report sums these rows.
 */
@Entity('training_trainees')
@Index('IDX_training_trainees_household', ['householdId'])
export class TrainingTrainee {
  @PrimaryColumn({ type: 'bigint' }) countyId: string;
  @PrimaryColumn({ type: 'bigint' }) programmeId: string;
  @PrimaryColumn({ type: 'bigint' }) householdId: string;
  @Column({ type: 'date' }) firstDay: string;
  /** REGISTERED_POOR at the end of the first session's day, by the status history as it stands. */
  @Column({ type: 'boolean', default: false }) registeredPoor: boolean;
  @Column({ type: 'date', nullable: true }) firstSaleDay: string | null;
  @FenColumn() netBeforeFen: number;
  @FenColumn() netAfterFen: number;
}
