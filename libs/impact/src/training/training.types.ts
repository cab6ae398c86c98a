import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, FenScalar } from '@app/platform';
import { TrainingOutcomeData, TrainingProgrammeData, TrainingSessionData } from '../domain/training';

@ObjectType('TrainingProgramme')
export class TrainingProgrammeType implements TrainingProgrammeData {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'e.g. e-commerce, walnut grafting, pepper drying' }) topic: string;
}

@ObjectType('TrainingProgrammeConnection')
export class TrainingProgrammeConnection extends ConnectionType(TrainingProgrammeType, 'TrainingProgramme') {}

@ObjectType('TrainingSession')
export class TrainingSessionType implements TrainingSessionData {
  @Field(() => ID) id: string;
  @Field(() => ID) programmeId: string;
  @Field(() => ID) stationId: string;
  @Field({ description: 'The Asia/Shanghai date, YYYY-MM-DD.' }) heldOn: string;
  @Field() trainer: string;
  @Field() topic: string;
  @Field(() => Int) attendees: number;
}

@ObjectType('TrainingOutcome', { description: "A programme's outcomes in a county; each trainee counts from their first session of the programme." })
export class TrainingOutcomeType implements TrainingOutcomeData {
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
