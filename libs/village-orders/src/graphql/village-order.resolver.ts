import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { toFen } from '@app/kernel';
import { Actor, APP_CONFIG, AppConfig, CurrentActor, FenScalar, GraphQLContext, groupByKeys, loader, Page, requireActor, Role, Roles } from '@app/platform';
import { GoodsLoaders, MerchantType, toMerchantData } from '@app/goods';
import { HouseholdType, RegistryLoaders, VillageType } from '@app/registry';
import { ServiceStationType, StationLoaders } from '@app/stations';
import { VillageOrderLine } from '../entities/village-order-line.entity';
import { StationCashService } from '../station-cash.service';
import { VillageOrderLifeService } from '../village-order-life.service';
import { toVillageOrderType } from '../village-order.mapper';
import { VillageOrderPlacementService } from '../village-order-placement.service';
import { VillageOrderQueryService } from '../village-order-query.service';
import { PlaceVillageOrderInput, VillageOrderFilterInput } from './village-order.inputs';
import {
  CashRemittanceType,
  PlaceVillageOrderPayload,
  StationCashPositionType,
  VillageOrderConnection,
  VillageOrderLineType,
  VillageOrderType,
} from './village-order.types';

@Resolver(() => VillageOrderType)
export class VillageOrderResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly placement: VillageOrderPlacementService,
    private readonly life: VillageOrderLifeService,
    private readonly query: VillageOrderQueryService,
    private readonly cash: StationCashService,
    private readonly goods: GoodsLoaders,
    private readonly registry: RegistryLoaders,
    private readonly stations: StationLoaders,
  ) {}

  private view(actor: Actor | null) {
    return (o: Parameters<typeof toVillageOrderType>[0]) => toVillageOrderType(o, actor, this.config.pickupDays);
  }

  @Query(() => VillageOrderType, { nullable: true, description: 'A village order, or null if there is none the caller may see.' })
  async villageOrder(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor | null): Promise<VillageOrderType | null> {
    const o = await this.query.byId(actor, id);
    return o ? this.view(actor)(o) : null;
  }

  @Roles()
  @Query(() => VillageOrderConnection, { description: "Operators: their station's; merchants: their goods'; officials: their county's; admins: all. Newest first." })
  async villageOrders(
    @CurrentActor() actor: Actor | null,
    @Args('filter', { type: () => VillageOrderFilterInput, nullable: true }) filter: VillageOrderFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<VillageOrderType>> {
    const a = requireActor(actor);
    const page = await this.query.page(a, filter, first, after);
    const view = this.view(a);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })), totalCount: page.totalCount } as Page<VillageOrderType>;
  }

  @Roles(Role.STATION_OPERATOR)
  @Mutation(() => PlaceVillageOrderPayload, { description: "Orders goods for a villager of a village the operator's station serves, for pickup there; the deposit is taken in cash." })
  async placeVillageOrder(@CurrentActor() actor: Actor | null, @Args('input') input: PlaceVillageOrderInput): Promise<PlaceVillageOrderPayload> {
    const a = requireActor(actor);
    const { order, pickupCode } = await this.placement.place(a, input);
    return { villageOrder: this.view(a)(order), pickupCode };
  }

  @Roles(Role.MERCHANT, Role.ADMIN)
  @Mutation(() => VillageOrderType, { description: 'The merchant has sent the goods to the station (PLACED -> SHIPPED).' })
  async shipVillageOrder(@CurrentActor() actor: Actor | null, @Args('id', { type: () => ID }) id: string): Promise<VillageOrderType> {
    const a = requireActor(actor);
    return this.view(a)(await this.life.ship(a, id));
  }

  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  @Mutation(() => VillageOrderType, { description: 'The goods arrived at the station (SHIPPED -> AT_STATION); the pickup days start.' })
  async receiveVillageOrder(@CurrentActor() actor: Actor | null, @Args('id', { type: () => ID }) id: string): Promise<VillageOrderType> {
    const a = requireActor(actor);
    return this.view(a)(await this.life.receive(a, id));
  }

  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  @Mutation(() => VillageOrderType, { description: 'The villager collects with the pickup code and pays the rest in cash (AT_STATION -> COLLECTED).' })
  async collectVillageOrder(
    @CurrentActor() actor: Actor | null,
    @Args('id', { type: () => ID }) id: string,
    @Args('pickupCode') pickupCode: string,
  ): Promise<VillageOrderType> {
    const a = requireActor(actor);
    return this.view(a)(await this.life.collect(a, id, pickupCode));
  }

  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  @Mutation(() => VillageOrderType, { description: 'Cancels an order not yet shipped: stock back, the deposit refunded in cash.' })
  async cancelVillageOrder(@CurrentActor() actor: Actor | null, @Args('id', { type: () => ID }) id: string): Promise<VillageOrderType> {
    const a = requireActor(actor);
    return this.view(a)(await this.life.cancel(a, id));
  }

  @Query(() => StationCashPositionType, { description: "A station's cash: taken from villagers minus remitted. Its operators, officials of its county, admins." })
  @Roles()
  stationCashPosition(@CurrentActor() actor: Actor | null, @Args('stationId', { type: () => ID }) stationId: string): Promise<StationCashPositionType> {
    return this.cash.position(actor, stationId);
  }

  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  @Mutation(() => CashRemittanceType, { description: "Records the operator handing station cash to the county bank (never more than the station holds). Operators: their own station." })
  async remitStationCash(
    @CurrentActor() actor: Actor | null,
    @Args('amountFen', { type: () => FenScalar }) amountFen: number,
    @Args('stationId', { type: () => ID, nullable: true }) stationId: string | null,
  ): Promise<CashRemittanceType> {
    const { remittance, position } = await this.cash.remit(requireActor(actor), stationId, amountFen);
    return { id: String(remittance.id), amountFen: toFen(remittance.amountFen), remittedAt: remittance.remittedAt, position };
  }

  @ResolveField(() => ServiceStationType)
  async station(@Parent() o: VillageOrderType, @Context() ctx: GraphQLContext): Promise<ServiceStationType> {
    return (await this.stations.station(ctx, o.stationId))!;
  }

  @ResolveField(() => VillageType)
  async village(@Parent() o: VillageOrderType, @Context() ctx: GraphQLContext): Promise<VillageType> {
    return (await this.registry.village(ctx, o.villageId))!;
  }

  @ResolveField(() => HouseholdType, { nullable: true, description: 'The household ordered for (null for a villager not on the registry, and for the merchant).' })
  async household(@Parent() o: VillageOrderType, @Context() ctx: GraphQLContext): Promise<HouseholdType | null> {
    return o.householdId ? this.registry.household(ctx, o.householdId) : null;
  }

  @ResolveField(() => MerchantType)
  async merchant(@Parent() o: VillageOrderType, @CurrentActor() actor: Actor | null, @Context() ctx: GraphQLContext): Promise<MerchantType> {
    return toMerchantData((await this.goods.merchantById(ctx, o.merchantId))!, actor);
  }

  @ResolveField(() => [VillageOrderLineType])
  async lines(@Parent() o: VillageOrderType, @Context() ctx: GraphQLContext): Promise<VillageOrderLineType[]> {
    const lines = await loader(ctx, 'villageOrders.lines', () =>
      new DataLoader<string, VillageOrderLine[]>(async (ids) => groupByKeys(ids, await this.query.linesOf(ids), (l) => String(l.villageOrderId))),
    ).load(o.id);
    return lines.map((l) => ({ id: String(l.id), goodsId: String(l.goodsId), title: l.title, kind: l.kind, quantity: l.quantity, unitPriceFen: toFen(l.unitPriceFen), lineTotalFen: toFen(l.lineTotalFen) }));
  }
}
