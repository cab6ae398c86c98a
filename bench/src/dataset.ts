import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';
import { hashPassword, signAccessToken } from '@app/auth';
import { ImpactRebuildService } from '@app/impact';
import { loadConfig } from '@app/platform';
import { DomainsModule, migrate } from '@app/composition';
import { seedHandanScale } from '../../seeds/src/scale-seed';

export interface DatasetSize {
  listings: number;
  deliveredAllocations: number;
  buyers: number;
  /** Village orders over the last year (the downward flow), added once to the kept data set. */
  villageOrders: number;
}

export const FULL: DatasetSize = { listings: 100_000, deliveredAllocations: 1_000_000, buyers: 64, villageOrders: 1_000_000 };
export const QUICK: DatasetSize = { listings: 20_000, deliveredAllocations: 100_000, buyers: 64, villageOrders: 100_000 };
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
  let cached: boolean;
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
    const app = await NestFactory.createApplicationContext(DomainsModule.forRoot(config, { runWorkers: false }), { logger: ['error'] });
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
  await ensureVillageOrderYear(url, size, log);
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

/**
 * The downward flow's year, added once to the kept data set (its own marker, so that a data set built
 * before it is extended rather than rebuilt): 20 merchants of the county seats with 10 goods each (stock
 * that never runs out), and `size.villageOrders` village orders of one line over the last year, placed
 * by the operators of the stations for households of the villages they serve, most of them collected
 * (some returned, the last days' still at the station), with the per-station month rollup of the
 * collections backfilled as the collections keep it. No journal rows: no scenario reads the ledger.
 */
async function ensureVillageOrderYear(url: string, size: DatasetSize, log: (line: string) => void): Promise<void> {
  const marker = `village-orders:${size.villageOrders}`;
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`CREATE TABLE IF NOT EXISTS bench_dataset_extensions (marker text PRIMARY KEY)`);
    const { rows } = await db.query(`SELECT 1 FROM bench_dataset_extensions WHERE marker = $1`, [marker]);
    if (rows.length > 0) return;
    const t = Date.now();
    log(`  adding ${size.villageOrders} village orders to the data set...`);
    await db.query(`BEGIN`);
    await db.query(`TRUNCATE village_order_months, village_order_lines, village_orders, goods, merchants RESTART IDENTITY`);
    await db.query(
      `INSERT INTO merchants (name, county_id, payout_account)
       SELECT '电商产业园商家 ' || g, (SELECT id FROM counties ORDER BY id OFFSET g % (SELECT count(*) FROM counties) LIMIT 1), '6228480000' || lpad(g::text, 6, '0')
         FROM generate_series(1, 20) g`,
    );
    await db.query(
      `INSERT INTO goods (merchant_id, title, kind, unit, price_fen, stock)
       SELECT m.id, (ARRAY['复合肥','玉米种子','智能手机','食用油','饲料'])[1 + k % 5] || ' ' || k,
              (CASE WHEN k % 5 IN (2, 3) THEN 'CONSUMER' ELSE 'FARM_INPUT' END)::goods_kind, '件', 1000 + k * 137, 10000000
         FROM merchants m CROSS JOIN generate_series(0, 9) k`,
    );
    // Each order: a station (round robin), a household of a village it serves, one goods line of 1-3 units.
    await db.query(
      `CREATE TEMP TABLE vgen ON COMMIT DROP AS
       WITH st AS (SELECT s.id, s.county_id, s.commission_bps, u.id AS operator_id, row_number() OVER (ORDER BY s.id) - 1 AS idx, count(*) OVER () AS n
                     FROM stations s JOIN users u ON u.station_id = s.id AND u.email LIKE 'bench-operator-%'),
            hh AS (SELECT sv.station_id, h.id AS household_id, h.village_id, h.poverty_status,
                          row_number() OVER (PARTITION BY sv.station_id ORDER BY h.id) AS rn, count(*) OVER (PARTITION BY sv.station_id) AS n
                     FROM station_villages sv JOIN households h ON h.village_id = sv.village_id),
            gd AS (SELECT id, merchant_id, title, kind, price_fen, row_number() OVER (ORDER BY id) - 1 AS idx, count(*) OVER () AS n FROM goods)
       SELECT g, st.id AS station_id, st.county_id, st.commission_bps, st.operator_id, hh.village_id, hh.household_id,
              hh.poverty_status = 'REGISTERED_POOR' AS poor, gd.id AS goods_id, gd.merchant_id, gd.title, gd.kind, gd.price_fen,
              1 + g % 3 AS quantity, (1 + g % 3) * gd.price_fen AS total,
              now() - interval '2 days' - ((g % 365) || ' days')::interval - ((g % 1440) || ' minutes')::interval AS placed_at,
              CASE WHEN g % 365 < 3 THEN 'AT_STATION' WHEN g % 20 = 0 THEN 'RETURNED' ELSE 'COLLECTED' END AS status
         FROM generate_series(1::bigint, ${size.villageOrders}) g
         JOIN st ON st.idx = g % st.n
         JOIN hh ON hh.station_id = st.id AND hh.rn = 1 + (g / st.n * 7919) % hh.n
         JOIN gd ON gd.idx = (g::bigint * 104729) % gd.n`,
    );
    await db.query(`ALTER TABLE vgen ADD COLUMN id bigint`);
    await db.query(`UPDATE vgen SET id = nextval(pg_get_serial_sequence('village_orders', 'id'))`);
    await db.query(
      `INSERT INTO village_orders (id, station_id, county_id, village_id, household_id, merchant_id, status, total_fen, deposit_fen, commission_bps,
         station_commission_fen, platform_fee_fen, merchant_net_fen, farm_input_fen, registered_poor_at_order, pickup_code_hash, placed_by_user_id,
         placed_at, shipped_at, received_at, collected_at, returned_at)
       SELECT id, station_id, county_id, village_id, household_id, merchant_id, status::village_order_status, total, 0, commission_bps,
              total * commission_bps / 10000, total * 300 / 10000, total - total * commission_bps / 10000 - total * 300 / 10000,
              CASE WHEN kind = 'FARM_INPUT' THEN total ELSE 0 END, poor, 'bench', operator_id,
              placed_at, placed_at + interval '6 hours', placed_at + interval '1 day',
              CASE WHEN status = 'COLLECTED' THEN placed_at + interval '2 days' END,
              CASE WHEN status = 'RETURNED' THEN placed_at + interval '8 days' END
         FROM vgen`,
    );
    await db.query(
      `INSERT INTO village_order_lines (village_order_id, goods_id, title, kind, quantity, unit_price_fen, line_total_fen)
       SELECT id, goods_id, title, kind, quantity, price_fen, total FROM vgen`,
    );
    // The rollup the collections keep (village-order-life.service.ts), per station and Asia/Shanghai month of collection.
    await db.query(
      `INSERT INTO village_order_months (county_id, station_id, month, collected_count, collected_fen, farm_input_fen, poor_farm_input_fen)
       SELECT county_id, station_id, date_trunc('month', collected_at AT TIME ZONE 'Asia/Shanghai')::date, count(*), sum(total_fen), sum(farm_input_fen),
              COALESCE(sum(farm_input_fen) FILTER (WHERE registered_poor_at_order), 0)
         FROM village_orders WHERE status = 'COLLECTED' GROUP BY 1, 2, 3`,
    );
    await db.query(`INSERT INTO bench_dataset_extensions VALUES ($1)`, [marker]);
    await db.query(`COMMIT`);
    await db.query(`VACUUM ANALYZE village_orders`);
    await db.query(`VACUUM ANALYZE village_order_lines`);
    await db.query(`VACUUM ANALYZE village_order_months`);
    await db.query(`VACUUM ANALYZE goods`);
    log(`  ${size.villageOrders} village orders (${Date.now() - t} ms)`);
  } catch (error) {
    await db.query(`ROLLBACK`).catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}
