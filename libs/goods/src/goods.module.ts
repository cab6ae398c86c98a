import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { GoodsLoaders } from './goods-loaders.service';
import { GoodsQueryService } from './goods-query.service';
import { GoodsStock } from './goods-stock';
import { GoodsService } from './goods.service';
import { GoodsResolver, MerchantResolver } from './graphql/goods.resolver';
import { MerchantService } from './merchant.service';

@Module({
  imports: [RegistryModule],
  providers: [MerchantService, GoodsService, GoodsQueryService, GoodsLoaders, GoodsStock, GoodsResolver, MerchantResolver],
  exports: [GoodsLoaders, GoodsStock, MerchantService],
})
export class GoodsModule {}
