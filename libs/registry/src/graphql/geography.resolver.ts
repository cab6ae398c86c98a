import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/platform';
import { GeographyService } from '../geography.service';
import { PovertyHistoryService } from '../poverty-history.service';
import { toCountyData, toTownshipData, toVillageData } from '../registry-data';
import { SetCountyPovertyLineInput, SetVillagePovertyStatusInput } from './history.inputs';
import { CreateCountyInput, CreateTownshipInput, CreateVillageInput } from './registry.inputs';
import { CountyType, TownshipType, VillageType } from './registry.types';

/** Geography: anyone reads it, admins create it. */
@Resolver()
export class GeographyResolver {
  constructor(
    private readonly geography: GeographyService,
    private readonly histories: PovertyHistoryService,
  ) {}

  @Query(() => [CountyType], { description: 'Every county, by code (unpaginated: at most 1,000).' })
  async counties(): Promise<CountyType[]> {
    return (await this.geography.listCounties()).map(toCountyData);
  }

  @Query(() => CountyType, { nullable: true })
  async county(@Args('id', { type: () => ID }) id: string): Promise<CountyType | null> {
    const county = await this.geography.county(id);
    return county ? toCountyData(county) : null;
  }

  @Query(() => VillageType, { nullable: true })
  async village(@Args('id', { type: () => ID }) id: string): Promise<VillageType | null> {
    const village = await this.geography.village(id);
    return village ? toVillageData(village) : null;
  }

  @Roles(Role.ADMIN)
  @Mutation(() => CountyType)
  async createCounty(@Args('input') input: CreateCountyInput): Promise<CountyType> {
    return toCountyData(await this.geography.createCounty(input));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => TownshipType)
  async createTownship(@Args('input') input: CreateTownshipInput): Promise<TownshipType> {
    return toTownshipData(await this.geography.createTownship(input));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => VillageType)
  async createVillage(@Args('input') input: CreateVillageInput): Promise<VillageType> {
    return toVillageData(await this.geography.createVillage(input));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => CountyType, { description: "A county's poverty line in fen a person a year (its officials, admins)." })
  async setCountyPovertyLine(@CurrentActor() actor: Actor, @Args('input') input: SetCountyPovertyLineInput): Promise<CountyType> {
    return toCountyData(await this.histories.setCountyPovertyLine(actor, input));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => VillageType, {
    description: "A village's poverty exit or re-entry, effective at a date (officials of its county, admins); attribution follows at once.",
  })
  async setVillagePovertyStatus(@CurrentActor() actor: Actor, @Args('input') input: SetVillagePovertyStatusInput): Promise<VillageType> {
    return toVillageData(await this.histories.setVillagePovertyStatus(actor, input));
  }
}
