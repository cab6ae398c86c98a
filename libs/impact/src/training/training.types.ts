import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ConnectionType, FenScalar, ID_PATTERN } from '@app/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const ID_MESSAGE = 'must be the id of an existing record';

@ObjectType('TrainingProgramme')
export class TrainingProgrammeType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'e.g. e-commerce, walnut grafting, pepper drying' }) topic: string;
}

@ObjectType('TrainingProgrammeConnection')
export class TrainingProgrammeConnection extends ConnectionType(TrainingProgrammeType, 'TrainingProgramme') {}

@ObjectType('TrainingSession')
export class TrainingSessionType {
  @Field(() => ID) id: string;
  @Field(() => ID) programmeId: string;
  @Field(() => ID) stationId: string;
  @Field({ description: 'The Asia/Shanghai date, YYYY-MM-DD.' }) heldOn: string;
  @Field() trainer: string;
  @Field() topic: string;
  @Field(() => Int) attendees: number;
}

@ObjectType('TrainingOutcome', { description: "A programme's outcomes in a county; each trainee counts from their first session of the programme." })
export class TrainingOutcomeType {
  @Field(() => ID) programmeId: string;
  @Field() programmeName: string;
  @Field(() => ID) countyId: string;
  @Field(() => Int) sessions: number;
  @Field(() => Int, { description: 'Distinct households that attended.' }) trainees: number;
  @Field(() => Int, { description: 'Trainees REGISTERED_POOR on the day of their first session (by the status history as it stands now).' })
  registeredPoorTrainees: number;
  @Field(() => Int, { description: "Trainees whose household's first counted sale on the marketplace was placed within 180 days from their first session." })
  traineesFirstSellingWithin180Days: number;
  @Field(() => FenScalar, { description: 'Their households\' supplier net (counted allocations) placed in the 180 days before their first session.' })
  supplierNetBeforeFen: number;
  @Field(() => FenScalar, { description: 'The same in the 180 days from their first session.' })
  supplierNetAfterFen: number;
}

@InputType('CreateTrainingProgrammeInput')
export class CreateTrainingProgrammeInput {
  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100) name: string;
  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'topic must not be empty' }) @MaxLength(100) topic: string;
}

@InputType('RecordTrainingSessionInput')
export class RecordTrainingSessionInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: `programmeId ${ID_MESSAGE}` }) programmeId: string;
  @Field(() => ID) @Matches(ID_PATTERN, { message: `stationId ${ID_MESSAGE}` }) stationId: string;
  @Field({ description: 'YYYY-MM-DD (Asia/Shanghai), not in the future.' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'heldOn must be a date YYYY-MM-DD' }) heldOn: string;
  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'trainer must not be empty' }) @MaxLength(100) trainer: string;
  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'topic must not be empty' }) @MaxLength(200) topic: string;
}

@InputType('RecordAttendanceInput')
export class RecordAttendanceInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: `sessionId ${ID_MESSAGE}` }) sessionId: string;
  @Field(() => [ID], { description: '1 to 100 households of the station\'s county; repeats of an attendance already recorded change nothing.' })
  @ArrayMinSize(1, { message: 'householdIds must name at least one household' }) @ArrayMaxSize(100, { message: 'householdIds may name at most 100 households' })
  @Matches(ID_PATTERN, { each: true, message: `householdIds ${ID_MESSAGE}` })
  householdIds: string[];
}
