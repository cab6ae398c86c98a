import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FenScalar, ID_PATTERN } from '@app/platform';
import { GoodsKind } from '../domain/enums';

export const GOODS_LIMITS = { title: 200, description: 5_000, unit: 30, name: 200, account: 64, maxPriceFen: 10_000_000_000, maxStockAdded: 1_000_000, search: 100 } as const;

const NOT_BLANK = /\S/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType('CreateMerchantInput')
export class CreateMerchantInput {
  @Field() @Transform(trim) @MinLength(1, { message: 'name must not be blank' }) @MaxLength(GOODS_LIMITS.name)
  name: string;

  @Field(() => ID, { description: "The county of the merchant's park." }) @Matches(ID_PATTERN, { message: 'countyId must be the id of an existing county' })
  countyId: string;

  @Field({ description: 'Bank or mobile-payment account the merchant is paid to; stored whole, never returned whole.' })
  @Transform(trim) @Matches(/^[0-9A-Za-z-]{6,64}$/, { message: 'payoutAccount must be 6 to 64 letters, digits or dashes' })
  payoutAccount: string;
}

@InputType('CreateGoodsInput')
export class CreateGoodsInput {
  @Field() @Transform(trim) @MinLength(1) @MaxLength(GOODS_LIMITS.title) @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title: string;

  @Field({ defaultValue: '' }) @MaxLength(GOODS_LIMITS.description)
  description: string;

  @Field(() => GoodsKind) @IsEnum(GoodsKind)
  kind: GoodsKind;

  @Field() @Transform(trim) @MinLength(1) @MaxLength(GOODS_LIMITS.unit) @Matches(NOT_BLANK, { message: 'unit must not be blank' })
  unit: string;

  @Field(() => FenScalar) @Min(1, { message: 'priceFen must be at least 1' }) @Max(GOODS_LIMITS.maxPriceFen, { message: `priceFen must be at most ${GOODS_LIMITS.maxPriceFen}` })
  priceFen: number;

  @Field(() => Int) @IsInt() @Min(0, { message: 'stock must not be negative' }) @Max(GOODS_LIMITS.maxStockAdded, { message: `stock must be at most ${GOODS_LIMITS.maxStockAdded}` })
  stock: number;
}

@InputType('UpdateGoodsInput')
export class UpdateGoodsInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Transform(trim) @MinLength(1) @MaxLength(GOODS_LIMITS.title) @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(GOODS_LIMITS.description)
  description?: string | null;

  @Field(() => FenScalar, { nullable: true }) @IsOptional() @Min(1, { message: 'priceFen must be at least 1' }) @Max(GOODS_LIMITS.maxPriceFen)
  priceFen?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'false takes the goods off sale (orders already placed stand).' }) @IsOptional() @IsBoolean()
  active?: boolean | null;
}

@InputType('GoodsFilterInput')
export class GoodsFilterInput {
  @Field(() => String, { nullable: true, description: 'Words in the title or description (Chinese works: substring match).' })
  @IsOptional() @MaxLength(GOODS_LIMITS.search)
  search?: string | null;

  @Field(() => GoodsKind, { nullable: true }) @IsOptional() @IsEnum(GoodsKind)
  kind?: GoodsKind | null;

  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, { message: 'merchantId is not an id' })
  merchantId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only goods with stock left.' }) @IsOptional() @IsBoolean()
  inStockOnly?: boolean | null;
}
