import { Goods } from './entities/goods.entity';
import { Merchant } from './entities/merchant.entity';

export { Goods, Merchant };
export { GoodsKind } from './domain/enums';
export { GoodsModule } from './goods.module';
export { GoodsLoaders } from './goods-loaders.service';
export { GoodsStock, TakenGoods } from './goods-stock';
export { merchantPayoutAccountSql, MerchantService, toMerchantData } from './merchant.service';
export { GoodsData, MerchantData } from './domain/goods';
export { GoodsType, MerchantType } from './graphql/goods.types';
export const GOODS_ENTITIES = [Merchant, Goods];
export { goodsTermsJsonSql, takeGoodsCtes, TakeGoodsParams } from './goods-stock-sql';
