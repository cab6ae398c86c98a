import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ServiceStation } from '../entities/station.entity';

@ObjectType('ServiceStation')
export class ServiceStationType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int) dailyCapacity: number;
  @Field(() => Int) commissionBps: number;
  @Field() active: boolean;
  /** Loaded by the village, county and servedVillages field resolvers. */
  villageId: string;
  countyId: string;
}

export const toStationType = (s: ServiceStation): ServiceStationType => ({
  id: s.id,
  name: s.name,
  dailyCapacity: s.dailyCapacity,
  commissionBps: s.commissionBps,
  active: s.active,
  villageId: s.villageId,
  countyId: s.countyId,
});
