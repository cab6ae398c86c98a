import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FenColumn } from '@app/platform';

/**
 * Sums per village, listing station (0: all) and Asia/Shanghai month, for impactByVillage and the CSV
 * export; the days of a range outside whole months are read from the facts.
 */
@Entity('impact_village_sums')
@Index(['stationId', 'month'])
export class ImpactVillageSums {
  /** The village's county. */
  @PrimaryColumn({ type: 'bigint' }) countyId: string;

  @PrimaryColumn({ type: 'bigint' }) stationId: string;

  /** The first day of the month. */
  @PrimaryColumn({ type: 'date' }) month: string;

  @PrimaryColumn({ type: 'bigint' }) villageId: string;

  @Column({ type: 'int' }) ordersCount: number;

  @Column({ type: 'int' }) allocationsCount: number;

  /** Allocations made while the village was poverty-stricken. */
  @Column({ type: 'int' }) strickenCount: number;

  @FenColumn() grossFen: number;

  @FenColumn() netFen: number;

  @FenColumn() poorNetFen: number;

  @FenColumn() paidNetFen: number;
}
