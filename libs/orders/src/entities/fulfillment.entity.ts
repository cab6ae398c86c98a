import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { ServiceStation } from '@app/stations';
import { FulfillmentStatus } from './enums';
import { Order } from './order.entity';

/** The allocations of one order that one station collects and ships. */
@Entity('fulfillments')
@Index(['orderId', 'id'])
@Index(['stationId', 'status', 'id'])
@Index(['stationId', 'id'])
@Index('idx_fulfillments_unrouted', ['id'], { where: `status = 'UNROUTED'` })
export class Fulfillment {
  @IdColumn() id: string;

  @RefColumn() orderId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  /** Null while UNROUTED. */
  @RefColumn({ nullable: true }) stationId: string | null;

  @ManyToOne(() => ServiceStation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'station_id' })
  station?: ServiceStation | null;

  @Column({ type: 'enum', enum: FulfillmentStatus, enumName: 'fulfillment_status' }) status: FulfillmentStatus;

  /** The Asia/Shanghai day whose capacity the routing took (station_day_loads). */
  @Column({ type: 'date', nullable: true }) routedDay: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true }) carrier: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true }) trackingNumber: string | null;

  @Column({ type: 'timestamptz', nullable: true }) deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
