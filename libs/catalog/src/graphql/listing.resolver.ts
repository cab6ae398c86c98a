import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphQLContext, isId, Page, requireActor, Role, Roles } from '@app/platform';
import { CatalogLoaders } from '../catalog-loaders.service';
import { ListingSort } from '../domain/enums';
import { canSeeListing } from '../domain/listing-access';
import { ListingQueryService } from '../listing-query.service';
import { ListingService } from '../listing.service';
import { CreateListingInput, ListingFilterInput, SupplyLotInput, UpdateListingInput } from './listing.inputs';
import { ListingConnection, ListingType } from './listing.type';

@Resolver(() => ListingType)
export class ListingResolver {
  constructor(
    private readonly service: ListingService,
    private readonly query: ListingQueryService,
    private readonly loaders: CatalogLoaders,
  ) {}

  @Query(() => ListingType, { nullable: true, description: 'A listing, or null if there is none the caller may see.' })
  async listing(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor | null, @Context() ctx: GraphQLContext): Promise<ListingType | null> {
    if (!isId(id)) return null;
    const listing = await this.loaders.listing(ctx, id);
    return listing && canSeeListing(actor, listing) ? listing : null;
  }

  @Query(() => ListingConnection)
  listings(
    @Context() ctx: GraphQLContext,
    @CurrentActor() actor: Actor | null,
    // Typed without `| null`: a union would erase the class from the metadata the validation pipe reads.
    @Args('filter', { type: () => ListingFilterInput, nullable: true }) filter: ListingFilterInput,
    @Args('sort', { type: () => ListingSort, nullable: true, defaultValue: ListingSort.NEWEST }) sort: ListingSort | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<ListingType>> {
    return this.query.page(ctx, actor, filter, sort ?? ListingSort.NEWEST, first, after);
  }

  @Query(() => [String], { description: 'The categories of ACTIVE listings, alphabetical (at most 200), for the shop\'s filter.' })
  listingCategories(@Args('countyId', { type: () => ID, nullable: true }) countyId: string | null): Promise<string[]> {
    return this.query.categories(countyId ?? null);
  }

  @Roles(Role.STATION_OPERATOR)
  @Mutation(() => ListingType, { description: "Lists produce of households in villages the operator's station serves." })
  createListing(@CurrentActor() actor: Actor | null, @Args('input') input: CreateListingInput): Promise<ListingType> {
    return this.service.create(requireActor(actor), input);
  }

  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  @Mutation(() => ListingType)
  updateListing(
    @CurrentActor() actor: Actor | null,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateListingInput,
  ): Promise<ListingType> {
    return this.service.update(requireActor(actor), id, input);
  }

  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  @Mutation(() => ListingType)
  addSupply(
    @CurrentActor() actor: Actor | null,
    @Args('listingId', { type: () => ID }) listingId: string,
    @Args('supply') supply: SupplyLotInput,
  ): Promise<ListingType> {
    return this.service.addSupply(requireActor(actor), listingId, supply);
  }
}
