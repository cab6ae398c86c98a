import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserLoaders, UserType } from '@app/auth';
import { CatalogLoaders, ListingType } from '@app/catalog';
import { Actor, CurrentActor, GraphQLContext, Role } from '@app/platform';
import { HouseholdType, RegistryLoaders } from '@app/registry';
import { ServiceStationType, StationLoaders } from '@app/stations';
import { readableAllocations } from '../query/order-access.policy';
import { OrderLoaders } from '../query/order-loaders.service';
import { AllocationType, FulfillmentType, OrderLineType, OrderType } from './order.types';

/** Order's relations, batched per request (or already in hand after a placement). */
@Resolver(() => OrderType)
export class OrderFieldsResolver {
  constructor(
    private readonly orders: OrderLoaders,
    private readonly users: UserLoaders,
    private readonly stations: StationLoaders,
  ) {}

  @ResolveField(() => UserType)
  async buyer(@Parent() order: OrderType, @Context() ctx: GraphQLContext): Promise<UserType> {
    return (await this.users.user(ctx, order.buyerId))!;
  }

  @ResolveField(() => [OrderLineType])
  lines(@Parent() order: OrderType, @Context() ctx: GraphQLContext): Promise<OrderLineType[]> | OrderLineType[] {
    return order.lines ?? this.orders.linesOfOrder(ctx, order.id);
  }

  @ResolveField(() => [FulfillmentType])
  fulfillments(@Parent() order: OrderType, @Context() ctx: GraphQLContext): Promise<FulfillmentType[]> | FulfillmentType[] {
    return order.fulfillments ?? this.orders.fulfillmentsOfOrder(ctx, order.id);
  }

  @ResolveField(() => ServiceStationType, { nullable: true })
  async pickupStation(@Parent() order: OrderType, @Context() ctx: GraphQLContext): Promise<ServiceStationType | null> {
    return order.pickupStationId === null ? null : this.stations.station(ctx, order.pickupStationId);
  }
}

@Resolver(() => OrderLineType)
export class OrderLineFieldsResolver {
  constructor(
    private readonly orders: OrderLoaders,
    private readonly catalog: CatalogLoaders,
  ) {}

  @ResolveField(() => ListingType)
  async listing(@Parent() line: OrderLineType, @Context() ctx: GraphQLContext): Promise<ListingType> {
    return (await this.catalog.listing(ctx, line.listingId))!;
  }

  @ResolveField(() => [AllocationType], {
    nullable: true,
    description: "Null for buyers: which households supplied the line is not theirs to see. An operator sees only the allocations its own station's fulfilments collect.",
  })
  async allocations(@Parent() line: OrderLineType, @Context() ctx: GraphQLContext, @CurrentActor() actor: Actor | null): Promise<AllocationType[] | null> {
    // Buyers never see allocations: no need to load the order's fulfilments to say so.
    if (!actor || (actor.role !== Role.ADMIN && actor.role !== Role.STATION_OPERATOR)) return null;
    const readable = readableAllocations(actor, await this.orders.fulfillmentsOfOrder(ctx, line.orderId));
    if (readable === null) return null;
    const allocations = await this.orders.allocationsOfLine(ctx, line.id, line.viaFulfillmentId);
    return readable === 'all' ? allocations : allocations.filter((a) => readable.has(a.fulfillmentId));
  }
}

@Resolver(() => FulfillmentType)
export class FulfillmentFieldsResolver {
  constructor(
    private readonly orders: OrderLoaders,
    private readonly stations: StationLoaders,
  ) {}

  @ResolveField(() => OrderType)
  async order(@Parent() fulfillment: FulfillmentType, @Context() ctx: GraphQLContext): Promise<OrderType> {
    return (await this.orders.order(ctx, fulfillment.orderId))!;
  }

  @ResolveField(() => ServiceStationType, { nullable: true })
  async station(@Parent() fulfillment: FulfillmentType, @Context() ctx: GraphQLContext): Promise<ServiceStationType | null> {
    return fulfillment.stationId === null ? null : this.stations.station(ctx, fulfillment.stationId);
  }

  @ResolveField(() => [OrderLineType])
  lines(@Parent() fulfillment: FulfillmentType, @Context() ctx: GraphQLContext): Promise<OrderLineType[]> | OrderLineType[] {
    return fulfillment.lines ?? this.orders.linesOfFulfillment(ctx, fulfillment.id);
  }
}

@Resolver(() => AllocationType)
export class AllocationFieldsResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => HouseholdType)
  async household(@Parent() allocation: AllocationType, @Context() ctx: GraphQLContext): Promise<HouseholdType> {
    return (await this.registry.household(ctx, allocation.householdId))!;
  }
}
