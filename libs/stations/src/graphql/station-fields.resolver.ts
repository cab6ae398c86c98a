import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext, notFound } from '@app/platform';
import { CountyType, RegistryLoaders, VillageType } from '@app/registry';
import { StationCoverage } from '../station-coverage.service';
import { StationLoaders } from '../station-loaders.service';
import { ServiceStationType } from './station.type';

const present = <T>(values: Array<T | null>): T[] => values.filter((v): v is T => v !== null);

/** ServiceStation's relation fields, through the request's DataLoaders. */
@Resolver(() => ServiceStationType)
export class StationFieldsResolver {
  constructor(
    private readonly registry: RegistryLoaders,
    private readonly coverage: StationCoverage,
  ) {}

  @ResolveField(() => VillageType)
  async village(@Parent() station: ServiceStationType, @Context() ctx: GraphQLContext): Promise<VillageType> {
    const village = await this.registry.village(ctx, station.villageId);
    if (!village) throw notFound('Village', station.villageId);
    return village;
  }

  @ResolveField(() => CountyType)
  async county(@Parent() station: ServiceStationType, @Context() ctx: GraphQLContext): Promise<CountyType> {
    const county = await this.registry.county(ctx, station.countyId);
    if (!county) throw notFound('County', station.countyId);
    return county;
  }

  @ResolveField(() => [VillageType])
  async servedVillages(@Parent() station: ServiceStationType, @Context() ctx: GraphQLContext): Promise<VillageType[]> {
    const ids = await this.coverage.servedVillageIdsOf(ctx, station.id);
    return present(await Promise.all(ids.map((id) => this.registry.village(ctx, id))));
  }
}

/** Village.stations: the stations serving a village (the stations domain owns that relation). */
@Resolver(() => VillageType)
export class VillageStationsResolver {
  constructor(
    private readonly stationLoaders: StationLoaders,
    private readonly coverage: StationCoverage,
  ) {}

  @ResolveField(() => [ServiceStationType])
  async stations(@Parent() village: VillageType, @Context() ctx: GraphQLContext): Promise<ServiceStationType[]> {
    const ids = await this.coverage.stationIdsServing(ctx, village.id);
    return present(await Promise.all(ids.map((id) => this.stationLoaders.station(ctx, id))));
  }
}
