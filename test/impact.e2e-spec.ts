import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { ImpactDriver, net, PlacedOrder, summaryWith } from './impact-fixtures';

// What counts (docs/design.md, "Attribution"): allocations of DELIVERED fulfilments only, an
// order once however many of its fulfilments are delivered, and who may read which figures. Every
// expectation is worked out by hand from the World: stations at 500 bps, the platform at 300 bps.
describe('impact: counted allocations and access', () => {
  let api: TestApi;
  let world: World;
  let d: ImpactDriver;
  const listings: Record<string, string> = {};
  let order1: PlacedOrder;

  beforeAll(async () => {
    api = await startTestApi({ settlementHoldbackHours: 0, logLevel: 'error' });
    world = await createWorld(api.db.pool, api.config);
    d = new ImpactDriver(api, world);
    const { stations, households } = world;
    listings.A = await d.listing(stations.main, households.poorA, 2550); // poor village (stricken), REGISTERED_POOR
    listings.B = await d.listing(stations.main, households.poorB, 1000); // poor village, REGISTERED_POOR
    listings.N = await d.listing(stations.second, households.notRegistered, 800); // poor village, NOT_REGISTERED
    listings.P = await d.listing(stations.main, households.plain, 1200); // plain village, NOT_REGISTERED
    listings.X = await d.listing(stations.main, households.exited, 700); // plain village, EXITED
    listings.O = await d.listing(stations.other, households.other, 500); // the other county, REGISTERED_POOR
  });

  afterAll(async () => {
    await api?.close();
  });

  it('reports zeros before anything is delivered', async () => {
    expect(await d.summaryOf(null)).toEqual(summaryWith({}));
    expect(await d.villagesOf(null)).toEqual([]);
  });

  it('counts delivered fulfilments only: not a cancelled order, not one still on its way, not the undelivered part of an order', async () => {
    // Order 1: A x4 (main's fulfilment) and N x2 (second's); only main's is delivered for now.
    order1 = await d.order([
      { listingId: listings.A, quantity: 4 },
      { listingId: listings.N, quantity: 2 },
    ]);
    expect(order1.fulfillments.map((f) => f.stationId).sort()).toEqual([world.stations.main, world.stations.second].sort());
    await d.deliver(order1.fulfillments.find((f) => f.stationId === world.stations.main)!);
    // Order 2: shipped, never delivered. Order 3: cancelled.
    const order2 = await d.order([{ listingId: listings.P, quantity: 3 }]);
    await d.ship(order2.fulfillments[0]);
    const order3 = await d.order([{ listingId: listings.B, quantity: 5 }]);
    await d.cancel(order3.id);
    // Order 4: the other county. Order 5: two households of the plain village, one fulfilment.
    await d.sell([{ listingId: listings.O, quantity: 10 }]);
    await d.sell([
      { listingId: listings.X, quantity: 2 },
      { listingId: listings.P, quantity: 1 },
    ]);

    // A: 10200 gross, 510 commission, 306 fee -> 9384 net. O: 5000 -> 4600. X: 1400 -> 1288. P: 1200 -> 1104.
    expect([net(4, 2550), net(10, 500), net(2, 700), net(1, 1200)]).toEqual([9384, 4600, 1288, 1104]);
    expect(await d.summaryOf(null)).toEqual({
      ordersCount: 3,
      grossSalesFen: 10200 + 5000 + 1400 + 1200,
      supplierIncomeFen: 9384 + 4600 + 1288 + 1104,
      incomeToRegisteredPoorFen: 9384 + 4600,
      paidOutFen: 0,
      villagesReached: 3,
      povertyStrickenVillagesReached: 1,
      householdsReached: 4,
      registeredPoorHouseholdsReached: 2,
    });
    const sheCounty = {
      ordersCount: 2,
      grossSalesFen: 10200 + 1400 + 1200,
      supplierIncomeFen: 9384 + 1288 + 1104,
      incomeToRegisteredPoorFen: 9384,
      paidOutFen: 0,
      villagesReached: 2,
      povertyStrickenVillagesReached: 1,
      householdsReached: 3,
      registeredPoorHouseholdsReached: 1,
    };
    expect(await d.summaryOf({ countyId: world.county.id })).toEqual(sheCounty);
    expect(await d.summaryOf({ stationId: world.stations.main })).toEqual(sheCounty);
    expect(await d.summaryOf({ stationId: world.stations.second })).toEqual(summaryWith({}));
  });

  it('counts the rest of a partly delivered order once it is delivered, without counting the order twice', async () => {
    await d.deliver(order1.fulfillments.find((f) => f.stationId === world.stations.second)!);
    // N: 1600 gross, 80 commission, 48 fee -> 1472 net, NOT_REGISTERED.
    expect(net(2, 800)).toBe(1472);
    expect(await d.summaryOf(null)).toEqual({
      ordersCount: 3,
      grossSalesFen: 19400,
      supplierIncomeFen: 17848,
      incomeToRegisteredPoorFen: 13984,
      paidOutFen: 0,
      villagesReached: 3,
      povertyStrickenVillagesReached: 1,
      householdsReached: 5,
      registeredPoorHouseholdsReached: 2,
    });
    expect(await d.summaryOf({ stationId: world.stations.second })).toEqual(
      summaryWith({ ordersCount: 1, grossSalesFen: 1600, supplierIncomeFen: 1472, villagesReached: 1, povertyStrickenVillagesReached: 1, householdsReached: 1 }),
    );
    expect(await d.summaryOf({ countyId: world.county.id, stationId: world.stations.main })).toMatchObject({ ordersCount: 2, supplierIncomeFen: 11776 });
    expect(await d.summaryOf({ countyId: world.otherCounty.id, stationId: world.stations.main })).toEqual(summaryWith({}));
  });

  it('lists villages by supplier income, largest first, a keyset page at a time', async () => {
    const poor = { villageId: world.villages.poor, householdsReached: 2, registeredPoorHouseholdsReached: 1, grossSalesFen: 11800, supplierIncomeFen: 10856, incomeToRegisteredPoorFen: 9384 };
    const other = { villageId: world.villages.other, householdsReached: 1, registeredPoorHouseholdsReached: 1, grossSalesFen: 5000, supplierIncomeFen: 4600, incomeToRegisteredPoorFen: 4600 };
    const plain = { villageId: world.villages.plain, householdsReached: 2, registeredPoorHouseholdsReached: 0, grossSalesFen: 2600, supplierIncomeFen: 2392, incomeToRegisteredPoorFen: 0 };
    expect(await d.villagesOf(null)).toEqual([poor, other, plain]);
    expect(await d.villagesOf(null, world.users.official.token)).toEqual([poor, plain]);
    expect(await d.villagesOf(null, world.users.secondOperator.token)).toEqual([
      { ...poor, householdsReached: 1, registeredPoorHouseholdsReached: 0, grossSalesFen: 1600, supplierIncomeFen: 1472, incomeToRegisteredPoorFen: 0 },
    ]);

    const first = await d.byVillage(null, world.users.admin.token, 2);
    const page1 = first.data!.impactByVillage as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { village: { id: string; name: string } } }> };
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((e) => e.node.village.id)).toEqual([world.villages.poor, world.villages.other]);
    expect(page1.edges[0].node.village.name).toBe('偏城村');
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await d.byVillage(null, world.users.admin.token, 2, page1.pageInfo.endCursor);
    const page2 = second.data!.impactByVillage as typeof page1;
    expect(page2.edges.map((e) => e.node.village.id)).toEqual([world.villages.plain]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const bad = await d.byVillage(null, world.users.admin.token, 2, 'not-a-cursor');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const tooMany = await d.byVillage(null, world.users.admin.token, 101);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('counts an order with allocations in two counties once overall and once in each county', async () => {
    // A x1: 2550 -> 127 commission, 76 fee -> 2347. O x1: 500 -> 25, 15 -> 460.
    await d.sell([
      { listingId: listings.A, quantity: 1 },
      { listingId: listings.O, quantity: 1 },
    ]);
    expect(await d.summaryOf(null)).toMatchObject({ ordersCount: 4, grossSalesFen: 19400 + 2550 + 500, supplierIncomeFen: 17848 + 2347 + 460 });
    expect(await d.summaryOf({ countyId: world.county.id })).toMatchObject({ ordersCount: 3, supplierIncomeFen: 13248 + 2347 });
    expect(await d.summaryOf({ countyId: world.otherCounty.id })).toMatchObject({ ordersCount: 2, supplierIncomeFen: 4600 + 460 });
  });

  it('holds officials to their county and operators to their station; buyers and anonymous callers get nothing', async () => {
    const { users, county, otherCounty, stations } = world;
    expect(await d.summaryOf(null, users.official.token)).toEqual(await d.summaryOf({ countyId: county.id }));
    expect(await d.summaryOf(null, users.otherOfficial.token)).toEqual(await d.summaryOf({ countyId: otherCounty.id }));
    expect(await d.summaryOf(null, users.operator.token)).toEqual(await d.summaryOf({ stationId: stations.main }));
    expect(await d.summaryOf({ countyId: county.id }, users.operator.token)).toEqual(await d.summaryOf({ countyId: county.id, stationId: stations.main }));

    const refused: Array<[Record<string, string> | null, string | undefined]> = [
      [{ countyId: otherCounty.id }, users.official.token],
      [{ stationId: stations.second }, users.operator.token],
      [null, users.buyer.token],
      [{ countyId: county.id }, users.buyer.token],
      [null, undefined],
    ];
    for (const [filter, token] of refused) {
      for (const r of [await d.summary(filter, token ?? ''), await d.byVillage(filter, token ?? ''), await d.series(filter, 'DAY', token ?? '')]) {
        expect(r.data).toBeNull();
        expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    }
  });

  it('refuses a bad filter with the field at fault', async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ countyId: 'x1' }, 'BAD_USER_INPUT', 'filter.countyId'],
      [{ stationId: '0' }, 'BAD_USER_INPUT', 'filter.stationId'],
      [{ from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }, 'BAD_USER_INPUT', 'filter.to'],
      [{ from: 'yesterday' }, 'BAD_USER_INPUT', 'filter'],
      [{ countyId: '999999' }, 'NOT_FOUND', 'filter.countyId'],
      [{ stationId: '999999' }, 'NOT_FOUND', 'filter.stationId'],
    ];
    for (const [filter, code, field] of cases) {
      const r = await d.summary(filter);
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(String(r.errors?.[0].extensions?.field)).toContain(field);
    }
    const tooLong = await d.series({ from: '2000-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }, 'DAY');
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
  });

  it('counts income as paid out once the household payout is PAID', async () => {
    const run = await api.gql(`mutation { runSettlement { payoutsCreated amountFen } }`, {}, world.users.admin.token);
    expect(run.errors).toBeUndefined();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await api.db.pool.query(`SELECT count(*) FILTER (WHERE status <> 'PAID')::int AS open, count(*)::int AS all FROM payouts WHERE payee_kind = 'HOUSEHOLD'`);
      if (rows[0].all > 0 && rows[0].open === 0) break;
      if (Date.now() > deadline) throw new Error(`household payouts not all PAID: ${JSON.stringify(rows[0])}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const all = await d.summaryOf(null);
    expect(all.paidOutFen).toBe(17848 + 2347 + 460);
    expect(all.paidOutFen).toBe(all.supplierIncomeFen);
    expect((await d.summaryOf({ countyId: world.otherCounty.id })).paidOutFen).toBe(4600 + 460);
  });
});
