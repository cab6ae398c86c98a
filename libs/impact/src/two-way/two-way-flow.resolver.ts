import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/platform';
import { TwoWayFlowService } from './two-way-flow.service';
import { TwoWayFlowType } from './two-way-flow.types';

@Resolver()
export class TwoWayFlowResolver {
  constructor(private readonly service: TwoWayFlowService) {}

  @Query(() => TwoWayFlowType, {
    description:
      'Upward (produce sold) and downward (goods collected by villagers) per month, for a county, or one station of it; with registered-poor households\' spend on farm inputs. Admins; officials: their county; operators: their station. Months YYYY-MM, to included; default: the last 12 months.',
  })
  twoWayFlow(
    @CurrentActor() actor: Actor | null,
    @Args('countyId', { type: () => ID }) countyId: string,
    @Args('stationId', { type: () => ID, nullable: true }) stationId: string | null,
    @Args('from', { type: () => String, nullable: true }) from: string | null,
    @Args('to', { type: () => String, nullable: true }) to: string | null,
  ): Promise<TwoWayFlowType> {
    return this.service.report(actor, countyId, stationId, from, to);
  }
}
