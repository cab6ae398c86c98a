import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { GoodsKind } from '../domain/enums';
import { Merchant } from './merchant.entity';

/**
 * Goods a merchant offers to villagers: a price and the stock the merchant holds. Village orders take
 * stock by a conditional update (never below zero, whatever the concurrency: the check backs it up).
 */
@Entity('goods')
@Check('chk_goods_stock', 'stock >= 0')
@Check('chk_goods_price', 'price_fen > 0')
@Index(['merchantId', 'id'])
@Index(['createdAt', 'id'])
// Trigram indexes for substring search (migration GoodsAndMerchants; TypeORM cannot declare them).
@Index('idx_goods_title_trgm', { synchronize: false })
@Index('idx_goods_description_trgm', { synchronize: false })
export class Goods {
  @IdColumn() id: string;

  @RefColumn() merchantId: string;

  @ManyToOne(() => Merchant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merchant_id' })
  merchant?: Merchant;

  @Column({ type: 'varchar', length: 200 }) title: string;

  @Column({ type: 'varchar', length: 5000, default: '' }) description: string;

  @Column({ type: 'enum', enum: GoodsKind, enumName: 'goods_kind' }) kind: GoodsKind;

  @Column({ type: 'varchar', length: 30 }) unit: string;

  @FenColumn() priceFen: number;

  @Column({ type: 'int' }) stock: number;

  /** Inactive goods cannot be ordered and are shown only to their merchant and admins. */
  @Column({ type: 'boolean', default: true }) active: boolean;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
