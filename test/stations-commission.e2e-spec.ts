import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/platform';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { createHousehold, createListing, footprint, placeOrder } from './orders-fixtures';

// A station's commission and the platform fee are both cut from the gross: a rate that leaves the
// supplier less than nothing is refused where it is set, at start, and never turns an order into a 500.

describe('station commission beside the platform fee (PLATFORM_FEE_BPS 300)', () => {
  let api: TestApi;
  let world: World;
  beforeAll(async () => {
    api = await startTestApi({ platformFeeBps: 300 });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  const create = (commissionBps: number) =>
    api.gql(
      `mutation ($i: CreateStationInput!) { createStation(input: $i) { id commissionBps } }`,
      { i: { name: '索堡电商服务站', villageId: world.villages.plain, servedVillageIds: [], dailyCapacity: 5, commissionBps } },
      world.users.admin.token,
    );
  const update = (commissionBps: number, token = world.users.admin.token) =>
    api.gql(`mutation ($id: ID!, $i: UpdateStationInput!) { updateStation(id: $id, input: $i) { id commissionBps } }`, { id: world.stations.second, i: { commissionBps } }, token);
  const stationCount = async () => Number((await api.db.pool.query(`SELECT count(*) AS n FROM stations`)).rows[0].n);

  it('createStation refuses a rate above 10000 - 300 with BAD_USER_INPUT at input.commissionBps, and takes 9700', async () => {
    const before = await stationCount();
    for (const bps of [9701, 9999, 10000]) {
      const r = await create(bps);
      expect(r.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.commissionBps' });
      expect(r.errors?.[0].message).toMatch(/at most 9700/);
    }
    expect(await stationCount()).toBe(before);
    const ok = await create(9700);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createStation.commissionBps).toBe(9700);
  });

  it('updateStation refuses it too (admins and officials alike), nothing changed', async () => {
    for (const token of [world.users.admin.token, world.users.official.token]) {
      const r = await update(9800, token);
      expect(r.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.commissionBps' });
    }
    const { rows } = await api.db.pool.query(`SELECT commission_bps FROM stations WHERE id = $1`, [world.stations.second]);
    expect(rows[0].commission_bps).toBe(500);
  });

  it('an order of a listing whose station already charges too much (old data) is INVALID_STATE, not a 500, and writes nothing', async () => {
    const { rows: [st] } = await api.db.pool.query(
      `INSERT INTO stations (name, village_id, county_id, daily_capacity, commission_bps) VALUES ('旧站', $1, $2, 10, 9900) RETURNING id::text`,
      [world.villages.poor, world.county.id],
    );
    const household = await createHousehold(api.db.pool, world.villages.poor, world.county.id);
    const listing = await createListing(api.db.pool, { stationId: st.id, originVillageId: world.villages.poor, countyId: world.county.id, priceFen: 1000, lots: [{ householdId: household, quantity: 5 }] });
    const before = await footprint(api.db.pool);
    const r = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 1 }]);
    expect(r.errors?.[0].extensions).toEqual({ code: 'INVALID_STATE', field: 'input.lines.0.listingId' });
    expect(await footprint(api.db.pool)).toEqual(before);
  });

  it('PLATFORM_FEE_BPS above 5000 is refused when the configuration is read', () => {
    expect(() => loadConfig({ PLATFORM_FEE_BPS: '10000' })).toThrow(/PLATFORM_FEE_BPS/);
    expect(() => loadConfig({ PLATFORM_FEE_BPS: '5001' })).toThrow(/PLATFORM_FEE_BPS/);
    expect(loadConfig({ PLATFORM_FEE_BPS: '5000' }).platformFeeBps).toBe(5000);
  });

  it('a server whose fee leaves an existing station no room refuses to start, naming the variable and the station', async () => {
    await api.db.pool.query(`UPDATE stations SET commission_bps = 5000 WHERE id = $1`, [world.stations.second]);
    await expect(startTestApi({ platformFeeBps: 5001 }, api.db)).rejects.toThrow(/PLATFORM_FEE_BPS: 5001 leaves at most 4999 bps[^]*涉城电商服务站/);
  });
});
