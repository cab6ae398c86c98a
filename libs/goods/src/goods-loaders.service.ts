import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKeys, GraphQLContext, loader } from '@app/platform';
import { Merchant } from './entities/merchant.entity';
import { GoodsQueryService } from './goods-query.service';
import { GoodsData } from './domain/goods';
import { MerchantService } from './merchant.service';

/** Goods and merchants by id, batched per request (for other domains' field resolvers too). Callers check access. */
@Injectable()
export class GoodsLoaders {
  constructor(
    private readonly goods: GoodsQueryService,
    private readonly merchants: MerchantService,
  ) {}

  goodsById(ctx: GraphQLContext, id: string): Promise<GoodsData | null> {
    return loader(ctx, 'goods.byId', () => new DataLoader<string, GoodsData | null>(async (ids) => byKeys(ids, await this.goods.byIds(ids), (g) => g.id))).load(id);
  }

  merchantById(ctx: GraphQLContext, id: string): Promise<Merchant | null> {
    return loader(ctx, 'goods.merchantById', () => new DataLoader<string, Merchant | null>(async (ids) => byKeys(ids, await this.merchants.byIds(ids), (m) => String(m.id)))).load(id);
  }
}
