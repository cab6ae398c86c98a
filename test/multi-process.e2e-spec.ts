import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabase, createWorld, gqlRequest, TEST_JWT_SECRET, TEST_REDIS_URL, TestDatabase, World } from '@app/testing';
import { ADDRESS, createListing } from './orders-fixtures';

/**
 * Two API processes (WORKER=off) and two worker processes on one PostgreSQL and one Redis, all real
 * processes from the build: orders placed through both APIs concurrently never take more of a station's
 * daily capacity than it has, and after delivery and settlement every payout is paid exactly once.
 */
describe('two API processes and two workers on one database and one Redis', () => {
  let db: TestDatabase;
  let world: World;
  const processes: ChildProcess[] = [];
  const apis: string[] = [];
  const env: Record<string, string> = {};
  let listingId: string;

  const launch = (entry: string, extra: Record<string, string>) => {
    const child = spawn(process.execPath, [join(process.env.TEST_DIST_DIR!, entry)], {
      env: { ...process.env, ...env, ...extra },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    processes.push(child);
    return child;
  };
  const waitReady = async (url: string) => {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) })).ok) return;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${url} did not become ready`);
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await db.pool.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createWorld(db.pool, { jwtSecret: TEST_JWT_SECRET, jwtTtlSeconds: 3600 });
    // Capacity for 5 fulfilments a day at each of the two stations serving the poor village.
    await db.pool.query(`UPDATE stations SET daily_capacity = 5 WHERE id = ANY($1::bigint[])`, [[world.stations.main, world.stations.second]]);
    listingId = (
      await createListing(db.pool, {
        stationId: world.stations.main,
        originVillageId: world.villages.poor,
        countyId: world.county.id,
        priceFen: 1000,
        lots: [{ householdId: world.households.poorA, quantity: 500 }, { householdId: world.households.poorB, quantity: 500 }],
      })
    ).id;
    Object.assign(env, {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET: TEST_JWT_SECRET,
      QUEUE_PREFIX: `multi-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'error',
      // Four processes beside the other test files on one PostgreSQL (max_connections 100): each API
      // opens up to 1.5x this, a worker up to this.
      DATABASE_POOL_SIZE: '8',
      SETTLEMENT_INTERVAL_MINUTES: '0',
      SETTLEMENT_HOLDBACK_HOURS: '0',
      ROUTING_RETRY_INTERVAL_SECONDS: '0',
      JOB_LOCK_MS: '5000',
      SANDBOX_LATENCY_MS: '20',
    });
    for (let i = 0; i < 2; i++) {
      const port = 31000 + Math.floor(Math.random() * 20000);
      launch('apps/api/src/main.js', { PORT: String(port), WORKER: 'off' });
      apis.push(`http://127.0.0.1:${port}`);
    }
    for (let i = 0; i < 2; i++) launch('apps/worker/src/main.js', {});
    await Promise.all(apis.map(waitReady));
  });

  afterAll(async () => {
    await Promise.all(
      processes.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null) return resolve();
            p.once('exit', () => resolve());
            p.kill('SIGTERM');
            setTimeout(() => p.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    await db?.drop();
  });

  it('never exceeds a station’s daily capacity across both processes, and pays every payee exactly once', async () => {
    const buyers = [world.users.buyer.token, world.users.otherBuyer.token];
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        gqlRequest<{ placeOrder: { id: string } }>(
          apis[i % 2],
          `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
          { input: { idempotencyKey: `multi-${i}`, lines: [{ listingId, quantity: 2 }], shippingAddress: ADDRESS, paymentToken: 'tok_visa' } },
          buyers[i % 2],
        ),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    // 16 orders, 10 slots (5 + 5): never more routed than the capacity, the rest waiting UNROUTED.
    const loads = (await db.pool.query(`SELECT station_id::text, routed FROM station_day_loads`)).rows;
    for (const load of loads) expect(load.routed).toBeLessThanOrEqual(5);
    expect(await count(`SELECT count(*) AS n FROM fulfillments WHERE status = 'ROUTED'`)).toBe(10);
    expect(await count(`SELECT count(*) AS n FROM fulfillments WHERE status = 'UNROUTED'`)).toBe(6);
    expect(await count(`SELECT max(n) AS n FROM (SELECT count(*) AS n FROM fulfillments WHERE station_id IS NOT NULL GROUP BY station_id, routed_day) x`)).toBeLessThanOrEqual(5);

    // Deliver every routed fulfilment, alternating the API process that takes each step.
    const routed = (await db.pool.query(`SELECT f.id::text, f.station_id::text, o.buyer_id::text FROM fulfillments f JOIN orders o ON o.id = f.order_id WHERE f.status = 'ROUTED' ORDER BY f.id`)).rows;
    const operatorOf = (stationId: string) => (stationId === world.stations.main ? world.users.operator.token : world.users.secondOperator.token);
    const buyerOf = (buyerId: string) => (buyerId === world.users.buyer.id ? world.users.buyer.token : world.users.otherBuyer.token);
    let step = 0;
    const call = async (query: string, variables: Record<string, unknown>, token: string) => {
      const r = await gqlRequest(apis[step++ % 2], query, variables, token);
      expect(r.errors).toBeUndefined();
    };
    await Promise.all(
      routed.map(async (f) => {
        await call(`mutation ($id: ID!) { acceptFulfillment(id: $id) { id } }`, { id: f.id }, operatorOf(f.station_id));
        await call(`mutation ($id: ID!) { markCollected(id: $id) { id } }`, { id: f.id }, operatorOf(f.station_id));
        await call(`mutation ($input: ShipInput!) { markShipped(input: $input) { id } }`, { input: { fulfillmentId: f.id, carrier: 'EMS', trackingNumber: `E${f.id}` } }, operatorOf(f.station_id));
        await call(`mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { id status } }`, { id: f.id }, buyerOf(f.buyer_id));
      }),
    );
    expect(await count(`SELECT count(*) AS n FROM fulfillments WHERE status = 'DELIVERED'`)).toBe(10);

    // Settlement through one API; the two workers pay.
    const run = await gqlRequest<{ runSettlement: { payoutsCreated: number; amountFen: number } }>(apis[1], `mutation { runSettlement { payoutsCreated amountFen } }`, {}, world.users.admin.token);
    expect(run.errors).toBeUndefined();
    const created = run.data!.runSettlement.payoutsCreated;
    expect(created).toBeGreaterThanOrEqual(2); // the households that supplied, and the listing's station
    for (let i = 0; i < 300 && (await count(`SELECT count(*) AS n FROM payouts WHERE status = 'PAID'`)) < created; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await count(`SELECT count(*) AS n FROM payouts WHERE status = 'PAID'`)).toBe(created);
    // Exactly once: one sandbox transfer per payout, for its amount.
    expect(await count(`SELECT count(*) AS n FROM sandbox_transfers`)).toBe(created);
    expect(
      await count(`SELECT count(*) AS n FROM payouts p JOIN sandbox_transfers t ON t.idempotency_key = 'payout:' || p.id AND t.amount_fen = p.amount_fen`),
    ).toBe(created);
    // Each household was paid the sum of its allocations' nets, and the books balance.
    const mismatched = await count(
      `SELECT count(*) AS n FROM payouts p WHERE p.payee_kind = 'HOUSEHOLD'
         AND p.amount_fen <> (SELECT sum(a.supplier_net_fen) FROM allocations a JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'HOUSEHOLD' WHERE l.payout_id = p.id)`,
    );
    expect(mismatched).toBe(0);
    const balance = (await db.pool.query(`SELECT sum(debit_fen)::bigint AS d, sum(credit_fen)::bigint AS c FROM journal_lines`)).rows[0];
    expect(balance.d).toBe(balance.c);
  });
});
