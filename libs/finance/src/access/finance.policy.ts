import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, forbidden, Role } from '@app/platform';
import { LenderCoverageRegistry, VillageCoverageRegistry } from '@app/registry';

/** Where a household lies, for the access rules. */
export interface HouseholdPlace {
  villageId: string;
  countyId: string;
}

/** A LENDER's institution and the counties it lends in. */
export interface LenderScope {
  institutionId: string;
  countyIds: string[];
}

/**
 * Who may do what with credit data, in one place (docs/design.md, "Access", "Finance"):
 * - assessments, applications, consent: an operator of a station serving the household's village, or
 *   an official of its county;
 * - approval and rejection: a LENDER of an institution lending in the loan's county;
 * - reading: admins, officials of the county, operators serving the village, lenders of the county.
 *   Buyers (and any other role) never read credit data.
 */
@Injectable()
export class FinancePolicy implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly coverage: VillageCoverageRegistry,
    private readonly lenderCoverage: LenderCoverageRegistry,
  ) {}

  /** The registry asks us which counties a lender covers (its personal-data rule and household lists). */
  onModuleInit(): void {
    this.lenderCoverage.use({
      countyIdsOf: async (userId) => {
        const rows: Array<{ county_id: string }> = await this.dataSource.query(
          `SELECT c.county_id::text FROM lender_officers o JOIN lending_institution_counties c ON c.institution_id = o.institution_id WHERE o.user_id = $1 ORDER BY c.county_id`,
          [userId],
        );
        return rows.map((r) => r.county_id);
      },
    });
  }

  /** The lender's institution and counties; FORBIDDEN for a LENDER attached to none. */
  async lenderScope(actor: Actor, manager?: EntityManager): Promise<LenderScope> {
    const rows: Array<{ institution_id: string; county_ids: string[] | null }> = await (manager ?? this.dataSource.manager).query(
      `SELECT o.institution_id::text, array_agg(c.county_id::text ORDER BY c.county_id) FILTER (WHERE c.county_id IS NOT NULL) AS county_ids
         FROM lender_officers o LEFT JOIN lending_institution_counties c ON c.institution_id = o.institution_id
        WHERE o.user_id = $1 GROUP BY o.institution_id`,
      [actor.userId],
    );
    if (actor.role !== Role.LENDER || rows.length === 0) throw forbidden('You are not an officer of a lending institution');
    return { institutionId: rows[0].institution_id, countyIds: rows[0].county_ids ?? [] };
  }

  /** Assessments, applications, withholding consent: operators serving the village, officials of the county. */
  async assertFieldOfficer(actor: Actor, household: HouseholdPlace, manager?: EntityManager): Promise<void> {
    if (actor.role === Role.COUNTY_OFFICIAL && actor.countyId === household.countyId) return;
    if (actor.role === Role.STATION_OPERATOR && actor.stationId && (await this.coverage.servedVillageIds(actor.stationId, manager)).includes(household.villageId)) return;
    throw forbidden('Only an operator of a station serving the household\'s village or an official of its county may do this');
  }

  /** Approval and rejection: a lender whose institution lends in the county. Returns the institution. */
  async assertLenderOf(actor: Actor, countyId: string, manager?: EntityManager): Promise<string> {
    const scope = await this.lenderScope(actor, manager);
    if (!scope.countyIds.includes(countyId)) throw forbidden('Your institution does not lend in this county');
    return scope.institutionId;
  }

  /** Officials of the county, and admins: the county's credit policy and funds. */
  assertCountyOfficial(actor: Actor, countyId: string): void {
    if (actor.role === Role.ADMIN) return;
    if (actor.role === Role.COUNTY_OFFICIAL && actor.countyId === countyId) return;
    throw forbidden('Only officials of this county may change its credit policy and funds');
  }

  /** County-wide credit figures (funds, reports): admins, officials of the county, lenders lending there. */
  async assertCountyReader(actor: Actor, countyId: string): Promise<void> {
    if (actor.role === Role.ADMIN) return;
    if (actor.role === Role.COUNTY_OFFICIAL && actor.countyId === countyId) return;
    if (actor.role === Role.LENDER && (await this.lenderScope(actor)).countyIds.includes(countyId)) return;
    throw forbidden("Only admins, this county's officials and its lenders may read its credit figures");
  }

  /** May the actor read this household's credit data (assessments, loans)? */
  async mayRead(actor: Actor, household: HouseholdPlace): Promise<boolean> {
    switch (actor.role) {
      case Role.ADMIN:
        return true;
      case Role.COUNTY_OFFICIAL:
        return actor.countyId === household.countyId;
      case Role.STATION_OPERATOR:
        return actor.stationId !== null && (await this.coverage.servedVillageIds(actor.stationId)).includes(household.villageId);
      case Role.LENDER:
        return (await this.lenderScope(actor).catch(() => null))?.countyIds.includes(household.countyId) ?? false;
      default:
        return false;
    }
  }

  /**
   * Where a list of credit data may look for this actor, as SQL on a table aliased `t` with county_id
   * and village_id columns; FORBIDDEN for buyers and any other role.
   */
  async listScope(actor: Actor, param: (value: unknown) => string): Promise<string> {
    switch (actor.role) {
      case Role.ADMIN:
        return 'TRUE';
      case Role.COUNTY_OFFICIAL:
        return `t.county_id = ${param(actor.countyId)}`;
      case Role.STATION_OPERATOR:
        return `t.village_id = ANY(${param(actor.stationId ? await this.coverage.servedVillageIds(actor.stationId) : [])}::bigint[])`;
      case Role.LENDER:
        return `t.county_id = ANY(${param((await this.lenderScope(actor)).countyIds)}::bigint[])`;
      default:
        throw forbidden('Credit data is for admins, county officials, station operators and lenders');
    }
  }
}
