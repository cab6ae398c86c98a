import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';

const PAGE = `query ($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {
  listings(filter: $filter, sort: $sort, first: $first, after: $after) {
    edges { cursor node { title } } pageInfo { hasNextPage endCursor } } }`;

interface Seed {
  title: string;
  description?: string;
  category: string;
  priceFen: number;
  village: 'poor' | 'plain' | 'other';
  station: 'main' | 'second' | 'other';
  status?: string;
  /** seconds after 2026-01-01 */
  at: number;
  lots: Array<[keyof World['households'], number]>;
}

describe('catalog: browsing listings (filters, sorts, keyset pagination, limits, query count)', () => {
  let api: TestApi;
  let w: World;

  async function insert(s: Seed): Promise<string> {
    const countyOf = { poor: w.county.id, plain: w.county.id, other: w.otherCounty.id };
    const { rows } = await api.db.pool.query(
      `INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, '斤', $7, $8, timestamptz '2026-01-01T00:00:00+08:00' + $9 * interval '1 second') RETURNING id`,
      [w.stations[s.station], w.villages[s.village], countyOf[s.village], s.title, s.description ?? '', s.category, s.priceFen, s.status ?? 'ACTIVE', s.at],
    );
    const id = String(rows[0].id);
    for (const [household, quantity] of s.lots) {
      await api.db.pool.query(`INSERT INTO supply_lots (listing_id, household_id, quantity, remaining) VALUES ($1, $2, $3, $3)`, [id, w.households[household], quantity]);
    }
    return id;
  }

  const titles = async (variables: Record<string, unknown>, token?: string) => {
    const r = await api.gql(PAGE, { first: 100, ...variables }, token);
    expect(r.errors).toBeUndefined();
    return r.data!.listings.edges.map((e: { node: { title: string } }) => e.node.title);
  };

  beforeAll(async () => {
    api = await startTestApi();
    w = await createWorld(api.db.pool, api.config);
    await insert({ title: 'L1 涉县核桃 walnuts', description: '薄皮核桃', category: '坚果', priceFen: 2800, village: 'poor', station: 'main', at: 1, lots: [['poorA', 10]] });
    await insert({ title: 'L2 大红袍花椒 Sichuan pepper', description: '麻香 100%纯', category: '调味品', priceFen: 6800, village: 'plain', station: 'main', at: 2, lots: [['plain', 5]] });
    await insert({ title: 'L3 小米 millet', description: '太行山小米 1000克', category: '谷物', priceFen: 1200, village: 'plain', station: 'main', at: 3, lots: [['exited', 8]] });
    await insert({ title: 'L4 魏县鸭梨 Wei County pears', description: '酥脆多汁', category: '水果', priceFen: 500, village: 'other', station: 'other', at: 4, lots: [['other', 20]] });
    await insert({ title: 'L5 核桃仁 walnut kernels', description: 'half_price 特价', category: '坚果', priceFen: 4500, village: 'poor', station: 'second', at: 5, lots: [['poorB', 3]] });
    await insert({ title: 'L6 draft 核桃', category: '坚果', priceFen: 100, village: 'poor', station: 'main', status: 'DRAFT', at: 6, lots: [['poorA', 1]] });
    await insert({ title: 'L7 花椒芽', category: '蔬菜', priceFen: 2800, village: 'plain', station: 'main', at: 7, lots: [['plain', 2]] });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('sorts', () => {
    it('NEWEST by default, then PRICE_ASC and PRICE_DESC with id breaking ties', async () => {
      expect(await titles({})).toEqual(['L7 花椒芽', 'L5 核桃仁 walnut kernels', 'L4 魏县鸭梨 Wei County pears', 'L3 小米 millet', 'L2 大红袍花椒 Sichuan pepper', 'L1 涉县核桃 walnuts']);
      expect((await titles({ sort: 'PRICE_ASC' })).map((t: string) => t.slice(0, 2))).toEqual(['L4', 'L3', 'L1', 'L7', 'L5', 'L2']);
      expect((await titles({ sort: 'PRICE_DESC' })).map((t: string) => t.slice(0, 2))).toEqual(['L2', 'L5', 'L7', 'L1', 'L3', 'L4']);
    });
  });

  describe('filters', () => {
    const codes = async (filter: Record<string, unknown>, sort = 'NEWEST', token?: string) => (await titles({ filter, sort }, token)).map((t: string) => t.slice(0, 2));

    it('searches title and description, in Chinese and case-insensitively', async () => {
      expect(await codes({ search: '核桃' })).toEqual(['L5', 'L1']);
      expect(await codes({ search: 'WALNUT' })).toEqual(['L5', 'L1']);
      expect(await codes({ search: '酥脆' })).toEqual(['L4']);
      expect(await codes({ search: '米' })).toEqual(['L3']);
      expect(await codes({ search: '  ' })).toHaveLength(6);
    });

    it('takes % and _ in a search literally', async () => {
      expect(await codes({ search: '100%' })).toEqual(['L2']);
      expect(await codes({ search: '_' })).toEqual(['L5']);
      expect(await codes({ search: '\\' })).toEqual([]);
    });

    it('filters by category, county, village, station, poverty alleviation and price range', async () => {
      expect(await codes({ category: '坚果' })).toEqual(['L5', 'L1']);
      expect(await codes({ countyId: w.county.id })).toEqual(['L7', 'L5', 'L3', 'L2', 'L1']);
      expect(await codes({ countyId: w.otherCounty.id })).toEqual(['L4']);
      expect(await codes({ villageId: w.villages.poor })).toEqual(['L5', 'L1']);
      expect(await codes({ stationId: w.stations.second })).toEqual(['L5']);
      expect(await codes({ povertyAlleviationOnly: true })).toEqual(['L5', 'L4', 'L1']);
      expect(await codes({ povertyAlleviationOnly: false })).toHaveLength(6);
      expect(await codes({ minPriceFen: 1200, maxPriceFen: 2800 })).toEqual(['L7', 'L3', 'L1']);
      expect(await codes({ minPriceFen: 4500 })).toEqual(['L5', 'L2']);
      expect(await codes({ countyId: w.county.id }, 'PRICE_ASC')).toEqual(['L3', 'L1', 'L7', 'L5', 'L2']);
      expect(await codes({ countyId: w.county.id, category: '坚果', povertyAlleviationOnly: true, search: 'walnut' }, 'PRICE_DESC')).toEqual(['L5', 'L1']);
    });

    it('filters by status only within what the caller may see', async () => {
      expect(await codes({ status: 'DRAFT' })).toEqual([]);
      expect(await codes({ status: 'DRAFT' }, 'NEWEST', w.users.operator.token)).toEqual(['L6']);
      expect(await codes({ status: 'DRAFT' }, 'NEWEST', w.users.secondOperator.token)).toEqual([]);
      expect(await codes({ status: 'DRAFT' }, 'NEWEST', w.users.official.token)).toEqual(['L6']);
      expect(await codes({ status: 'DRAFT' }, 'NEWEST', w.users.otherOfficial.token)).toEqual([]);
      expect(await codes({}, 'NEWEST', w.users.admin.token)).toEqual(['L7', 'L6', 'L5', 'L4', 'L3', 'L2', 'L1']);
      expect(await codes({ search: '核桃' }, 'NEWEST', w.users.operator.token)).toEqual(['L6', 'L5', 'L1']);
    });

    it('counts what the filter matches, not the page', async () => {
      const r = await api.gql(`{ listings(first: 1, filter: { countyId: "${w.county.id}" }) { totalCount edges { node { title } } pageInfo { hasNextPage } } }`);
      expect(r.data!.listings).toEqual({ totalCount: 5, edges: [{ node: { title: 'L7 花椒芽' } }], pageInfo: { hasNextPage: true } });
      const operator = await api.gql(`{ listings(first: 2) { totalCount } }`, {}, w.users.operator.token);
      expect(operator.data!.listings.totalCount).toBe(7);
    });

    it('refuses malformed filter ids and negative prices with the field', async () => {
      const r = await api.gql(PAGE, { filter: { countyId: 'she' } });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.countyId' });
      const p = await api.gql(PAGE, { filter: { minPriceFen: -1 } });
      expect(p.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minPriceFen' });
    });
  });

  describe('limits', () => {
    it('takes first from 1 to 100, else BAD_USER_INPUT on first', async () => {
      for (const first of [0, 101, -1]) {
        const r = await api.gql(PAGE, { first });
        expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      }
      expect((await api.gql(PAGE, { first: 100 })).errors).toBeUndefined();
    });

    it('lets the deepest legitimate queries through', async () => {
      // every field of the contract reachable from a listing, on a default page (armor multiplies a literal `first` into the cost)
      const operator = await api.gql(
        `{ listings(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title description category unit priceFen status allocationPolicy available povertyAlleviation createdAt
            station { id name dailyCapacity commissionBps active village { id name township { id name county { id name } } } county { id name } }
            originVillage { id code name povertyStricken township { id name county { id name nationalPovertyCounty } } county { id code name } }
            supply { id quantity remaining household { id registryNumber headName members povertyStatus povertyCategory payoutAccountMasked village { id name township { name county { name } } } } } } } } }`,
        {},
        w.users.operator.token,
      );
      expect(operator.errors).toBeUndefined();
      expect(operator.data!.listings.edges).toHaveLength(7); // with its station's draft
      // an operator's management page of 100 listings with their supply
      const manage = await api.gql(
        `{ listings(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title priceFen status available povertyAlleviation createdAt
            station { id name } originVillage { id name county { id name } } supply { id quantity remaining household { id headName povertyStatus village { id name } } } } } } }`,
        {},
        w.users.operator.token,
      );
      expect(manage.errors).toBeUndefined();
      const introspection = await api.gql(`{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } } } } }`);
      expect(introspection.errors).toBeUndefined();
    });

    it('refuses a query nested too deep or costing too much, as BAD_USER_INPUT', async () => {
      const deep = await api.gql(`{ listings { edges { node { originVillage { township { villages { township { villages { township { villages { township { villages { name } } } } } } } } } } } } }`);
      expect(deep.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(deep.data ?? null).toBeNull();
      const wide = `station { village { township { county { townships { villages { name code povertyStricken } } } } } }`;
      const page = `listings(first: 100) { edges { node { ${wide} originVillage { name code township { name county { name code } } } } } }`;
      const costly = await api.gql(`{ ${Array.from({ length: 10 }, (_, i) => `p${i}: ${page}`).join(' ')} }`);
      expect(costly.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(costly.errors?.[0].message).toMatch(/cost/i);
      const aliases = await api.gql(`{ ${Array.from({ length: 25 }, (_, i) => `a${i}: listings { totalCount }`).join(' ')} }`);
      expect(aliases.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('keyset pagination', () => {
    const page = async (sort: string, first: number, after?: string) => {
      const r = await api.gql(PAGE, { filter: { category: 'page' }, sort, first, after });
      expect(r.errors).toBeUndefined();
      const c = r.data!.listings;
      return { titles: c.edges.map((e: { node: { title: string } }) => e.node.title), hasNext: c.pageInfo.hasNextPage, end: c.pageInfo.endCursor as string };
    };
    const pageSeed = (title: string, priceFen: number, at: number): Seed => ({ title, category: 'page', priceFen, village: 'plain', station: 'main', at, lots: [['plain', 1]] });

    it('neither repeats nor skips a listing when others are added between pages (NEWEST)', async () => {
      for (let i = 1; i <= 5; i++) await insert(pageSeed(`N${i}`, 100 * i, 100 + i));
      // two listings created in the same instant: the id orders them
      await insert(pageSeed('N6a', 50, 110));
      await insert(pageSeed('N6b', 50, 110));
      const p1 = await page('NEWEST', 3);
      expect(p1).toMatchObject({ titles: ['N6b', 'N6a', 'N5'], hasNext: true });
      await insert(pageSeed('N-newer', 1, 200)); // newer than the cursor: belongs before page 1
      await insert(pageSeed('N-older', 1, 50)); // older than everything: shows up at the end
      const p2 = await page('NEWEST', 3, p1.end);
      expect(p2).toMatchObject({ titles: ['N4', 'N3', 'N2'], hasNext: true });
      const p3 = await page('NEWEST', 3, p2.end);
      expect(p3).toMatchObject({ titles: ['N1', 'N-older'], hasNext: false });
    });

    it('does the same by price, both ways', async () => {
      // prices now in category 'page': N-newer 1, N-older 1, N6a 50, N6b 50, N1 100 .. N5 500
      const a1 = await page('PRICE_ASC', 3);
      expect(a1.titles).toEqual(['N-newer', 'N-older', 'N6a']);
      await insert(pageSeed('P-cheap', 2, 300)); // before the cursor
      await insert(pageSeed('P-dear', 450, 301)); // after it
      const a2 = await page('PRICE_ASC', 3, a1.end);
      expect(a2.titles).toEqual(['N6b', 'N1', 'N2']);
      const a3 = await page('PRICE_ASC', 10, a2.end);
      expect(a3).toMatchObject({ titles: ['N3', 'N4', 'P-dear', 'N5'], hasNext: false });

      const d1 = await page('PRICE_DESC', 2);
      expect(d1.titles).toEqual(['N5', 'P-dear']);
      const d2 = await page('PRICE_DESC', 4, d1.end);
      expect(d2).toMatchObject({ titles: ['N4', 'N3', 'N2', 'N1'], hasNext: true });
      const d3 = await page('PRICE_DESC', 10, d2.end);
      expect(d3).toMatchObject({ titles: ['N6b', 'N6a', 'P-cheap', 'N-older', 'N-newer'], hasNext: false });
    });

    it('refuses a cursor of another sort or a forged one on after', async () => {
      const p = await page('NEWEST', 1);
      const other = await api.gql(PAGE, { sort: 'PRICE_ASC', after: p.end });
      expect(other.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      for (const forged of ['nonsense', Buffer.from(JSON.stringify(['NEWEST', 'yesterday', '1'])).toString('base64url'), Buffer.from(JSON.stringify(['PRICE_ASC', 5, '1 OR 1=1'])).toString('base64url')]) {
        const r = await api.gql(PAGE, { sort: forged.length > 20 && forged.startsWith('WyJQ') ? 'PRICE_ASC' : 'NEWEST', after: forged });
        expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      }
    });
  });

  describe('query count', () => {
    let statements = 0;
    const original = Client.prototype.query;
    beforeAll(async () => {
      // 100 listings in the other county, each with two lots
      const { rows } = await api.db.pool.query(
        `INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status)
         SELECT $1, $2, $3, 'bulk ' || g, '', 'bulk', '斤', 100 + g, 'ACTIVE' FROM generate_series(1, 100) g RETURNING id`,
        [w.stations.other, w.villages.other, w.otherCounty.id],
      );
      const ids = rows.map((r) => String(r.id));
      await api.db.pool.query(`INSERT INTO supply_lots (listing_id, household_id, quantity, remaining) SELECT l, $2, 5, 5 FROM unnest($1::bigint[]) l, generate_series(1, 2)`, [ids, w.households.other]);
      (Client.prototype as unknown as { query: unknown }).query = function (this: Client, ...args: unknown[]) {
        statements++;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
    });
    afterAll(() => {
      Client.prototype.query = original;
    });

    const measure = async (query: string, first: number, token?: string) => {
      statements = 0;
      const r = await api.gql(query, { first }, token);
      const n = statements;
      expect(r.errors).toBeUndefined();
      expect(r.data!.listings.edges).toHaveLength(first);
      return n;
    };

    it('is a small constant whatever the page size', async () => {
      const browse = `query ($first: Int) { listings(first: $first, filter: { category: "bulk" }) { edges { node { id title station { name } originVillage { name county { name } } } } } }`;
      // one: the page joins its stations, villages and counties and primes their request loaders
      expect(await measure(browse, 5)).toBe(1);
      expect(await measure(browse, 100)).toBe(1);
      const counted = browse.replace('{ edges', '{ totalCount edges');
      expect(await measure(counted, 100)).toBe(2);
      const operator = `query ($first: Int) { listings(first: $first, filter: { category: "bulk" }) { edges { node { id station { name } originVillage { name county { name } } supply { remaining household { id povertyStatus village { name } } } } } } }`;
      // + the token's user, the lots, their households (their village is the origin village, already loaded)
      expect(await measure(operator, 5, w.users.otherOperator.token)).toBe(4);
      expect(await measure(operator, 100, w.users.otherOperator.token)).toBe(4);
      // relations the page does not join still cost one query each, whatever the page size
      const deeper = `query ($first: Int) { listings(first: $first, filter: { category: "bulk" }) { edges { node { id station { village { name } county { name } } originVillage { township { name } } } } } }`;
      expect(await measure(deeper, 5)).toBe(2); // + townships
      expect(await measure(deeper, 100)).toBe(2);
    });
  });
});
