import { Check, Column, Entity, Index } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { GoodsKind } from '@app/goods';

/** One line of a village order, with the goods' title, kind and price as they were at placement. */
@Entity('village_order_lines')
@Check('chk_village_order_lines_quantity', 'quantity > 0')
@Index(['villageOrderId'])
export class VillageOrderLine {
  @IdColumn() id: string;

  @RefColumn() villageOrderId: string;

  @RefColumn() goodsId: string;

  @Column({ type: 'varchar', length: 200 }) title: string;

  @Column({ type: 'enum', enum: GoodsKind, enumName: 'goods_kind' }) kind: GoodsKind;

  @Column({ type: 'int' }) quantity: number;

  @FenColumn() unitPriceFen: number;

  @FenColumn() lineTotalFen: number;
}
