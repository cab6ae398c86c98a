import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, decodeCursor, GraphQLContext, pageSize, Role, Roles, toPage } from '@app/platform';
import { RegistryPolicy } from '../access/registry.policy';
import { PovertyStatus } from '../domain/enums';
import { HouseholdImportService } from '../household-import.service';
import { HouseholdService } from '../household.service';
import { toHouseholdData } from '../registry-data';
import { HouseholdConnection, ImportReport } from './household.types';
import { RegisterHouseholdInput, SetPovertyStatusInput } from './registry.inputs';
import { HouseholdType } from './registry.types';

/**
 * Households: personal data (a family's poverty status, category and size as much as its name), so
 * both queries answer only admins, officials and operators, each within its scope (RegistryPolicy):
 * anonymous callers are UNAUTHENTICATED and buyers FORBIDDEN; `household(id)` outside the caller's
 * scope is null, as for an id that names no household (as `listing(id)`), so walking the sequential
 * ids tells nothing. A household reached through something the caller may see (its allocation, its payout, a lot
 * of its listing) shows its status and size; its registry number, name and account stay the policy's.
 */
@Resolver(() => HouseholdType)
export class HouseholdResolver {
  constructor(
    private readonly service: HouseholdService,
    private readonly imports: HouseholdImportService,
    private readonly policy: RegistryPolicy,
  ) {}

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR, Role.LENDER)
  @Query(() => HouseholdType, {
    nullable: true,
    description:
      'A household in the caller\'s scope: admins any; officials their county\'s; operators those of the villages their station serves; lenders those of their institution\'s counties. ' +
      'Null for any other id, as for one that names none; buyers are FORBIDDEN, anonymous callers UNAUTHENTICATED.',
  })
  async household(@CurrentActor() actor: Actor, @Context() ctx: GraphQLContext, @Args('id', { type: () => ID }) id: string): Promise<HouseholdType | null> {
    const household = await this.service.household(id);
    return household && (await this.policy.maySeePersonalData(ctx, actor, household)) ? toHouseholdData(household) : null;
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR, Role.LENDER)
  @Query(() => HouseholdConnection, {
    description:
      'Households by id (keyset). Admins see all; officials their county; operators the villages their station serves; lenders the counties their institution lends in. ' +
      '`search`: a registry number (whole) or the start of the head of household\'s name. ' +
      'A filter outside that is FORBIDDEN; buyers are FORBIDDEN, anonymous callers UNAUTHENTICATED.',
  })
  async households(
    @CurrentActor() actor: Actor,
    @Args('villageId', { type: () => ID, nullable: true }) villageId: string | null,
    @Args('countyId', { type: () => ID, nullable: true }) countyId: string | null,
    @Args('povertyStatus', { type: () => PovertyStatus, nullable: true }) povertyStatus: PovertyStatus | null,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<HouseholdConnection> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    const afterId = cursor ? (cursor[0] as string) : null;
    const { rows, count } = await this.service.list(actor, { villageId, countyId, povertyStatus, search }, limit, afterId);
    return toPage(rows, limit, (h) => [h.id], toHouseholdData, count) as HouseholdConnection;
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR)
  @Mutation(() => HouseholdType)
  async registerHousehold(@CurrentActor() actor: Actor, @Args('input') input: RegisterHouseholdInput): Promise<HouseholdType> {
    return toHouseholdData(await this.service.register(actor, input));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => HouseholdType)
  async setPovertyStatus(@CurrentActor() actor: Actor, @Args('input') input: SetPovertyStatusInput): Promise<HouseholdType> {
    return toHouseholdData(await this.service.setPovertyStatus(actor, input));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => ImportReport, { description: 'CSV from the county poverty-alleviation office; the header row names the columns, in any order: registry_number, head_name, members, village_code, poverty_status, poverty_category, payout_account, effective_date.' })
  importHouseholds(
    @CurrentActor() actor: Actor,
    @Args('countyId', { type: () => ID }) countyId: string,
    @Args('csv') csv: string,
  ): Promise<ImportReport> {
    return this.imports.importCsv(actor, countyId, csv);
  }
}
