import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TEST_REDIS_URL, TestApi, World } from '@app/testing';
import { createListing, placeOrder } from './orders-fixtures';
import { deliverThroughApi, expectEveryPayoutPaidOnce, waitUntil } from './hostile-fixtures';

/*
 * PostgreSQL drops the server's connections (pg_terminate_backend on every one of them, as a failover
 * or an administrator would): the server reconnects, and the next requests, its mutations and its
 * queue's jobs succeed. With the queue on Redis and on BullMQ's PostgreSQL backend (whose connections
 * are dropped too).
 */

const SETTLE = `mutation { runSettlement { payoutsCreated } }`;

describe.each([
  ['Redis', TEST_REDIS_URL],
  ['PostgreSQL', undefined],
])('PostgreSQL drops the connections of a server whose queue is on %s', (_backend, redisUrl) => {
  let api: TestApi;
  let world: World;
  let listingId: string;

  beforeAll(async () => {
    api = await startTestApi({ redisUrl, settlementHoldbackHours: 0 });
    world = await createWorld(api.db.pool, api.config);
    listingId = (
      await createListing(api.db.pool, {
        stationId: world.stations.main,
        originVillageId: world.villages.poor,
        countyId: world.county.id,
        priceFen: 990,
        lots: [{ householdId: world.households.poorA, quantity: 100 }],
      })
    ).id;
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Terminates every backend the server holds on its database; returns how many. */
  async function dropServerConnections(): Promise<number> {
    const { rows } = await api.db.pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'marketplace%'`,
    );
    const pids = rows.map((r) => r.pid);
    await api.db.pool.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [pids]);
    await waitUntil(
      async () => (await api.db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])`, [pids])).rows[0].n === 0,
      'the terminated backends gone',
      10_000,
    );
    return pids.length;
  }

  it('reconnects: the next queries, mutations and jobs succeed', async () => {
    // Fill the pool: several requests at once, each holding a connection.
    const warm = await Promise.all(Array.from({ length: 8 }, () => api.gql(`{ listings(first: 10) { edges { node { id title available } } } }`)));
    for (const r of warm) expect(r.errors).toBeUndefined();
    const before = (await api.db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'marketplace%'`)).rows[0].n;
    expect(before).toBeGreaterThan(1);

    for (let round = 0; round < 3; round++) {
      expect(await dropServerConnections()).toBeGreaterThan(0);
      // The very next requests: a read, a write in a transaction, the readiness check.
      const read = await api.gql(`{ counties { code } }`);
      expect(read.errors).toBeUndefined();
      expect(read.data!.counties).toHaveLength(2);
      const placed = await placeOrder(api, world.users.buyer.token, [{ listingId, quantity: 2 }]);
      expect(placed.errors).toBeUndefined();
      const ready = await fetch(`${api.url}/health/ready`);
      expect(ready.status).toBe(200);
    }
    expect((await api.db.pool.query(`SELECT count(*)::int AS n FROM orders`)).rows[0].n).toBe(3);

    // The queue's jobs run after their connections were dropped too.
    const { rows: fulfillments } = await api.db.pool.query(`SELECT id::text FROM fulfillments ORDER BY id`);
    for (const f of fulfillments) await deliverThroughApi(api, world, f.id);
    await dropServerConnections();
    const settled = await api.gql(SETTLE, {}, world.users.admin.token);
    expect(settled.errors).toBeUndefined();
    expect(settled.data!.runSettlement.payoutsCreated).toBe(2);
    await waitUntil(async () => (await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status = 'PAID'`)).rows[0].n === 2, 'both payouts PAID', 30_000);
    expect(await expectEveryPayoutPaidOnce(api.db.pool)).toBe(2);
  });
});
