import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { Listing } from '@app/catalog';
import { Order } from './order.entity';

@Entity('order_lines')
@Check('chk_order_lines_quantity', 'quantity > 0')
@Index(['orderId', 'id'])
export class OrderLine {
  @IdColumn() id: string;

  @RefColumn() orderId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  @RefColumn() listingId: string;

  @ManyToOne(() => Listing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'listing_id' })
  listing?: Listing;

  @Column({ type: 'int' }) quantity: number;

  /** The listing's price when the order was placed. */
  @FenColumn() unitPriceFen: number;

  @FenColumn() lineTotalFen: number;
}
