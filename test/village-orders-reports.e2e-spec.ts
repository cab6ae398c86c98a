import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { civilMonth } from '@app/kernel';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { createGoods } from './goods-fixtures';
import { deliverThroughApi } from './hostile-fixtures';
import { createListing, placeOrder } from './orders-fixtures';
import { atStation, COLLECT, ok, PLACE } from './village-orders-fixtures';

const FLOW = `query ($countyId: ID!, $stationId: ID, $from: String, $to: String) {
  twoWayFlow(countyId: $countyId, stationId: $stationId, from: $from, to: $to) {
    from to
    months { month stationId upwardOrders upwardSalesFen downwardOrders downwardSalesFen farmInputFen registeredPoorFarmInputFen }
    stations { month stationId upwardOrders upwardSalesFen downwardOrders downwardSalesFen farmInputFen registeredPoorFarmInputFen }
  } }`;
const IMPACT = `{ impactSummary { ordersCount grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen householdsReached registeredPoorHouseholdsReached villagesReached } }`;
const thisMonth = () => civilMonth(new Date());

describe('the two-way flow report', () => {
  let api: TestApi;
  let world: World;

  beforeAll(async () => {
    api = await startTestApi({ rateLimitLoginPerMinute: 0 });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('upward produce and downward goods per month and station; registered-poor households’ farm inputs; downward sales never enter the impact figures', async () => {
    // Upward: 3 kg of walnuts at 30 yuan from a poor household, delivered.
    const listing = await createListing(api.db.pool, { stationId: world.stations.main, originVillageId: world.villages.poor, countyId: world.county.id, priceFen: 3_000, lots: [{ householdId: world.households.poorA, quantity: 10 }] });
    const placed = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 3 }]);
    expect(placed.errors).toBeUndefined();
    await deliverThroughApi(api, world, (placed.data as any).placeOrder.fulfillments[0].id);
    const impactBefore = (await ok(api, IMPACT, {}, world.users.official.token)).impactSummary;
    expect(impactBefore).toMatchObject({ ordersCount: 1, grossSalesFen: 9_000 });

    // Downward: fertiliser for the registered-poor household, a phone for a household that is not poor,
    // oil for a villager not on the registry; one more order only placed (not collected: not counted).
    const fertiliser = await createGoods(api.db.pool, world.merchants.main, { title: '复合肥', kind: 'FARM_INPUT', priceFen: 12_000, stock: 50 });
    const phone = await createGoods(api.db.pool, world.merchants.main, { title: '手机', kind: 'CONSUMER', priceFen: 59_900, stock: 5 });
    const seed = await createGoods(api.db.pool, world.merchants.main, { title: '谷子种子', kind: 'FARM_INPUT', priceFen: 2_000, stock: 50 });
    const poor = await atStation(api, world, fertiliser, 2, 4_000);
    await ok(api, COLLECT, { id: poor.id, code: poor.code }, world.users.operator.token);
    const place = (input: Record<string, unknown>) => ok(api, PLACE, { input: { depositFen: 0, ...input } }, world.users.operator.token);
    const notPoor = (await place({ householdId: world.households.notRegistered, lines: [{ goodsId: phone, quantity: 1 }, ] })).placeVillageOrder;
    const named = (await place({ villagerName: '李大娘', villageId: world.villages.plain, lines: [{ goodsId: seed, quantity: 3 }] })).placeVillageOrder;
    for (const o of [notPoor, named]) {
      await ok(api, `mutation ($id: ID!) { shipVillageOrder(id: $id) { id } }`, { id: o.villageOrder.id }, world.users.merchant.token);
      await ok(api, `mutation ($id: ID!) { receiveVillageOrder(id: $id) { id } }`, { id: o.villageOrder.id }, world.users.operator.token);
      await ok(api, COLLECT, { id: o.villageOrder.id, code: o.pickupCode }, world.users.operator.token);
    }
    await place({ householdId: world.households.poorB, lines: [{ goodsId: fertiliser, quantity: 1 }] });

    // The impact figures are exactly as before: downward sales are not income of anyone on the registry.
    expect((await ok(api, IMPACT, {}, world.users.official.token)).impactSummary).toEqual(impactBefore);
    expect((await ok(api, IMPACT, {}, world.users.admin.token)).impactSummary).toEqual(impactBefore);

    const month = thisMonth();
    const report = (await ok(api, FLOW, { countyId: world.county.id }, world.users.official.token)).twoWayFlow;
    expect(report.months).toHaveLength(12);
    expect(report.to).toBe(month);
    const expected = { month, upwardOrders: 1, upwardSalesFen: 9_000, downwardOrders: 3, downwardSalesFen: 24_000 + 59_900 + 6_000, farmInputFen: 30_000, registeredPoorFarmInputFen: 24_000 };
    expect(report.months[11]).toEqual({ ...expected, stationId: null });
    expect(report.months.slice(0, 11).every((m: any) => m.upwardOrders === 0 && m.downwardOrders === 0)).toBe(true);
    expect(report.stations).toEqual([{ ...expected, stationId: world.stations.main }]);

    // An operator sees its own station; another station's operator sees nothing of it; the other county's official is refused.
    const own = (await ok(api, FLOW, { countyId: world.county.id, from: month, to: month }, world.users.operator.token)).twoWayFlow;
    expect(own.months).toEqual([{ ...expected, stationId: world.stations.main }]);
    const second = (await ok(api, FLOW, { countyId: world.county.id, from: month, to: month }, world.users.secondOperator.token)).twoWayFlow;
    expect(second.stations).toEqual([]);
    const refused = await api.gql(FLOW, { countyId: world.county.id }, world.users.otherOfficial.token);
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(FLOW, { countyId: world.county.id }, world.users.merchant.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(FLOW, { countyId: world.county.id }, world.users.buyer.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(FLOW, { countyId: world.county.id, from: '2026-13' }, world.users.admin.token)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    expect((await api.gql(FLOW, { countyId: world.county.id, from: '2026-05', to: '2026-04' }, world.users.admin.token)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
