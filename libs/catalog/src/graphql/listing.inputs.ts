import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { FenScalar } from '@app/platform';
import { AllocationPolicy, ListingStatus } from '../domain/enums';

/** Bounds of what one listing may hold; the columns are sized to match. */
export const LISTING_LIMITS = {
  title: 200,
  unit: 30,
  category: 60,
  description: 5_000,
  maxPriceFen: 10_000_000_000,
  maxLotQuantity: 1_000_000,
  maxLotsPerRequest: 100,
  search: 100,
} as const;

const NOT_BLANK = /\S/;
const notBlank = (what: string) => ({ message: `${what} must not be blank` });

@InputType('SupplyLotInput')
export class SupplyLotInput {
  @Field(() => ID) householdId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'quantity must be at least 1' })
  @Max(LISTING_LIMITS.maxLotQuantity, { message: `quantity must be at most ${LISTING_LIMITS.maxLotQuantity}` })
  quantity: number;
}

@InputType('CreateListingInput')
export class CreateListingInput {
  @Field()
  @MinLength(1)
  @MaxLength(LISTING_LIMITS.title)
  @Matches(NOT_BLANK, notBlank('title'))
  title: string;

  @Field()
  @MaxLength(LISTING_LIMITS.description)
  description: string;

  @Field()
  @MinLength(1)
  @MaxLength(LISTING_LIMITS.category)
  @Matches(NOT_BLANK, notBlank('category'))
  category: string;

  @Field()
  @MinLength(1)
  @MaxLength(LISTING_LIMITS.unit)
  @Matches(NOT_BLANK, notBlank('unit'))
  unit: string;

  @Field(() => FenScalar)
  @Min(1, { message: 'priceFen must be at least 1' })
  @Max(LISTING_LIMITS.maxPriceFen, { message: `priceFen must be at most ${LISTING_LIMITS.maxPriceFen}` })
  priceFen: number;

  @Field(() => ID) originVillageId: string;

  @Field(() => AllocationPolicy, { nullable: true, defaultValue: AllocationPolicy.PRECISION })
  allocationPolicy?: AllocationPolicy | null;

  @Field(() => [SupplyLotInput])
  @ArrayMinSize(1, { message: 'supply must name at least one household' })
  @ArrayMaxSize(LISTING_LIMITS.maxLotsPerRequest, { message: `supply may name at most ${LISTING_LIMITS.maxLotsPerRequest} lots` })
  @ValidateNested({ each: true })
  @Type(() => SupplyLotInput)
  supply: SupplyLotInput[];

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Publish at once (ACTIVE); false keeps it a DRAFT.' })
  publish?: boolean | null;
}

@InputType('UpdateListingInput')
export class UpdateListingInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(LISTING_LIMITS.title)
  @Matches(NOT_BLANK, notBlank('title'))
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LISTING_LIMITS.description)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(LISTING_LIMITS.category)
  @Matches(NOT_BLANK, notBlank('category'))
  category?: string | null;

  @Field(() => FenScalar, { nullable: true })
  @IsOptional()
  @Min(1, { message: 'priceFen must be at least 1' })
  @Max(LISTING_LIMITS.maxPriceFen, { message: `priceFen must be at most ${LISTING_LIMITS.maxPriceFen}` })
  priceFen?: number | null;

  @Field(() => ListingStatus, { nullable: true })
  status?: ListingStatus | null;
}

@InputType('ListingFilter')
export class ListingFilterInput {
  @Field(() => String, { nullable: true, description: 'Words in the title or description (case-insensitive, any language).' })
  @IsOptional()
  @MaxLength(LISTING_LIMITS.search)
  search?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LISTING_LIMITS.category)
  category?: string | null;

  @Field(() => ID, { nullable: true }) countyId?: string | null;
  @Field(() => ID, { nullable: true }) villageId?: string | null;
  @Field(() => ID, { nullable: true }) stationId?: string | null;
  @Field(() => Boolean, { nullable: true }) povertyAlleviationOnly?: boolean | null;

  @Field(() => FenScalar, { nullable: true })
  @IsOptional()
  @Min(0, { message: 'minPriceFen must not be negative' })
  minPriceFen?: number | null;

  @Field(() => FenScalar, { nullable: true })
  @IsOptional()
  @Min(0, { message: 'maxPriceFen must not be negative' })
  maxPriceFen?: number | null;

  @Field(() => ListingStatus, { nullable: true, description: 'Buyers and anonymous callers only ever see ACTIVE listings.' })
  status?: ListingStatus | null;
}
