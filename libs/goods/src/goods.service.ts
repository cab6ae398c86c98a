import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, badInput, forbidden, inTransaction, isId, notFound, Role } from '@app/platform';
import { canManageGoods } from './domain/goods-access';
import { Goods } from './entities/goods.entity';
import { CreateGoodsInput, GOODS_LIMITS, UpdateGoodsInput } from './graphql/goods.inputs';

/** Merchants listing and changing their goods; stock is added here and taken by village orders (GoodsStock). */
@Injectable()
export class GoodsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** New goods of the calling merchant's organisation. */
  async create(actor: Actor, input: CreateGoodsInput): Promise<Goods> {
    if (actor.role !== Role.MERCHANT || !actor.merchantId) throw forbidden('Only merchants list goods');
    const repo = this.dataSource.getRepository(Goods);
    return repo.save(
      repo.create({ merchantId: actor.merchantId, title: input.title, description: input.description ?? '', kind: input.kind, unit: input.unit, priceFen: input.priceFen, stock: input.stock, active: true }),
    );
  }

  /** Title, description, price or on-sale flag; village orders already placed keep their price. */
  async update(actor: Actor, id: string, input: UpdateGoodsInput): Promise<Goods> {
    return inTransaction(this.dataSource, async (tx) => {
      const goods = await this.lockOwned(tx.manager, actor, id);
      if (input.title != null) goods.title = input.title;
      if (input.description != null) goods.description = input.description;
      if (input.priceFen != null) goods.priceFen = input.priceFen;
      if (input.active != null) goods.active = input.active;
      return tx.manager.getRepository(Goods).save(goods);
    });
  }

  /** Adds units to the stock (a relative change, so it never overwrites what orders took meanwhile). */
  async addStock(actor: Actor, id: string, quantity: number): Promise<Goods> {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > GOODS_LIMITS.maxStockAdded) {
      throw badInput('quantity', `quantity must be between 1 and ${GOODS_LIMITS.maxStockAdded}`);
    }
    return inTransaction(this.dataSource, async (tx) => {
      const goods = await this.lockOwned(tx.manager, actor, id);
      goods.stock += quantity;
      return tx.manager.getRepository(Goods).save(goods);
    });
  }

  private async lockOwned(manager: import('typeorm').EntityManager, actor: Actor, id: string): Promise<Goods> {
    const goods = isId(id) ? await manager.getRepository(Goods).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    // Another merchant's goods are NOT_FOUND (their existence is no secret, but their inactive ones are).
    if (!goods || (!canManageGoods(actor, goods.merchantId) && !goods.active)) throw notFound('Goods', id, 'id');
    if (!canManageGoods(actor, goods.merchantId)) throw forbidden('Only the merchant selling these goods (or an admin) may change them');
    return goods;
  }
}
