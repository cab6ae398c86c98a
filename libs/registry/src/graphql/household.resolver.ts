import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, decodeCursor, pageSize, Role, Roles, toPage } from '@app/platform';
import { PovertyStatus } from '../entities/enums';
import { HouseholdImportService } from '../household-import.service';
import { HouseholdService } from '../household.service';
import { HouseholdConnection, ImportReport } from './household.types';
import { toHouseholdType } from './registry.mappers';
import { RegisterHouseholdInput, SetPovertyStatusInput } from './registry.inputs';
import { HouseholdType } from './registry.types';

/**
 * Households. `household(id)` answers anyone (the personal fields null as the policy says);
 * `households` lists for admins, officials and operators within their scope (buyers FORBIDDEN,
 * anonymous UNAUTHENTICATED).
 */
@Resolver(() => HouseholdType)
export class HouseholdResolver {
  constructor(
    private readonly service: HouseholdService,
    private readonly imports: HouseholdImportService,
  ) {}

  @Query(() => HouseholdType, { nullable: true })
  async household(@Args('id', { type: () => ID }) id: string): Promise<HouseholdType | null> {
    const household = await this.service.household(id);
    return household ? toHouseholdType(household) : null;
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR, Role.LENDER)
  @Query(() => HouseholdConnection, {
    description:
      'Households by id (keyset). Admins see all; officials their county; operators the villages their station serves; lenders the counties their institution lends in. ' +
      'A filter outside that is FORBIDDEN; buyers are FORBIDDEN, anonymous callers UNAUTHENTICATED.',
  })
  async households(
    @CurrentActor() actor: Actor,
    @Args('villageId', { type: () => ID, nullable: true }) villageId: string | null,
    @Args('countyId', { type: () => ID, nullable: true }) countyId: string | null,
    @Args('povertyStatus', { type: () => PovertyStatus, nullable: true }) povertyStatus: PovertyStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<HouseholdConnection> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    const afterId = cursor ? (cursor[0] as string) : null;
    const { rows, count } = await this.service.list(actor, { villageId, countyId, povertyStatus }, limit, afterId);
    return toPage(rows, limit, (h) => [h.id], toHouseholdType, count) as HouseholdConnection;
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR)
  @Mutation(() => HouseholdType)
  async registerHousehold(@CurrentActor() actor: Actor, @Args('input') input: RegisterHouseholdInput): Promise<HouseholdType> {
    return toHouseholdType(await this.service.register(actor, input));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => HouseholdType)
  async setPovertyStatus(@CurrentActor() actor: Actor, @Args('input') input: SetPovertyStatusInput): Promise<HouseholdType> {
    return toHouseholdType(await this.service.setPovertyStatus(actor, input));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => ImportReport, { description: 'CSV from the county poverty-alleviation office; the header row names the columns (see the design).' })
  importHouseholds(
    @CurrentActor() actor: Actor,
    @Args('countyId', { type: () => ID }) countyId: string,
    @Args('csv') csv: string,
  ): Promise<ImportReport> {
    return this.imports.importCsv(actor, countyId, csv);
  }
}
