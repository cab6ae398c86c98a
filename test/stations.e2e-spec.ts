import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';

async function snapshot(api: TestApi): Promise<unknown> {
  const { rows } = await api.db.pool.query(
    `SELECT (SELECT md5(string_agg(concat_ws('|', id, name, village_id, county_id, daily_capacity, commission_bps, active), ',' ORDER BY id)) FROM stations) AS stations,
            (SELECT string_agg(concat(station_id, ':', village_id), ',' ORDER BY station_id, village_id) FROM station_villages) AS served`,
  );
  return rows[0];
}

const STATION = `id name dailyCapacity commissionBps active village { id } county { code } servedVillages { id }`;

describe('service stations over HTTP', () => {
  let api: TestApi;
  let world: World;
  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });
  const token = (who: keyof World['users'] | null) => (who ? world.users[who].token : undefined);

  describe('reading', () => {
    it('lists the stations of a county by name, or all, for anyone', async () => {
      const r = await api.gql(`query ($c: ID) { she: stations(countyId: $c) { name servedVillages { code } county { code } } all: stations { name } }`, { c: world.county.id });
      expect(r.errors).toBeUndefined();
      expect(r.data!.she).toEqual([
        { name: '偏城电商服务站', servedVillages: [{ code: '130426100201' }, { code: '130426100202' }], county: { code: '130426' } },
        { name: '涉城电商服务站', servedVillages: [{ code: '130426100201' }], county: { code: '130426' } },
      ]);
      expect(r.data!.all.map((s: { name: string }) => s.name)).toEqual(['偏城电商服务站', '涉城电商服务站', '魏县电商服务站']);
    });

    it('answers station by id with its village, and null for an unknown id', async () => {
      const r = await api.gql(`query ($id: ID!) { station(id: $id) { ${STATION} } none: station(id: "424242") { id } }`, { id: world.stations.second });
      expect(r.data).toEqual({
        station: { id: world.stations.second, name: '涉城电商服务站', dailyCapacity: 100, commissionBps: 500, active: true, village: { id: world.villages.plain }, county: { code: '130426' }, servedVillages: [{ id: world.villages.poor }] },
        none: null,
      });
    });

    it('refuses a malformed county id with BAD_USER_INPUT at countyId', async () => {
      const r = await api.gql(`{ stations(countyId: "she") { id } }`);
      expect(r.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'countyId' });
    });
  });

  describe('createStation (admins)', () => {
    const m = `mutation ($input: CreateStationInput!) { createStation(input: $input) { ${STATION} } }`;
    const input = (extra: Record<string, unknown> = {}) => ({
      name: '索堡电商服务站',
      villageId: world.villages.plain,
      servedVillageIds: [world.villages.plain, world.villages.poor, world.villages.plain],
      dailyCapacity: 40,
      commissionBps: 800,
      ...extra,
    });

    it('creates an active station in the village\'s county, serving the villages given (once each)', async () => {
      const r = await api.gql(m, { input: input() }, token('admin'));
      expect(r.errors).toBeUndefined();
      const s = r.data!.createStation;
      expect(s).toEqual({
        id: expect.any(String),
        name: '索堡电商服务站',
        dailyCapacity: 40,
        commissionBps: 800,
        active: true,
        village: { id: world.villages.plain },
        county: { code: '130426' },
        servedVillages: [{ id: world.villages.poor }, { id: world.villages.plain }].sort((a, b) => Number(a.id) - Number(b.id)),
      });
      const { rows } = await api.db.pool.query('SELECT county_id::text FROM stations WHERE id = $1', [s.id]);
      expect(rows[0].county_id).toBe(world.county.id);
      const v = await api.gql(`query ($id: ID!) { village(id: $id) { stations { name } } }`, { id: world.villages.plain });
      expect(v.data!.village.stations.map((x: { name: string }) => x.name)).toEqual(['偏城电商服务站', '索堡电商服务站']);
    });

    it.each([
      ['official', 'FORBIDDEN'],
      ['operator', 'FORBIDDEN'],
      ['buyer', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const)('refuses %s (%s) and changes nothing', async (who, code) => {
      const before = await snapshot(api);
      const r = await api.gql(m, { input: input() }, token(who));
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(await snapshot(api)).toEqual(before);
    });

    it.each([
      [{ dailyCapacity: 0 }, 'BAD_USER_INPUT', 'input.dailyCapacity'],
      [{ dailyCapacity: -5 }, 'BAD_USER_INPUT', 'input.dailyCapacity'],
      [{ commissionBps: -1 }, 'BAD_USER_INPUT', 'input.commissionBps'],
      [{ commissionBps: 10001 }, 'BAD_USER_INPUT', 'input.commissionBps'],
      [{ name: ' ' }, 'BAD_USER_INPUT', 'input.name'],
      [{ villageId: '999999' }, 'NOT_FOUND', 'input.villageId'],
      [{ villageId: 'x' }, 'BAD_USER_INPUT', 'input.villageId'],
      [{ servedVillageIds: ['999999'] }, 'NOT_FOUND', 'input.servedVillageIds'],
      [{ servedVillageIds: ['WEI_VILLAGE'] }, 'BAD_USER_INPUT', 'input.servedVillageIds'],
    ])('refuses %j with %s at %s and changes nothing', async (extra, code, field) => {
      const resolved = JSON.parse(JSON.stringify(extra).replace('WEI_VILLAGE', world.villages.other));
      const before = await snapshot(api);
      const r = await api.gql(m, { input: input(resolved) }, token('admin'));
      expect(r.errors?.[0].extensions).toEqual({ code, field });
      expect(await snapshot(api)).toEqual(before);
    });

    it('accepts the bounds 0 and 10000 - PLATFORM_FEE_BPS for commission and 1 for capacity', async () => {
      const low = await api.gql(m, { input: input({ name: '零佣金站', commissionBps: 0, dailyCapacity: 1 }) }, token('admin'));
      expect(low.data!.createStation).toMatchObject({ commissionBps: 0, dailyCapacity: 1 });
      const top = 10000 - api.config.platformFeeBps;
      const high = await api.gql(m, { input: input({ name: '全佣金站', commissionBps: top, servedVillageIds: [] }) }, token('admin'));
      expect(high.data!.createStation).toMatchObject({ commissionBps: top, servedVillages: [] });
    });
  });

  describe('updateStation (admins, officials of its county)', () => {
    const m = `mutation ($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { ${STATION} } }`;

    it('lets the official of its county change capacity, commission, the villages served and the active flag', async () => {
      const r = await api.gql(
        m,
        { id: world.stations.second, input: { dailyCapacity: 7, commissionBps: 250, servedVillageIds: [world.villages.plain], active: false } },
        token('official'),
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.updateStation).toMatchObject({ name: '涉城电商服务站', dailyCapacity: 7, commissionBps: 250, active: false, servedVillages: [{ id: world.villages.plain }] });
      const { rows } = await api.db.pool.query('SELECT village_id::text FROM station_villages WHERE station_id = $1', [world.stations.second]);
      expect(rows).toEqual([{ village_id: world.villages.plain }]);
    });

    it('lets an admin rename a station and leaves what was not given as it was', async () => {
      const r = await api.gql(m, { id: world.stations.second, input: { name: '涉城服务站', active: true } }, token('admin'));
      expect(r.data!.updateStation).toMatchObject({ name: '涉城服务站', dailyCapacity: 7, commissionBps: 250, active: true, servedVillages: [{ id: world.villages.plain }] });
    });

    it.each([
      ['otherOfficial', 'FORBIDDEN'],
      ['operator', 'FORBIDDEN'],
      ['buyer', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const)('refuses %s (%s) and changes nothing', async (who, code) => {
      const before = await snapshot(api);
      const r = await api.gql(m, { id: world.stations.main, input: { dailyCapacity: 1 } }, token(who));
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(await snapshot(api)).toEqual(before);
    });

    it.each([
      [{ dailyCapacity: 0 }, 'BAD_USER_INPUT', 'input.dailyCapacity'],
      [{ commissionBps: 20000 }, 'BAD_USER_INPUT', 'input.commissionBps'],
      [{ commissionBps: -1 }, 'BAD_USER_INPUT', 'input.commissionBps'],
      [{ servedVillageIds: ['999999'] }, 'NOT_FOUND', 'input.servedVillageIds'],
      [{ servedVillageIds: ['WEI_VILLAGE'] }, 'BAD_USER_INPUT', 'input.servedVillageIds'],
    ])('refuses %j with %s at %s and changes nothing', async (extra, code, field) => {
      const resolved = JSON.parse(JSON.stringify(extra).replace('WEI_VILLAGE', world.villages.other));
      const before = await snapshot(api);
      const r = await api.gql(m, { id: world.stations.main, input: resolved }, token('admin'));
      expect(r.errors?.[0].extensions).toEqual({ code, field });
      expect(await snapshot(api)).toEqual(before);
    });

    it('says NOT_FOUND at id for an unknown station', async () => {
      const r = await api.gql(m, { id: '999999', input: { active: false } }, token('admin'));
      expect(r.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    });
  });
});
