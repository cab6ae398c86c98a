import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { County } from '@app/registry';

/**
 * A merchant organisation: a wholesaler or an enterprise of a county's e-commerce industrial park that
 * sells goods to villagers through the stations. Its payout account is stored whole and never returned
 * whole (the API shows it masked, to admins and the merchant's own users only).
 */
@Entity('merchants')
@Index(['countyId', 'id'])
export class Merchant {
  @IdColumn() id: string;

  @Column({ type: 'varchar', length: 200 }) name: string;

  /** The county of its park: officials of that county see it and its payouts. */
  @RefColumn() countyId: string;

  @ManyToOne(() => County, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'county_id' })
  county?: County;

  @Column({ type: 'varchar', length: 64 }) payoutAccount: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
