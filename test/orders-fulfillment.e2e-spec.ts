import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainEvents } from '@app/platform';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { createListing, footprint, placeOrder, remaining } from './orders-fixtures';

// The fulfilment steps, who may take them, the order status that follows, delivery's ledger entry and
// cancellation.

const ACCEPT = `mutation ($id: ID!) { acceptFulfillment(id: $id) { id status updatedAt } }`;
const COLLECT = `mutation ($id: ID!) { markCollected(id: $id) { id status } }`;
const SHIP = `mutation ($id: ID!) { markShipped(input: { fulfillmentId: $id, carrier: "顺丰", trackingNumber: "SF1234567890" }) { id status carrier trackingNumber } }`;
const DELIVER = `mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { id status order { id status } } }`;
const CANCEL = `mutation ($id: ID!) { cancelOrder(id: $id) { id status fulfillments { status } } }`;

describe('fulfilment and cancellation', () => {
  let api: TestApi;
  let world: World;
  const events: Array<[string, unknown]> = [];
  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
    const bus = api.app.get(DomainEvents);
    bus.on('fulfillment.delivered', async (_tx, payload) => void events.push(['fulfillment.delivered', payload]));
    bus.on('order.cancelled', async (_tx, payload) => void events.push(['order.cancelled', payload]));
  });
  afterAll(async () => {
    await api?.close();
  });

  const code = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0].extensions?.code ?? 'OK';
  const orderStatus = async (orderId: string) => (await api.db.pool.query(`SELECT status FROM orders WHERE id = $1`, [orderId])).rows[0].status;
  const fulfillmentStatus = async (id: string) => (await api.db.pool.query(`SELECT status FROM fulfillments WHERE id = $1`, [id])).rows[0].status;

  /** An order of `quantity` units from a fresh listing of the main station (poorA and poorB supply 3 each). */
  async function order(quantity = 4, extra: { pickupStationId?: string } = {}, token = world.users.buyer.token) {
    const listing = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 2000,
      lots: [{ householdId: world.households.poorA, quantity: 3 }, { householdId: world.households.poorB, quantity: 3 }],
    });
    const r = await placeOrder(api, token, [{ listingId: listing.id, quantity }], extra);
    expect(r.errors).toBeUndefined();
    const placed = (r.data as any).placeOrder;
    return { listing, orderId: placed.id as string, fulfillmentId: placed.fulfillments[0].id as string };
  }

  it('walks ROUTED -> ACCEPTED -> COLLECTED -> SHIPPED -> DELIVERED, the order following, and books the delivery', async () => {
    const { orderId, fulfillmentId } = await order(4);
    expect(await orderStatus(orderId)).toBe('PLACED');
    const accepted = await api.gql(ACCEPT, { id: fulfillmentId }, world.users.operator.token);
    expect((accepted.data as any).acceptFulfillment.status).toBe('ACCEPTED');
    expect(await orderStatus(orderId)).toBe('IN_FULFILLMENT');
    expect((await api.gql(COLLECT, { id: fulfillmentId }, world.users.operator.token)).data).toEqual({ markCollected: { id: fulfillmentId, status: 'COLLECTED' } });
    expect((await api.gql(SHIP, { id: fulfillmentId }, world.users.operator.token)).data).toEqual({
      markShipped: { id: fulfillmentId, status: 'SHIPPED', carrier: '顺丰', trackingNumber: 'SF1234567890' },
    });
    expect(await orderStatus(orderId)).toBe('IN_FULFILLMENT');
    const delivered = await api.gql(DELIVER, { id: fulfillmentId }, world.users.buyer.token);
    expect(delivered.data).toEqual({ confirmDelivery: { id: fulfillmentId, status: 'DELIVERED', order: { id: orderId, status: 'DELIVERED' } } });

    // 3 from poorA (gross 6000: commission 300, fee 180, net 5520), 1 from poorB (2000: 100, 60, 1840).
    const { rows } = await api.db.pool.query(
      `SELECT l.account, l.debit_fen::int AS debit, l.credit_fen::int AS credit FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
        WHERE e.kind = 'FULFILLMENT_DELIVERED' AND e.reference = $1 ORDER BY l.account`,
      [fulfillmentId],
    );
    expect(rows).toEqual([
      { account: 'escrow', debit: 8000, credit: 0 },
      { account: `payable:household:${world.households.poorA}`, debit: 0, credit: 5520 },
      { account: `payable:household:${world.households.poorB}`, debit: 0, credit: 1840 },
      { account: `payable:station:${world.stations.main}`, debit: 0, credit: 400 },
      { account: 'revenue:platform', debit: 0, credit: 240 },
    ]);
    const { rows: [f] } = await api.db.pool.query(`SELECT delivered_at FROM fulfillments WHERE id = $1`, [fulfillmentId]);
    expect(events.filter(([name]) => name === 'fulfillment.delivered')).toEqual([['fulfillment.delivered', { fulfillmentId, orderId, deliveredAt: f.delivered_at }]]);
  });

  it('refuses every move the state machine does not have with INVALID_STATE, changing nothing', async () => {
    const { orderId, fulfillmentId } = await order(1);
    const moves: Array<[string, string]> = [['accept', ACCEPT], ['collect', COLLECT], ['ship', SHIP], ['deliver', DELIVER]];
    const legal = new Set(['ROUTED:accept', 'ACCEPTED:collect', 'COLLECTED:ship', 'SHIPPED:deliver']);
    const statuses = ['UNROUTED', 'ROUTED', 'ACCEPTED', 'COLLECTED', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
    const before = await footprint(api.db.pool);
    let refused = 0;
    for (const status of statuses) {
      // UNROUTED has no station; the admin may take every step, so only the state machine decides.
      await api.db.pool.query(`UPDATE fulfillments SET status = $2::fulfillment_status, station_id = CASE WHEN $2::text = 'UNROUTED' THEN NULL ELSE $3::bigint END WHERE id = $1`, [fulfillmentId, status, world.stations.main]);
      for (const [action, mutation] of moves) {
        if (legal.has(`${status}:${action}`)) continue;
        const r = await api.gql(mutation, { id: fulfillmentId }, world.users.admin.token);
        expect([status, action, code(r)]).toEqual([status, action, 'INVALID_STATE']);
        expect(await fulfillmentStatus(fulfillmentId)).toBe(status);
        refused++;
      }
    }
    expect(refused).toBe(24);
    expect(await orderStatus(orderId)).toBe('PLACED');
    expect(await footprint(api.db.pool)).toEqual(before);
  });

  it('lets only the roles docs/design.md names take each step', async () => {
    const { fulfillmentId } = await order(1);
    const before = await footprint(api.db.pool);
    const refusals: Array<[string, string, string, string]> = [
      ['a buyer accepts', ACCEPT, world.users.buyer.token, 'FORBIDDEN'],
      ['an official accepts', ACCEPT, world.users.official.token, 'FORBIDDEN'],
      ['another station accepts', ACCEPT, world.users.secondOperator.token, 'NOT_FOUND'],
      ['the buyer collects', COLLECT, world.users.buyer.token, 'FORBIDDEN'],
      ['another station collects', COLLECT, world.users.otherOperator.token, 'NOT_FOUND'],
      ['the buyer ships', SHIP, world.users.buyer.token, 'FORBIDDEN'],
      ['another buyer confirms', DELIVER, world.users.otherBuyer.token, 'NOT_FOUND'],
      ['an official confirms', DELIVER, world.users.official.token, 'FORBIDDEN'],
      ["the fulfilment's station confirms delivery", DELIVER, world.users.operator.token, 'FORBIDDEN'],
      ['anonymous accepts', ACCEPT, '', 'UNAUTHENTICATED'],
    ];
    for (const [who, mutation, token, expected] of refusals) {
      expect([who, code(await api.gql(mutation, { id: fulfillmentId }, token || undefined))]).toEqual([who, expected]);
    }
    expect(await footprint(api.db.pool)).toEqual(before);
    expect(code(await api.gql(ACCEPT, { id: '987654321' }, world.users.operator.token))).toBe('NOT_FOUND');
    // An admin may take the station's steps.
    expect(code(await api.gql(ACCEPT, { id: fulfillmentId }, world.users.admin.token))).toBe('OK');
  });

  it('for a pickup order the pickup station confirms the hand-over', async () => {
    const { fulfillmentId, orderId } = await order(1, { pickupStationId: world.stations.second });
    for (const step of [ACCEPT, COLLECT, SHIP]) expect(code(await api.gql(step, { id: fulfillmentId }, world.users.operator.token))).toBe('OK');
    const handedOver = await api.gql(DELIVER, { id: fulfillmentId }, world.users.secondOperator.token);
    expect((handedOver.data as any).confirmDelivery).toEqual({ id: fulfillmentId, status: 'DELIVERED', order: { id: orderId, status: 'DELIVERED' } });
  });

  it('an order is IN_FULFILLMENT until every fulfilment is DELIVERED', async () => {
    // One line from the main station's listing, one from the second station's: two fulfilments.
    const atMain = await createListing(api.db.pool, { stationId: world.stations.main, originVillageId: world.villages.plain, countyId: world.county.id, priceFen: 500, lots: [{ householdId: world.households.plain, quantity: 5 }] });
    const atSecond = await createListing(api.db.pool, { stationId: world.stations.second, originVillageId: world.villages.poor, countyId: world.county.id, priceFen: 700, lots: [{ householdId: world.households.poorA, quantity: 5 }] });
    const r = await placeOrder(api, world.users.buyer.token, [{ listingId: atMain.id, quantity: 1 }, { listingId: atSecond.id, quantity: 2 }]);
    const placed = (r.data as any).placeOrder;
    expect(placed.fulfillments.map((f: any) => f.station.id)).toEqual([world.stations.main, world.stations.second]);
    const [f1, f2] = placed.fulfillments.map((f: any) => f.id);
    const run = async (id: string, operatorToken: string) => {
      for (const step of [ACCEPT, COLLECT, SHIP]) expect(code(await api.gql(step, { id }, operatorToken))).toBe('OK');
      expect(code(await api.gql(DELIVER, { id }, world.users.buyer.token))).toBe('OK');
    };
    await run(f1, world.users.operator.token);
    expect(await orderStatus(placed.id)).toBe('IN_FULFILLMENT');
    await run(f2, world.users.secondOperator.token);
    expect(await orderStatus(placed.id)).toBe('DELIVERED');
  });

  it('cancellation puts the units back in the very lots, refunds in the ledger, cancels every fulfilment and frees the slot', async () => {
    const { listing, orderId, fulfillmentId } = await order(5);
    const left = await remaining(api.db.pool, listing.lotIds);
    expect(left[0] + left[1]).toBe(1);
    const routedBefore = (await api.db.pool.query(`SELECT routed FROM station_day_loads WHERE station_id = $1`, [world.stations.main])).rows[0].routed;
    expect(code(await api.gql(ACCEPT, { id: fulfillmentId }, world.users.operator.token))).toBe('OK');

    expect(code(await api.gql(CANCEL, { id: orderId }, world.users.otherBuyer.token))).toBe('NOT_FOUND');
    expect(code(await api.gql(CANCEL, { id: orderId }, world.users.operator.token))).toBe('FORBIDDEN');
    const cancelled = await api.gql(CANCEL, { id: orderId }, world.users.buyer.token);
    expect(cancelled.data).toEqual({ cancelOrder: { id: orderId, status: 'CANCELLED', fulfillments: [{ status: 'CANCELLED' }] } });
    expect(await remaining(api.db.pool, listing.lotIds)).toEqual([3, 3]);
    expect(events.filter(([name]) => name === 'order.cancelled')).toEqual([['order.cancelled', { orderId }]]);
    expect((await api.db.pool.query(`SELECT (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots WHERE listing_id = listings.id) AS available, status FROM listings WHERE id = $1`, [listing.id])).rows[0]).toEqual({ available: 6, status: 'ACTIVE' });
    const { rows } = await api.db.pool.query(
      `SELECT l.account, l.debit_fen::int AS debit, l.credit_fen::int AS credit FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
        WHERE e.kind = 'ORDER_CANCELLED' AND e.reference = $1 ORDER BY l.account`,
      [orderId],
    );
    expect(rows).toEqual([
      { account: 'escrow', debit: 10_000, credit: 0 },
      { account: 'gateway:clearing', debit: 0, credit: 10_000 },
    ]);
    expect((await api.db.pool.query(`SELECT routed FROM station_day_loads WHERE station_id = $1`, [world.stations.main])).rows[0].routed).toBe(routedBefore - 1);

    const before = await footprint(api.db.pool);
    expect(code(await api.gql(CANCEL, { id: orderId }, world.users.buyer.token))).toBe('INVALID_STATE');
    expect(code(await api.gql(ACCEPT, { id: fulfillmentId }, world.users.operator.token))).toBe('INVALID_STATE');
    expect(await footprint(api.db.pool)).toEqual(before);
  });

  it('refuses cancellation once a fulfilment has shipped, changing nothing', async () => {
    const { orderId, fulfillmentId } = await order(2);
    for (const step of [ACCEPT, COLLECT, SHIP]) expect(code(await api.gql(step, { id: fulfillmentId }, world.users.operator.token))).toBe('OK');
    const before = await footprint(api.db.pool);
    const r = await api.gql(CANCEL, { id: orderId }, world.users.buyer.token);
    expect(code(r)).toBe('INVALID_STATE');
    expect(await footprint(api.db.pool)).toEqual(before);
    expect(await orderStatus(orderId)).toBe('IN_FULFILLMENT');
    // An admin cannot either: the produce is on its way.
    expect(code(await api.gql(CANCEL, { id: orderId }, world.users.admin.token))).toBe('INVALID_STATE');
  });
});
