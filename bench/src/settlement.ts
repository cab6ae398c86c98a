import { Client } from 'pg';
import { hashPassword, signAccessToken } from '@app/auth';
import { loadConfig } from '@app/platform';
import { migrate } from '@app/composition';
import { BENCH_JWT_SECRET, recreateDatabase } from './dataset';
import { ScenarioResult } from './scenarios';
import { gql, startServer } from './server';

/**
 * From runSettlement to every payout PAID, for `payees` households (and their station) each with one
 * delivered allocation past the holdback, on a database of its own; on Redis or on BullMQ's PostgreSQL
 * backend. The sandbox provider answers at once.
 */
export async function settlementScenario(adminUrl: string, redisUrl: string | undefined, payees: number, port: number): Promise<ScenarioResult> {
  const url = await recreateDatabase(adminUrl, 'market_bench_settlement');
  await migrate({ ...loadConfig({ NODE_ENV: 'production', JWT_SECRET: BENCH_JWT_SECRET }), databaseUrl: url });
  const db = new Client({ connectionString: url });
  await db.connect();
  const hash = await hashPassword('bench-password', 10);
  await db.query(`
    INSERT INTO counties (code, name, national_poverty_county) VALUES ('130426', '涉县 She', true);
    INSERT INTO townships (county_id, name) SELECT id, '偏城镇' FROM counties;
    INSERT INTO villages (township_id, county_id, code, name, poverty_stricken) SELECT t.id, t.county_id, '1304261' || lpad(g::text, 5, '0'), '村' || g, g % 2 = 0 FROM townships t, generate_series(1, 100) g;
    INSERT INTO households (village_id, county_id, registry_number, head_name, members, payout_account, poverty_status, poverty_category)
      SELECT v.id, v.county_id, 'SET-' || g, '户主' || g, 3, '62284800' || lpad(g::text, 8, '0'), 'REGISTERED_POOR', 'GENERAL'
      FROM generate_series(1, ${payees}) g JOIN villages v ON v.code = '1304261' || lpad((1 + g % 100)::text, 5, '0');
    INSERT INTO stations (name, village_id, county_id, daily_capacity, commission_bps, active) SELECT '偏城电商服务站', min(id), min(county_id), 1000000, 500, true FROM villages;
    INSERT INTO station_villages (station_id, village_id) SELECT s.id, v.id FROM stations s, villages v;
    INSERT INTO users (email, password_hash, display_name, role) VALUES ('admin@bench.cn', '${hash}', 'admin', 'ADMIN'), ('buyer@bench.cn', '${hash}', 'buyer', 'BUYER');
    INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status, allocation_policy)
      SELECT s.id, s.village_id, s.county_id, '核桃', '', 'nuts', 'kg', 2000, 'ACTIVE', 'PRECISION' FROM stations s;
    INSERT INTO supply_lots (listing_id, household_id, quantity, remaining) SELECT l.id, h.id, 10, 9 FROM listings l, households h;
    CREATE TEMP TABLE gen AS SELECT lot.id AS lot_id, lot.household_id, h.village_id, h.county_id, l.id AS listing_id, l.station_id,
      nextval(pg_get_serial_sequence('orders', 'id')) AS order_id, nextval(pg_get_serial_sequence('order_lines', 'id')) AS line_id,
      nextval(pg_get_serial_sequence('fulfillments', 'id')) AS fulfillment_id
      FROM supply_lots lot JOIN listings l ON l.id = lot.listing_id JOIN households h ON h.id = lot.household_id;
    INSERT INTO orders (id, buyer_id, idempotency_key, status, total_fen, shipping_address, payment_reference, placed_at)
      SELECT order_id, (SELECT id FROM users WHERE role = 'BUYER'), 'k' || order_id, 'DELIVERED', 2000, '{"recipient":"王","phone":"1","province":"河北","city":"邯郸","line1":"1"}', 'p' || order_id, now() - interval '5 days' FROM gen;
    INSERT INTO order_lines (id, order_id, listing_id, quantity, unit_price_fen, line_total_fen) SELECT line_id, order_id, listing_id, 1, 2000, 2000 FROM gen;
    INSERT INTO fulfillments (id, order_id, station_id, status, delivered_at) SELECT fulfillment_id, order_id, station_id, 'DELIVERED', now() - interval '4 days' FROM gen;
    INSERT INTO allocations (order_id, order_line_id, fulfillment_id, lot_id, listing_id, listing_station_id, household_id, village_id, county_id, quantity,
        gross_fen, station_commission_fen, platform_fee_fen, supplier_net_fen, status_at_placement, poverty_status_at_sale, village_poverty_stricken_at_sale, placed_at)
      SELECT order_id, line_id, fulfillment_id, lot_id, listing_id, station_id, household_id, village_id, county_id, 1, 2000, 100, 60, 1840,
             'REGISTERED_POOR', 'REGISTERED_POOR', true, now() - interval '5 days' FROM gen;
    ANALYZE;`);
  const admin = (await db.query(`SELECT id::text FROM users WHERE role = 'ADMIN'`)).rows[0].id;
  const server = await startServer(
    { DATABASE_URL: url, REDIS_URL: redisUrl ?? '', JWT_SECRET: BENCH_JWT_SECRET, WORKER: 'embedded', WORKER_CONCURRENCY: '32', SETTLEMENT_INTERVAL_MINUTES: '0', QUEUE_PREFIX: `bench-${Date.now().toString(36)}`, SANDBOX_LATENCY_MS: '0' },
    port,
  );
  try {
    const token = signAccessToken(BENCH_JWT_SECRET, admin, 'ADMIN', 3600);
    const started = Date.now();
    const run = await gql<{ runSettlement: { payoutsCreated: number; amountFen: number } }>(server.url, `mutation { runSettlement { payoutsCreated amountFen } }`, {}, token);
    const created = run.runSettlement.payoutsCreated;
    let paid = 0;
    let failed = 0;
    while (Date.now() - started < 300_000) {
      const { rows } = await db.query(`SELECT count(*) FILTER (WHERE status = 'PAID')::int AS paid, count(*) FILTER (WHERE status = 'FAILED')::int AS failed FROM payouts`);
      paid = rows[0].paid;
      failed = rows[0].failed;
      if (paid + failed >= created) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (Date.now() - started) / 1000;
    const transfers = (await db.query(`SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS k FROM sandbox_transfers`)).rows[0];
    const errors = created - paid + (transfers.n !== transfers.k ? 1 : 0) + (created !== payees + 1 ? 1 : 0);
    return {
      scenario: `payouts: runSettlement to all PAID, ${created.toLocaleString('en')} payouts, ${redisUrl ? 'Redis' : 'PostgreSQL backend'}`,
      throughput: Math.round(paid / seconds),
      unit: 'payouts/s',
      p50: Math.round(seconds * 1000),
      p99: null,
      errors,
      rssMiB: server.rssMiB(),
      target: redisUrl ? '>= 1,000 payouts/s' : 'reported beside Redis',
      note: `${paid} paid, ${failed} failed, ${transfers.n} sandbox transfers in ${seconds.toFixed(1)} s`,
    };
  } finally {
    await server.stop();
    await db.end();
  }
}
