import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VillageOrderLifeService } from '@app/village-orders';
import { journalEntryArgs, villageOrderDepositTaken } from '@app/ledger';
import { PreparedStatements } from '@app/platform';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { readPlacementSnapshot, writeVillageOrder } from '../libs/village-orders/src/village-order-placement.repository';
import { createGoods } from './goods-fixtures';
import { waitFor } from './payouts-fixtures';
import { atStation, CANCEL, CASH, COLLECT, ok, PLACE, placeFor, RECEIVE, REMIT, SHIP, trialBalance } from './village-orders-fixtures';

/*
 * The downward flow over HTTP on real PostgreSQL and Redis: goods ordered at a station for villagers,
 * shipped, received, collected with the code (or returned, or cancelled), the cash and the ledger, and
 * the merchants and stations paid by settlement and the payout queue.
 */
describe('village orders', () => {
  let api: TestApi;
  let world: World;
  const codes = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (r.errors ?? []).map((e) => e.extensions);

  beforeAll(async () => {
    api = await startTestApi({ rateLimitLoginPerMinute: 0, settlementHoldbackHours: 0, pickupDays: 14 });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('the whole path: placed with a deposit, shipped, received, a wrong code refused, collected, cash remitted, merchant and station paid, books balanced', async () => {
    const fertiliser = await createGoods(api.db.pool, world.merchants.main, { title: '复合肥 50kg', kind: 'FARM_INPUT', priceFen: 12_000, stock: 10 });
    const oil = await createGoods(api.db.pool, world.merchants.main, { title: '花生油 5L', kind: 'CONSUMER', priceFen: 7_999, stock: 10 });
    const placed = await placeFor(api, world, [{ goodsId: fertiliser, quantity: 2 }, { goodsId: oil, quantity: 1 }], 10_000);
    expect(placed.errors).toBeUndefined();
    const { pickupCode, villageOrder: o } = placed.data!.placeVillageOrder;
    expect(pickupCode).toMatch(/^\d{6}$/);
    // 24,000 + 7,999 = 31,999; commission 5% per line floored: 1,200 + 399; fee 3%: 720 + 239.
    expect(o).toMatchObject({ status: 'PLACED', totalFen: 31_999, depositFen: 10_000, balanceDueFen: 21_999, stationCommissionFen: 1_599, platformFeeFen: 959, merchantNetFen: 29_441 });
    expect(o.household).toEqual({ id: world.households.poorA });
    const stored = (await api.db.pool.query(`SELECT pickup_code_hash FROM village_orders WHERE id = $1`, [o.id])).rows[0].pickup_code_hash;
    expect(stored).not.toContain(pickupCode);
    expect((await api.db.pool.query(`SELECT stock FROM goods WHERE id = ANY($1::bigint[]) ORDER BY id`, [[fertiliser, oil]])).rows.map((r) => r.stock)).toEqual([8, 9]);
    expect((await ok(api, CASH, { id: world.stations.main }, world.users.operator.token)).stationCashPosition).toEqual({ takenFen: 10_000, remittedFen: 0, onHandFen: 10_000 });

    // Access: the merchant sees the order but not who the villager is; another station's operator does not see it.
    const READ = `query ($id: ID!) { villageOrder(id: $id) { id villagerName household { id } } }`;
    expect((await ok(api, READ, { id: o.id }, world.users.merchant.token)).villageOrder).toEqual({ id: o.id, villagerName: null, household: null });
    expect((await ok(api, READ, { id: o.id }, world.users.otherOperator.token)).villageOrder).toBeNull();
    expect((await ok(api, READ, { id: o.id }, world.users.otherMerchant.token)).villageOrder).toBeNull();
    expect((await ok(api, READ, { id: o.id }, world.users.official.token)).villageOrder.household).toEqual({ id: world.households.poorA });
    expect(codes(await api.gql(SHIP, { id: o.id }, world.users.otherMerchant.token))).toEqual([{ code: 'NOT_FOUND', field: 'id' }]);

    // Out of order: receive before shipping is INVALID_STATE.
    expect(codes(await api.gql(RECEIVE, { id: o.id }, world.users.operator.token))[0]!.code).toBe('INVALID_STATE');
    expect((await ok(api, SHIP, { id: o.id }, world.users.merchant.token)).shipVillageOrder.status).toBe('SHIPPED');
    expect(codes(await api.gql(CANCEL, { id: o.id }, world.users.operator.token))[0]!.code).toBe('INVALID_STATE');
    const received = (await ok(api, RECEIVE, { id: o.id }, world.users.operator.token)).receiveVillageOrder;
    expect(received.status).toBe('AT_STATION');
    expect(new Date(received.pickupDueAt).getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);

    const wrong = pickupCode === '000000' ? '000001' : '000000';
    expect(codes(await api.gql(COLLECT, { id: o.id, code: wrong }, world.users.operator.token))).toEqual([{ code: 'BAD_USER_INPUT', field: 'pickupCode' }]);
    expect(codes(await api.gql(COLLECT, { id: o.id, code: '12345' }, world.users.operator.token))).toEqual([{ code: 'BAD_USER_INPUT', field: 'pickupCode' }]);
    expect(codes(await api.gql(COLLECT, { id: o.id, code: pickupCode }, world.users.secondOperator.token))).toEqual([{ code: 'NOT_FOUND', field: 'id' }]);
    expect((await ok(api, COLLECT, { id: o.id, code: pickupCode }, world.users.operator.token)).collectVillageOrder.status).toBe('COLLECTED');
    expect(codes(await api.gql(COLLECT, { id: o.id, code: pickupCode }, world.users.operator.token))[0]!.code).toBe('INVALID_STATE');

    let tb = await trialBalance(api, world);
    expect(tb.balanced).toBe(true);
    expect(tb.accounts.get(`cash:station:${world.stations.main}`)).toBe(31_999);
    expect(tb.accounts.get(`payable:merchant:${world.merchants.main}`)).toBe(-29_441);
    expect(tb.accounts.get(`payable:station:${world.stations.main}`)).toBe(-1_599);
    expect(tb.accounts.get('escrow') ?? 0).toBe(0);

    // Cash handed to the county bank: never more than held.
    expect(codes(await api.gql(REMIT, { amount: 32_000 }, world.users.operator.token))[0]!.code).toBe('INVALID_STATE');
    expect(codes(await api.gql(REMIT, { amount: 100, stationId: world.stations.second }, world.users.operator.token))[0]!.code).toBe('FORBIDDEN');
    expect((await ok(api, REMIT, { amount: 30_000 }, world.users.operator.token)).remitStationCash.position).toEqual({ takenFen: 31_999, remittedFen: 30_000, onHandFen: 1_999 });
    expect((await ok(api, CASH, { id: world.stations.main }, world.users.official.token)).stationCashPosition.onHandFen).toBe(1_999);
    expect((await ok(api, CASH, { id: world.stations.main }, world.users.admin.token)).stationCashPosition.onHandFen).toBe(1_999);
    expect(codes(await api.gql(CASH, { id: world.stations.main }, world.users.secondOperator.token))[0]!.code).toBe('FORBIDDEN');
    expect(codes(await api.gql(CASH, { id: world.stations.main }, world.users.otherOfficial.token))[0]!.code).toBe('FORBIDDEN');
    expect(codes(await api.gql(CASH, { id: world.stations.main }, world.users.merchant.token))[0]!.code).toBe('FORBIDDEN');

    // Settlement pays the merchant its net and the station its commission, through the payout queue.
    const run = (await ok(api, `mutation { runSettlement { payoutsCreated amountFen } }`, {}, world.users.admin.token)).runSettlement;
    expect(run).toEqual({ payoutsCreated: 2, amountFen: 29_441 + 1_599 });
    await waitFor(async () => (await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status = 'PAID'`)).rows[0].n === 2, 30_000, 'payouts PAID');
    const mine = (await ok(api, `{ payouts(first: 10) { edges { node { payeeKind amountFen status merchant { id payoutAccountMasked } } } } }`, {}, world.users.merchant.token)).payouts.edges;
    expect(mine.map((e: any) => e.node)).toEqual([{ payeeKind: 'MERCHANT', amountFen: 29_441, status: 'PAID', merchant: { id: world.merchants.main, payoutAccountMasked: '****7777' } }]);
    expect((await ok(api, `{ payouts(first: 10) { edges { node { id } } } }`, {}, world.users.otherMerchant.token)).payouts.edges).toEqual([]);
    const transfer = await api.db.pool.query(`SELECT account, amount_fen::int FROM sandbox_transfers ORDER BY account`);
    expect(transfer.rows).toEqual([
      { account: '6230520000007777', amount_fen: 29_441 },
      { account: `station:${world.stations.main}`, amount_fen: 1_599 },
    ]);
    tb = await trialBalance(api, world);
    expect(tb.balanced).toBe(true);
    expect(tb.accounts.get(`payable:merchant:${world.merchants.main}`)).toBe(0);
    expect(tb.accounts.get('bank:deposits')).toBe(30_000);
    // A second settlement finds nothing more to pay.
    expect((await ok(api, `mutation { runSettlement { payoutsCreated } }`, {}, world.users.admin.token)).runSettlement.payoutsCreated).toBe(0);
  });

  it('a named villager not on the registry; refusals: an unserved village, a deposit above the total, two merchants, no stock', async () => {
    const seed = await createGoods(api.db.pool, world.merchants.main, { title: '玉米种子', priceFen: 4_500, stock: 3 });
    const phone = await createGoods(api.db.pool, world.merchants.other, { title: '手机', kind: 'CONSUMER', priceFen: 59_900, stock: 3 });
    const place = (input: Record<string, unknown>) => api.gql(PLACE, { input: { lines: [{ goodsId: seed, quantity: 1 }], depositFen: 0, ...input } }, world.users.operator.token);
    const named = await place({ villagerName: '赵大爷', villageId: world.villages.plain });
    expect(named.errors).toBeUndefined();
    expect(named.data!.placeVillageOrder.villageOrder).toMatchObject({ villagerName: '赵大爷', household: null, depositFen: 0, balanceDueFen: 4_500 });
    expect(codes(await place({ villagerName: '赵大爷' }))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.villageId' }]);
    expect(codes(await place({ villagerName: '魏村人', villageId: world.villages.other }))[0]!.code).toBe('FORBIDDEN');
    expect(codes(await place({ householdId: world.households.other }))[0]!.code).toBe('FORBIDDEN');
    expect(codes(await place({ householdId: world.households.poorB, depositFen: 4_501 }))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.depositFen' }]);
    expect(codes(await place({ householdId: world.households.poorB, depositFen: -1 }))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.depositFen' }]);
    expect(codes(await place({ householdId: world.households.poorB, lines: [{ goodsId: seed, quantity: 1 }, { goodsId: phone, quantity: 1 }] }))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines' }]);
    expect(codes(await place({ householdId: world.households.poorB, lines: [{ goodsId: seed, quantity: 3 }] }))[0]!.code).toBe('INSUFFICIENT_STOCK');
    expect(codes(await place({ householdId: world.households.poorB, lines: [{ goodsId: '999999', quantity: 1 }] }))).toEqual([{ code: 'NOT_FOUND', field: 'input.lines.0.goodsId' }]);
    // Refused orders took nothing.
    expect((await api.db.pool.query(`SELECT stock FROM goods WHERE id = $1`, [seed])).rows[0].stock).toBe(2);
    expect(codes(await api.gql(PLACE, { input: { householdId: world.households.poorA, lines: [{ goodsId: seed, quantity: 1 }], depositFen: 0 } }, world.users.merchant.token))[0]!.code).toBe('FORBIDDEN');
  });

  it('50 concurrent village orders for 10 units: exactly 10 placed, the stock never below zero, the books balanced', async () => {
    const goods = await createGoods(api.db.pool, world.merchants.main, { title: '尿素 40kg', priceFen: 9_000, stock: 10 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => placeFor(api, world, [{ goodsId: goods, quantity: 1 }], i % 2 === 0 ? 1_000 : 0, i % 3 === 0 ? world.households.poorB : world.households.poorA)));
    const placed = results.filter((r) => !r.errors);
    expect(placed).toHaveLength(10);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions!.code)).toEqual(Array(40).fill('INSUFFICIENT_STOCK'));
    expect((await api.db.pool.query(`SELECT stock FROM goods WHERE id = $1`, [goods])).rows[0].stock).toBe(0);
    const { rows } = await api.db.pool.query(`SELECT coalesce(sum(l.quantity), 0)::int AS sold FROM village_order_lines l WHERE l.goods_id = $1`, [goods]);
    expect(rows[0].sold).toBe(10);
    expect((await trialBalance(api, world)).balanced).toBe(true);
  });

  it('a write on terms gone stale since its read (repriced, stock gone) fails as a whole: nothing taken, written or booked', async () => {
    const goods = await createGoods(api.db.pool, world.merchants.main, { title: '尿素 40kg', kind: 'FARM_INPUT', priceFen: 9_000, stock: 5 });
    const sql = api.app.get(PreparedStatements).autocommit;
    const snapshot = await readPlacementSnapshot(sql, { stationId: world.stations.main, householdId: world.households.poorA, villageId: null, goodsIds: [goods] });
    expect(snapshot.served).toBe(true);
    const g = snapshot.goods.get(goods)!;
    const write = (unitPriceFen: number, quantity: number) =>
      writeVillageOrder(sql, {
        orderId: snapshot.orderId, stationId: world.stations.main, countyId: snapshot.station!.countyId, villageId: snapshot.household!.villageId,
        householdId: world.households.poorA, villagerName: null, merchantId: g.merchantId, totalFen: unitPriceFen * quantity, depositFen: unitPriceFen,
        commissionBps: snapshot.station!.commissionBps, stationCommissionFen: 0, platformFeeFen: 0, merchantNetFen: unitPriceFen * quantity, farmInputFen: unitPriceFen * quantity,
        registeredPoorAtOrder: true, pickupCodeHash: 'x', placedByUserId: world.users.operator.id,
        lines: [{ goodsId: goods, title: g.title, kind: g.kind, quantity, unitPriceFen }],
        journal: journalEntryArgs(villageOrderDepositTaken({ villageOrderId: snapshot.orderId, stationId: world.stations.main, merchantId: g.merchantId, totalFen: unitPriceFen * quantity, depositFen: unitPriceFen, merchantNetFen: unitPriceFen * quantity, stationCommissionFen: 0, platformFeeFen: 0 })!),
      });
    const state = async () => ({
      stock: (await api.db.pool.query(`SELECT stock FROM goods WHERE id = $1`, [goods])).rows[0].stock,
      orders: (await api.db.pool.query(`SELECT count(*)::int AS n FROM village_orders WHERE id = $1`, [snapshot.orderId])).rows[0].n,
      entries: (await api.db.pool.query(`SELECT count(*)::int AS n FROM journal_entries WHERE reference = $1`, [snapshot.orderId])).rows[0].n,
    });
    // Repriced since the read (the order would charge 8,000), then more units than are left.
    await expect(write(8_000, 1)).rejects.toMatchObject({ code: 'VO409' });
    await expect(write(9_000, 6)).rejects.toMatchObject({ code: 'VO409' });
    expect(await state()).toEqual({ stock: 5, orders: 0, entries: 0 });
    // On the terms as they stand, the same write goes through: stock taken, the order and its deposit booked.
    await write(9_000, 2);
    expect(await state()).toEqual({ stock: 3, orders: 1, entries: 1 });
    // Through the API, an order after a reprice is built on the new price.
    await api.db.pool.query(`UPDATE goods SET price_fen = 9500 WHERE id = $1`, [goods]);
    const placed = await placeFor(api, world, [{ goodsId: goods, quantity: 1 }], 0);
    expect(placed.errors).toBeUndefined();
    expect(placed.data!.placeVillageOrder.villageOrder.totalFen).toBe(9_500);
  });

  it('cancelled before shipping: stock back, the deposit refunded in cash', async () => {
    const goods = await createGoods(api.db.pool, world.merchants.main, { title: '地膜', priceFen: 3_000, stock: 4 });
    const before = (await ok(api, CASH, { id: world.stations.main }, world.users.operator.token)).stationCashPosition;
    const o = (await placeFor(api, world, [{ goodsId: goods, quantity: 4 }], 5_000)).data!.placeVillageOrder.villageOrder;
    expect((await ok(api, CASH, { id: world.stations.main }, world.users.operator.token)).stationCashPosition.onHandFen).toBe(before.onHandFen + 5_000);
    expect(codes(await api.gql(CANCEL, { id: o.id }, world.users.merchant.token))[0]!.code).toBe('FORBIDDEN');
    expect((await ok(api, CANCEL, { id: o.id }, world.users.operator.token)).cancelVillageOrder.status).toBe('CANCELLED');
    expect((await api.db.pool.query(`SELECT stock FROM goods WHERE id = $1`, [goods])).rows[0].stock).toBe(4);
    expect((await ok(api, CASH, { id: world.stations.main }, world.users.operator.token)).stationCashPosition.onHandFen).toBe(before.onHandFen);
    expect(codes(await api.gql(SHIP, { id: o.id }, world.users.merchant.token))[0]!.code).toBe('INVALID_STATE');
    expect((await trialBalance(api, world)).balanced).toBe(true);
  });

  it('five wrong codes lock pickup for 15 minutes: even the right code is refused until then', async () => {
    const goods = await createGoods(api.db.pool, world.merchants.main, { title: '电饭锅', kind: 'CONSUMER', priceFen: 19_900, stock: 5 });
    const { id, code } = await atStation(api, world, goods, 1, 0);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) expect(codes(await api.gql(COLLECT, { id, code: wrong }, world.users.operator.token))[0]).toEqual({ code: 'BAD_USER_INPUT', field: 'pickupCode' });
    const locked = await api.gql(COLLECT, { id, code }, world.users.operator.token);
    expect(locked.errors![0].extensions!.code).toBe('RATE_LIMITED');
    expect(locked.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(14 * 60);
    const READ = `query ($id: ID!) { villageOrder(id: $id) { status pickupLockedUntil } }`;
    expect((await ok(api, READ, { id }, world.users.operator.token)).villageOrder.status).toBe('AT_STATION');
    // Fifteen minutes later (moved back in the database, not waited for), the right code collects.
    await api.db.pool.query(`UPDATE village_orders SET pickup_locked_until = now() - interval '1 second' WHERE id = $1`, [id]);
    expect((await ok(api, COLLECT, { id, code }, world.users.operator.token)).collectVillageOrder.status).toBe('COLLECTED');
  });

  it('not collected within PICKUP_DAYS: the scheduled job returns it, stock back and deposit refunded; a pickup racing the return (and remittances) happens once', async () => {
    const goods = await createGoods(api.db.pool, world.merchants.main, { title: '小麦种子', priceFen: 6_000, stock: 40 });
    const orders = [];
    for (let i = 0; i < 12; i++) orders.push(await atStation(api, world, goods, 2, 2_000));
    const before = (await trialBalance(api, world)).accounts.get(`cash:station:${world.stations.main}`)!;
    // Fourteen days pass for all of them (moved in the database).
    await api.db.pool.query(`UPDATE village_orders SET received_at = received_at - interval '14 days 1 minute' WHERE id = ANY($1::bigint[])`, [orders.map((o) => o.id)]);
    // The job and the villagers race: each order ends COLLECTED or RETURNED, never both.
    const life = api.app.get(VillageOrderLifeService);
    // ...and the operator hands cash to the bank meanwhile (the station holds far more than these).
    const remits = Promise.all(Array.from({ length: 5 }, () => api.gql(REMIT, { amount: 100 }, world.users.operator.token)));
    const [returned, ...pickups] = await Promise.all([life.returnDue(), ...orders.map((o) => api.gql(COLLECT, { id: o.id, code: o.code }, world.users.operator.token))]);
    expect((await remits).filter((r) => r.errors)).toEqual([]);
    const collected = pickups.filter((r) => !r.errors).length;
    expect(pickups.filter((r) => r.errors).every((r) => r.errors![0].extensions!.code === 'INVALID_STATE')).toBe(true);
    expect(returned + collected).toBe(12);
    const { rows } = await api.db.pool.query(
      `SELECT o.status, (SELECT count(*)::int FROM journal_entries e WHERE e.reference = o.id::text AND e.kind IN ('VILLAGE_ORDER_COLLECTED', 'VILLAGE_ORDER_REFUNDED')) AS entries
         FROM village_orders o WHERE o.id = ANY($1::bigint[])`,
      [orders.map((o) => o.id)],
    );
    expect(rows.every((r) => r.entries === 1 && ['COLLECTED', 'RETURNED'].includes(r.status))).toBe(true);
    expect(rows.filter((r) => r.status === 'RETURNED')).toHaveLength(returned);
    expect((await api.db.pool.query(`SELECT stock FROM goods WHERE id = $1`, [goods])).rows[0].stock).toBe(40 - 2 * collected);
    const tb = await trialBalance(api, world);
    expect(tb.balanced).toBe(true);
    // Each collection took the rest (10,000) in cash; each return gave the deposit (2,000) back.
    expect(tb.accounts.get(`cash:station:${world.stations.main}`)! - before).toBe(collected * 10_000 - returned * 2_000 - 5 * 100);
    // Through the queue: the scheduled job's handler returns what is due (nothing left now) and is idempotent.
    expect(await life.returnDue()).toBe(0);
  });

  it('concurrent remittances never hand over more than the station holds', async () => {
    const held = (await ok(api, CASH, { id: world.stations.main }, world.users.operator.token)).stationCashPosition.onHandFen;
    const quarter = Math.floor(held / 4);
    const results = await Promise.all(Array.from({ length: 10 }, () => api.gql(REMIT, { amount: quarter }, world.users.operator.token)));
    expect(results.filter((r) => !r.errors)).toHaveLength(4);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0].extensions!.code === 'INVALID_STATE')).toBe(true);
    expect((await ok(api, CASH, { id: world.stations.main }, world.users.operator.token)).stationCashPosition.onHandFen).toBe(held - 4 * quarter);
    expect((await trialBalance(api, world)).balanced).toBe(true);
  });

  it('lists: operators their station, merchants their goods, officials their county; buyers refused', async () => {
    const LIST = `{ villageOrders(first: 100) { totalCount edges { node { id station { id } merchant { id } } } } }`;
    const all = (await ok(api, LIST, {}, world.users.admin.token)).villageOrders.totalCount;
    expect(all).toBeGreaterThan(20);
    expect((await ok(api, LIST, {}, world.users.operator.token)).villageOrders.edges.every((e: any) => e.node.station.id === world.stations.main)).toBe(true);
    expect((await ok(api, LIST, {}, world.users.secondOperator.token)).villageOrders.totalCount).toBe(0);
    expect((await ok(api, LIST, {}, world.users.official.token)).villageOrders.totalCount).toBe(all);
    expect((await ok(api, LIST, {}, world.users.otherOfficial.token)).villageOrders.totalCount).toBe(0);
    expect((await ok(api, LIST, {}, world.users.merchant.token)).villageOrders.edges.every((e: any) => e.node.merchant.id === world.merchants.main)).toBe(true);
    expect(codes(await api.gql(LIST, {}, world.users.buyer.token))[0]!.code).toBe('FORBIDDEN');
    expect(codes(await api.gql(LIST, {}))[0]!.code).toBe('UNAUTHENTICATED');
  });
});
