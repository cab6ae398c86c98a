import { Check, Column, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { User } from '@app/auth';
import { ServiceStation } from '@app/stations';
import { OrderStatus } from './enums';

export interface ShippingAddress {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  line1: string;
  postalCode?: string | null;
}

@Entity('orders')
@Check('chk_orders_destination', '(shipping_address IS NULL) <> (pickup_station_id IS NULL)')
@Check('chk_orders_total', 'total_fen > 0')
@Index(['buyerId', 'idempotencyKey'], { unique: true })
@Index(['buyerId', 'placedAt', 'id'])
export class Order {
  @IdColumn() id: string;

  @RefColumn() buyerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_id' })
  buyer?: User;

  /** Client-chosen; a repeat by the same buyer returns this order. */
  @Column({ type: 'varchar', length: 100 }) idempotencyKey: string;

  @Column({ type: 'enum', enum: OrderStatus, enumName: 'order_status', default: OrderStatus.PLACED })
  status: OrderStatus;

  @FenColumn() totalFen: number;

  @Column({ type: 'jsonb', nullable: true }) shippingAddress: ShippingAddress | null;

  /** Set for station-assisted orders that villagers pick up at the station. */
  @RefColumn({ nullable: true }) pickupStationId: string | null;

  @ManyToOne(() => ServiceStation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'pickup_station_id' })
  pickupStation?: ServiceStation | null;

  /** The payment gateway's capture reference (sandbox). */
  @Column({ type: 'varchar', length: 100 }) paymentReference: string;

  @Column({ type: 'timestamptz' }) placedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
