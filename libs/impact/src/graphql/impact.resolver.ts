import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphQLContext, Page, pageSize } from '@app/platform';
import { RegistryLoaders, VillageType } from '@app/registry';
import { ImpactQueryService, VillageTotals } from '../query/impact-query.service';
import { ImpactRequestService } from '../query/impact-request.service';
import { ImpactFilterInput } from './impact.inputs';
import { ImpactInterval, ImpactPointType, ImpactSummaryType, VillageImpactConnection, VillageImpactType } from './impact.types';

// No @Roles here: the contract answers anonymous callers FORBIDDEN like buyers (impactScopeFor),
// where the guard's @Roles would say UNAUTHENTICATED. `filter` is null when absent; it is declared as
// the input class so that the validation pipe sees the type.
@Resolver()
export class ImpactResolver {
  constructor(
    private readonly requests: ImpactRequestService,
    private readonly reports: ImpactQueryService,
  ) {}

  @Query(() => ImpactSummaryType, { description: 'Admins: everything; officials: their county; operators: their station.' })
  async impactSummary(
    @CurrentActor() actor: Actor | null,
    @Args('filter', { type: () => ImpactFilterInput, nullable: true }) filter: ImpactFilterInput,
  ): Promise<ImpactSummaryType> {
    const { scope, range } = await this.requests.resolve(actor, filter, 'filter');
    return { ...(await this.reports.summary(scope, range)), lineScope: scope, asOf: asOfFor(range.to) } as ImpactSummaryType;
  }

  @Query(() => VillageImpactConnection, { description: 'The villages reached, largest supplier income first.' })
  async impactByVillage(
    @CurrentActor() actor: Actor | null,
    @Args('filter', { type: () => ImpactFilterInput, nullable: true }) filter: ImpactFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<VillageTotals>> {
    const { scope, range } = await this.requests.resolve(actor, filter, 'filter');
    const page = await this.reports.villages(scope, range, pageSize(first), after);
    const asOf = asOfFor(range.to);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: { ...e.node, asOf } })) };
  }

  @Query(() => [ImpactPointType], { description: 'One point per Asia/Shanghai period of the range, empty periods included.' })
  async impactSeries(
    @CurrentActor() actor: Actor | null,
    @Args('filter', { type: () => ImpactFilterInput, nullable: true }) filter: ImpactFilterInput,
    @Args('interval', { type: () => ImpactInterval, nullable: true, defaultValue: ImpactInterval.MONTH }) interval: ImpactInterval | null,
  ): Promise<ImpactPointType[]> {
    const { scope, range } = await this.requests.resolve(actor, filter, 'filter');
    return this.reports.series(scope, range, interval ?? ImpactInterval.MONTH);
  }
}


/** The poverty-line fields count income up to the range's end, or now when it ends later or is open. */
function asOfFor(to: Date | null): Date {
  const now = new Date();
  return to && to.getTime() < now.getTime() ? to : now;
}

@Resolver(() => VillageImpactType)
export class VillageImpactFieldsResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => VillageType)
  async village(@Parent() node: VillageImpactType, @Context() ctx: GraphQLContext): Promise<VillageType> {
    const village = await this.registry.village(ctx, node.villageId);
    if (!village) throw new Error(`village ${node.villageId} of a counted allocation does not exist`);
    return village;
  }
}
