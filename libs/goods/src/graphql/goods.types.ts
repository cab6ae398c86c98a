import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, FenScalar } from '@app/platform';
import { GoodsKind } from '../domain/enums';
import { GoodsData, MerchantData } from '../domain/goods';

registerEnumType(GoodsKind, { name: 'GoodsKind', description: 'CONSUMER goods, or FARM_INPUT (seed, fertiliser, feed, tools).' });

/** A merchant organisation. `county` is a field resolver; the account is masked and shown only to those who may see it. */
@ObjectType('Merchant')
export class MerchantType implements MerchantData {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'The payout account, masked (****1234); null unless admin, the merchant itself or an official of its county.' })
  payoutAccountMasked: string | null;
  @Field() createdAt: Date;
  countyId: string;
}

@ObjectType('MerchantConnection')
export class MerchantConnection extends ConnectionType(MerchantType, 'Merchant') {}

/** Goods of a merchant. `merchant` is a field resolver. */
@ObjectType('Goods')
export class GoodsType implements GoodsData {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() description: string;
  @Field(() => GoodsKind) kind: GoodsKind;
  @Field() unit: string;
  @Field(() => FenScalar) priceFen: number;
  @Field(() => Int, { description: 'Units the merchant holds that village orders can still take.' }) stock: number;
  @Field() active: boolean;
  @Field() createdAt: Date;
  merchantId: string;
}

@ObjectType('GoodsConnection')
export class GoodsConnection extends ConnectionType(GoodsType, 'Goods') {}
