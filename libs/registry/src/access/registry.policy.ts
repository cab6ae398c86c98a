import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, forbidden, GraphQLContext, Role } from '@app/platform';
import { LenderCoverageRegistry } from './lender-coverage';
import { VillageCoverageRegistry } from './village-coverage';

/** Where a household list may look: everything, or only these counties / villages. */
export type HouseholdScope =
  | { kind: 'all' }
  | { kind: 'county'; countyId: string }
  | { kind: 'villages'; villageIds: string[] }
  | { kind: 'counties'; countyIds: string[] };

/**
 * Who may do what in the registry, in one place. Resolvers call it before any service work
 * (docs/design.md, "Access"): admins everything, officials their county's registry, operators register households
 * in the villages their station serves, and the personal-data rule for households.
 */
@Injectable()
export class RegistryPolicy {
  constructor(
    private readonly coverage: VillageCoverageRegistry,
    private readonly lenders: LenderCoverageRegistry,
  ) {}

  /** Officials act only in their own county; admins anywhere; anyone else FORBIDDEN. */
  assertCountyRegistrar(actor: Actor, countyId: string): void {
    if (actor.role === Role.ADMIN) return;
    if (actor.role === Role.COUNTY_OFFICIAL && actor.countyId === countyId) return;
    throw forbidden('Only admins and officials of this county may change its registry');
  }

  /** registerHousehold: admins, officials of the village's county, operators of a station serving the village. */
  async assertMayRegisterIn(actor: Actor, village: { id: string; countyId: string }, manager?: EntityManager): Promise<void> {
    if (actor.role === Role.STATION_OPERATOR && actor.stationId) {
      const served = await this.coverage.servedVillageIds(actor.stationId, manager);
      if (served.includes(village.id)) return;
      throw forbidden('Your station does not serve this village');
    }
    this.assertCountyRegistrar(actor, village.countyId);
  }

  /**
   * The personal-data rule: registry number, head's name and masked payout account are visible to
   * admins, officials of the household's county and operators of a station serving its village.
   */
  async maySeePersonalData(context: GraphQLContext, actor: Actor | null, household: { villageId: string; countyId: string }): Promise<boolean> {
    if (!actor) return false;
    switch (actor.role) {
      case Role.ADMIN:
        return true;
      case Role.COUNTY_OFFICIAL:
        return actor.countyId === household.countyId;
      case Role.STATION_OPERATOR:
        return actor.stationId !== null && (await this.coverage.stationIdsServing(context, household.villageId)).includes(actor.stationId);
      case Role.LENDER:
        // As officials of the counties its institution lends in see them (docs/design.md, "Access").
        return (await this.lenderCounties(context, actor)).includes(household.countyId);
      default:
        return false;
    }
  }

  /**
   * What a household list may show this actor: admins all, officials their county, operators the
   * villages their station serves. Buyers never list households (FORBIDDEN); anonymous callers are
   * refused earlier by @Roles (UNAUTHENTICATED).
   */
  async householdScope(actor: Actor): Promise<HouseholdScope> {
    switch (actor.role) {
      case Role.ADMIN:
        return { kind: 'all' };
      case Role.COUNTY_OFFICIAL:
        return { kind: 'county', countyId: actor.countyId! };
      case Role.STATION_OPERATOR:
        return { kind: 'villages', villageIds: actor.stationId ? await this.coverage.servedVillageIds(actor.stationId) : [] };
      case Role.LENDER:
        return { kind: 'counties', countyIds: await this.lenders.countyIdsOf(actor.userId) };
      default:
        throw forbidden('Households are listed only for admins, county officials and station operators');
    }
  }

  /** The lender's counties, read once per request. */
  private lenderCounties(context: GraphQLContext, actor: Actor): Promise<string[]> {
    const cache = (context.req ??= {}) as { lenderCounties?: Promise<string[]> };
    return (cache.lenderCounties ??= this.lenders.countyIdsOf(actor.userId));
  }
}
