import { Entity, Index, PrimaryColumn } from 'typeorm';
import { FenColumn, RefColumn } from '@app/platform';

/**
 * A household's supplier net from counted allocations per Asia/Shanghai day of placement, and its
 * running total: the income against the poverty line reads a household's whole days of a window from
 * here (two running totals) and the partial days at its ends from the facts.
 */
@Entity('impact_household_days')
@Index(['countyId', 'day', 'householdId', 'netFen'])
/** (household_id, day) INCLUDE (net_fen, cum_net_fen): one household's days or running totals read from the index (migration HouseholdDaysCumulative). */
@Index('idx_impact_household_days_household_net', { synchronize: false })
export class ImpactHouseholdDay {
  @PrimaryColumn({ type: 'bigint' }) householdId: string;

  @PrimaryColumn({ type: 'date' }) day: string;

  /** The household's county (allocations.county_id). */
  @RefColumn() countyId: string;

  @FenColumn() netFen: number;

  /** The household's net over all its days up to and including this one (rollup/income-rollup-sql.ts). */
  @FenColumn() cumNetFen: number;
}
