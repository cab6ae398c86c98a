import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, badInput, CurrentActor, decodeCursor, GraphQLContext, ID_PATTERN, isId, notFound, Page, pageSize, Role, Roles, toPage } from '@app/platform';
import { GoodsLoaders, MerchantType, toMerchantData } from '@app/goods';
import { HouseholdType, RegistryLoaders } from '@app/registry';
import { ServiceStationType, StationLoaders } from '@app/stations';
import { PayoutStatus } from '../domain/enums';
import { PayoutQueryService } from '../payout-query.service';
import { PayoutService } from '../payout.service';
import { SettlementService } from '../settlement.service';
import { PayoutConnection, PayoutType, SettlementRunConnection, SettlementRunType } from './payout.type';

@Resolver(() => PayoutType)
export class PayoutResolver {
  constructor(
    private readonly query: PayoutQueryService,
    private readonly payoutService: PayoutService,
    private readonly settlement: SettlementService,
    private readonly registry: RegistryLoaders,
    private readonly stations: StationLoaders,
    private readonly goods: GoodsLoaders,
  ) {}

  @Query(() => PayoutConnection, {
    description: "Newest first. Admins: all; officials: their county; operators: their station's, and household payouts that settle only their station's sales; merchants: their own.",
  })
  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR, Role.MERCHANT)
  payouts(
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => PayoutStatus, nullable: true }) status: PayoutStatus | null,
    @Args('stationId', { type: () => ID, nullable: true }) stationId: string | null,
    @Args('householdId', { type: () => ID, nullable: true }) householdId: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<PayoutType>> {
    return this.query.list(actor, { status, stationId, householdId }, first, after);
  }

  @Mutation(() => SettlementRunType, { description: 'Settles every delivered allocation past the holdback into PENDING payouts, one per payee.' })
  @Roles(Role.ADMIN)
  async runSettlement(): Promise<SettlementRunType> {
    const { runId, ranAt, payoutsCreated, amountFen } = await this.settlement.run();
    return { id: runId, ranAt, payoutsCreated, amountFen };
  }

  @Query(() => SettlementRunConnection, { description: 'The settlement runs, newest first (admins only).' })
  @Roles(Role.ADMIN)
  async settlementRuns(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<SettlementRunType>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    const beforeId = cursor ? String(cursor[0]) : null;
    if (beforeId !== null && !ID_PATTERN.test(beforeId)) throw badInput('after', 'not a cursor this list gave out');
    const rows = await this.settlement.runs(limit + 1, beforeId);
    return toPage(rows, limit, (r) => [r.id], (r) => r, () => this.settlement.runCount());
  }

  @Mutation(() => PayoutType, { description: 'Puts a FAILED payout back to PENDING for a fresh set of attempts.' })
  @Roles(Role.ADMIN)
  async retryPayout(@Args('id', { type: () => ID }) id: string): Promise<PayoutType> {
    if (!isId(id)) throw notFound('Payout', id, 'id');
    return this.payoutService.retry(id);
  }

  @ResolveField(() => HouseholdType, { nullable: true })
  household(@Parent() payout: PayoutType, @Context() ctx: GraphQLContext): Promise<HouseholdType | null> | null {
    return payout.householdId ? this.registry.household(ctx, payout.householdId) : null;
  }

  @ResolveField(() => MerchantType, { nullable: true })
  async merchant(@Parent() payout: PayoutType, @CurrentActor() actor: Actor | null, @Context() ctx: GraphQLContext): Promise<MerchantType | null> {
    const m = payout.merchantId ? await this.goods.merchantById(ctx, payout.merchantId) : null;
    return m ? toMerchantData(m, actor) : null;
  }

  @ResolveField(() => ServiceStationType, { nullable: true })
  station(@Parent() payout: PayoutType, @Context() ctx: GraphQLContext): Promise<ServiceStationType | null> | null {
    return payout.stationId ? this.stations.station(ctx, payout.stationId) : null;
  }
}
