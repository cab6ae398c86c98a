import { ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, GraphQLContext, notFound } from '@app/platform';
import { HouseholdType, RegistryLoaders, VillageType } from '@app/registry';
import { ServiceStationType, StationLoaders } from '@app/stations';
import { CatalogLoaders } from '../catalog-loaders.service';
import { canSeeSupply } from '../domain/listing-access';
import { ListingPhotoType } from '../photos/photo.type';
import { ListingType, SupplyLotType } from './listing.type';

// These resolvers run for every listing of a page, so they take graphql's plain (parent, args, context)
// arguments instead of parameter decorators: Nest then calls them directly, without running the global
// pipes over each parent object (a page of 100 listings would otherwise validate 300 of them).

/** The caller, as the auth guard put it on the request before the root resolver ran. */
const actorIn = (ctx: GraphQLContext): Actor | null => (ctx.req?.actor as Actor | null | undefined) ?? null;

function required<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw notFound(what, id);
  return value;
}

/** The relations of a Listing, each one batched query per request whatever the page size. */
@Resolver(() => ListingType)
export class ListingFieldsResolver {
  constructor(
    private readonly catalog: CatalogLoaders,
    private readonly registry: RegistryLoaders,
    private readonly stations: StationLoaders,
  ) {}

  @ResolveField(() => ServiceStationType)
  async station(listing: ListingType, _args: unknown, ctx: GraphQLContext): Promise<ServiceStationType> {
    return required(await this.stations.station(ctx, listing.stationId), 'Station', listing.stationId);
  }

  @ResolveField(() => VillageType)
  async originVillage(listing: ListingType, _args: unknown, ctx: GraphQLContext): Promise<VillageType> {
    return required(await this.registry.village(ctx, listing.originVillageId), 'Village', listing.originVillageId);
  }

  @ResolveField(() => [ListingPhotoType], { description: "The listing's photos, in the operator's order (the first is the cover)." })
  photos(listing: ListingType, _args: unknown, ctx: GraphQLContext): Promise<ListingPhotoType[]> {
    return this.catalog.photos(ctx, listing.id);
  }

  @ResolveField(() => [SupplyLotType], { nullable: true, description: 'The supply behind the listing. Null for buyers and anonymous callers.' })
  async supply(listing: ListingType, _args: unknown, ctx: GraphQLContext): Promise<SupplyLotType[] | null> {
    if (!canSeeSupply(actorIn(ctx), listing)) return null;
    return this.catalog.supply(ctx, listing.id);
  }
}

@Resolver(() => SupplyLotType)
export class SupplyLotFieldsResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => HouseholdType)
  async household(lot: SupplyLotType, _args: unknown, ctx: GraphQLContext): Promise<HouseholdType> {
    return required(await this.registry.household(ctx, lot.householdId), 'Household', lot.householdId);
  }
}
