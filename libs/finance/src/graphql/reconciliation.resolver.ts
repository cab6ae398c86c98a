import { Args, Context, Field, ID, Int, Mutation, ObjectType, Parent, Query, registerEnumType, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, GraphQLContext, pageSize, Role, Roles, toPage } from '@app/platform';
import { HouseholdType, RegistryLoaders, VillageType } from '@app/registry';
import { ReconciliationKind, ReconciliationService } from '../reconciliation.service';

enum ReconciliationKindEnum {
  BOTH = 'BOTH',
  REGISTRY_ONLY = 'REGISTRY_ONLY',
  LENDER_ONLY = 'LENDER_ONLY',
  UNMATCHED = 'UNMATCHED',
}
registerEnumType(ReconciliationKindEnum, { name: 'ReconciliationKind', description: "On both lists, only on the poverty office's registry, only on the lender's list, or a lender row matching no village." });

@ObjectType('LenderListRejection')
export class LenderListRejectionType {
  @Field(() => Int, { description: 'The CSV line (the header is line 1).' }) line: number;
  @Field() reason: string;
}

@ObjectType('LenderListReport')
export class LenderListReportType {
  @Field(() => Int, { description: 'Rows whose village was found.' }) accepted: number;
  @Field(() => Int, { description: 'Rows kept whose village code matched no village.' }) unmatched: number;
  @Field(() => [LenderListRejectionType]) rejected: LenderListRejectionType[];
}

@ObjectType('ReconciliationVillage')
export class ReconciliationVillageType {
  villageId: string;
  @Field(() => Int) onBoth: number;
  @Field(() => Int) registryOnly: number;
  @Field(() => Int) lenderOnly: number;
}

@ObjectType('Reconciliation')
export class ReconciliationType {
  @Field(() => [ReconciliationVillageType]) villages: ReconciliationVillageType[];
  @Field(() => Int, { description: "The lender's rows whose village code matched no village." }) unmatchedRows: number;
}

@ObjectType('ReconciliationRow')
export class ReconciliationRowType {
  @Field(() => ReconciliationKindEnum) kind: ReconciliationKindEnum;
  @Field(() => Int, { nullable: true, description: "The line of the lender's CSV (null for registry-only rows)." }) line: number | null;
  @Field(() => String, { nullable: true, description: "As the lender's list gives it." }) registryNumber: string | null;
  @Field(() => String, { nullable: true, description: "As the lender's list gives it." }) headName: string | null;
  @Field(() => String, { nullable: true }) villageCode: string | null;
  householdId: string | null;
  villageId: string | null;
}

@ObjectType('ReconciliationRowConnection')
export class ReconciliationRowConnection extends ConnectionType(ReconciliationRowType, 'ReconciliationRow') {}

const READERS = [Role.ADMIN, Role.COUNTY_OFFICIAL, Role.LENDER];

/**
 * Reconciling the registry with a lender's list. Only admins, the county's officials and the lenders
 * of the institution read it: each may see the county's households' personal data, so the lender's
 * rows are shown whole to them; the households' own fields follow the registry's rule.
 */
@Resolver(() => ReconciliationRowType)
export class ReconciliationResolver {
  constructor(
    private readonly service: ReconciliationService,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(Role.LENDER)
  @Mutation(() => LenderListReportType, { description: "A lender's list of poor households (CSV: registry_number, head_name, village_code), replacing its previous one; bad rows refused with their line." })
  uploadLenderList(@CurrentActor() actor: Actor, @Args('csv') csv: string): Promise<LenderListReportType> {
    return this.service.upload(actor, csv);
  }

  @Roles(...READERS)
  @Query(() => ReconciliationType, { description: "The county's registry against an institution's list, per village." })
  async reconciliation(
    @CurrentActor() actor: Actor,
    @Args('countyId', { type: () => ID }) countyId: string,
    @Args('institutionId', { type: () => ID }) institutionId: string,
  ): Promise<ReconciliationType> {
    const { villages, unmatched } = await this.service.villages(actor, countyId, institutionId);
    return { villages, unmatchedRows: unmatched };
  }

  @Roles(...READERS)
  @Query(() => ReconciliationRowConnection, { description: 'The rows of one kind of the reconciliation, optionally of one village.' })
  async reconciliationRows(
    @CurrentActor() actor: Actor,
    @Args('countyId', { type: () => ID }) countyId: string,
    @Args('institutionId', { type: () => ID }) institutionId: string,
    @Args('kind', { type: () => ReconciliationKindEnum }) kind: ReconciliationKindEnum,
    @Args('villageId', { type: () => ID, nullable: true }) villageId: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ReconciliationRowConnection> {
    const limit = pageSize(first);
    const { rows, count } = await this.service.rows(actor, countyId, institutionId, kind as ReconciliationKind, villageId, limit, after);
    return toPage(rows, limit, (r) => [r.key], (r) => ({ ...r, kind: r.kind as ReconciliationKindEnum }), count) as ReconciliationRowConnection;
  }

  @ResolveField(() => HouseholdType, { nullable: true, description: 'The registry household (null for lender-only and unmatched rows).' })
  household(@Parent() row: ReconciliationRowType, @Context() ctx: GraphQLContext): Promise<HouseholdType | null> | null {
    return row.householdId ? this.registry.household(ctx, row.householdId) : null;
  }

  @ResolveField(() => VillageType, { nullable: true })
  village(@Parent() row: ReconciliationRowType, @Context() ctx: GraphQLContext): Promise<VillageType | null> | null {
    return row.villageId ? this.registry.village(ctx, row.villageId) : null;
  }
}

@Resolver(() => ReconciliationVillageType)
export class ReconciliationVillageResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => VillageType, { nullable: true })
  village(@Parent() row: ReconciliationVillageType, @Context() ctx: GraphQLContext): Promise<VillageType | null> {
    return this.registry.village(ctx, row.villageId);
  }
}
