import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { FenScalar, ID_PATTERN } from '@app/platform';
import { VillageOrderStatus } from '../domain/enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType('VillageOrderLineInput')
export class VillageOrderLineInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: 'goodsId must be the id of goods on sale' })
  goodsId: string;

  @Field(() => Int) @IsInt() @Min(1, { message: 'quantity must be at least 1' }) @Max(10_000, { message: 'quantity must be at most 10000' })
  quantity: number;
}

@InputType('PlaceVillageOrderInput')
export class PlaceVillageOrderInput {
  @Field(() => ID, { nullable: true, description: "A household of a village the operator's station serves." })
  @IsOptional() @Matches(ID_PATTERN, { message: 'householdId must be the id of a household' })
  householdId?: string | null;

  @Field(() => String, { nullable: true, description: 'The villager, when not on the registry (then villageId is required).' })
  @IsOptional() @Transform(trim) @MinLength(1, { message: 'villagerName must not be blank' }) @MaxLength(100)
  villagerName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The village of a villager not on the registry.' })
  @IsOptional() @Matches(ID_PATTERN, { message: 'villageId must be the id of a village' })
  villageId?: string | null;

  @Field(() => [VillageOrderLineInput])
  @ArrayMinSize(1, { message: 'an order needs at least one line' }) @ArrayMaxSize(50, { message: 'an order has at most 50 lines' })
  @ValidateNested({ each: true }) @Type(() => VillageOrderLineInput)
  lines: VillageOrderLineInput[];

  @Field(() => FenScalar, { description: 'Cash taken now, 0 to the order total; the rest is paid at pickup.' })
  @Min(0, { message: 'depositFen must not be negative' })
  depositFen: number;
}

@InputType('VillageOrderFilterInput')
export class VillageOrderFilterInput {
  @Field(() => VillageOrderStatus, { nullable: true }) @IsOptional() @IsEnum(VillageOrderStatus)
  status?: VillageOrderStatus | null;

  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, { message: 'stationId is not an id' })
  stationId?: string | null;

  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, { message: 'merchantId is not an id' })
  merchantId?: string | null;
}
