import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { toFen } from '@app/kernel';
import { Actor, badInput, decodeCursor, GraphQLContext, isId, Page, pageSize, Role, toPage } from '@app/platform';
import { County, joinCountySql, joinVillageSql, RegistryLoaders, toCountyData, toVillageData, Village } from '@app/registry';
import { joinStationSql, ServiceStation, StationLoaders, toStationData } from '@app/stations';
import { AllocationPolicy, ListingSort, ListingStatus } from './domain/enums';
import { ListingData } from './domain/listing';
import { ListingFilterInput } from './graphql/listing.inputs';

/** SQL for the stock of the listing aliased `alias`: the sum of its lots' remaining. */
export function availableOf(alias: string): string {
  return `(SELECT COALESCE(sum(sl.remaining), 0)::int FROM supply_lots sl WHERE sl.listing_id = ${alias}.id)`;
}

/**
 * The columns every listing read selects, plus the text form of created_at for exact NEWEST cursors.
 * `available` is the lots' sum, read by the (listing_id, id) index for the rows returned only (PostgreSQL
 * evaluates such a subquery after ORDER BY ... LIMIT); it is not kept on the listing, so that taking
 * stock writes nothing but the lots (sql/stock-triggers-sql.ts).
 */
const COLUMNS = `l.id, l.station_id, l.origin_village_id, l.county_id, l.title, l.description, l.category, l.unit,
  l.price_fen, l.status, l.allocation_policy, ${availableOf('l')} AS available, l.poverty_alleviation, l.created_at,
  l.created_at::text AS created_key`;

/**
 * A page also reads each listing's station, origin village and county in the same statement (primary
 * key joins), and hands them to the stations' and registry's request loaders: browsing a page with
 * those relations costs one query instead of four.
 */
const RELATIONS = `, s.name AS s_name, s.village_id AS s_village_id, s.county_id AS s_county_id, s.daily_capacity AS s_daily_capacity,
  s.commission_bps AS s_commission_bps, s.active AS s_active, s.created_at AS s_created_at, s.updated_at AS s_updated_at,
  v.township_id AS v_township_id, v.county_id AS v_county_id, v.code AS v_code, v.name AS v_name, v.poverty_stricken AS v_poverty_stricken,
  c.code AS c_code, c.name AS c_name, c.national_poverty_county AS c_national_poverty_county, c.created_at AS c_created_at`;
const RELATION_JOINS = `${joinStationSql('s', 'l.station_id')} ${joinVillageSql('v', 'l.origin_village_id')} ${joinCountySql('c', 'v.county_id')}`;

interface RelationColumns {
  s_name: string;
  s_village_id: string;
  s_county_id: string;
  s_daily_capacity: number;
  s_commission_bps: number;
  s_active: boolean;
  s_created_at: Date;
  s_updated_at: Date;
  v_township_id: string;
  v_county_id: string;
  v_code: string;
  v_name: string;
  v_poverty_stricken: boolean;
  c_code: string;
  c_name: string;
  c_national_poverty_county: boolean;
  c_created_at: Date;
}

interface ListingRow {
  id: string;
  station_id: string;
  origin_village_id: string;
  county_id: string;
  title: string;
  description: string;
  category: string;
  unit: string;
  price_fen: string;
  status: ListingStatus;
  allocation_policy: AllocationPolicy;
  available: number;
  poverty_alleviation: boolean;
  created_at: Date;
  created_key: string;
}

const toListing = (r: ListingRow): ListingData => ({
  id: String(r.id),
  stationId: String(r.station_id),
  originVillageId: String(r.origin_village_id),
  countyId: String(r.county_id),
  title: r.title,
  description: r.description,
  category: r.category,
  unit: r.unit,
  priceFen: toFen(r.price_fen),
  status: r.status,
  allocationPolicy: r.allocation_policy,
  available: r.available,
  povertyAlleviation: r.poverty_alleviation,
  createdAt: r.created_at,
});

/** Keyset order per sort: the key column, its direction, and how a cursor's key is typed in SQL. */
const ORDERS: Record<ListingSort, { key: string; desc: boolean; cast: string }> = {
  [ListingSort.NEWEST]: { key: 'l.created_at', desc: true, cast: 'timestamptz' },
  [ListingSort.PRICE_ASC]: { key: 'l.price_fen', desc: false, cast: 'bigint' },
  [ListingSort.PRICE_DESC]: { key: 'l.price_fen', desc: true, cast: 'bigint' },
};

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

/** `%` and `_` and the escape itself taken literally in an ILIKE pattern. */
export const likeContaining = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The prepared statement's name of each browsing statement's text, hashed once: the texts are a few
 * dozen shapes (filters present and sort; values are parameters), and browsing is the hottest path.
 */
const statementNames = new Map<string, string>();

/**
 * Reads listings as a caller may see them: buyers and anonymous callers only ACTIVE ones; operators
 * also every listing of their station, county officials every listing of their county, admins all.
 */
@Injectable()
export class ListingQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: RegistryLoaders,
    private readonly stations: StationLoaders,
  ) {}

  /** One listing by id whatever its status (for mutations' results; callers check access). */
  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<ListingData | null> {
    if (!isId(id)) return null;
    const rows: ListingRow[] = await manager.query(`SELECT ${COLUMNS} FROM listings l WHERE l.id = $1`, [id]);
    return rows.length ? toListing(rows[0]) : null;
  }

  /** The distinct categories of ACTIVE listings (of a county), alphabetical, at most 200. */
  async categories(countyId: string | null): Promise<string[]> {
    if (countyId !== null && !isId(countyId)) return [];
    const rows: Array<{ category: string }> = await this.dataSource.query(
      `SELECT DISTINCT category FROM listings WHERE status = 'ACTIVE' AND ($1::bigint IS NULL OR county_id = $1) ORDER BY category LIMIT 200`,
      [countyId],
    );
    return rows.map((r) => r.category);
  }

  /** Listings by id whatever their status, in no particular order (for loaders; callers check access). */
  async byIds(ids: readonly string[]): Promise<ListingData[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows: ListingRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM listings l WHERE l.id = ANY($1::bigint[])`, [valid]);
    return rows.map(toListing);
  }

  /**
   * A page of listings in keyset order (the sort key, then id), so a page never repeats or skips a
   * listing when others are added between pages. totalCount runs its COUNT only when asked for.
   */
  async page(ctx: GraphQLContext, actor: Actor | null, filter: ListingFilterInput | null | undefined, sort: ListingSort, first: number | null | undefined, after: string | null | undefined): Promise<Page<ListingData>> {
    const limit = pageSize(first);
    const order = ORDERS[sort] ?? ORDERS[ListingSort.NEWEST];
    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    const where = [...this.visibility(actor, p), ...this.filters(filter ?? {}, p)];
    const countParams = [...params];
    const countWhere = [...where];

    const cursor = decodeCursor(after, ['string', 'scalar', 'id']);
    if (cursor) {
      const [cursorSort, key, id] = cursor;
      if (cursorSort !== sort) throw badInput('after', `this cursor belongs to another sort (${String(cursorSort)}); start again without after`);
      const keyOk = sort === ListingSort.NEWEST ? typeof key === 'string' && TIMESTAMP_TEXT.test(key) : typeof key === 'number' && Number.isSafeInteger(key);
      if (!keyOk) throw badInput('after', 'not a cursor this list gave out');
      where.push(`(${order.key}, l.id) ${order.desc ? '<' : '>'} (${p(key)}::${order.cast}, ${p(id)}::bigint)`);
    }
    const dir = order.desc ? 'DESC' : 'ASC';
    const sql = `SELECT ${COLUMNS}${RELATIONS} FROM listings l ${RELATION_JOINS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order.key} ${dir}, l.id ${dir} LIMIT ${p(limit + 1)}`;
    const rows = await this.prepared<ListingRow & RelationColumns>(sql, params);
    this.primeRelations(ctx, rows);

    const countSql = `SELECT count(*)::int AS n FROM listings l ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`;
    return toPage(
      rows,
      limit,
      (r) => [sort, sort === ListingSort.NEWEST ? r.created_key : toFen(r.price_fen), String(r.id)],
      toListing,
      async () => (await this.prepared<{ n: number }>(countSql, countParams))[0].n,
    );
  }

  /**
   * Runs a browsing statement as a named prepared statement (one per shape of filters and sort, per
   * pooled connection): planning the joined page costs PostgreSQL more than running it, and browsing
   * is the hottest path of the API.
   */
  private async prepared<T>(text: string, values: unknown[]): Promise<T[]> {
    let name = statementNames.get(text);
    if (name === undefined) {
      name = `catalog.${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
      statementNames.set(text, name);
    }
    const pool = (this.dataSource.driver as unknown as { master: { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> } }).master;
    return (await pool.query({ name, text, values })).rows;
  }

  private primeRelations(ctx: GraphQLContext, rows: Array<ListingRow & RelationColumns>): void {
    const villages = new Map<string, Omit<Village, 'designatedPovertyStricken'>>();
    const counties = new Map<string, Omit<County, 'povertyLineFen'>>();
    for (const r of rows) {
      const station: ServiceStation = {
        id: String(r.station_id),
        name: r.s_name,
        villageId: String(r.s_village_id),
        countyId: String(r.s_county_id),
        dailyCapacity: r.s_daily_capacity,
        commissionBps: r.s_commission_bps,
        active: r.s_active,
        createdAt: r.s_created_at,
        updatedAt: r.s_updated_at,
      };
      this.stations.primeStation(ctx, toStationData(station));
      const villageId = String(r.origin_village_id);
      const countyId = String(r.v_county_id);
      villages.set(villageId, { id: villageId, townshipId: String(r.v_township_id), countyId, code: r.v_code, name: r.v_name, povertyStricken: r.v_poverty_stricken });
      counties.set(countyId, { id: countyId, code: r.c_code, name: r.c_name, nationalPovertyCounty: r.c_national_poverty_county, createdAt: r.c_created_at });
    }
    this.registry.primeGeography(ctx, { villages: [...villages.values()].map(toVillageData), counties: [...counties.values()].map(toCountyData) });
  }

  /** What the actor may see at all, as SQL conditions. */
  private visibility(actor: Actor | null, p: (v: unknown) => string): string[] {
    if (actor?.role === Role.ADMIN) return [];
    if (actor?.role === Role.STATION_OPERATOR && actor.stationId) return [`(l.status = 'ACTIVE' OR l.station_id = ${p(actor.stationId)})`];
    if (actor?.role === Role.COUNTY_OFFICIAL && actor.countyId) return [`(l.status = 'ACTIVE' OR l.county_id = ${p(actor.countyId)})`];
    return [`l.status = 'ACTIVE'`];
  }

  private filters(f: ListingFilterInput, p: (v: unknown) => string): string[] {
    const where: string[] = [];
    const search = f.search?.trim();
    if (search) {
      const pattern = p(likeContaining(search));
      where.push(`(l.title ILIKE ${pattern} OR l.description ILIKE ${pattern})`);
    }
    if (f.category !== undefined && f.category !== null) where.push(`l.category = ${p(f.category)}`);
    const ids: Array<[keyof ListingFilterInput, string]> = [
      ['countyId', 'l.county_id'],
      ['villageId', 'l.origin_village_id'],
      ['stationId', 'l.station_id'],
    ];
    for (const [field, column] of ids) {
      const value = f[field];
      if (value === undefined || value === null) continue;
      if (!isId(value)) throw badInput(`filter.${field}`, `${field} is not an id`);
      where.push(`${column} = ${p(value)}`);
    }
    if (f.povertyAlleviationOnly) where.push('l.poverty_alleviation');
    if (f.minPriceFen !== undefined && f.minPriceFen !== null) where.push(`l.price_fen >= ${p(f.minPriceFen)}`);
    if (f.maxPriceFen !== undefined && f.maxPriceFen !== null) where.push(`l.price_fen <= ${p(f.maxPriceFen)}`);
    if (f.status) where.push(`l.status = ${p(f.status)}`);
    return where;
  }
}
