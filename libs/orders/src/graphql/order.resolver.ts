import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphQLContext, idOrNotFound, Role, Roles } from '@app/platform';
import { FulfillmentStatus } from '../entities/enums';
import { FulfillmentService } from '../fulfillment/fulfillment.service';
import { OrderCancellationService } from '../fulfillment/order-cancellation.service';
import { OrderPlacementService } from '../placement/order-placement.service';
import { OrderQueryService } from '../query/order-query.service';
import { PlaceOrderInput, ShipInput } from './order.inputs';
import { FulfillmentConnection, FulfillmentType, OrderConnection, OrderType } from './order.types';

/** The orders API: placement, cancellation, the fulfilment steps and the order queries. */
@Resolver(() => OrderType)
export class OrderResolver {
  constructor(
    private readonly placement: OrderPlacementService,
    private readonly cancellation: OrderCancellationService,
    private readonly fulfillments: FulfillmentService,
    private readonly queries: OrderQueryService,
  ) {}

  @Query(() => OrderType, { nullable: true })
  @Roles(Role.BUYER, Role.STATION_OPERATOR, Role.ADMIN)
  order(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor, @Context() ctx: GraphQLContext): Promise<OrderType> {
    return this.queries.order(ctx, actor, id);
  }

  @Query(() => OrderConnection)
  @Roles()
  myOrders(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return this.queries.myOrders(actor, first, after);
  }

  @Query(() => FulfillmentConnection)
  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  stationFulfillments(
    @CurrentActor() actor: Actor,
    @Args('stationId', { type: () => ID }) stationId: string,
    @Args('status', { type: () => FulfillmentStatus, nullable: true }) status?: FulfillmentStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return this.queries.stationFulfillments(actor, stationId, status, first, after);
  }

  @Mutation(() => OrderType)
  @Roles(Role.BUYER, Role.STATION_OPERATOR)
  placeOrder(@Args('input') input: PlaceOrderInput, @CurrentActor() actor: Actor): Promise<OrderType> {
    return this.placement.placeOrder(actor, input);
  }

  @Mutation(() => OrderType)
  @Roles(Role.BUYER, Role.STATION_OPERATOR, Role.ADMIN)
  cancelOrder(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<OrderType> {
    return this.cancellation.cancelOrder(actor, idOrNotFound(id, 'Order', 'id'));
  }

  @Mutation(() => FulfillmentType)
  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  acceptFulfillment(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<FulfillmentType> {
    return this.fulfillments.accept(actor, idOrNotFound(id, 'Fulfillment', 'id'));
  }

  @Mutation(() => FulfillmentType)
  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  markCollected(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<FulfillmentType> {
    return this.fulfillments.markCollected(actor, idOrNotFound(id, 'Fulfillment', 'id'));
  }

  @Mutation(() => FulfillmentType)
  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  markShipped(@Args('input') input: ShipInput, @CurrentActor() actor: Actor): Promise<FulfillmentType> {
    return this.fulfillments.markShipped(actor, input.fulfillmentId, input.carrier, input.trackingNumber);
  }

  @Mutation(() => FulfillmentType)
  @Roles(Role.BUYER, Role.STATION_OPERATOR, Role.ADMIN)
  confirmDelivery(@Args('fulfillmentId', { type: () => ID }) fulfillmentId: string, @CurrentActor() actor: Actor): Promise<FulfillmentType> {
    return this.fulfillments.confirmDelivery(actor, idOrNotFound(fulfillmentId, 'Fulfillment', 'fulfillmentId'));
  }
}
