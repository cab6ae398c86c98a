import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';
import { hashPassword, signAccessToken } from '@app/auth';
import { ImpactRebuildService } from '@app/impact';
import { loadConfig } from '@app/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { migrate } from '../../apps/api/src/bootstrap';
import { seedHandanScale } from '../../seeds/src/scale-seed';

export interface DatasetSize {
  listings: number;
  deliveredAllocations: number;
  buyers: number;
}

export const FULL: DatasetSize = { listings: 100_000, deliveredAllocations: 1_000_000, buyers: 64 };
export const QUICK: DatasetSize = { listings: 20_000, deliveredAllocations: 100_000, buyers: 64 };
const VERSION = 5; // bump when the generator changes: a cached data set of another version is rebuilt

export interface Dataset {
  url: string;
  size: DatasetSize;
  jwtSecret: string;
  counties: Array<{ id: string; officialToken: string }>;
  buyerTokens: string[];
  adminToken: string;
  listingIds: string[];
  hotListingId: string;
  builtMillis: number;
  cached: boolean;
}

/** Made per run: tokens are signed and verified within one run, and a secret in the repository would be refused in production. */
export const BENCH_JWT_SECRET = randomBytes(32).toString('base64url');

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** (Re)creates database `name` on the server of `adminUrl`. */
/**
 * A fresh copy of `template` as `name`, file by file (FILE_COPY: a checkpoint and a copy of the
 * directory, seconds for gigabytes, where the default strategy would write it all to the WAL).
 */
async function cloneDatabase(adminUrl: string, template: string, name: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY = FILE_COPY`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

/**
 * The Handan-sized data set in its own database, built once and kept (a marker table records the
 * generator's version and the size; later migrations are applied to it): Handan's geography, registry
 * and stations (seeds/src/scale-seed.ts), listings with stock, and delivered orders spread over the
 * last year, with the impact rollups rebuilt from them. The kept database is never written by a run:
 * each run gets a fresh copy (`<name>_run`), so that every run starts from the same state rather than
 * from the orders and imports of the runs before it (which made later runs slower).
 */
export async function ensureDataset(adminUrl: string, name: string, size: DatasetSize, log: (line: string) => void): Promise<Dataset> {
  const started = Date.now();
  const url = withDatabase(adminUrl, name);
  // Migrations added since the data set was built are applied to it (below, and by the server at its
  // start), as they would be to a production database; a generator change bumps VERSION instead.
  const marker = `v${VERSION}:${size.listings}:${size.deliveredAllocations}`;
  let cached = false;
  try {
    const probe = new Client({ connectionString: url });
    await probe.connect();
    try {
      const { rows } = await probe.query(`SELECT marker FROM bench_dataset`);
      cached = rows[0]?.marker === marker;
    } finally {
      await probe.end();
    }
  } catch {
    cached = false;
  }
  if (cached) {
    const config = { ...loadConfig({ NODE_ENV: 'production', JWT_SECRET: BENCH_JWT_SECRET }), databaseUrl: url, redisUrl: undefined, worker: 'off' as const, logLevel: 'warn' };
    await migrate(config);
  } else {
    log(`building the data set in ${name} (${size.listings} listings, ${size.deliveredAllocations} delivered allocations)...`);
    await recreateDatabase(adminUrl, name);
    const config = { ...loadConfig({ NODE_ENV: 'production', JWT_SECRET: BENCH_JWT_SECRET }), databaseUrl: url, redisUrl: undefined, worker: 'off' as const, logLevel: 'warn' };
    await migrate(config);
    const pool = new Pool({ connectionString: url, max: 2 });
    try {
      const s = await seedHandanScale(pool);
      log(`  registry: ${s.villages} villages, ${s.households} households (${s.registeredPoor} registered poor), ${s.stations} stations (${s.millis} ms)`);
      await generate(pool, size, log);
    } finally {
      await pool.end();
    }
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
    try {
      const t = Date.now();
      const facts = await app.get(ImpactRebuildService).rebuild();
      log(`  impact rollups rebuilt from ${facts} counted allocations (${Date.now() - t} ms)`);
    } finally {
      await app.close();
    }
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`VACUUM ANALYZE`); // on its own: VACUUM cannot run inside a multi-statement query
    await client.query(`CREATE TABLE bench_dataset (marker text); INSERT INTO bench_dataset VALUES ('${marker}')`);
    await client.end();
  }
  const runUrl = await cloneDatabase(adminUrl, name, `${name}_run`);
  const client = new Client({ connectionString: runUrl });
  await client.connect();
  try {
    const token = (id: string, role: string) => signAccessToken(BENCH_JWT_SECRET, id, role, 24 * 3600);
    const counties = (await client.query(`SELECT c.id::text, u.id::text AS official FROM counties c JOIN users u ON u.county_id = c.id AND u.email LIKE 'bench-official-%' ORDER BY c.id`)).rows;
    const buyers = (await client.query(`SELECT id::text FROM users WHERE email LIKE 'bench-buyer-%' ORDER BY id`)).rows;
    const admin = (await client.query(`SELECT id::text FROM users WHERE email = 'bench-admin@bench.cn'`)).rows[0];
    const listings = (await client.query(`SELECT id::text FROM listings WHERE status = 'ACTIVE' ORDER BY id LIMIT 5000`)).rows;
    return {
      url: runUrl,
      size,
      jwtSecret: BENCH_JWT_SECRET,
      counties: counties.map((c) => ({ id: c.id, officialToken: token(c.official, 'COUNTY_OFFICIAL') })),
      buyerTokens: buyers.map((b) => token(b.id, 'BUYER')),
      adminToken: token(admin.id, 'ADMIN'),
      listingIds: listings.map((l) => l.id),
      hotListingId: listings[0].id,
      builtMillis: Date.now() - started,
      cached,
    };
  } finally {
    await client.end();
  }
}

async function generate(pgPool: Pool, size: DatasetSize, log: (line: string) => void): Promise<void> {
  const pool = await pgPool.connect(); // one session: the generator uses a temporary table
  try {
    await generateOn(pool, size, log);
  } finally {
    pool.release();
  }
}

async function generateOn(pool: import('pg').PoolClient, size: DatasetSize, log: (line: string) => void): Promise<void> {
  const t = Date.now();
  const hash = await hashPassword('bench-password', 10);
  await pool.query(`UPDATE stations SET daily_capacity = 1000000`);
  await pool.query(
    `INSERT INTO users (email, password_hash, display_name, role) VALUES ('bench-admin@bench.cn', $1, 'bench admin', 'ADMIN');
     INSERT INTO users (email, password_hash, display_name, role)
       SELECT 'bench-buyer-' || g || '@bench.cn', $1, 'buyer ' || g, 'BUYER' FROM generate_series(1, $2) g;
     INSERT INTO users (email, password_hash, display_name, role, county_id)
       SELECT 'bench-official-' || id || '@bench.cn', $1, 'official ' || id, 'COUNTY_OFFICIAL', id FROM counties;
     INSERT INTO users (email, password_hash, display_name, role, station_id)
       SELECT 'bench-operator-' || id || '@bench.cn', $1, 'operator ' || id, 'STATION_OPERATOR', id FROM stations;`.replace(/\$1/g, `'${hash}'`).replace('$2', String(size.buyers)),
  );
  // Listings spread over the stations and the villages each serves, one lot each from a household of
  // the origin village, stock enough that the order benchmarks never run out.
  await pool.query(
    `WITH st AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS idx, count(*) OVER () AS n FROM stations),
          sv AS (SELECT station_id, village_id, row_number() OVER (PARTITION BY station_id ORDER BY village_id) AS rn,
                        count(*) OVER (PARTITION BY station_id) AS n FROM station_villages)
     INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status, allocation_policy, created_at)
     SELECT st.id, sv.village_id, v.county_id,
            (ARRAY['涉县薄皮核桃','太行山花椒','小米','魏县鸭梨','黑枣','柿子'])[1 + g % 6] || ' ' || g,
            '来自' || v.name || '的农家特产, lot ' || g,
            (ARRAY['nuts','spices','grain','fruit','fruit','fruit'])[1 + g % 6], 'kg', 500 + (g * 37) % 5000,
            'ACTIVE', CASE WHEN g % 5 = 0 THEN 'FIFO' ELSE 'PRECISION' END::allocation_policy,
            now() - ((g % 365) || ' days')::interval
     FROM generate_series(0, ${size.listings - 1}) g
     JOIN st ON st.idx = g % st.n
     JOIN sv ON sv.station_id = st.id AND sv.rn = 1 + (g / st.n) % sv.n
     JOIN villages v ON v.id = sv.village_id`,
  );
  await pool.query(
    `INSERT INTO supply_lots (listing_id, household_id, quantity, remaining)
     SELECT l.id, h.id, 1000000, 1000000 FROM listings l
     CROSS JOIN LATERAL (SELECT id FROM households WHERE village_id = l.origin_village_id ORDER BY id OFFSET (l.id % 3) LIMIT 1) h`,
  );
  log(`  ${size.listings} listings with stock (${Date.now() - t} ms)`);
  // Delivered orders over the last year: one line, one allocation, one fulfilment each.
  const t2 = Date.now();
  const n = size.deliveredAllocations;
  await pool.query(`CREATE TEMP TABLE gen AS
    SELECT g, l.id AS listing_id, l.station_id, l.price_fen, lot.id AS lot_id, lot.household_id, h.village_id, h.county_id,
           h.poverty_status, v.poverty_stricken, s.commission_bps,
           (SELECT id FROM users WHERE email = 'bench-buyer-' || (1 + g % ${size.buyers}) || '@bench.cn') AS buyer_id,
           now() - interval '4 days' - ((g % 365) || ' days')::interval - ((g % 1440) || ' minutes')::interval AS placed_at,
           1 + g % 3 AS quantity
    FROM generate_series(1, ${n}) g
    JOIN listings l ON l.id = (SELECT min(id) FROM listings) + (g::bigint * 7919) % ${size.listings}
    JOIN supply_lots lot ON lot.listing_id = l.id
    JOIN households h ON h.id = lot.household_id
    JOIN villages v ON v.id = h.village_id
    JOIN stations s ON s.id = l.station_id`);
  await pool.query(`ALTER TABLE gen ADD COLUMN order_id bigint, ADD COLUMN line_id bigint, ADD COLUMN fulfillment_id bigint`);
  await pool.query(`UPDATE gen SET order_id = nextval(pg_get_serial_sequence('orders', 'id')),
                                   line_id = nextval(pg_get_serial_sequence('order_lines', 'id')),
                                   fulfillment_id = nextval(pg_get_serial_sequence('fulfillments', 'id'))`);
  await pool.query(`INSERT INTO orders (id, buyer_id, idempotency_key, status, total_fen, shipping_address, payment_reference, placed_at)
    SELECT order_id, buyer_id, 'bench-' || g, 'DELIVERED', quantity * price_fen,
           '{"recipient":"王","phone":"13800000000","province":"河北","city":"邯郸","line1":"1号"}'::jsonb, 'bench-' || g, placed_at FROM gen`);
  await pool.query(`INSERT INTO order_lines (id, order_id, listing_id, quantity, unit_price_fen, line_total_fen)
    SELECT line_id, order_id, listing_id, quantity, price_fen, quantity * price_fen FROM gen`);
  await pool.query(`INSERT INTO fulfillments (id, order_id, station_id, status, routed_day, carrier, tracking_number, delivered_at, created_at, updated_at)
    SELECT fulfillment_id, order_id, station_id, 'DELIVERED', (placed_at AT TIME ZONE 'Asia/Shanghai')::date, 'EMS', 'E' || g,
           placed_at + interval '3 days', placed_at, placed_at + interval '3 days' FROM gen`);
  await pool.query(`INSERT INTO allocations (order_id, order_line_id, fulfillment_id, lot_id, listing_id, listing_station_id, household_id, village_id, county_id,
      quantity, gross_fen, station_commission_fen, platform_fee_fen, supplier_net_fen, status_at_placement, poverty_status_at_sale, village_poverty_stricken_at_sale, placed_at)
    SELECT order_id, line_id, fulfillment_id, lot_id, listing_id, station_id, household_id, village_id, county_id, quantity,
           quantity * price_fen, (quantity * price_fen * commission_bps) / 10000, (quantity * price_fen * 300) / 10000,
           quantity * price_fen - (quantity * price_fen * commission_bps) / 10000 - (quantity * price_fen * 300) / 10000,
           poverty_status, poverty_status, poverty_stricken, placed_at FROM gen`);
  await pool.query(`DROP TABLE gen`);
  // The orders domain's 90-day income rollup, as its migration backfills it.
  await pool.query(`INSERT INTO household_income_days (household_id, day, net_fen)
    SELECT a.household_id, (a.placed_at AT TIME ZONE 'Asia/Shanghai')::date, sum(a.supplier_net_fen)
      FROM allocations a WHERE a.placed_at >= now() - interval '91 days' GROUP BY 1, 2`);
  log(`  ${n} delivered orders and allocations (${Date.now() - t2} ms)`);
}
