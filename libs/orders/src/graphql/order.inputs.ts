import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ID_PATTERN } from '@app/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Ids are bigint identities carried as decimal strings; anything else can name no row. */
const NOT_AN_ID = 'must be the id of an existing record';

export const MAX_ORDER_LINES = 20;
export const MAX_LINE_QUANTITY = 10_000;

@InputType('OrderLineInput')
export class OrderLineInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: `listingId ${NOT_AN_ID}` })
  listingId: string;

  @Field(() => Int)
  @IsInt({ message: 'quantity must be a whole number' })
  @Min(1, { message: 'quantity must be at least 1' })
  @Max(MAX_LINE_QUANTITY, { message: `quantity must be at most ${MAX_LINE_QUANTITY}` })
  quantity: number;
}

@InputType('AddressInput')
export class AddressInput {
  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'recipient must not be empty' }) @MaxLength(100)
  recipient: string;

  @Field()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/[\s-]/g, '') : value))
  @IsString()
  @Matches(/^\+?[0-9]{5,20}$/, { message: 'phone must be 5 to 20 digits' })
  phone: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'province must not be empty' }) @MaxLength(50)
  province: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'city must not be empty' }) @MaxLength(50)
  city: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'line1 must not be empty' }) @MaxLength(200)
  line1: string;

  @Field(() => String, { nullable: true })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value))
  @IsOptional()
  @Matches(/^[0-9]{4,10}$/, { message: 'postalCode must be 4 to 10 digits' })
  postalCode?: string | null;
}

@InputType('PlaceOrderInput')
export class PlaceOrderInput {
  @Field({ description: 'Client-chosen key: a repeat with the same key returns the first order and changes nothing.' })
  @IsString()
  @MinLength(1, { message: 'idempotencyKey must not be empty' })
  @MaxLength(100, { message: 'idempotencyKey must be at most 100 characters' })
  idempotencyKey: string;

  @Field(() => [OrderLineInput])
  @IsArray()
  @ArrayMinSize(1, { message: 'an order needs at least one line' })
  @ArrayMaxSize(MAX_ORDER_LINES, { message: `an order has at most ${MAX_ORDER_LINES} lines` })
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  lines: OrderLineInput[];

  @Field(() => AddressInput, { nullable: true, description: 'Exactly one of shippingAddress and pickupStationId.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressInput)
  shippingAddress?: AddressInput | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `pickupStationId ${NOT_AN_ID}` })
  pickupStationId?: string | null;

  @Field({ description: "Sandbox gateway: any token but 'decline' is captured." })
  @IsString()
  @MinLength(1, { message: 'paymentToken must not be empty' })
  @MaxLength(200)
  paymentToken: string;
}

@InputType('ShipInput')
export class ShipInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: `fulfillmentId ${NOT_AN_ID}` })
  fulfillmentId: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'carrier must not be empty' }) @MaxLength(60)
  carrier: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'trackingNumber must not be empty' }) @MaxLength(60)
  trackingNumber: string;
}
