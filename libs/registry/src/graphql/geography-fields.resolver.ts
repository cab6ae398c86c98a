import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext, notFound } from '@app/platform';
import { PovertyHistoryService } from '../poverty-history.service';
import { VillagePovertyEntryType } from './history.types';
import { RegistryLoaders } from '../registry-loaders.service';
import { CountyType, TownshipType, VillageType } from './registry.types';

/** The relation fields of the geography types, all through the request's DataLoaders. */
@Resolver(() => CountyType)
export class CountyFieldsResolver {
  constructor(private readonly loaders: RegistryLoaders) {}

  @ResolveField(() => [TownshipType])
  townships(@Parent() county: CountyType, @Context() ctx: GraphQLContext): Promise<TownshipType[]> {
    return this.loaders.townshipsOfCounty(ctx, county.id);
  }
}

@Resolver(() => TownshipType)
export class TownshipFieldsResolver {
  constructor(private readonly loaders: RegistryLoaders) {}

  @ResolveField(() => CountyType)
  async county(@Parent() township: TownshipType, @Context() ctx: GraphQLContext): Promise<CountyType> {
    return required(await this.loaders.county(ctx, township.countyId), 'County', township.countyId);
  }

  @ResolveField(() => [VillageType])
  villages(@Parent() township: TownshipType, @Context() ctx: GraphQLContext): Promise<VillageType[]> {
    return this.loaders.villagesOfTownship(ctx, township.id);
  }
}

@Resolver(() => VillageType)
export class VillageFieldsResolver {
  constructor(
    private readonly loaders: RegistryLoaders,
    private readonly histories: PovertyHistoryService,
  ) {}

  @ResolveField(() => [VillagePovertyEntryType], {
    description: 'Its poverty exits and re-entries, oldest first (before the first: its designation). Anyone may read it.',
  })
  povertyHistory(@Parent() village: VillageType, @Context() ctx: GraphQLContext): Promise<VillagePovertyEntryType[]> {
    return this.histories.villageHistory(ctx, village.id);
  }

  @ResolveField(() => TownshipType)
  async township(@Parent() village: VillageType, @Context() ctx: GraphQLContext): Promise<TownshipType> {
    return required(await this.loaders.township(ctx, village.townshipId), 'Township', village.townshipId);
  }

  @ResolveField(() => CountyType)
  async county(@Parent() village: VillageType, @Context() ctx: GraphQLContext): Promise<CountyType> {
    return required(await this.loaders.county(ctx, village.countyId), 'County', village.countyId);
  }
  // Village.stations is resolved by the stations domain (it owns which stations serve a village).
}

/** A non-null relation whose row is gone (foreign keys forbid it): say so rather than break the type. */
export function required<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw notFound(what, id);
  return value;
}
