import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { Listing, SupplyLot } from '@app/catalog';
import { Household, PovertyStatus } from '@app/registry';
import { ServiceStation } from '@app/stations';
import { Fulfillment } from './fulfillment.entity';
import { OrderLine } from './order-line.entity';
import { Order } from './order.entity';

/**
 * Units of an order line taken from one supply lot, with the money they earn each party and what was
 * known of the household when the order was placed. Written once at placement; only the attributed
 * status changes later. Which payouts settle it is the payouts domain's (its payout_links).
 */
@Entity('allocations')
@Check('chk_allocations_quantity', 'quantity > 0')
@Index(['orderId'])
@Index(['orderLineId'])
@Index(['fulfillmentId'])
@Index(['householdId', 'placedAt'])
@Index(['lotId'])
export class Allocation {
  @IdColumn() id: string;

  @RefColumn() orderId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  @RefColumn() orderLineId: string;

  @ManyToOne(() => OrderLine, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_line_id' })
  orderLine?: OrderLine;

  @RefColumn() fulfillmentId: string;

  @ManyToOne(() => Fulfillment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fulfillment_id' })
  fulfillment?: Fulfillment;

  @RefColumn() lotId: string;

  @ManyToOne(() => SupplyLot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: SupplyLot;

  @RefColumn() listingId: string;

  @ManyToOne(() => Listing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'listing_id' })
  listing?: Listing;

  /** The listing's station: it earns the commission. */
  @RefColumn() listingStationId: string;

  @ManyToOne(() => ServiceStation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'listing_station_id' })
  listingStation?: ServiceStation;

  @RefColumn() householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  /** The household's village and county (denormalised for attribution and sharding by county). */
  @RefColumn() villageId: string;

  @RefColumn() countyId: string;

  @Column({ type: 'int' }) quantity: number;

  @FenColumn() grossFen: number;

  @FenColumn() stationCommissionFen: number;

  @FenColumn() platformFeeFen: number;

  @FenColumn() supplierNetFen: number;

  /** What the allocation policy saw at placement. Never changes. */
  @Column({ type: 'enum', enum: PovertyStatus, enumName: 'poverty_status' }) statusAtPlacement: PovertyStatus;

  /**
   * The household's status at `placedAt` by the registry's history as it stands now: equal to
   * statusAtPlacement until a back-dated correction re-attributes it.
   */
  @Column({ type: 'enum', enum: PovertyStatus, enumName: 'poverty_status' }) povertyStatusAtSale: PovertyStatus;

  @Column({ type: 'boolean' }) villagePovertyStrickenAtSale: boolean;

  /**
   * The order's placement instant, copied so attribution needs no join. The table is partitioned by
   * its year (migration PartitionAllocations), so it is part of the primary key, as PostgreSQL wants.
   */
  @PrimaryColumn({ type: 'timestamptz' }) placedAt: Date;
}
