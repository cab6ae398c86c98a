import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';

/** Row counts of the registry's tables: a refused mutation must leave them as they were. */
async function counts(api: TestApi): Promise<Record<string, number>> {
  const { rows } = await api.db.pool.query(
    `SELECT (SELECT count(*) FROM counties)::int AS counties, (SELECT count(*) FROM townships)::int AS townships,
            (SELECT count(*) FROM villages)::int AS villages, (SELECT count(*) FROM households)::int AS households,
            (SELECT count(*) FROM poverty_status_history)::int AS history,
            (SELECT md5(string_agg(h::text, ',' ORDER BY id)) FROM households h) AS households_digest`,
  );
  return rows[0];
}

describe('the registry over HTTP', () => {
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

  describe('reading geography', () => {
    it('lists counties by code with their townships, villages and the stations serving them, for anyone', async () => {
      // The whole tree in one query is over the cost limit (nested lists multiply): a county at a time.
      const r = await api.gql(`{ counties { id code name nationalPovertyCounty } }`);
      expect(r.errors).toBeUndefined();
      const tree = `query ($id: ID!) { county(id: $id) { townships { name county { code } villages { code povertyStricken township { name } county { code } stations { name } } } } }`;
      const counties = [];
      for (const { id, ...county } of r.data!.counties) {
        const one = await api.gql(tree, { id });
        expect(one.errors).toBeUndefined();
        counties.push({ ...county, townships: one.data!.county.townships });
      }
      expect(counties).toEqual([
        {
          code: '130426',
          name: '涉县 She',
          nationalPovertyCounty: true,
          townships: [
            {
              name: '偏城镇',
              county: { code: '130426' },
              villages: [
                { code: '130426100201', povertyStricken: true, township: { name: '偏城镇' }, county: { code: '130426' }, stations: [{ name: '偏城电商服务站' }, { name: '涉城电商服务站' }] },
                { code: '130426100202', povertyStricken: false, township: { name: '偏城镇' }, county: { code: '130426' }, stations: [{ name: '偏城电商服务站' }] },
              ],
            },
          ],
        },
        {
          code: '130434',
          name: '魏县 Wei',
          nationalPovertyCounty: true,
          townships: [{ name: '魏城镇', county: { code: '130434' }, villages: [{ code: '130434100201', povertyStricken: false, township: { name: '魏城镇' }, county: { code: '130434' }, stations: [{ name: '魏县电商服务站' }] }] }],
        },
      ]);
    });

    it('answers county and village by id, and null for unknown or malformed ids', async () => {
      const r = await api.gql(`query ($c: ID!, $v: ID!) { county(id: $c) { code } village(id: $v) { name } a: county(id: "999999") { code } b: village(id: "abc") { name } }`, {
        c: world.county.id,
        v: world.villages.poor,
      });
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ county: { code: '130426' }, village: { name: '偏城村' }, a: null, b: null });
    });
  });

  describe('the personal-data rule', () => {
    const q = `query ($id: ID!) { household(id: $id) { id members povertyStatus povertyCategory registryNumber headName payoutAccountMasked village { code } } }`;
    const visible = { registryNumber: 'SX-0001', headName: '王秀英', payoutAccountMasked: '****0001' };

    it.each(['admin', 'official', 'operator', 'secondOperator'] as const)('shows a household, personal fields and all, to %s', async (who) => {
      const r = await api.gql(q, { id: world.households.poorA }, token(who));
      expect(r.errors).toBeUndefined();
      expect(r.data!.household).toEqual({
        id: world.households.poorA,
        members: 4,
        povertyStatus: 'REGISTERED_POOR',
        povertyCategory: 'GENERAL',
        village: { code: '130426100201' },
        ...visible,
      });
    });

    // A household's status, category and size are personal data as much as its name: outside the
    // caller's scope it is null, exactly as for an id that names no household.
    it.each([
      ['otherOfficial', null],
      ['otherOperator', null],
      ['buyer', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const)('shows %s nothing of a household (%s)', async (who, code) => {
      const r = await api.gql(q, { id: world.households.poorA }, token(who));
      const unknown = await api.gql(q, { id: '999999999' }, token(who));
      expect(r.data?.household ?? null).toBeNull();
      expect((r.errors ?? []).map((e) => e.extensions?.code)).toEqual(code ? [code] : []);
      const codes = (x: typeof r) => (x.errors ?? []).map((e) => e.extensions?.code);
      expect({ data: unknown.data?.household ?? null, codes: codes(unknown) }).toEqual({ data: null, codes: codes(r) });
      expect(JSON.stringify(r)).not.toMatch(/REGISTERED_POOR|GENERAL|130426100201/);
    });

    it('hides a household of the plain village from the second station (which serves only the poor village)', async () => {
      const second = await api.gql(q, { id: world.households.plain }, token('secondOperator'));
      expect(second.errors).toBeUndefined();
      expect(second.data!.household).toBeNull();
      const main = await api.gql(q, { id: world.households.plain }, token('operator'));
      expect(main.data!.household).toMatchObject({ registryNumber: 'SX-0005', headName: '陈静', payoutAccountMasked: '****0005' });
    });

    it('never returns the whole payout account anywhere in a page of households', async () => {
      const r = await api.gql(`{ households(first: 100) { edges { node { payoutAccountMasked } } } }`, {}, token('admin'));
      const text = JSON.stringify(r.data);
      expect(text).not.toContain('62284800123');
      expect(r.data!.households.edges).toHaveLength(6);
    });
  });

  describe('listing households', () => {
    const q = `query ($villageId: ID, $countyId: ID, $status: PovertyStatus, $first: Int, $after: String) {
      households(villageId: $villageId, countyId: $countyId, povertyStatus: $status, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id registryNumber } } } }`;

    it('pages an admin through every household by id, with the total', async () => {
      const first = await api.gql(q, { first: 4 }, token('admin'));
      expect(first.errors).toBeUndefined();
      const page1 = first.data!.households;
      expect(page1.totalCount).toBe(6);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      expect(page1.edges.map((e: { node: { registryNumber: string } }) => e.node.registryNumber)).toEqual(['SX-0001', 'SX-0002', 'SX-0003', 'SX-0004']);
      const second = await api.gql(q, { first: 4, after: page1.pageInfo.endCursor }, token('admin'));
      const page2 = second.data!.households;
      expect(page2.pageInfo).toEqual({ hasNextPage: false, endCursor: page2.edges[1].cursor });
      expect(page2.edges.map((e: { node: { registryNumber: string } }) => e.node.registryNumber)).toEqual(['SX-0005', 'WX-0001']);
    });

    it('filters by village, county and status', async () => {
      const byStatus = await api.gql(q, { status: 'REGISTERED_POOR' }, token('admin'));
      expect(byStatus.data!.households.edges.map((e: { node: { registryNumber: string } }) => e.node.registryNumber)).toEqual(['SX-0001', 'SX-0002', 'WX-0001']);
      const byVillage = await api.gql(q, { villageId: world.villages.plain }, token('admin'));
      expect(byVillage.data!.households.totalCount).toBe(2);
      const byCounty = await api.gql(q, { countyId: world.otherCounty.id, status: 'REGISTERED_POOR' }, token('admin'));
      expect(byCounty.data!.households.edges.map((e: { node: { registryNumber: string } }) => e.node.registryNumber)).toEqual(['WX-0001']);
    });

    it('searches by a whole registry number or the start of the head of household\'s name, within the caller\'s scope', async () => {
      const search = `query ($search: String, $status: PovertyStatus) { households(search: $search, povertyStatus: $status) { totalCount edges { node { registryNumber headName } } } }`;
      const names = async (variables: Record<string, unknown>, who: keyof World['users'] = 'official') => {
        const r = await api.gql(search, variables, token(who));
        expect(r.errors).toBeUndefined();
        return r.data!.households.edges.map((e: { node: { registryNumber: string; headName: string } }) => `${e.node.registryNumber} ${e.node.headName}`);
      };
      expect(await names({ search: 'SX-0004' })).toEqual(['SX-0004 刘洋']);
      expect(await names({ search: ' 王秀 ' })).toEqual(['SX-0001 王秀英']);
      expect(await names({ search: '王秀英' })).toEqual(['SX-0001 王秀英']);
      // A part of a registry number is not a registry number; the middle of a name is not its start.
      expect(await names({ search: 'SX-000' })).toEqual([]);
      expect(await names({ search: '秀英' })).toEqual([]);
      // LIKE's wildcards are taken literally.
      expect(await names({ search: '%' })).toEqual([]);
      expect(await names({ search: '_' })).toEqual([]);
      // With the other filters; and another county's household is not found by an official here.
      expect(await names({ search: '李', status: 'REGISTERED_POOR' })).toEqual(['SX-0002 李建国']);
      expect(await names({ search: '李', status: 'EXITED' })).toEqual([]);
      expect(await names({ search: 'WX-0001' })).toEqual([]);
      expect(await names({ search: 'WX-0001' }, 'admin')).toEqual(['WX-0001 赵磊']);
      const blank = await api.gql(search, { search: '  ' }, token('official'));
      expect(blank.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'search' });
      const long = await api.gql(search, { search: '王'.repeat(101) }, token('official'));
      expect(long.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'search' });
    });

    it('shows an official only their county and an operator only the villages their station serves', async () => {
      const official = await api.gql(q, {}, token('official'));
      expect(official.data!.households.totalCount).toBe(5);
      const second = await api.gql(q, {}, token('secondOperator'));
      expect(second.data!.households.edges.map((e: { node: { registryNumber: string } }) => e.node.registryNumber)).toEqual(['SX-0001', 'SX-0002', 'SX-0003']);
      const other = await api.gql(q, {}, token('otherOperator'));
      expect(other.data!.households.edges.map((e: { node: { registryNumber: string } }) => e.node.registryNumber)).toEqual(['WX-0001']);
    });

    it('refuses filters outside the caller\'s scope, buyers and anonymous callers', async () => {
      expect((await api.gql(q, { countyId: world.otherCounty.id }, token('official'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(q, { villageId: world.villages.other }, token('official'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(q, { villageId: world.villages.plain }, token('secondOperator'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(q, {}, token('buyer'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(q, {}, undefined)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a bad page size, a foreign cursor and a malformed id with the argument named', async () => {
      const big = await api.gql(q, { first: 101 }, token('admin'));
      expect(big.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
      const zero = await api.gql(q, { first: 0 }, token('admin'));
      expect(zero.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
      const cursor = await api.gql(q, { after: 'bm90LWEtY3Vyc29y' }, token('admin'));
      expect(cursor.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
      const id = await api.gql(q, { villageId: 'x1' }, token('admin'));
      expect(id.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'villageId' });
    });
  });

  describe('creating geography (admins only)', () => {
    const county = `mutation ($input: CreateCountyInput!) { createCounty(input: $input) { id code name nationalPovertyCounty townships { id } } }`;
    const township = `mutation ($input: CreateTownshipInput!) { createTownship(input: $input) { id name county { code } villages { id } } }`;
    const village = `mutation ($input: CreateVillageInput!) { createVillage(input: $input) { id code name povertyStricken township { name } county { code } stations { id } } }`;

    it('creates a county, a township in it and a village in that', async () => {
      const c = await api.gql(county, { input: { code: '130425', name: '大名县 Daming', nationalPovertyCounty: true } }, token('admin'));
      expect(c.errors).toBeUndefined();
      expect(c.data!.createCounty).toMatchObject({ code: '130425', name: '大名县 Daming', nationalPovertyCounty: true, townships: [] });
      const t = await api.gql(township, { input: { countyId: c.data!.createCounty.id, name: '大名镇' } }, token('admin'));
      expect(t.errors).toBeUndefined();
      expect(t.data!.createTownship).toMatchObject({ name: '大名镇', county: { code: '130425' }, villages: [] });
      const v = await api.gql(village, { input: { townshipId: t.data!.createTownship.id, code: '130425100201', name: ' 东关村 ', povertyStricken: true } }, token('admin'));
      expect(v.errors).toBeUndefined();
      expect(v.data!.createVillage).toMatchObject({ code: '130425100201', name: '东关村', povertyStricken: true, township: { name: '大名镇' }, county: { code: '130425' }, stations: [] });
      const { rows } = await api.db.pool.query('SELECT county_id::text FROM villages WHERE code = $1', ['130425100201']);
      expect(rows[0].county_id).toBe(c.data!.createCounty.id);
    });

    it.each([
      ['official', 'FORBIDDEN'],
      ['operator', 'FORBIDDEN'],
      ['buyer', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const)('refuses %s: %s, and changes nothing', async (who, code) => {
      const before = await counts(api);
      expect((await api.gql(county, { input: { code: '130481', name: "Wu'an", nationalPovertyCounty: false } }, token(who))).errors?.[0].extensions?.code).toBe(code);
      expect((await api.gql(township, { input: { countyId: world.county.id, name: '新镇' } }, token(who))).errors?.[0].extensions?.code).toBe(code);
      expect((await api.gql(village, { input: { townshipId: world.township.id, code: '130426100299', name: '新村', povertyStricken: false } }, token(who))).errors?.[0].extensions?.code).toBe(code);
      expect(await counts(api)).toEqual(before);
    });

    it.each([
      [county, { code: '130426', name: 'She again', nationalPovertyCounty: false }, 'CONFLICT', 'input.code'],
      [county, { code: '13042', name: 'Short code', nationalPovertyCounty: false }, 'BAD_USER_INPUT', 'input.code'],
      [county, { code: '130499', name: '  ', nationalPovertyCounty: false }, 'BAD_USER_INPUT', 'input.name'],
      [township, { countyId: '999999', name: '无镇' }, 'NOT_FOUND', 'input.countyId'],
      [township, { countyId: 'abc', name: '无镇' }, 'BAD_USER_INPUT', 'input.countyId'],
      [township, { countyId: 'WORLD_COUNTY', name: '偏城镇' }, 'CONFLICT', 'input.name'],
      [village, { townshipId: '999999', code: '130426100298', name: '无村', povertyStricken: false }, 'NOT_FOUND', 'input.townshipId'],
      [village, { townshipId: 'WORLD_TOWNSHIP', code: '130426100201', name: '重复村', povertyStricken: false }, 'CONFLICT', 'input.code'],
      [village, { townshipId: 'WORLD_TOWNSHIP', code: '1304 26', name: '空格村', povertyStricken: false }, 'BAD_USER_INPUT', 'input.code'],
    ])('refuses bad input %#: %s %j -> %s at %s, changing nothing', async (mutation, input, code, field) => {
      const resolved = JSON.parse(JSON.stringify(input).replace('WORLD_COUNTY', world.county.id).replace('WORLD_TOWNSHIP', world.township.id));
      const before = await counts(api);
      const r = await api.gql(mutation, { input: resolved }, token('admin'));
      expect(r.errors?.[0].extensions).toEqual({ code, field });
      expect(await counts(api)).toEqual(before);
    });
  });
});
