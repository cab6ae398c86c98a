import { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { createTestDatabase, createWorld, startTestApi, TEST_REDIS_URL, TestApi, TestDatabase, World } from '@app/testing';
import { createGoods } from './goods-fixtures';
import { waitFor } from './payouts-fixtures';
import { startWorker, stop } from './worker-process';
import { atStation, trialBalance } from './village-orders-fixtures';

/*
 * A worker killed in the middle of a return: the stand-alone worker (its own process) runs the
 * scheduled return of village orders past PICKUP_DAYS; one order's return is held in the middle of its
 * transaction (the status written, the stock not yet given back: the test holds that goods' row), and
 * the worker is SIGKILLed there. That order must come out untouched (no half-return), the ones before it
 * returned once; a restarted worker returns the rest, each exactly once, and the books balance.
 */
const BEFORE = 6;
const AFTER = 5;

describe('a worker killed mid-return', () => {
  let db: TestDatabase;
  let api: TestApi;
  let world: World;
  let worker: ChildProcess | undefined;
  const output: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi({ redisUrl: TEST_REDIS_URL, worker: 'off' }, db);
    world = await createWorld(db.pool, api.config);
  });
  afterAll(async () => {
    if (process.env.SHOW_WORKER_LOG) console.log(output.join(''));
    await stop(worker, 'SIGKILL');
    await api?.close();
    await db?.drop();
  });

  it('leaves no half-returned order, and the restarted worker returns every order exactly once', async () => {
    const common = await createGoods(db.pool, world.merchants.main, { title: '洗衣粉', kind: 'CONSUMER', priceFen: 2_500, stock: 100 });
    const held = await createGoods(db.pool, world.merchants.main, { title: '农药喷雾器', kind: 'FARM_INPUT', priceFen: 15_000, stock: 10 });
    const orders: Array<{ id: string; goods: string; quantity: number }> = [];
    for (let i = 0; i < BEFORE; i++) orders.push({ id: (await atStation(api, world, common, 2, 1_000)).id, goods: common, quantity: 2 });
    const middle = { id: (await atStation(api, world, held, 3, 5_000)).id, goods: held, quantity: 3 };
    orders.push(middle);
    for (let i = 0; i < AFTER; i++) orders.push({ id: (await atStation(api, world, common, 1, 500)).id, goods: common, quantity: 1 });
    // All past their pickup days, due in this order (the job takes the oldest first).
    for (const [i, o] of orders.entries()) {
      await db.pool.query(`UPDATE village_orders SET received_at = now() - interval '15 days' - $2 * interval '1 minute' WHERE id = $1`, [o.id, orders.length - i]);
    }
    const cashBefore = (await trialBalance(api, world)).accounts.get(`cash:station:${world.stations.main}`)!;

    // The test holds the middle order's goods: its return stops after writing RETURNED, before the stock.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT stock FROM goods WHERE id = $1 FOR UPDATE', [held]);

    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: api.config.queuePrefix,
      JOB_LOCK_MS: '2000',
      PICKUP_RETURN_INTERVAL_SECONDS: '1',
      PICKUP_DAYS: '14',
      SETTLEMENT_INTERVAL_MINUTES: '0',
      PAYOUT_RELAY_INTERVAL_SECONDS: '0',
      ROUTING_RETRY_INTERVAL_SECONDS: '0',
      DATABASE_POOL_SIZE: '4',
      LOG_LEVEL: 'warn',
    };
    worker = startWorker(env, output);
    const status = async (id: string) => (await db.pool.query(`SELECT status FROM village_orders WHERE id = $1`, [id])).rows[0].status;
    const returnedCount = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM village_orders WHERE status = 'RETURNED'`)).rows[0].n;
    await waitFor(async () => (await returnedCount()) === BEFORE, 30_000, 'the orders before the held one returned');
    // The worker is inside the middle order's return, waiting on the goods row.
    await waitFor(
      async () => (await db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n > 0,
      10_000,
      'the return blocked mid-transaction',
    );
    await stop(worker, 'SIGKILL');
    await holder.query('COMMIT');
    await holder.end();

    // The dead worker's transaction is rolled back: the middle order is untouched.
    await waitFor(async () => (await db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'marketplace' AND state <> 'idle'`)).rows[0].n === 0, 10_000, 'the dead worker\'s session gone');
    expect(await status(middle.id)).toBe('AT_STATION');
    expect(await returnedCount()).toBe(BEFORE);
    expect((await db.pool.query(`SELECT stock FROM goods WHERE id = $1`, [held])).rows[0].stock).toBe(7);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM journal_entries WHERE kind = 'VILLAGE_ORDER_REFUNDED' AND reference = $1`, [middle.id])).rows[0].n).toBe(0);
    expect((await trialBalance(api, world)).balanced).toBe(true);

    // Restarted, the worker returns the rest.
    worker = startWorker(env, output);
    await waitFor(async () => (await returnedCount()) === orders.length, 30_000, 'every order returned after the restart');
    await stop(worker, 'SIGTERM');

    const { rows } = await db.pool.query(
      `SELECT o.id::text, o.status, (SELECT count(*)::int FROM journal_entries e WHERE e.kind = 'VILLAGE_ORDER_REFUNDED' AND e.reference = o.id::text) AS refunds FROM village_orders o ORDER BY o.id`,
    );
    expect(rows.map((r) => [r.status, r.refunds])).toEqual(orders.map(() => ['RETURNED', 1]));
    expect((await db.pool.query(`SELECT id::text, stock FROM goods ORDER BY id`)).rows.map((r) => r.stock)).toEqual([100, 10]);
    const tb = await trialBalance(api, world);
    expect(tb.balanced).toBe(true);
    const deposits = BEFORE * 1_000 + 5_000 + AFTER * 500;
    expect(tb.accounts.get(`cash:station:${world.stations.main}`)).toBe(cashBefore - deposits);
    expect(tb.accounts.get('escrow') ?? 0).toBe(0);
  });
});
