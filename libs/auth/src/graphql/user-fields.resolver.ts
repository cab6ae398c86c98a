import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '@app/platform';
import { CountyType, RegistryLoaders } from '@app/registry';
import { ServiceStationType, StationLoaders } from '@app/stations';
import { UserType } from './user.type';

/** User.station (operators) and User.county (officials), through the request's DataLoaders. */
@Resolver(() => UserType)
export class UserFieldsResolver {
  constructor(
    private readonly stations: StationLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @ResolveField(() => ServiceStationType, { nullable: true })
  station(@Parent() user: UserType, @Context() ctx: GraphQLContext): Promise<ServiceStationType | null> | null {
    return user.stationId ? this.stations.station(ctx, user.stationId) : null;
  }

  @ResolveField(() => CountyType, { nullable: true })
  county(@Parent() user: UserType, @Context() ctx: GraphQLContext): Promise<CountyType | null> | null {
    return user.countyId ? this.registry.county(ctx, user.countyId) : null;
  }
}
