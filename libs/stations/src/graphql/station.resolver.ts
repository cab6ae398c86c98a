import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/platform';
import { StationService } from '../station.service';
import { CreateStationInput, UpdateStationInput } from './station.inputs';
import { toStationData } from '../station-data';
import { ServiceStationType } from './station.type';

/** Stations: anyone reads them; admins create them; admins and officials of their county change them. */
@Resolver(() => ServiceStationType)
export class StationResolver {
  constructor(private readonly service: StationService) {}

  @Query(() => ServiceStationType, { nullable: true })
  async station(@Args('id', { type: () => ID }) id: string): Promise<ServiceStationType | null> {
    const station = await this.service.station(id);
    return station ? toStationData(station) : null;
  }

  @Query(() => [ServiceStationType], { description: 'Stations of a county, or all, by name (unpaginated: at most 2,000).' })
  async stations(@Args('countyId', { type: () => ID, nullable: true }) countyId: string | null): Promise<ServiceStationType[]> {
    return (await this.service.list(countyId)).map(toStationData);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ServiceStationType)
  async createStation(@Args('input') input: CreateStationInput): Promise<ServiceStationType> {
    return toStationData(await this.service.create(input));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => ServiceStationType)
  async updateStation(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateStationInput,
  ): Promise<ServiceStationType> {
    return toStationData(await this.service.update(actor, id, input));
  }
}
