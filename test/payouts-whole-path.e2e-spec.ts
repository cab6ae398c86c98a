import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppConfig } from '@app/platform';
import { createWorld, placeOrderInput, RedisCluster, startRedisCluster, startTestApi, TEST_REDIS_URL, TestApi, World } from '@app/testing';
import { waitFor } from './payouts-fixtures';

/*
 * The whole path over the real API, on both queue backends: operators list produce, buyers order,
 * stations fulfil, buyers confirm delivery (one order is cancelled instead), an admin settles, and the
 * payout jobs pay everyone. Holdback 0 so that settlement takes what was just delivered. The World's
 * stations charge 500 bps, the platform 300 bps; each listing has one household's lot, so:
 *   order A (buyer):      walnuts (main) 3 x 1250 = 3750 from poorA: commission 187, fee 112, net 3451
 *                         pepper (second) 1 x 2000 = 2000 from poorB: commission 100, fee  60, net 1840
 *   order B (otherBuyer): walnuts (main) 2 x 1250 = 2500 from poorA: commission 125, fee  75, net 2300
 *   order C (buyer):      millet (main)  1 x 1000 from plain, cancelled
 * Payouts: poorA 5751, poorB 1840, main 312, second 100 (8003 in all).
 */

let cluster: RedisCluster | undefined;

describe.each<[string, () => Promise<Partial<AppConfig>>]>([
  ['Redis', async () => ({ redisUrl: TEST_REDIS_URL })],
  ['PostgreSQL', async () => ({ redisUrl: undefined })],
  [
    'a Redis Cluster',
    async () => {
      cluster = await startRedisCluster();
      return { redisUrl: cluster.url, redisCluster: true };
    },
  ],
])('from orders to paid payouts over the API, on %s', (_backend, queueBackend) => {
  let api: TestApi;
  let world: World;

  const ok = async <T = Record<string, any>>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const r = await api.gql<T>(query, variables, token);
    if (r.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(r.errors)}`);
    return r.data!;
  };

  const list = async (operatorToken: string, title: string, priceFen: number, householdId: string, villageId: string) =>
    (
      await ok(
        `mutation ($input: CreateListingInput!) { createListing(input: $input) { id } }`,
        { input: { title, description: title, category: 'produce', unit: 'jin', priceFen, originVillageId: villageId, supply: [{ householdId, quantity: 10 }] } },
        operatorToken,
      )
    ).createListing.id as string;

  const order = async (token: string, lines: Array<{ listingId: string; quantity: number }>) =>
    (
      await ok(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id totalFen fulfillments { id station { id } } } }`,
        { input: placeOrderInput(lines, { paymentToken: 'tok_sandbox' }) },
        token,
      )
    ).placeOrder as { id: string; totalFen: number; fulfillments: Array<{ id: string; station: { id: string } }> };

  const deliver = async (fulfillmentId: string, operatorToken: string, buyerToken: string) => {
    await ok(`mutation ($id: ID!) { acceptFulfillment(id: $id) { status } }`, { id: fulfillmentId }, operatorToken);
    await ok(`mutation ($id: ID!) { markCollected(id: $id) { status } }`, { id: fulfillmentId }, operatorToken);
    await ok(`mutation ($input: ShipInput!) { markShipped(input: $input) { status } }`, { input: { fulfillmentId, carrier: 'EMS', trackingNumber: `EMS${fulfillmentId}` } }, operatorToken);
    const done = await ok(`mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { status } }`, { id: fulfillmentId }, buyerToken);
    expect(done.confirmDelivery.status).toBe('DELIVERED');
  };

  beforeAll(async () => {
    api = await startTestApi({ ...(await queueBackend()), settlementHoldbackHours: 0 });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
    await cluster?.stop();
    cluster = undefined;
  });

  it('pays every payee the sum of its allocations and brings every payable back to zero', async () => {
    const u = world.users;
    const h = world.households;
    const s = world.stations;
    const walnuts = await list(u.operator.token, '涉县核桃 walnuts', 1250, h.poorA, world.villages.poor);
    const pepper = await list(u.secondOperator.token, '花椒 Sichuan pepper', 2000, h.poorB, world.villages.poor);
    const millet = await list(u.operator.token, '小米 millet', 1000, h.plain, world.villages.plain);

    const a = await order(u.buyer.token, [
      { listingId: walnuts, quantity: 3 },
      { listingId: pepper, quantity: 1 },
    ]);
    expect(a.totalFen).toBe(5750);
    // Each listing's own station takes its allocation: one fulfilment each.
    expect(a.fulfillments.map((f) => f.station.id).sort()).toEqual([s.main, s.second].sort());
    const b = await order(u.otherBuyer.token, [{ listingId: walnuts, quantity: 2 }]);
    const c = await order(u.buyer.token, [{ listingId: millet, quantity: 1 }]);
    await ok(`mutation ($id: ID!) { cancelOrder(id: $id) { status } }`, { id: c.id }, u.buyer.token);

    for (const f of a.fulfillments) await deliver(f.id, f.station.id === s.main ? u.operator.token : u.secondOperator.token, u.buyer.token);
    await deliver(b.fulfillments[0].id, u.operator.token, u.otherBuyer.token);

    const run = await ok<{ runSettlement: { payoutsCreated: number; amountFen: number } }>('mutation { runSettlement { payoutsCreated amountFen } }', {}, u.admin.token);
    expect(run.runSettlement).toEqual({ payoutsCreated: 4, amountFen: 8003 });
    await waitFor(async () => (await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status = 'PAID'`)).rows[0].n === 4, 30_000, 'four PAID payouts');

    const payouts = await ok(
      `{ payouts(first: 10) { totalCount edges { node { payeeKind amountFen status attempts lastError paidAt household { id } station { id } } } } }`,
      {},
      u.admin.token,
    );
    const byPayee = Object.fromEntries(
      payouts.payouts.edges.map((e: { node: { household: { id: string } | null; station: { id: string } | null; amountFen: number; status: string } }) => [
        e.node.household ? `household:${e.node.household.id}` : `station:${e.node.station!.id}`,
        [e.node.amountFen, e.node.status],
      ]),
    );
    expect(byPayee).toEqual({
      [`household:${h.poorA}`]: [5751, 'PAID'],
      [`household:${h.poorB}`]: [1840, 'PAID'],
      [`station:${s.main}`]: [312, 'PAID'],
      [`station:${s.second}`]: [100, 'PAID'],
    });

    // Each payout is the sum of its allocations' nets (households) or commissions (stations).
    const { rows } = await api.db.pool.query(
      `SELECT p.amount_fen::int AS amount,
              COALESCE((SELECT sum(a.supplier_net_fen) FROM allocations a JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'HOUSEHOLD' WHERE l.payout_id = p.id), 0)::int
            + COALESCE((SELECT sum(a.station_commission_fen) FROM allocations a JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'STATION' WHERE l.payout_id = p.id), 0)::int AS allocated
         FROM payouts p`,
    );
    expect(rows.every((r) => r.amount === r.allocated)).toBe(true);
    expect((await api.db.pool.query(`SELECT count(*)::int AS n FROM sandbox_transfers`)).rows[0].n).toBe(4);

    const tb = (await ok(`{ trialBalance { totalDebitsFen totalCreditsFen balanced accounts { code debitsFen creditsFen } } }`, {}, u.admin.token)).trialBalance;
    const accounts = Object.fromEntries(tb.accounts.map((x: { code: string; debitsFen: number; creditsFen: number }) => [x.code, [x.debitsFen, x.creditsFen]]));
    expect(accounts).toEqual({
      'bank:disbursements': [0, 8003],
      escrow: [1000 + 8250, 9250],
      'gateway:clearing': [9250, 1000],
      [`payable:household:${h.poorA}`]: [5751, 5751],
      [`payable:household:${h.poorB}`]: [1840, 1840],
      [`payable:station:${s.main}`]: [312, 312],
      [`payable:station:${s.second}`]: [100, 100],
      'revenue:platform': [0, 247],
    });
    expect(tb).toMatchObject({ totalDebitsFen: 26503, totalCreditsFen: 26503, balanced: true });
  });
});
