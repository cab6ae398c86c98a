import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FenColumn, RefColumn } from '@app/platform';

/**
 * One counted allocation (of a DELIVERED fulfilment), with only what the reports read. Written by the
 * delivery's own transaction; `poor` follows re-attribution and `paid` the household payout. The
 * reports answer partial days at the edges of a range from here, and the rollups are built from here.
 */
@Entity('impact_facts')
@Index(['countyId', 'placedAt'])
@Index(['stationId', 'placedAt'])
@Index(['placedAt'])
// A household's facts in placement order (its first sale, for the training outcomes).
@Index(['householdId', 'placedAt'])
// A village's facts, when its poverty flag is corrected.
@Index(['villageId'])
@Index(['orderId'])
export class ImpactFact {
  @PrimaryColumn({ type: 'bigint' }) allocationId: string;

  @RefColumn() orderId: string;

  /** The household's county (allocations.county_id). */
  @RefColumn() countyId: string;

  /** The listing's station (allocations.listing_station_id). */
  @RefColumn() stationId: string;

  @RefColumn() villageId: string;

  @RefColumn() householdId: string;

  /** The order's placement instant: the reports count by it. */
  @Column({ type: 'timestamptz' }) placedAt: Date;

  /** The Asia/Shanghai calendar day of placedAt. */
  @Column({ type: 'date' }) day: string;

  @FenColumn() grossFen: number;

  /** allocations.supplier_net_fen. */
  @FenColumn() netFen: number;

  /** allocations.poverty_status_at_sale = REGISTERED_POOR (by the status history as it stands now). */
  @Column({ type: 'boolean' }) poor: boolean;

  /** allocations.village_poverty_stricken_at_sale. */
  @Column({ type: 'boolean' }) villagePoor: boolean;

  /** The household payout covering this allocation is PAID. */
  @Column({ type: 'boolean' }) paid: boolean;
}
