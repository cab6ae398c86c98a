import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { FenScalar, ID_PATTERN } from '@app/platform';
import { PovertyCategory, PovertyStatus } from '../domain/enums';

@ObjectType('HistoryRecorder', { description: 'The user who recorded a history entry.' })
export class HistoryRecorderType {
  @Field(() => ID) id: string;
  @Field() displayName: string;
}

@ObjectType('PovertyStatusEntry', { description: "One entry of a household's poverty-status history." })
export class PovertyStatusEntryType {
  @Field(() => ID) id: string;
  @Field(() => PovertyStatus) status: PovertyStatus;
  @Field(() => PovertyCategory, { nullable: true }) category: PovertyCategory | null;
  @Field(() => Date, { description: 'From when the entry holds (it holds until the next entry by this date).' }) effectiveAt: Date;
  @Field(() => Date, { description: 'When it was recorded.' }) recordedAt: Date;
  @Field(() => HistoryRecorderType, { nullable: true, description: 'Null for entries of the seed.' }) recordedBy: HistoryRecorderType | null;
}

@ObjectType('VillagePovertyEntry', { description: "One poverty exit (povertyStricken false) or re-entry (true) of a village." })
export class VillagePovertyEntryType {
  @Field(() => ID) id: string;
  @Field() povertyStricken: boolean;
  @Field(() => Date) effectiveAt: Date;
  @Field(() => Date) recordedAt: Date;
  @Field(() => HistoryRecorderType, { nullable: true, description: 'Null for entries of the seed.' }) recordedBy: HistoryRecorderType | null;
}

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
