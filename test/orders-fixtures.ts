import { Pool } from 'pg';
import { signAccessToken } from '@app/auth';
import { AppConfig } from '@app/platform';
import { GqlResult, OrderInputOptions, placeOrderInput, TEST_ADDRESS, TestApi, WorldUser } from '@app/testing';

// Shared by the orders end-to-end tests: listings and users written straight into the test database
// (the catalog's trigger keeps each listing's status), and the GraphQL operations.

export interface LotSpec {
  householdId: string;
  quantity: number;
  /** Lot age for FIFO and PRECISION ties; defaults to now. */
  createdAt?: string;
}

export interface ListingSpec {
  stationId: string;
  originVillageId: string;
  countyId: string;
  priceFen: number;
  policy?: 'PRECISION' | 'FIFO';
  status?: string;
  lots: LotSpec[];
}

/** A listing with its lots; returns the listing id and the lot ids in the order given. */
export async function createListing(pool: Pool, spec: ListingSpec): Promise<{ id: string; lotIds: string[] }> {
  const { rows } = await pool.query(
    `INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status, allocation_policy)
     VALUES ($1, $2, $3, '涉县核桃 walnuts', 'Shell-on walnuts from the Taihang hills', 'nuts', 'kg', $4, $5, $6) RETURNING id::text`,
    [spec.stationId, spec.originVillageId, spec.countyId, spec.priceFen, spec.status ?? 'ACTIVE', spec.policy ?? 'PRECISION'],
  );
  const id = rows[0].id as string;
  const lotIds: string[] = [];
  for (const lot of spec.lots) {
    const r = await pool.query(
      `INSERT INTO supply_lots (listing_id, household_id, quantity, remaining, created_at) VALUES ($1, $2, $3, $3, COALESCE($4::timestamptz, now())) RETURNING id::text`,
      [id, lot.householdId, lot.quantity, lot.createdAt ?? null],
    );
    lotIds.push(r.rows[0].id);
  }
  return { id, lotIds };
}

/** A household of the village with one status-history entry from 2016 (as the registry would have it). */
export async function createHousehold(pool: Pool, villageId: string, countyId: string, status = 'REGISTERED_POOR'): Promise<string> {
  const { rows } = await pool.query(
    `INSERT INTO households (village_id, county_id, head_name, members, payout_account, poverty_status, poverty_category)
     VALUES ($1, $2, '测试户', 3, '6228480000000001', $3, $4) RETURNING id::text`,
    [villageId, countyId, status, status === 'REGISTERED_POOR' ? 'GENERAL' : null],
  );
  await pool.query(
    `INSERT INTO poverty_status_history (household_id, status, category, effective_at) VALUES ($1, $2, $3, '2016-01-01T00:00:00+08:00')`,
    [rows[0].id, status, status === 'REGISTERED_POOR' ? 'GENERAL' : null],
  );
  return rows[0].id;
}

let userSeq = 0;
/** A user of the role (a buyer by default) with a token. */
export async function createUser(pool: Pool, config: Pick<AppConfig, 'jwtSecret' | 'jwtTtlSeconds'>, role = 'BUYER', stationId: string | null = null): Promise<WorldUser> {
  const email = `u${++userSeq}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@orders.test`;
  const { rows } = await pool.query(
    `INSERT INTO users (email, password_hash, display_name, role, station_id) VALUES ($1, 'x', $2, $3, $4) RETURNING id::text`,
    [email, email.split('@')[0], role, stationId],
  );
  return { id: rows[0].id, email, token: signAccessToken(config.jwtSecret!, rows[0].id, role, config.jwtTtlSeconds) };
}

export const ADDRESS = TEST_ADDRESS;

export const ORDER_FIELDS = `id status totalFen placedAt shippingAddress { recipient phone province city line1 postalCode }
  pickupStation { id } buyer { id }
  lines { id quantity unitPriceFen lineTotalFen listing { id } allocations { id quantity grossFen stationCommissionFen platformFeeFen supplierNetFen povertyStatusAtSale household { id } } }
  fulfillments { id status station { id } lines { id } }`;

export const PLACE_ORDER = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`;

export interface OrderLineIn {
  listingId: string;
  quantity: number;
}

/** placeOrder with a fresh idempotency key unless one is given. */
export function placeOrder(
  api: TestApi,
  token: string,
  lines: OrderLineIn[],
  extra: OrderInputOptions = {},
): Promise<GqlResult> {
  return api.gql(PLACE_ORDER, { input: placeOrderInput(lines, extra) }, token);
}

/** Everything placing an order writes, to check that a refused one wrote nothing. */
export async function footprint(pool: Pool): Promise<Record<string, unknown>> {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM order_lines)::int AS lines,
            (SELECT count(*) FROM fulfillments)::int AS fulfillments, (SELECT count(*) FROM allocations)::int AS allocations,
            (SELECT count(*) FROM journal_entries)::int AS entries, (SELECT count(*) FROM journal_lines)::int AS journal_lines,
            (SELECT COALESCE(sum(routed), 0)::int FROM station_day_loads) AS routed,
            (SELECT json_agg(json_build_array(id, remaining) ORDER BY id) FROM supply_lots) AS lots,
            (SELECT json_agg(json_build_array(id, (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots WHERE listing_id = listings.id), status) ORDER BY id) FROM listings) AS listings`,
  );
  return rows[0];
}

export async function remaining(pool: Pool, lotIds: string[]): Promise<number[]> {
  const { rows } = await pool.query(`SELECT id::text, remaining FROM supply_lots WHERE id = ANY($1::bigint[])`, [lotIds]);
  const byId = new Map(rows.map((r) => [r.id as string, r.remaining as number]));
  return lotIds.map((id) => byId.get(id)!);
}

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
