import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, badInput, conflict, DomainEvents, forbidden, ID_PATTERN, inTransaction, notFound, pgErrorCode, Tx } from '@app/platform';
import { HouseholdScope, RegistryPolicy } from './access/registry.policy';
import { checkCategory, checkEffectiveAt, isChange, statusAt } from './domain/status-history';
import { PovertyCategory, PovertyStatus } from './domain/enums';
import { Household } from './entities/household.entity';
import { Village } from './entities/village.entity';
import { RegisterHouseholdInput, SetPovertyStatusInput } from './graphql/registry.inputs';
import { statusHistorySql } from './status-history.repository';

/** The households columns under the entity's property names, for raw keyset queries. */
const HOUSEHOLD_COLUMNS = `h.id::text AS id, h.village_id::text AS "villageId", h.county_id::text AS "countyId", h.registry_number AS "registryNumber",
  h.head_name AS "headName", h.members, h.payout_account AS "payoutAccount", h.poverty_status AS "povertyStatus",
  h.poverty_category AS "povertyCategory", h.created_at AS "createdAt", h.updated_at AS "updatedAt"`;

export interface HouseholdFilter {
  villageId?: string | null;
  countyId?: string | null;
  povertyStatus?: PovertyStatus | null;
  /** A registry number (whole), or the start of a head of household's name. */
  search?: string | null;
}

/** The longest search: a registry number is at most 40 characters, a name at most 100. */
const MAX_SEARCH = 100;

/** `text` matched literally by LIKE (backslash is PostgreSQL's default escape). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Registering households, changing their poverty status, and reading them within the caller's scope. */
@Injectable()
export class HouseholdService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: RegistryPolicy,
    private readonly events: DomainEvents,
  ) {}

  household(id: string): Promise<Household | null> {
    return ID_PATTERN.test(id) ? this.dataSource.getRepository(Household).findOneBy({ id }) : Promise.resolve(null);
  }

  /**
   * A new household in a village. It reads NOT_REGISTERED because its history is empty, not because
   * registering wrote an entry: an entry effective now would hide any status later recorded as
   * effective earlier (DESIGN "Registry depth"). Admins, officials of the village's county, operators
   * of a station serving the village. CONFLICT on a taken registry number.
   */
  async register(actor: Actor, input: RegisterHouseholdInput): Promise<Household> {
    return inTransaction(this.dataSource, async (tx) => {
      const village = await tx.manager.getRepository(Village).findOneBy({ id: input.villageId });
      if (!village) throw notFound('Village', input.villageId, 'input.villageId');
      await this.policy.assertMayRegisterIn(actor, village, tx.manager);
      let id: string;
      try {
        const rows: Array<{ id: string }> = await tx.manager.query(
          `INSERT INTO households (village_id, county_id, registry_number, head_name, members, payout_account, poverty_status, poverty_category)
           VALUES ($1, $2, $3, $4, $5, $6, 'NOT_REGISTERED', NULL) RETURNING id::text`,
          [village.id, village.countyId, input.registryNumber ?? null, input.headName, input.members, input.payoutAccount],
        );
        id = rows[0].id;
      } catch (error) {
        if (pgErrorCode(error) === '23505') throw conflict(`Registry number ${input.registryNumber} is on the registry already`, 'input.registryNumber');
        throw error;
      }
      return (await tx.manager.getRepository(Household).findOneBy({ id }))!;
    });
  }

  /**
   * Records a status change effective at `input.effectiveAt` (default now; back-dated allowed, future
   * refused). An entry equal to the status already in force at that instant changes no answer the
   * history gives, so it is not written. Admins and officials of the household's county.
   */
  async setPovertyStatus(actor: Actor, input: SetPovertyStatusInput): Promise<Household> {
    const now = new Date();
    const effectiveAt = input.effectiveAt ?? now;
    const category = input.category ?? null;
    const categoryFault = checkCategory(input.status, category);
    if (categoryFault) throw badInput('input.category', categoryFault.message);
    const dateFault = checkEffectiveAt(effectiveAt, now);
    if (dateFault) throw badInput('input.effectiveAt', dateFault.message);
    return inTransaction(this.dataSource, async (tx) => {
      // The row lock serializes changes to one household, so two corrections never interleave.
      const household = await tx.manager.getRepository(Household).findOne({ where: { id: input.householdId }, lock: { mode: 'pessimistic_write' } });
      if (!household) throw notFound('Household', input.householdId, 'input.householdId');
      this.policy.assertCountyRegistrar(actor, household.countyId);
      const history = await statusHistorySql.entries(tx.manager, household.id);
      const next = { status: input.status, category };
      if (!isChange(statusAt(history, effectiveAt), next)) return household;
      await this.recordEntry(tx, household.id, next, effectiveAt, actor.userId, now);
      return (await tx.manager.getRepository(Household).findOneBy({ id: household.id }))!;
    });
  }

  /** Appends a history entry, refreshes the cached status and tells the listeners, all in `tx`. */
  private async recordEntry(
    tx: Tx,
    householdId: string,
    entry: { status: PovertyStatus; category: PovertyCategory | null },
    effectiveAt: Date,
    recordedById: string | null,
    now: Date,
  ): Promise<void> {
    await tx.manager.query(
      'INSERT INTO poverty_status_history (household_id, status, category, effective_at, recorded_by_id) VALUES ($1, $2, $3, $4, $5)',
      [householdId, entry.status, entry.category, effectiveAt, recordedById],
    );
    await statusHistorySql.refreshCache(tx.manager, [householdId], now);
    await this.events.emit(tx, 'household.status-changed', { changes: [{ householdId, effectiveAt }] });
  }

  /**
   * A keyset page (by id) of the households the actor may list, narrowed by the filters. A filter
   * naming a county or village outside the actor's scope is FORBIDDEN rather than silently empty.
   */
  async list(actor: Actor, filter: HouseholdFilter, limit: number, afterId: string | null): Promise<{ rows: Household[]; count: () => Promise<number> }> {
    if (filter.villageId != null && !ID_PATTERN.test(filter.villageId)) throw badInput('villageId', 'villageId is not an id');
    if (filter.countyId != null && !ID_PATTERN.test(filter.countyId)) throw badInput('countyId', 'countyId is not an id');
    const search = filter.search?.trim() ?? '';
    if (filter.search != null && (search === '' || search.length > MAX_SEARCH)) throw badInput('search', `search must be 1 to ${MAX_SEARCH} characters`);
    const scope = await this.policy.householdScope(actor);
    await this.assertFilterInScope(scope, filter);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (scope.kind === 'county') where.push(`h.county_id = ${param(scope.countyId)}`);
    if (scope.kind === 'villages') where.push(`h.village_id = ANY(${param(scope.villageIds)}::bigint[])`);
    if (scope.kind === 'counties') where.push(`h.county_id = ANY(${param(scope.countyIds)}::bigint[])`);
    if (filter.villageId != null) where.push(`h.village_id = ${param(filter.villageId)}`);
    if (filter.countyId != null) where.push(`h.county_id = ${param(filter.countyId)}`);
    if (filter.povertyStatus != null) where.push(`h.poverty_status = ${param(filter.povertyStatus)}`);
    if (search) where.push(`(h.registry_number = ${param(search)} OR h.head_name LIKE ${param(`${likeLiteral(search)}%`)})`);
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    if (afterId !== null) where.push(`h.id > ${param(afterId)}`);
    const pageWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: Household[] = await this.dataSource.query(
      `SELECT ${HOUSEHOLD_COLUMNS} FROM households h ${pageWhere} ORDER BY h.id LIMIT ${param(limit + 1)}`,
      params,
    );
    const count = async () => {
      const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM households h ${countWhere}`, countParams);
      return n as number;
    };
    return { rows, count };
  }

  private async assertFilterInScope(scope: HouseholdScope, filter: HouseholdFilter): Promise<void> {
    const outside = () => forbidden('That lies outside the households you may list');
    if (scope.kind === 'county') {
      if (filter.countyId != null && filter.countyId !== scope.countyId) throw outside();
      if (filter.villageId != null) {
        const village = await this.dataSource.getRepository(Village).findOneBy({ id: filter.villageId });
        if (village && village.countyId !== scope.countyId) throw outside();
      }
    }
    if (scope.kind === 'villages' && filter.villageId != null && !scope.villageIds.includes(filter.villageId)) throw outside();
    if (scope.kind === 'counties') {
      if (filter.countyId != null && !scope.countyIds.includes(filter.countyId)) throw outside();
      if (filter.villageId != null) {
        const village = await this.dataSource.getRepository(Village).findOneBy({ id: filter.villageId });
        if (village && !scope.countyIds.includes(village.countyId)) throw outside();
      }
    }
  }
}
