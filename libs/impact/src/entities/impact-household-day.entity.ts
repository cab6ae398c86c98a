import { Entity, Index, PrimaryColumn } from 'typeorm';
import { FenColumn, RefColumn } from '@app/platform';

/**
 * A household's supplier net from counted allocations per Asia/Shanghai day of placement: the income
 * against the poverty line reads a year of a county's households from here (whole days) and the facts
 * (the partial days at the ends of the window).
 */
@Entity('impact_household_days')
@Index(['countyId', 'day', 'householdId', 'netFen'])
/** (household_id, day) INCLUDE (net_fen): one household's window read from the index (migration TraineeStatus). */
@Index('idx_impact_household_days_household_net', { synchronize: false })
export class ImpactHouseholdDay {
  @PrimaryColumn({ type: 'bigint' }) householdId: string;

  @PrimaryColumn({ type: 'date' }) day: string;

  /** The household's county (allocations.county_id). */
  @RefColumn() countyId: string;

  @FenColumn() netFen: number;
}
