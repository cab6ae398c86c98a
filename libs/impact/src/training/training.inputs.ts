import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ID_PATTERN } from '@app/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const ID_MESSAGE = 'must be the id of an existing record';

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
