import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DomainEvents, inTransaction, QueueService } from '@app/platform';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { createHousehold, createListing, eventually, placeOrder } from './orders-fixtures';

// Routing with capacity (docs/design.md, "Routing"), the routing.retry job, and re-attribution after a
// back-dated registry correction.

const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

describe('routing and re-attribution', () => {
  let api: TestApi;
  let world: World;
  let n = 0;
  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  const q = async (sql: string, params: unknown[] = []) => (await api.db.pool.query(sql, params)).rows;
  async function village(poor = true): Promise<string> {
    const [v] = await q(`INSERT INTO villages (township_id, county_id, code, name, poverty_stricken) VALUES ($1, $2, $3, $4, $5) RETURNING id::text`, [
      world.township.id,
      world.county.id,
      `1304261003${String(++n).padStart(2, '0')}`,
      `村${n}`,
      poor,
    ]);
    return v.id;
  }
  async function station(name: string, villages: string[], capacity: number, routedToday = 0, active = true): Promise<string> {
    const [s] = await q(`INSERT INTO stations (name, village_id, county_id, daily_capacity, commission_bps, active) VALUES ($1, $2, $3, $4, 500, $5) RETURNING id::text`, [
      name,
      villages[0],
      world.county.id,
      capacity,
      active,
    ]);
    for (const v of villages) await q(`INSERT INTO station_villages (station_id, village_id) VALUES ($1, $2)`, [s.id, v]);
    if (routedToday > 0) await q(`INSERT INTO station_day_loads (station_id, day, routed) VALUES ($1, ${TODAY}, $2)`, [s.id, routedToday]);
    return s.id;
  }
  const fulfillmentsOf = async (orderId: string) =>
    q(
      `SELECT f.id::text, f.status, f.station_id::text AS station, array_agg(a.household_id::text ORDER BY a.id) AS households
         FROM fulfillments f JOIN allocations a ON a.fulfillment_id = f.id WHERE f.order_id = $1 GROUP BY f.id ORDER BY f.id`,
      [orderId],
    );
  const routedToday = async (stationId: string) => Number((await q(`SELECT COALESCE(sum(routed), 0) AS n FROM station_day_loads WHERE station_id = $1 AND day = ${TODAY}`, [stationId]))[0].n);
  /** What the stations domain does when a station gets room: emit the event in its transaction. */
  async function capacityChanged(stationId: string, sql: string, params: unknown[] = []) {
    await inTransaction(api.app.get(DataSource), async (tx) => {
      await tx.manager.query(sql, params);
      await api.app.get(DomainEvents).emit(tx, 'station.capacity-changed', { stationId });
    });
  }
  async function order(listingId: string, quantity = 1): Promise<string> {
    const r = await placeOrder(api, world.users.buyer.token, [{ listingId, quantity }]);
    expect(r.errors).toBeUndefined();
    return (r.data as any).placeOrder.id;
  }

  it("takes the listing's station while it has room, then the other station serving the village, then none; routes when capacity is raised", async () => {
    await q(`UPDATE stations SET daily_capacity = 2 WHERE id = $1`, [world.stations.main]);
    const listing = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 1000,
      lots: [{ householdId: world.households.poorA, quantity: 50 }],
    });
    const stationOf = async (orderId: string) => (await fulfillmentsOf(orderId)).map((f) => [f.status, f.station]);
    expect(await stationOf(await order(listing.id))).toEqual([['ROUTED', world.stations.main]]);
    expect(await stationOf(await order(listing.id))).toEqual([['ROUTED', world.stations.main]]);
    expect(await stationOf(await order(listing.id))).toEqual([['ROUTED', world.stations.second]]);
    await q(`UPDATE stations SET daily_capacity = 1 WHERE id = $1`, [world.stations.second]);
    const waiting = await order(listing.id);
    expect(await stationOf(waiting)).toEqual([['UNROUTED', null]]);
    expect([await routedToday(world.stations.main), await routedToday(world.stations.second)]).toEqual([2, 1]);

    await capacityChanged(world.stations.main, `UPDATE stations SET daily_capacity = 3 WHERE id = $1`, [world.stations.main]);
    await eventually(async () => ((await fulfillmentsOf(waiting))[0].status === 'ROUTED' ? true : undefined));
    expect(await stationOf(waiting)).toEqual([['ROUTED', world.stations.main]]);
    expect(await routedToday(world.stations.main)).toBe(3);
    const [f] = await q(`SELECT routed_day::text = ${TODAY}::text AS today FROM fulfillments WHERE order_id = $1`, [waiting]);
    expect(f.today).toBe(true);
    await q(`UPDATE stations SET daily_capacity = 100 WHERE id = ANY($1::bigint[])`, [[world.stations.main, world.stations.second]]);
  });

  it('ranks the other stations by fewest routed today, then name, skipping inactive ones', async () => {
    const v = await village();
    await station('A站', [v], 10, 1);
    const b = await station('B站', [v], 10, 0);
    await station('C站', [v], 10, 0);
    await station('0站', [v], 10, 0, false);
    const household = await createHousehold(api.db.pool, v, world.county.id);
    // The listing's own station does not serve the village: it is no candidate.
    const listing = await createListing(api.db.pool, { stationId: world.stations.main, originVillageId: v, countyId: world.county.id, priceFen: 800, lots: [{ householdId: household, quantity: 5 }] });
    const orderId = await order(listing.id);
    expect((await fulfillmentsOf(orderId)).map((f) => f.station)).toEqual([b]);
  });

  it('routes an UNROUTED fulfilment on a new day (the scheduled retry)', async () => {
    const v = await village();
    const s = await station('新店站', [v], 1, 1);
    const household = await createHousehold(api.db.pool, v, world.county.id);
    const listing = await createListing(api.db.pool, { stationId: s, originVillageId: v, countyId: world.county.id, priceFen: 800, lots: [{ householdId: household, quantity: 5 }] });
    const orderId = await order(listing.id);
    expect((await fulfillmentsOf(orderId))[0].status).toBe('UNROUTED');
    // Yesterday's load does not count today.
    await q(`UPDATE station_day_loads SET day = day - 1 WHERE station_id = $1`, [s]);
    await api.app.get(QueueService).enqueue('routing.retry', {});
    await eventually(async () => ((await fulfillmentsOf(orderId))[0].status === 'ROUTED' ? true : undefined));
    expect((await fulfillmentsOf(orderId))[0].station).toBe(s);
    expect(await routedToday(s)).toBe(1);
  });

  it('splits an UNROUTED fulfilment by station when no one station serves all its villages, and keeps it whole when one does', async () => {
    const v1 = await village();
    const v2 = await village();
    const s1 = await station('一号站', [v1], 1, 1);
    const s2 = await station('二号站', [v2], 1, 1);
    const h1 = await createHousehold(api.db.pool, v1, world.county.id);
    const h2 = await createHousehold(api.db.pool, v2, world.county.id);
    const lots = [{ householdId: h1, quantity: 1 }, { householdId: h2, quantity: 1 }];
    const listingA = await createListing(api.db.pool, { stationId: s1, originVillageId: v1, countyId: world.county.id, priceFen: 500, lots });
    const listingB = await createListing(api.db.pool, { stationId: s1, originVillageId: v1, countyId: world.county.id, priceFen: 500, lots });
    const split = await order(listingA.id, 2);
    const whole = await order(listingB.id, 2);
    const [unrouted] = await fulfillmentsOf(split);
    expect(unrouted).toEqual({ id: unrouted.id, status: 'UNROUTED', station: null, households: [h1, h2] });
    expect((await fulfillmentsOf(whole)).map((f) => f.status)).toEqual(['UNROUTED']);

    // One slot more at each: the older fulfilment is split, the first group keeping its id.
    await capacityChanged(s1, `UPDATE stations SET daily_capacity = 2 WHERE id = ANY($1::bigint[])`, [[s1, s2]]);
    await eventually(async () => ((await fulfillmentsOf(split)).length === 2 ? true : undefined));
    expect(await fulfillmentsOf(split)).toEqual([
      { id: unrouted.id, status: 'ROUTED', station: s1, households: [h1] },
      { id: expect.any(String), status: 'ROUTED', station: s2, households: [h2] },
    ]);
    expect(await fulfillmentsOf(whole)).toEqual([expect.objectContaining({ status: 'UNROUTED', households: [h1, h2] })]);

    // A new station serving both villages takes the other order whole.
    const both = await station('联合站', [v1, v2], 5);
    await capacityChanged(both, `SELECT 1`);
    await eventually(async () => ((await fulfillmentsOf(whole))[0].status === 'ROUTED' ? true : undefined));
    expect(await fulfillmentsOf(whole)).toEqual([expect.objectContaining({ status: 'ROUTED', station: both, households: [h1, h2] })]);
    expect([await routedToday(s1), await routedToday(s2), await routedToday(both)]).toEqual([2, 2, 1]);
  });

  it('re-attributes allocations placed since a back-dated status correction, leaving statusAtPlacement alone', async () => {
    const household = await createHousehold(api.db.pool, world.villages.poor, world.county.id, 'REGISTERED_POOR');
    const listing = await createListing(api.db.pool, { stationId: world.stations.main, originVillageId: world.villages.poor, countyId: world.county.id, priceFen: 900, lots: [{ householdId: household, quantity: 10 }] });
    const orderId = await order(listing.id, 2);
    const reattributed: Array<{ householdId: string; since: Date }> = [];
    api.app.get(DomainEvents).on('allocations.reattributed', async (_tx, payload) => {
      reattributed.push(payload);
    });
    const setStatus = (status: string, effectiveAt: Date) =>
      api.gql(
        `mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { id } }`,
        { input: { householdId: household, status, effectiveAt: effectiveAt.toISOString() } },
        world.users.admin.token,
      );
    const statuses = async () =>
      (await q(`SELECT status_at_placement, poverty_status_at_sale FROM allocations WHERE order_id = $1`, [orderId])).map((r) => [r.status_at_placement, r.poverty_status_at_sale]);

    // The household had in fact exited a day before the order: the sale was not to a registered-poor household.
    const dayBefore = new Date(Date.now() - 86_400_000);
    expect((await setStatus('EXITED', dayBefore)).errors).toBeUndefined();
    expect(await statuses()).toEqual([['REGISTERED_POOR', 'EXITED']]);
    expect(reattributed).toEqual([{ householdId: household, since: dayBefore }]);
    const asAdmin = await api.gql(`query ($id: ID!) { order(id: $id) { lines { allocations { povertyStatusAtSale } } } }`, { id: orderId }, world.users.admin.token);
    expect((asAdmin.data as any).order.lines[0].allocations).toEqual([{ povertyStatusAtSale: 'EXITED' }]);

    // A change effective after the order does not touch it.
    expect((await setStatus('NOT_REGISTERED', new Date())).errors).toBeUndefined();
    expect(await statuses()).toEqual([['REGISTERED_POOR', 'EXITED']]);
    expect(reattributed).toHaveLength(1);
  });

  describe('with the scheduled retry on', () => {
    let scheduled: TestApi;
    beforeAll(async () => {
      scheduled = await startTestApi({ routingRetryIntervalSeconds: 1 });
    });
    afterAll(async () => {
      await scheduled?.close();
    });

    it('routes UNROUTED fulfilments without being asked, once capacity is there', async () => {
      const w = await createWorld(scheduled.db.pool, scheduled.config);
      await scheduled.db.pool.query(`UPDATE stations SET daily_capacity = 1 WHERE id = ANY($1::bigint[])`, [[w.stations.main, w.stations.second]]);
      await scheduled.db.pool.query(`INSERT INTO station_day_loads (station_id, day, routed) SELECT id, ${TODAY}, 1 FROM stations WHERE id = ANY($1::bigint[])`, [[w.stations.main, w.stations.second]]);
      const listing = await createListing(scheduled.db.pool, { stationId: w.stations.main, originVillageId: w.villages.poor, countyId: w.county.id, priceFen: 100, lots: [{ householdId: w.households.poorA, quantity: 3 }] });
      const r = await placeOrder(scheduled, w.users.buyer.token, [{ listingId: listing.id, quantity: 1 }]);
      const f = (r.data as any).placeOrder.fulfillments[0];
      expect(f.status).toBe('UNROUTED');
      // Raised behind the application's back: only the schedule can notice.
      await scheduled.db.pool.query(`UPDATE stations SET daily_capacity = 2 WHERE id = $1`, [w.stations.second]);
      const station = await eventually(async () => {
        const { rows } = await scheduled.db.pool.query(`SELECT status, station_id::text FROM fulfillments WHERE id = $1`, [f.id]);
        return rows[0].status === 'ROUTED' ? rows[0].station_id : undefined;
      }, 15_000);
      expect(station).toBe(w.stations.second);
    });
  });
});
