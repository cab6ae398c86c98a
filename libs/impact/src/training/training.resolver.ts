import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, badInput, CurrentActor, decodeCursor, ID_PATTERN, optionalId, pageSize, Role, Roles, toPage } from '@app/platform';
import { outcomesCountyFor, TrainingService } from './training.service';
import { CreateTrainingProgrammeInput, RecordAttendanceInput, RecordTrainingSessionInput } from './training.inputs';
import { TrainingOutcomeType, TrainingProgrammeConnection, TrainingProgrammeType, TrainingSessionType } from './training.types';

/** Training: anyone signed in lists programmes; see TrainingService for who records what. */
@Resolver()
export class TrainingResolver {
  constructor(private readonly training: TrainingService) {}

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => TrainingProgrammeType, { description: 'A training programme (officials, admins).' })
  createTrainingProgramme(@Args('input') input: CreateTrainingProgrammeInput): Promise<TrainingProgrammeType> {
    return this.training.createProgramme(input);
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR)
  @Mutation(() => TrainingSessionType, { description: "A session held at a station (its operators, its county's officials, admins)." })
  recordTrainingSession(@CurrentActor() actor: Actor, @Args('input') input: RecordTrainingSessionInput): Promise<TrainingSessionType> {
    return this.training.recordSession(actor, input);
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR)
  @Mutation(() => TrainingSessionType, { description: "Households that attended a session (as recordTrainingSession)." })
  recordTrainingAttendance(@CurrentActor() actor: Actor, @Args('input') input: RecordAttendanceInput): Promise<TrainingSessionType> {
    return this.training.recordAttendance(actor, input);
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR)
  @Query(() => TrainingProgrammeConnection)
  async trainingProgrammes(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<TrainingProgrammeConnection> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    const afterId = cursor ? String(cursor[0]) : null;
    if (afterId !== null && !ID_PATTERN.test(afterId)) throw badInput('after', 'not a cursor this list gave out');
    const rows = await this.training.programmes(limit, afterId);
    return toPage(rows, limit, (p) => [p.id], (p) => p, () => this.training.programmeCount()) as TrainingProgrammeConnection;
  }

  @Query(() => [TrainingOutcomeType], {
    description: "Outcomes per programme and county: officials their county's, admins any county (or all). Others FORBIDDEN.",
  })
  trainingOutcomes(
    @CurrentActor() actor: Actor | null,
    @Args('countyId', { type: () => ID, nullable: true }) countyId: string | null,
    @Args('programmeId', { type: () => ID, nullable: true }) programmeId: string | null,
  ): Promise<TrainingOutcomeType[]> {
    const county = outcomesCountyFor(actor, optionalId(countyId, 'countyId', 'countyId'));
    return this.training.outcomes(county, optionalId(programmeId, 'programmeId', 'programmeId'));
  }
}
