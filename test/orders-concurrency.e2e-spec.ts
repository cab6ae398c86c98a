import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World, WorldUser } from '@app/testing';
import { createHousehold, createListing, createUser, placeOrder, remaining } from './orders-fixtures';

// Real concurrency over HTTP against one server and its pool: stock, idempotency keys and station
// slots must hold whatever the interleaving.

describe('placing orders concurrently', () => {
  let api: TestApi;
  let world: World;
  let buyers: WorldUser[];
  beforeAll(async () => {
    api = await startTestApi({ databasePoolSize: 20 });
    world = await createWorld(api.db.pool, api.config);
    buyers = [];
    for (let i = 0; i < 50; i++) buyers.push(await createUser(api.db.pool, api.config));
  });
  afterAll(async () => {
    await api?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await api.db.pool.query(sql, params)).rows[0].n);

  it('50 buyers race for 10 units: exactly 10 orders, 40 INSUFFICIENT_STOCK, stock 0 and never below', async () => {
    const listing = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 1000,
      lots: [{ householdId: world.households.poorA, quantity: 4 }, { householdId: world.households.notRegistered, quantity: 6 }],
    });
    const results = await Promise.all(buyers.map((b) => placeOrder(api, b.token, [{ listingId: listing.id, quantity: 1 }])));
    const codes = results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(10);
    expect(codes.filter((c) => c === 'INSUFFICIENT_STOCK')).toHaveLength(40);
    expect(await remaining(api.db.pool, listing.lotIds)).toEqual([0, 0]);
    const { rows: [row] } = await api.db.pool.query(`SELECT (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots WHERE listing_id = listings.id) AS available, status FROM listings WHERE id = $1`, [listing.id]);
    expect(row).toEqual({ available: 0, status: 'SOLD_OUT' });
    expect(await count(`SELECT count(*) AS n FROM orders o WHERE EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.listing_id = $1)`, [listing.id])).toBe(10);
    expect(await count(`SELECT sum(quantity) AS n FROM allocations WHERE listing_id = $1`, [listing.id])).toBe(10);
    expect(await count(`SELECT count(*) AS n FROM journal_entries e JOIN order_lines l ON l.order_id::text = e.reference WHERE e.kind = 'ORDER_PLACED' AND l.listing_id = $1`, [listing.id])).toBe(10);
    // Each of the 10 orders took exactly one slot at the listing's station.
    expect(await count(`SELECT routed AS n FROM station_day_loads WHERE station_id = $1`, [world.stations.main])).toBe(10);
  });

  it('the same idempotency key 10 times at once: one order, the stock taken once', async () => {
    const listing = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 1500,
      lots: [{ householdId: world.households.poorB, quantity: 100 }],
    });
    const buyer = buyers[0];
    const results = await Promise.all(
      Array.from({ length: 10 }, () => placeOrder(api, buyer.token, [{ listingId: listing.id, quantity: 3 }], { idempotencyKey: 'race-key' })),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(10).fill(undefined));
    const ids = new Set(results.map((r) => (r.data as any).placeOrder.id));
    expect(ids.size).toBe(1);
    expect(await remaining(api.db.pool, listing.lotIds)).toEqual([97]);
    expect(await count(`SELECT count(*) AS n FROM orders WHERE buyer_id = $1 AND idempotency_key = 'race-key'`, [buyer.id])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM journal_entries WHERE kind = 'ORDER_PLACED' AND reference = $1`, [[...ids][0]])).toBe(1);
  });

  it('never gives a station more fulfilments in a day than its capacity, however many orders race for the last slots', async () => {
    // A village served by one station with 3 slots left today.
    const { rows: [village] } = await api.db.pool.query(
      `INSERT INTO villages (township_id, county_id, code, name, poverty_stricken) VALUES ($1, $2, '130426100299', '井店村', true) RETURNING id::text`,
      [world.township.id, world.county.id],
    );
    const { rows: [station] } = await api.db.pool.query(
      `INSERT INTO stations (name, village_id, county_id, daily_capacity, commission_bps) VALUES ('井店服务站', $1, $2, 5, 500) RETURNING id::text`,
      [village.id, world.county.id],
    );
    await api.db.pool.query(`INSERT INTO station_villages (station_id, village_id) VALUES ($1, $2)`, [station.id, village.id]);
    await api.db.pool.query(`INSERT INTO station_day_loads (station_id, day, routed) VALUES ($1, (now() AT TIME ZONE 'Asia/Shanghai')::date, 2)`, [station.id]);
    const household = await createHousehold(api.db.pool, village.id, world.county.id);
    const listing = await createListing(api.db.pool, { stationId: station.id, originVillageId: village.id, countyId: world.county.id, priceFen: 600, lots: [{ householdId: household, quantity: 100 }] });

    const results = await Promise.all(buyers.slice(0, 12).map((b) => placeOrder(api, b.token, [{ listingId: listing.id, quantity: 1 }])));
    expect(results.map((r) => r.errors)).toEqual(Array(12).fill(undefined));
    const statuses = results.map((r) => (r.data as any).placeOrder.fulfillments[0]);
    expect(statuses.filter((f: any) => f.status === 'ROUTED' && f.station.id === station.id)).toHaveLength(3);
    expect(statuses.filter((f: any) => f.status === 'UNROUTED' && f.station === null)).toHaveLength(9);
    expect(await count(`SELECT routed AS n FROM station_day_loads WHERE station_id = $1`, [station.id])).toBe(5);
    expect(await count(`SELECT count(*) AS n FROM fulfillments WHERE station_id = $1`, [station.id])).toBe(3);
    expect(await remaining(api.db.pool, listing.lotIds)).toEqual([88]);
  });

  it('orders over the same listings in opposite line order all go through, with exact stock', async () => {
    const mk = (householdId: string) =>
      createListing(api.db.pool, {
        stationId: world.stations.main,
        originVillageId: world.villages.poor,
        countyId: world.county.id,
        priceFen: 100,
        lots: [{ householdId, quantity: 500 }, { householdId: world.households.notRegistered, quantity: 500 }],
      });
    const a = await mk(world.households.poorA);
    const b = await mk(world.households.poorB);
    const results = await Promise.all(
      buyers.slice(0, 40).map((buyer, i) =>
        placeOrder(api, buyer.token, i % 2 ? [{ listingId: a.id, quantity: 3 }, { listingId: b.id, quantity: 2 }] : [{ listingId: b.id, quantity: 2 }, { listingId: a.id, quantity: 3 }]),
      ),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(40).fill(undefined));
    const left = [...(await remaining(api.db.pool, a.lotIds)), ...(await remaining(api.db.pool, b.lotIds))];
    expect(left[0] + left[1]).toBe(1000 - 120);
    expect(left[2] + left[3]).toBe(1000 - 80);
    expect(await count(`SELECT sum(quantity) AS n FROM allocations WHERE listing_id = ANY($1::bigint[])`, [[a.id, b.id]])).toBe(200);
    // The books balance: every ORDER_PLACED entry is the order total, on both sides.
    const { rows: [books] } = await api.db.pool.query(
      `SELECT sum(l.debit_fen) = sum(l.credit_fen) AS balanced, sum(l.debit_fen)::int AS debits FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
        WHERE e.kind = 'ORDER_PLACED' AND e.reference IN (SELECT order_id::text FROM order_lines WHERE listing_id = $1)`,
      [a.id],
    );
    expect(books).toEqual({ balanced: true, debits: 40 * 500 });
  });
});
