import { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, metricsHeaders, startTestApi, TestApi, World } from '@app/testing';
import { createListing, placeOrder } from './orders-fixtures';
import { deliverThroughApi, expectBalancedBooks, expectEveryPayoutPaidOnce, freePort, redisAnswers, startRedis, stopProcess, waitUntil } from './hostile-fixtures';

/*
 * Redis dies while the server runs (a redis-server of this test's own, on a spare port, SIGKILLed) and
 * comes back empty. Meanwhile the API keeps serving and taking orders, readiness says the queue is down,
 * sign-in keeps its rate limit (counted in memory); once Redis is back, every payout due is paid
 * exactly once (the relay re-queues what the empty Redis lacks).
 */

const SETTLE = `mutation { runSettlement { payoutsCreated amountFen } }`;
const CANCEL = `mutation ($id: ID!) { cancelOrder(id: $id) { id status } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { user { email } } }`;

/** A GET that must answer within 5 s: a hang fails the test rather than passing it late. */
async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000), headers: metricsHeaders });
  return { status: response.status, text: await response.text() };
}

describe('Redis stops while the server runs', () => {
  let port: number;
  let redis: ChildProcess;
  let api: TestApi;
  let world: World;
  let listingId: string;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    api = await startTestApi({ redisUrl: `redis://127.0.0.1:${port}`, settlementHoldbackHours: 0, payoutRelayIntervalSeconds: 1, jobLockMs: 2000, rateLimitLoginPerMinute: 3 });
    world = await createWorld(api.db.pool, api.config);
    listingId = (
      await createListing(api.db.pool, {
        stationId: world.stations.main,
        originVillageId: world.villages.poor,
        countyId: world.county.id,
        priceFen: 1250,
        lots: [{ householdId: world.households.poorA, quantity: 50 }, { householdId: world.households.poorB, quantity: 50 }, { householdId: world.households.notRegistered, quantity: 50 }],
      })
    ).id;
  });
  afterAll(async () => {
    await api?.close();
    if (redis) await stopProcess(redis);
  });

  const order = async (quantity: number) => {
    const r = await placeOrder(api, world.users.buyer.token, [{ listingId, quantity }]);
    expect(r.errors).toBeUndefined();
    const placed = (r.data as any).placeOrder;
    return { orderId: placed.id as string, fulfillmentId: placed.fulfillments[0].id as string };
  };

  it('keeps serving, takes orders, reports the queue down, and pays every payout exactly once when Redis returns', async () => {
    // Before: orders delivered and settled, their payouts paid through the queue as usual.
    const a = await order(30);
    const b = await order(40);
    await deliverThroughApi(api, world, a.fulfillmentId);
    await deliverThroughApi(api, world, b.fulfillmentId);
    const first = await api.gql(SETTLE, {}, world.users.admin.token);
    expect(first.data!.runSettlement.payoutsCreated).toBeGreaterThan(0);
    await waitUntil(async () => (await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status <> 'PAID'`)).rows[0].n === 0, 'the first payouts PAID');
    const paidBefore = (await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts`)).rows[0].n;
    // An order delivered before the outage and settled during it.
    const c = await order(20);
    await deliverThroughApi(api, world, c.fulfillmentId);

    await stopProcess(redis, 'SIGKILL');
    expect(await redisAnswers(port)).toBe(false);

    // Readiness: 503 with the queue down (and the database up), at once rather than after a hang.
    const ready = await get(`${api.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({ status: 'error', error: { queue: { status: 'down', backend: 'redis' } }, info: { database: { status: 'up' } } });
    // Liveness: still alive, saying what is down.
    const live = await get(`${api.url}/health`);
    expect(live.status).toBe(200);
    expect(JSON.parse(live.text)).toEqual({ status: 'ok', database: 'up', queue: 'down', queueBackend: 'redis' });
    // Metrics: still scraped, and they show the outage.
    const metrics = await get(`${api.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('queue_up{backend="redis"} 0');
    expect(metrics.text).toMatch(/^payouts\{status="PAID"\} \d+$/m);

    // Orders are taken, worked, cancelled (the cancellation's routing-retry enqueue fails, logged) and settled.
    const d = await order(10);
    const e = await order(5);
    await deliverThroughApi(api, world, d.fulfillmentId);
    const cancelled = await api.gql(CANCEL, { id: e.orderId }, world.users.buyer.token);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelOrder.status).toBe('CANCELLED');
    const during = await api.gql(SETTLE, {}, world.users.admin.token);
    expect(during.errors).toBeUndefined();
    expect(during.data!.runSettlement.payoutsCreated).toBeGreaterThan(0);
    expect((await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status = 'PENDING'`)).rows[0].n).toBe(during.data!.runSettlement.payoutsCreated);
    const browse = await api.gql(`{ listings(first: 5) { edges { node { id available } } } }`);
    expect(browse.data!.listings.edges).toEqual([{ node: { id: listingId, available: 150 - 30 - 40 - 20 - 10 } }]);

    // Sign-in works, and its rate limit still holds (counted in memory): no lock-out, no 500.
    const signIn = await api.gql(LOGIN, { email: world.users.official.email, password: 'correct-horse-battery' });
    expect(signIn.data!.login.user.email).toBe(world.users.official.email);
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push((await api.gql(LOGIN, { email: 'outage@x.cn', password: 'wrong-password' })).errors![0].extensions!.code);
    expect(tries).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);

    // Redis returns, empty: the relay queues the payouts it lacks, and each is paid once.
    redis = await startRedis(port);
    await waitUntil(async () => (await get(`${api.url}/health/ready`)).status === 200, 'readiness back', 20_000);
    await waitUntil(async () => (await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status <> 'PAID'`)).rows[0].n === 0, 'every payout PAID', 40_000);
    const payouts = await expectEveryPayoutPaidOnce(api.db.pool);
    expect(payouts).toBe(paidBefore + during.data!.runSettlement.payoutsCreated);
    await expectBalancedBooks(api.db.pool);
    // What was paid is exactly what the delivered orders owed their households and stations.
    const { rows: [owed] } = await api.db.pool.query(
      `SELECT (SELECT sum(supplier_net_fen + station_commission_fen) FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id WHERE f.status = 'DELIVERED')::text AS owed,
              (SELECT sum(amount_fen) FROM payouts)::text AS paid`,
    );
    expect(owed.paid).toBe(owed.owed);
    expect(Number(owed.owed)).toBeGreaterThan(0);
  });
});
