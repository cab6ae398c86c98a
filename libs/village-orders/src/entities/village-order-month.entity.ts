import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FenColumn } from '@app/platform';

/**
 * The downward flow per county, station and Asia/Shanghai month of collection, kept by the collection's
 * own transaction: the two-way report reads these rows rather than scanning the orders.
 */
@Entity('village_order_months')
export class VillageOrderMonth {
  @PrimaryColumn({ type: 'bigint' }) countyId: string;

  @PrimaryColumn({ type: 'bigint' }) stationId: string;

  /** The first day of the month. */
  @PrimaryColumn({ type: 'date' }) month: string;

  @Column({ type: 'int', default: 0 }) collectedCount: number;

  @FenColumn({ default: 0 }) collectedFen: number;

  @FenColumn({ default: 0 }) farmInputFen: number;

  /** Farm inputs collected by households that were REGISTERED_POOR when they ordered. */
  @FenColumn({ default: 0 }) poorFarmInputFen: number;
}
