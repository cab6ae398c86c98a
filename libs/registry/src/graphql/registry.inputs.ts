import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PovertyCategory, PovertyStatus } from '../domain/enums';
import { ID_PATTERN } from '@app/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Ids are bigint identities carried as decimal strings; anything else can name no row. */
const ID_MESSAGE = 'must be the id of an existing record';

@InputType('CreateCountyInput')
export class CreateCountyInput {
  @Field() @Transform(trim) @IsString() @Matches(/^[0-9]{6}$/, { message: 'code must be a six-digit GB/T 2260 administrative code' })
  code: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100)
  name: string;

  @Field() @IsBoolean()
  nationalPovertyCounty: boolean;
}

@InputType('CreateTownshipInput')
export class CreateTownshipInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: `countyId ${ID_MESSAGE}` })
  countyId: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100)
  name: string;
}

@InputType('CreateVillageInput')
export class CreateVillageInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: `townshipId ${ID_MESSAGE}` })
  townshipId: string;

  @Field() @Transform(trim) @IsString() @Matches(/^[0-9A-Za-z-]{1,20}$/, { message: 'code must be 1 to 20 letters, digits or dashes' })
  code: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100)
  name: string;

  @Field() @IsBoolean()
  povertyStricken: boolean;
}

@InputType('RegisterHouseholdInput')
export class RegisterHouseholdInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: `villageId ${ID_MESSAGE}` })
  villageId: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: "headName must not be empty" }) @MaxLength(100)
  headName: string;

  @Field(() => Int) @IsInt() @Min(1, { message: 'members must be at least 1' }) @Max(100, { message: 'members must be at most 100' })
  members: number;

  @Field(() => String, { nullable: true })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value))
  @IsOptional() @IsString() @Matches(/^[0-9A-Za-z-]{1,40}$/, { message: 'registryNumber must be 1 to 40 letters, digits or dashes' })
  registryNumber?: string | null;

  @Field() @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value))
  @IsString() @Matches(/^[0-9A-Za-z-]{4,64}$/, { message: 'payoutAccount must be 4 to 64 letters, digits or dashes' })
  payoutAccount: string;
}

@InputType('SetPovertyStatusInput')
export class SetPovertyStatusInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: `householdId ${ID_MESSAGE}` })
  householdId: string;

  @Field(() => PovertyStatus) @IsEnum(PovertyStatus)
  status: PovertyStatus;

  @Field(() => PovertyCategory, { nullable: true }) @IsOptional() @IsEnum(PovertyCategory)
  category?: PovertyCategory | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the change takes effect; defaults to now. Attribution uses the status in force when an order was placed.',
  })
  @IsOptional()
  effectiveAt?: Date | null;
}
