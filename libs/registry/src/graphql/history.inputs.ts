import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { FenScalar, ID_PATTERN } from '@app/platform';

@InputType('SetCountyPovertyLineInput')
export class SetCountyPovertyLineInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: 'countyId must be the id of an existing record' })
  countyId: string;

  @Field(() => FenScalar, { description: 'Fen a person a year, 1 to 100000000 (1,000,000 yuan).' })
  @IsInt() @Min(1, { message: 'povertyLineFen must be at least 1 fen' }) @Max(100_000_000, { message: 'povertyLineFen must be at most 100000000 fen' })
  povertyLineFen: number;
}

@InputType('SetVillagePovertyStatusInput')
export class SetVillagePovertyStatusInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: 'villageId must be the id of an existing record' })
  villageId: string;

  @Field({ description: 'false: the village exits poverty; true: it is (again) poverty-stricken.' }) @IsBoolean()
  povertyStricken: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'When the change takes effect; defaults to now, may be back-dated, never future. Attribution uses the flag in force when an order was placed.',
  })
  @IsOptional()
  effectiveAt?: Date | null;
}
