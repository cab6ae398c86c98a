import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ID_PATTERN } from '@app/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A station serves the villages around it: a few dozen at most in practice. */
export const MAX_SERVED_VILLAGES = 500;
/** Fulfilments a day: a village station handles dozens to a few hundred parcels. */
export const MAX_DAILY_CAPACITY = 100_000;

@InputType('CreateStationInput')
export class CreateStationInput {
  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100)
  name: string;

  @Field(() => ID) @Matches(ID_PATTERN, { message: 'villageId must be the id of an existing village' })
  villageId: string;

  @Field(() => [ID]) @IsArray() @ArrayMaxSize(MAX_SERVED_VILLAGES)
  @Matches(ID_PATTERN, { each: true, message: 'servedVillageIds must hold ids of existing villages' })
  servedVillageIds: string[];

  @Field(() => Int) @IsInt() @Min(1, { message: 'dailyCapacity must be at least 1' }) @Max(MAX_DAILY_CAPACITY)
  dailyCapacity: number;

  @Field(() => Int) @IsInt() @Min(0, { message: 'commissionBps must be between 0 and 10000' }) @Max(10000, { message: 'commissionBps must be between 0 and 10000' })
  commissionBps: number;
}

@InputType('UpdateStationInput')
export class UpdateStationInput {
  @Field(() => String, { nullable: true }) @Transform(trim) @IsOptional() @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100)
  name?: string | null;

  @Field(() => [ID], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(MAX_SERVED_VILLAGES)
  @Matches(ID_PATTERN, { each: true, message: 'servedVillageIds must hold ids of existing villages' })
  servedVillageIds?: string[] | null;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1, { message: 'dailyCapacity must be at least 1' }) @Max(MAX_DAILY_CAPACITY)
  dailyCapacity?: number | null;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt()
  @Min(0, { message: 'commissionBps must be between 0 and 10000' }) @Max(10000, { message: 'commissionBps must be between 0 and 10000' })
  commissionBps?: number | null;

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  active?: boolean | null;
}
