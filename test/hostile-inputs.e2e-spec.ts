import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, GqlResult, startTestApi, TestApi, World } from '@app/testing';
import { ADDRESS, createListing, placeOrder } from './orders-fixtures';
import { changedTables, deliverThroughApi, fingerprint, FULFILLMENT_STEPS } from './hostile-fixtures';

/*
 * Hostile input in every text, number and enum argument of the mutations: SQL and script fragments are
 * stored and returned verbatim; megabyte strings, NUL characters, negative, zero, fractional and
 * beyond-2^53 numbers, unknown enum values and wrong types get BAD_USER_INPUT naming the field (never
 * a 500) and change nothing in the database.
 */

/** Each at most 30 characters, the shortest limit of a text field (a listing's unit). */
const FRAGMENTS = [
  `'; DROP TABLE users; --`,
  `x'); DELETE FROM orders;--`,
  `" OR "1"="1" /* */`,
  `<script>alert(1)</script>`,
  `<img src=x onerror=alert(1)>`,
  `{{7*7}} \${7*7} %s %_ $1 $$`,
  `\\'; \\\\ \\x00 \\u0000`,
  `😀涉县‮ ../../etc/passwd`,
];

const MEGABYTE = '涉'.repeat(1024 * 1024);
const CSV_HEADER = 'registry_number,head_name,members,village_code,poverty_status,poverty_category,payout_account,effective_date';
const csvQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;

const codeOf = (r: GqlResult) => r.errors?.map((e) => e.extensions?.code);

describe('hostile input', () => {
  let api: TestApi;
  let world: World;
  let listingId: string;
  let seq = 0;
  const next = () => ++seq;
  const token = () => ({ admin: world.users.admin.token, operator: world.users.operator.token, official: world.users.official.token, buyer: world.users.buyer.token });

  beforeAll(async () => {
    api = await startTestApi({ rateLimitLoginPerMinute: 0 });
    world = await createWorld(api.db.pool, api.config);
    listingId = (
      await createListing(api.db.pool, {
        stationId: world.stations.main,
        originVillageId: world.villages.poor,
        countyId: world.county.id,
        priceFen: 1000,
        lots: [{ householdId: world.households.poorA, quantity: 1000 }],
      })
    ).id;
  });
  afterAll(async () => {
    await api?.close();
  });

  /** One-row SQL answer. */
  const one = async (sql: string, params: unknown[]) => (await api.db.pool.query(sql, params)).rows[0];

  /**
   * Each text input: a call that puts `text` in it, where the answer shows it, and where the database
   * keeps it. `limit`: its longest accepted length (the megabyte string must be refused).
   */
  const TEXT_INPUTS: Array<{
    name: string;
    field: string;
    /** Work before the call that is not the call's (it may change rows): its result goes to `call`. */
    prepare?: () => Promise<string>;
    call: (text: string, prepared?: string) => Promise<GqlResult>;
    returned: (r: GqlResult) => unknown;
    stored: (r: GqlResult, text: string, prepared?: string) => Promise<unknown>;
  }> = [
    {
      name: 'registerBuyer.displayName',
      field: 'input.displayName',
      call: (t) => api.gql(`mutation ($i: RegisterBuyerInput!) { registerBuyer(input: $i) { user { id displayName } } }`, { i: { email: `b${next()}@x.cn`, password: 'long-enough-password', displayName: t } }),
      returned: (r) => (r.data as any).registerBuyer.user.displayName,
      stored: async (r) => (await one('SELECT display_name AS v FROM users WHERE id = $1', [(r.data as any).registerBuyer.user.id])).v,
    },
    {
      name: 'createUser.displayName',
      field: 'input.displayName',
      call: (t) => api.gql(`mutation ($i: CreateUserInput!) { createUser(input: $i) { id displayName } }`, { i: { email: `u${next()}@x.cn`, password: 'long-enough-password', displayName: t, role: 'BUYER' } }, token().admin),
      returned: (r) => (r.data as any).createUser.displayName,
      stored: async (r) => (await one('SELECT display_name AS v FROM users WHERE id = $1', [(r.data as any).createUser.id])).v,
    },
    {
      name: 'createCounty.name',
      field: 'input.name',
      call: (t) => api.gql(`mutation ($i: CreateCountyInput!) { createCounty(input: $i) { id name } }`, { i: { code: String(140000 + next()), name: t, nationalPovertyCounty: false } }, token().admin),
      returned: (r) => (r.data as any).createCounty.name,
      stored: async (r) => (await one('SELECT name AS v FROM counties WHERE id = $1', [(r.data as any).createCounty.id])).v,
    },
    {
      name: 'createTownship.name',
      field: 'input.name',
      call: (t) => api.gql(`mutation ($i: CreateTownshipInput!) { createTownship(input: $i) { id name } }`, { i: { countyId: world.county.id, name: t } }, token().admin),
      returned: (r) => (r.data as any).createTownship.name,
      stored: async (r) => (await one('SELECT name AS v FROM townships WHERE id = $1', [(r.data as any).createTownship.id])).v,
    },
    {
      name: 'createVillage.name',
      field: 'input.name',
      call: (t) =>
        api.gql(`mutation ($i: CreateVillageInput!) { createVillage(input: $i) { id name } }`, { i: { townshipId: world.township.id, code: `V${next()}`, name: t, povertyStricken: false } }, token().admin),
      returned: (r) => (r.data as any).createVillage.name,
      stored: async (r) => (await one('SELECT name AS v FROM villages WHERE id = $1', [(r.data as any).createVillage.id])).v,
    },
    {
      name: 'createStation.name',
      field: 'input.name',
      call: (t) =>
        api.gql(
          `mutation ($i: CreateStationInput!) { createStation(input: $i) { id name } }`,
          { i: { name: t, villageId: world.villages.plain, servedVillageIds: [], dailyCapacity: 5, commissionBps: 100 } },
          token().admin,
        ),
      returned: (r) => (r.data as any).createStation.name,
      stored: async (r) => (await one('SELECT name AS v FROM stations WHERE id = $1', [(r.data as any).createStation.id])).v,
    },
    {
      name: 'updateStation.name',
      field: 'input.name',
      call: (t) => api.gql(`mutation ($id: ID!, $i: UpdateStationInput!) { updateStation(id: $id, input: $i) { id name } }`, { id: world.stations.second, i: { name: t } }, token().official),
      returned: (r) => (r.data as any).updateStation.name,
      stored: async (r) => (await one('SELECT name AS v FROM stations WHERE id = $1', [(r.data as any).updateStation.id])).v,
    },
    {
      name: 'registerHousehold.headName',
      field: 'input.headName',
      call: (t) =>
        api.gql(
          `mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id headName } }`,
          { i: { villageId: world.villages.poor, headName: t, members: 2, payoutAccount: `62284800${String(next()).padStart(8, '0')}` } },
          token().official,
        ),
      returned: (r) => (r.data as any).registerHousehold.headName,
      stored: async (r) => (await one('SELECT head_name AS v FROM households WHERE id = $1', [(r.data as any).registerHousehold.id])).v,
    },
    {
      name: 'importHouseholds.csv (head_name)',
      field: 'csv',
      prepare: async () => `IMP-${next()}`,
      call: (t, registryNumber) =>
        api.gql(
          `mutation ($c: ID!, $csv: String!) { importHouseholds(countyId: $c, csv: $csv) { created updated rejected { line reason } } }`,
          { c: world.county.id, csv: `${CSV_HEADER}\n${registryNumber},${csvQuote(t)},3,130426100201,NOT_REGISTERED,,6228480000000777,2024-01-01\n` },
          token().official,
        ),
      returned: (r) => ((r.data as any).importHouseholds.created === 1 && (r.data as any).importHouseholds.rejected.length === 0 ? 'imported' : JSON.stringify((r.data as any).importHouseholds)),
      stored: async (_r, _t, registryNumber) => (await one('SELECT head_name AS v FROM households WHERE registry_number = $1', [registryNumber])).v,
    },
    ...(['title', 'description', 'category', 'unit'] as const).map((key) => ({
      name: `createListing.${key}`,
      field: `input.${key}`,
      call: (t: string) =>
        api.gql(
          `mutation ($i: CreateListingInput!) { createListing(input: $i) { id title description category unit } }`,
          {
            i: {
              title: '核桃',
              description: 'walnuts',
              category: 'nuts',
              unit: 'kg',
              [key]: t,
              priceFen: 500,
              originVillageId: world.villages.poor,
              supply: [{ householdId: world.households.poorB, quantity: 1 }],
            },
          },
          token().operator,
        ),
      returned: (r: GqlResult) => (r.data as any).createListing[key],
      stored: async (r: GqlResult) => (await one(`SELECT ${key} AS v FROM listings WHERE id = $1`, [(r.data as any).createListing.id])).v,
    })),
    ...(['title', 'description', 'category'] as const).map((key) => ({
      name: `updateListing.${key}`,
      field: `input.${key}`,
      call: (t: string) => api.gql(`mutation ($id: ID!, $i: UpdateListingInput!) { updateListing(id: $id, input: $i) { id ${key} } }`, { id: listingId, i: { [key]: t } }, token().operator),
      returned: (r: GqlResult) => (r.data as any).updateListing[key],
      stored: async (r: GqlResult) => (await one(`SELECT ${key} AS v FROM listings WHERE id = $1`, [(r.data as any).updateListing.id])).v,
    })),
    ...(['recipient', 'province', 'city', 'line1'] as const).map((key) => ({
      name: `placeOrder.shippingAddress.${key}`,
      field: `input.shippingAddress.${key}`,
      call: (t: string) => placeOrder(api, token().buyer, [{ listingId, quantity: 1 }], { shippingAddress: { ...ADDRESS, [key]: t } }),
      returned: (r: GqlResult) => (r.data as any).placeOrder.shippingAddress[key],
      stored: async (r: GqlResult) => (await one(`SELECT shipping_address->>'${key}' AS v FROM orders WHERE id = $1`, [(r.data as any).placeOrder.id])).v,
    })),
    {
      name: 'placeOrder.idempotencyKey',
      field: 'input.idempotencyKey',
      call: (t) => placeOrder(api, token().buyer, [{ listingId, quantity: 1 }], { idempotencyKey: t }),
      returned: (r) => ((r.data as any).placeOrder.id ? 'placed' : 'not placed'),
      stored: async (r, t) => ((await one('SELECT idempotency_key AS v FROM orders WHERE id = $1', [(r.data as any).placeOrder.id])).v === t ? 'placed' : 'key changed'),
    },
    {
      name: 'placeOrder.paymentToken',
      field: 'input.paymentToken',
      call: (t) => placeOrder(api, token().buyer, [{ listingId, quantity: 1 }], { paymentToken: t }),
      returned: (r) => ((r.data as any).placeOrder.id ? 'placed' : 'not placed'),
      stored: async (r) => ((await one('SELECT count(*)::int AS n FROM orders WHERE id = $1', [(r.data as any).placeOrder.id])).n === 1 ? 'placed' : 'missing'),
    },
    ...(['carrier', 'trackingNumber'] as const).map((key) => ({
      name: `markShipped.${key}`,
      field: `input.${key}`,
      prepare: async () => {
        const placed = await placeOrder(api, token().buyer, [{ listingId, quantity: 1 }]);
        const fulfillmentId = (placed.data as any).placeOrder.fulfillments[0].id;
        await api.gql(FULFILLMENT_STEPS.accept, { id: fulfillmentId }, token().operator);
        await api.gql(FULFILLMENT_STEPS.collect, { id: fulfillmentId }, token().operator);
        return fulfillmentId as string;
      },
      call: (t: string, fulfillmentId?: string) => {
        const input = { fulfillmentId, carrier: '顺丰', trackingNumber: 'SF1', [key]: t };
        return api.gql(`mutation ($i: ShipInput!) { markShipped(input: $i) { id carrier trackingNumber } }`, { i: input }, token().operator);
      },
      returned: (r: GqlResult) => (r.data as any).markShipped[key],
      stored: async (r: GqlResult) => (await one(`SELECT ${key === 'carrier' ? 'carrier' : 'tracking_number'} AS v FROM fulfillments WHERE id = $1`, [(r.data as any).markShipped.id])).v,
    })),
  ];

  describe('SQL and script fragments are stored and returned verbatim', () => {
    it.each(TEXT_INPUTS.map((t) => [t.name, t] as const))('%s', async (_name, input) => {
      for (const fragment of FRAGMENTS) {
        const prepared = await input.prepare?.();
        const r = await input.call(fragment, prepared);
        expect([fragment, r.errors]).toEqual([fragment, undefined]);
        const expected = input.name.startsWith('importHouseholds') ? 'imported' : input.name.startsWith('placeOrder.idempotencyKey') || input.name.startsWith('placeOrder.paymentToken') ? 'placed' : fragment;
        expect(input.returned(r)).toBe(expected);
        expect(await input.stored(r, fragment, prepared)).toBe(input.name.startsWith('importHouseholds') ? fragment : expected);
      }
    });

    it('in searches and sign-in: answered as usual, no error', async () => {
      for (const fragment of FRAGMENTS) {
        // The listings created above with the fragment as their category, exactly those.
        const search = await api.gql(`query ($f: ListingFilter) { listings(filter: $f, first: 100) { edges { node { category } } } }`, { f: { category: fragment } });
        expect([fragment, search.errors]).toEqual([fragment, undefined]);
        const categories = (search.data as any).listings.edges.map((e: any) => e.node.category);
        expect(categories).toEqual(categories.length > 0 ? Array(categories.length).fill(fragment) : []);
        const words = await api.gql(`query ($f: ListingFilter) { listings(filter: $f) { totalCount } }`, { f: { search: fragment } });
        expect([fragment, words.errors]).toEqual([fragment, undefined]);
        const login = await api.gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: fragment, p: fragment });
        expect([fragment, codeOf(login)]).toEqual([fragment, ['UNAUTHENTICATED']]);
      }
      // LIKE's wildcards are searched for as text, not as wildcards.
      for (const wildcard of ['%%%', '___', '%_%_%']) {
        const r = await api.gql(`query ($s: String) { listings(filter: { search: $s }) { totalCount } }`, { s: wildcard });
        expect([wildcard, (r.data as any)?.listings.totalCount]).toEqual([wildcard, 0]);
      }
      // The tables the fragments name are all still there.
      expect((await one(`SELECT count(*)::int AS n FROM users`, [])).n).toBeGreaterThan(8);
    });
  });

  /** Runs a call that must be refused with BAD_USER_INPUT at `field` and change nothing. */
  async function expectRefused(call: () => Promise<GqlResult>, field: string | RegExp | undefined, code = 'BAD_USER_INPUT'): Promise<void> {
    const before = await fingerprint(api.db.pool);
    const r = await call();
    expect(r.status).toBeLessThan(500);
    expect(r.errors?.length).toBeGreaterThanOrEqual(1);
    const [error] = r.errors!;
    expect(error.extensions?.code).toBe(code);
    if (field instanceof RegExp) expect(error.extensions?.field).toMatch(field);
    else if (field !== undefined) expect(error.extensions?.field).toBe(field);
    expect(changedTables(before, await fingerprint(api.db.pool))).toEqual([]);
  }

  describe('megabyte strings and NUL characters are refused', () => {
    it.each(TEXT_INPUTS.filter((t) => !t.name.startsWith('importHouseholds')).map((t) => [t.name, t] as const))('%s: 1 MB is BAD_USER_INPUT at its field', async (_name, input) => {
      const prepared = await input.prepare?.();
      await expectRefused(() => input.call(MEGABYTE, prepared), input.field);
    });

    it.each(TEXT_INPUTS.map((t) => [t.name, t] as const))('%s: a NUL character is BAD_USER_INPUT at its field', async (_name, input) => {
      const prepared = await input.prepare?.();
      await expectRefused(() => input.call('nul\u0000here', prepared), input.field);
    });

    it('importHouseholds: a megabyte CSV without a header, and a row with a megabyte name, import nothing', async () => {
      await expectRefused(
        () => api.gql(`mutation ($c: ID!, $csv: String!) { importHouseholds(countyId: $c, csv: $csv) { created } }`, { c: world.county.id, csv: MEGABYTE }, token().official),
        'csv',
      );
      const before = await fingerprint(api.db.pool);
      const r = await api.gql(
        `mutation ($c: ID!, $csv: String!) { importHouseholds(countyId: $c, csv: $csv) { created updated rejected { line reason } } }`,
        { c: world.county.id, csv: `${CSV_HEADER}\nBIG-1,${MEGABYTE},3,130426100201,NOT_REGISTERED,,6228480000000778,2024-01-01\n` },
        token().official,
      );
      if (r.errors) expect(codeOf(r)).toEqual(['BAD_USER_INPUT']);
      else expect((r.data as any).importHouseholds).toMatchObject({ created: 0, updated: 0, rejected: [{ line: 2 }] });
      expect(changedTables(before, await fingerprint(api.db.pool))).toEqual([]);
    });

    it('searches and sign-in with megabyte strings: BAD_USER_INPUT and UNAUTHENTICATED, nothing changed', async () => {
      await expectRefused(() => api.gql(`query ($s: String) { listings(filter: { search: $s }) { totalCount } }`, { s: MEGABYTE }), 'filter.search');
      await expectRefused(() => api.gql(`mutation ($e: String!) { login(email: $e, password: "whatever-it-is") { token } }`, { e: MEGABYTE }), undefined, 'UNAUTHENTICATED');
      await expectRefused(() => api.gql(`mutation ($p: String!) { login(email: "buyer@test.cn", password: $p) { token } }`, { p: MEGABYTE }), undefined, 'UNAUTHENTICATED');
    });
  });

  describe('numbers: negative, zero, fractional and beyond 2^53 in Fen and Int inputs', () => {
    const BEYOND = 2 ** 53 + 2;
    /** [argument, call with the number, is zero accepted] */
    const NUMBERS: Array<[string, (n: number) => Promise<GqlResult>, boolean]> = [
      [
        'input.priceFen',
        (n) =>
          api.gql(
            `mutation ($i: CreateListingInput!) { createListing(input: $i) { id } }`,
            { i: { title: 't', description: '', category: 'c', unit: 'u', priceFen: n, originVillageId: world.villages.poor, supply: [{ householdId: world.households.poorA, quantity: 1 }] } },
            token().operator,
          ),
        false,
      ],
      ['input.priceFen', (n) => api.gql(`mutation ($id: ID!, $i: UpdateListingInput!) { updateListing(id: $id, input: $i) { id } }`, { id: listingId, i: { priceFen: n } }, token().operator), false],
      [
        'input.supply.0.quantity',
        (n) =>
          api.gql(
            `mutation ($i: CreateListingInput!) { createListing(input: $i) { id } }`,
            { i: { title: 't', description: '', category: 'c', unit: 'u', priceFen: 100, originVillageId: world.villages.poor, supply: [{ householdId: world.households.poorA, quantity: n }] } },
            token().operator,
          ),
        false,
      ],
      ['supply.quantity', (n) => api.gql(`mutation ($id: ID!, $s: SupplyLotInput!) { addSupply(listingId: $id, supply: $s) { id } }`, { id: listingId, s: { householdId: world.households.poorB, quantity: n } }, token().operator), false],
      ['input.lines.0.quantity', (n) => placeOrder(api, token().buyer, [{ listingId, quantity: n }]), false],
      [
        'input.members',
        (n) =>
          api.gql(`mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id } }`, { i: { villageId: world.villages.poor, headName: 'n', members: n, payoutAccount: '62284800123' } }, token().official),
        false,
      ],
      [
        'input.dailyCapacity',
        (n) =>
          api.gql(`mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }`, { i: { name: 'n', villageId: world.villages.plain, servedVillageIds: [], dailyCapacity: n, commissionBps: 0 } }, token().admin),
        false,
      ],
      [
        'input.commissionBps',
        (n) =>
          api.gql(`mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }`, { i: { name: 'n', villageId: world.villages.plain, servedVillageIds: [], dailyCapacity: 1, commissionBps: n } }, token().admin),
        true,
      ],
      ['input.dailyCapacity', (n) => api.gql(`mutation ($id: ID!, $i: UpdateStationInput!) { updateStation(id: $id, input: $i) { id } }`, { id: world.stations.second, i: { dailyCapacity: n } }, token().admin), false],
      ['input.commissionBps', (n) => api.gql(`mutation ($id: ID!, $i: UpdateStationInput!) { updateStation(id: $id, input: $i) { id } }`, { id: world.stations.second, i: { commissionBps: n } }, token().admin), true],
      ['filter.minPriceFen', (n) => api.gql(`query ($f: ListingFilter) { listings(filter: $f) { totalCount } }`, { f: { minPriceFen: n } }), true],
      ['filter.maxPriceFen', (n) => api.gql(`query ($f: ListingFilter) { listings(filter: $f) { totalCount } }`, { f: { maxPriceFen: n } }), true],
    ];

    it.each(NUMBERS)('%s: -1, 1.5, 2^53+2 (and 2^31 for Int) are BAD_USER_INPUT there, nothing changed; 0 as the field allows', async (field, call, zeroAllowed) => {
      for (const n of [-1, 1.5, BEYOND, -BEYOND, 1e21]) await expectRefused(() => call(n), field);
      if (!field.endsWith('Fen')) await expectRefused(() => call(2 ** 31), field);
      if (zeroAllowed) {
        const r = await call(0);
        expect(r.errors).toBeUndefined();
      } else {
        await expectRefused(() => call(0), field);
      }
    });

    it('the same numbers written in the query text are refused too (BAD_USER_INPUT)', async () => {
      for (const literal of ['-1', '0', '1.5', '9007199254740994', '"100"', '1e3']) {
        await expectRefused(() => api.gql(`mutation ($id: ID!) { updateListing(id: $id, input: { priceFen: ${literal} }) { id } }`, { id: listingId }, token().operator), 'input.priceFen');
      }
    });
  });

  describe('unknown enum values and wrong types', () => {
    const CASES: Array<[string, string | undefined, () => Promise<GqlResult>]> = [
      ['Role EMPEROR', 'input.role', () => api.gql(`mutation ($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email: 'e@x.cn', password: 'long-enough-password', displayName: 'e', role: 'EMPEROR' } }, token().admin)],
      ['Role in lower case', 'input.role', () => api.gql(`mutation ($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email: 'e@x.cn', password: 'long-enough-password', displayName: 'e', role: 'admin' } }, token().admin)],
      ['ListingStatus DELETED', 'input.status', () => api.gql(`mutation ($id: ID!, $i: UpdateListingInput!) { updateListing(id: $id, input: $i) { id } }`, { id: listingId, i: { status: 'DELETED' } }, token().operator)],
      ['ListingStatus as a literal', undefined, () => api.gql(`mutation ($id: ID!) { updateListing(id: $id, input: { status: DELETED }) { id } }`, { id: listingId }, token().operator)],
      [
        'AllocationPolicy RANDOM',
        'input.allocationPolicy',
        () =>
          api.gql(
            `mutation ($i: CreateListingInput!) { createListing(input: $i) { id } }`,
            { i: { title: 't', description: '', category: 'c', unit: 'u', priceFen: 1, allocationPolicy: 'RANDOM', originVillageId: world.villages.poor, supply: [{ householdId: world.households.poorA, quantity: 1 }] } },
            token().operator,
          ),
      ],
      ['PovertyStatus RICH', 'input.status', () => api.gql(`mutation ($i: SetPovertyStatusInput!) { setPovertyStatus(input: $i) { id } }`, { i: { householdId: world.households.poorA, status: 'RICH' } }, token().official)],
      ['PovertyCategory NONE', 'input.category', () => api.gql(`mutation ($i: SetPovertyStatusInput!) { setPovertyStatus(input: $i) { id } }`, { i: { householdId: world.households.poorA, status: 'REGISTERED_POOR', category: 'NONE' } }, token().official)],
      ['ListingSort CHEAPEST', 'sort', () => api.gql(`query ($s: ListingSort) { listings(sort: $s) { totalCount } }`, { s: 'CHEAPEST' })],
      ['PovertyStatus filter', 'povertyStatus', () => api.gql(`query ($p: PovertyStatus) { households(povertyStatus: $p) { totalCount } }`, { p: 'POOR' }, token().admin)],
      ['PayoutStatus filter', 'status', () => api.gql(`query ($s: PayoutStatus) { payouts(status: $s) { totalCount } }`, { s: 'LOST' }, token().admin)],
      ['FulfillmentStatus filter', 'status', () => api.gql(`query ($s: FulfillmentStatus, $id: ID!) { stationFulfillments(stationId: $id, status: $s) { totalCount } }`, { s: 'LOST', id: world.stations.main }, token().operator)],
      ['Interval YEAR', 'interval', () => api.gql(`query ($i: Interval) { impactSeries(interval: $i) { periodStart } }`, { i: 'YEAR' }, token().admin)],
      ['a string for an Int', 'input.members', () => api.gql(`mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id } }`, { i: { villageId: world.villages.poor, headName: 'n', members: '3', payoutAccount: '62284800123' } }, token().official)],
      ['an object for a String', 'input.headName', () => api.gql(`mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id } }`, { i: { villageId: world.villages.poor, headName: { $ne: 1 }, members: 3, payoutAccount: '62284800123' } }, token().official)],
      ['an array for an input object', 'input', () => api.gql(`mutation ($i: CreateCountyInput!) { createCounty(input: $i) { id } }`, { i: [{ code: '130999', name: 'x', nationalPovertyCounty: true }] }, token().admin)],
      ['null for a required field', 'input.name', () => api.gql(`mutation ($i: CreateCountyInput!) { createCounty(input: $i) { id } }`, { i: { code: '130999', name: null, nationalPovertyCounty: true } }, token().admin)],
      ['an unknown input field', 'input.admin', () => api.gql(`mutation ($i: CreateCountyInput!) { createCounty(input: $i) { id } }`, { i: { code: '130999', name: 'x', nationalPovertyCounty: true, admin: true } }, token().admin)],
      ['a Boolean as a string', 'input.nationalPovertyCounty', () => api.gql(`mutation ($i: CreateCountyInput!) { createCounty(input: $i) { id } }`, { i: { code: '130999', name: 'x', nationalPovertyCounty: 'true' } }, token().admin)],
      ['an ID as an object', 'id', () => api.gql(`mutation ($id: ID!) { cancelOrder(id: $id) { id } }`, { id: { id: 1 } }, token().buyer)],
      ['a DateTime that is no date', 'input.effectiveAt', () => api.gql(`mutation ($i: SetPovertyStatusInput!) { setPovertyStatus(input: $i) { id } }`, { i: { householdId: world.households.poorA, status: 'EXITED', effectiveAt: '2024-13-45' } }, token().official)],
    ];

    it.each(CASES)('%s: BAD_USER_INPUT at its field, nothing changed', async (_what, field, call) => {
      await expectRefused(call, field);
    });
  });

  it('ids that name nothing or are no ids: NOT_FOUND (or null), never a 500', async () => {
    for (const id of ['0', '-1', '1.5', '99999999999999999999999', "1' OR '1'='1", 'abc', '']) {
      const before = await fingerprint(api.db.pool);
      const results = await Promise.all([
        api.gql(`mutation ($id: ID!) { cancelOrder(id: $id) { id } }`, { id }, token().buyer),
        api.gql(`mutation ($id: ID!) { acceptFulfillment(id: $id) { id } }`, { id }, token().operator),
        api.gql(`mutation ($id: ID!) { retryPayout(id: $id) { id } }`, { id }, token().admin),
        api.gql(`mutation ($id: ID!, $i: UpdateListingInput!) { updateListing(id: $id, input: $i) { id } }`, { id, i: { title: 'x' } }, token().operator),
        api.gql(`mutation ($id: ID!, $i: UpdateStationInput!) { updateStation(id: $id, input: $i) { id } }`, { id, i: { name: 'x' } }, token().admin),
        api.gql(`mutation ($i: SetPovertyStatusInput!) { setPovertyStatus(input: $i) { id } }`, { i: { householdId: id, status: 'EXITED' } }, token().admin),
      ]);
      for (const r of results) expect([id, r.status, ['NOT_FOUND', 'BAD_USER_INPUT']]).toEqual([id, 200, expect.arrayContaining([r.errors?.[0].extensions?.code])]);
      const reads = await api.gql(`query ($id: ID!) { listing(id: $id) { id } household(id: $id) { id } station(id: $id) { id } village(id: $id) { id } county(id: $id) { id } }`, { id }, token().admin);
      expect([id, reads.errors]).toEqual([id, undefined]);
      expect(reads.data).toEqual({ listing: null, household: null, station: null, village: null, county: null });
      expect(changedTables(before, await fingerprint(api.db.pool))).toEqual([]);
    }
  });

  it('a delivered order from all that traffic still balances (no half-written rows)', async () => {
    const placed = await placeOrder(api, token().buyer, [{ listingId, quantity: 2 }]);
    await deliverThroughApi(api, world, (placed.data as any).placeOrder.fulfillments[0].id);
    const { rows } = await api.db.pool.query(`SELECT count(*)::int AS n FROM (SELECT entry_id FROM journal_lines GROUP BY entry_id HAVING sum(debit_fen) <> sum(credit_fen)) x`);
    expect(rows[0].n).toBe(0);
  });
});
