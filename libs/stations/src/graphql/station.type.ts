import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { StationData } from '../domain/station';

@ObjectType('ServiceStation')
export class ServiceStationType implements StationData {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int) dailyCapacity: number;
  @Field(() => Int) commissionBps: number;
  @Field() active: boolean;
  /** Loaded by the village, county and servedVillages field resolvers. */
  villageId: string;
  countyId: string;
}
