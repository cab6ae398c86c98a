import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, createWorld, startTestApi, TEST_PASSWORD, TestApi, TestDatabase, World } from '@app/testing';

/*
 * What one client may cost the server: body size, query depth, cost, aliases and tokens, page sizes,
 * batches, and the rate limits on sign-in and registration. Each refusal carries the contract's code
 * (never a 500) and the server goes on serving.
 */

interface Reply {
  status: number;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } & Array<any>;
  headers: Headers;
}

/** POSTs a raw body to /graphql. */
async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { unparsable: text };
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

const gql = (url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  post(url, JSON.stringify({ query, variables }), headers);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const from = (address: string) => ({ 'x-forwarded-for': address });

const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { user { email } } }`;
const REGISTER = `mutation ($input: RegisterBuyerInput!) { registerBuyer(input: $input) { user { email } } }`;

const codes = (r: Reply) => (r.body.errors ?? []).map((e) => e.extensions?.code);

/** `aliases` pages of 100 listings with most of their fields (the cost limit multiplies by `first`). */
function listingPages(aliases: number): string {
  const node = `id title description category unit priceFen status allocationPolicy available povertyAlleviation createdAt
    station { id name dailyCapacity commissionBps active village { id code name } county { id code name } }
    originVillage { id code name povertyStricken township { id name } county { id name } }`;
  return `{ ${Array.from({ length: aliases }, (_, i) => `p${i}: listings(first: 100) { edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor } }`).join(' ')} }`;
}

/**
 * `{ village(id) { stations { village { stations ... { id } } } } }`, `depth` fields deep (`id` the last):
 * small lists, so only the depth limit refuses it (a deep chain of big lists is over the cost limit first).
 */
function deepQuery(villageId: string, depth: number): string {
  const fields = [`village(id: "${villageId}")`];
  while (fields.length < depth - 1) fields.push(fields.length % 2 === 1 ? 'stations' : 'village');
  return `{ ${fields.join(' { ')} { id }${' }'.repeat(fields.length - 1)} }`;
}

describe('limits on what one request may cost', () => {
  let api: TestApi;
  let world: World;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('refuses a body over 16 MB with 413 BAD_USER_INPUT (field "body"), and serves the next request', async () => {
    const body = JSON.stringify({ query: '{ counties { id } }', variables: { pad: 'x'.repeat(16 * 1024 * 1024 + 10) } });
    const r = await post(api.url, body);
    expect(r.status).toBe(413);
    expect(r.body.errors).toEqual([{ message: 'The request body is larger than the 16mb allowed', extensions: { code: 'BAD_USER_INPUT', field: 'body' } }]);
    const next = await gql(api.url, '{ counties { code } }');
    expect(next.body.data!.counties).toHaveLength(2);
  });

  it('takes a body just under the limit (a county office CSV is that big)', async () => {
    const r = await post(api.url, JSON.stringify({ query: '{ counties { code } }', variables: { pad: 'x'.repeat(15 * 1024 * 1024) } }));
    expect(r.status).toBe(200);
    expect(r.body.data!.counties).toHaveLength(2);
  });

  it.each([
    ['truncated JSON', '{"query": '],
    ['a bare number', '42'],
    ['a bare string', '"{ counties { id } }"'],
    ['JSON with a trailing comma', '{"query": "{ counties { id } }",}'],
    ['single quotes', "{'query': '{ counties { id } }'}"],
  ])('refuses %s with 400 BAD_USER_INPUT (field "body"), no stack and no internals', async (_what, body) => {
    const r = await post(api.url, body);
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT', field: 'body' } }]);
  });

  it.each([
    ['null', 'null'],
    ['an empty object', '{}'],
    ['an empty batch', '[]'],
    ['variables as a string', '{"query": "{ counties { id } }", "variables": "x"}'],
    ['a query that is not a string', '{"query": 42}'],
  ])('refuses %s with BAD_USER_INPUT', async (_what, body) => {
    const r = await post(api.url, body);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers a query 12 fields deep and refuses one 13 deep (BAD_USER_INPUT)', async () => {
    const ok = await gql(api.url, deepQuery(world.villages.poor, 12));
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.village.stations).toHaveLength(2);
    const deep = await gql(api.url, deepQuery(world.villages.poor, 13));
    expect(deep.body.data).toBeUndefined();
    expect(deep.body.errors).toEqual([{ message: 'Syntax Error: Query depth limit of 12 exceeded, found 13.', extensions: { code: 'BAD_USER_INPUT' } }]);
  });

  it('refuses a query whose cost is over the limit though no other limit is passed (BAD_USER_INPUT)', async () => {
    const r = await gql(api.url, listingPages(20));
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.body.errors![0].message).toMatch(/^The query would cost about \d+ and the limit is 50000/);
    const one = await gql(api.url, listingPages(1));
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data!.p0.edges).toEqual([]);
  });

  it('refuses more than 20 aliases and more than 4,000 tokens (BAD_USER_INPUT)', async () => {
    const aliases = await gql(api.url, `{ ${Array.from({ length: 21 }, (_, i) => `c${i}: counties { id }`).join(' ')} }`);
    expect(aliases.body.errors).toEqual([{ message: 'Syntax Error: Aliases limit of 20 exceeded, found 21.', extensions: { code: 'BAD_USER_INPUT' } }]);
    const tokens = await gql(api.url, `{ counties { ${'id '.repeat(4001)}} }`);
    expect(tokens.body.errors).toEqual([{ message: 'Syntax Error: Token limit of 4000 exceeded.', extensions: { code: 'BAD_USER_INPUT' } }]);
  });

  describe('`first` is 1 to 100 on every connection', () => {
    const connections: Array<[string, (first: number) => string, () => string]> = [
      ['listings', (n) => `{ listings(first: ${n}) { edges { cursor } } }`, () => ''],
      ['households', (n) => `{ households(first: ${n}) { edges { cursor } } }`, () => world.users.admin.token],
      ['myOrders', (n) => `{ myOrders(first: ${n}) { edges { cursor } } }`, () => world.users.buyer.token],
      ['stationFulfillments', (n) => `{ stationFulfillments(stationId: "${world.stations.main}", first: ${n}) { edges { cursor } } }`, () => world.users.operator.token],
      ['payouts', (n) => `{ payouts(first: ${n}) { edges { cursor } } }`, () => world.users.admin.token],
      ['impactByVillage', (n) => `{ impactByVillage(first: ${n}) { edges { cursor } } }`, () => world.users.admin.token],
    ];

    it.each(connections)('%s: 100 answers; 101, 0, -1 and 2^31 are BAD_USER_INPUT at "first"; a million is over the cost limit', async (name, query, token) => {
      const headers = token() ? bearer(token()) : {};
      const ok = await gql(api.url, query(100), {}, headers);
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data![name].edges).toEqual(expect.any(Array));
      for (const n of [101, 0, -1]) {
        const r = await gql(api.url, query(n), {}, headers);
        expect(r.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'first' }]);
      }
      // As a variable beyond GraphQL's Int: refused when the variables are coerced, before anything runs.
      const asVariable = query(100).replace('{', 'query ($n: Int) {').replace('first: 100', 'first: $n');
      const huge = await gql(api.url, asVariable, { n: 2 ** 31 }, headers);
      expect(huge.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'first' }]);
      const tooMany = await gql(api.url, asVariable, { n: 101 }, headers);
      expect(tooMany.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'first' }]);
      // The cost limit multiplies by `first` (a literal or a variable) before anything runs.
      const million = await gql(api.url, query(1_000_000), {}, headers);
      expect(million.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT' }]);
      expect(million.body.errors![0].message).toMatch(/^The query would cost about \d+ and the limit is/);
    });
  });

  it('answers a batch of 5 operations and refuses one of 6 (400 BAD_USER_INPUT, field "body", none run)', async () => {
    const op = { query: '{ counties { code } }' };
    const five = await post(api.url, JSON.stringify(Array(5).fill(op)));
    expect(five.status).toBe(200);
    expect(five.body).toHaveLength(5);
    for (const one of five.body) expect(one.data.counties).toHaveLength(2);
    const before = (await api.db.pool.query('SELECT count(*)::int AS n FROM counties')).rows[0].n;
    const create = { query: 'mutation { createCounty(input: { code: "130999", name: "批量县", nationalPovertyCounty: false }) { id } }' };
    const six = await post(api.url, JSON.stringify(Array(6).fill(create)), bearer(world.users.admin.token));
    expect(six.status).toBe(400);
    expect(six.body.errors).toEqual([{ message: 'a batch may carry at most 5 operations', extensions: { code: 'BAD_USER_INPUT', field: 'body' } }]);
    expect((await api.db.pool.query('SELECT count(*)::int AS n FROM counties')).rows[0].n).toBe(before);
  });

  it('gives every response a request id and no X-Powered-By', async () => {
    const r = await gql(api.url, '{ counties { id } }');
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('x-powered-by')).toBeNull();
    const mine = await gql(api.url, '{ counties { id } }', {}, { 'x-request-id': 'trace-42' });
    expect(mine.headers.get('x-request-id')).toBe('trace-42');
    const hostile = await gql(api.url, '{ counties { id } }', {}, { 'x-request-id': 'a b <script>' });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('rate limits on login and registerBuyer (3 a minute per email and per client address)', () => {
  let api: TestApi;
  let world: World;

  beforeAll(async () => {
    // Behind a proxy on the loopback: X-Forwarded-For names the client, so one test plays many clients.
    api = await startTestApi({ rateLimitLoginPerMinute: 3, trustProxy: 'loopback' });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('refuses the 4th failed sign-in for an email, from whatever address, with RATE_LIMITED saying when to retry', async () => {
    const email = world.users.otherBuyer.email;
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      expect(codes(await gql(api.url, LOGIN, { email, password: 'wrong-password' }, from(address)))).toEqual(['UNAUTHENTICATED']);
    }
    const limited = await gql(api.url, LOGIN, { email: ` ${email.toUpperCase()} `, password: 'wrong-password' }, from('10.0.0.4'));
    expect(limited.body.data).toBeNull();
    expect(limited.body.errors).toHaveLength(1);
    const [error] = limited.body.errors!;
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    const seconds = error.extensions!.retryAfterSeconds as number;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(error.message).toBe(`Too many sign-in attempts: try again in ${seconds} second${seconds === 1 ? '' : 's'}`);
    // The right password does not open the email's lock within the minute either.
    expect(codes(await gql(api.url, LOGIN, { email, password: TEST_PASSWORD }, from('10.0.0.5')))).toEqual(['RATE_LIMITED']);
  });

  it('refuses the 4th failed sign-in from an address, whatever the emails', async () => {
    for (const email of ['a1@x.cn', 'a2@x.cn', 'a3@x.cn']) {
      expect(codes(await gql(api.url, LOGIN, { email, password: 'wrong-password' }, from('10.0.1.1')))).toEqual(['UNAUTHENTICATED']);
    }
    expect(codes(await gql(api.url, LOGIN, { email: world.users.official.email, password: TEST_PASSWORD }, from('10.0.1.1')))).toEqual(['RATE_LIMITED']);
    // Another address signs in to the same account as usual.
    const other = await gql(api.url, LOGIN, { email: world.users.official.email, password: TEST_PASSWORD }, from('10.0.1.2'));
    expect(other.body.data!.login.user.email).toBe(world.users.official.email);
  });

  it("forgets an email's failures when it signs in", async () => {
    const email = world.users.operator.email;
    for (let round = 0; round < 3; round++) {
      const address = from(`10.0.2.${round}`);
      for (let i = 0; i < 2; i++) expect(codes(await gql(api.url, LOGIN, { email, password: 'wrong-password' }, address))).toEqual(['UNAUTHENTICATED']);
      const ok = await gql(api.url, LOGIN, { email, password: TEST_PASSWORD }, address);
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data!.login.user.email).toBe(email);
    }
  });

  it("counts only an address's failures: its successful sign-ins cost nothing", async () => {
    const address = from('10.0.2.9');
    const fail = async () => codes(await gql(api.url, LOGIN, { email: 'nobody@x.cn', password: 'wrong-password' }, address));
    expect([await fail(), await fail()]).toEqual([['UNAUTHENTICATED'], ['UNAUTHENTICATED']]);
    for (const user of [world.users.secondOperator, world.users.otherOperator, world.users.otherOfficial, world.users.admin, world.users.buyer]) {
      expect((await gql(api.url, LOGIN, { email: user.email, password: TEST_PASSWORD }, address)).body.data!.login.user.email).toBe(user.email);
    }
    expect([await fail(), await fail()]).toEqual([['UNAUTHENTICATED'], ['RATE_LIMITED']]);
  });

  it('counts each operation of a batch', async () => {
    const op = { query: LOGIN, variables: { email: 'batch@x.cn', password: 'wrong-password' } };
    const r = await post(api.url, JSON.stringify(Array(5).fill(op)), from('10.0.3.1'));
    expect(r.body.map((one: Reply['body']) => one.errors![0].extensions!.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('refuses the 4th registration from an address, and the refused one creates no account', async () => {
    const register = (email: string) => gql(api.url, REGISTER, { input: { email, password: 'long-enough-password', displayName: '新买家' } }, from('10.0.4.1'));
    for (const n of [1, 2, 3]) expect((await register(`reg${n}@x.cn`)).body.data!.registerBuyer.user.email).toBe(`reg${n}@x.cn`);
    const users = async () => (await api.db.pool.query('SELECT count(*)::int AS n FROM users')).rows[0].n;
    const before = await users();
    const limited = await register('reg4@x.cn');
    expect(limited.body.errors!.map((e) => e.extensions!.code)).toEqual(['RATE_LIMITED']);
    expect(limited.body.errors![0].message).toMatch(/^Too many registrations: try again in \d+ seconds?$/);
    expect(await users()).toBe(before);
    expect((await api.db.pool.query(`SELECT 1 FROM users WHERE email = 'reg4@x.cn'`)).rowCount).toBe(0);
  });

  it('refuses the 4th registration attempt for one email from several addresses (probing who has an account)', async () => {
    const attempt = (address: string) =>
      gql(api.url, REGISTER, { input: { email: world.users.buyer.email, password: 'long-enough-password', displayName: 'x' } }, from(address));
    for (const a of ['10.0.5.1', '10.0.5.2', '10.0.5.3']) expect(codes(await attempt(a))).toEqual(['CONFLICT']);
    expect(codes(await attempt('10.0.5.4'))).toEqual(['RATE_LIMITED']);
  });
});

describe('whose address counts', () => {
  it('does not believe X-Forwarded-For unless TRUST_PROXY says so: a client cannot pick a fresh address per try', async () => {
    const api = await startTestApi({ rateLimitLoginPerMinute: 3 });
    try {
      expect(api.config.trustProxy).toBe(false);
      const tries = [];
      for (const n of [1, 2, 3, 4]) tries.push(codes(await gql(api.url, LOGIN, { email: `spoof${n}@x.cn`, password: 'wrong-password' }, from(`203.0.113.${n}`))));
      expect(tries).toEqual([['UNAUTHENTICATED'], ['UNAUTHENTICATED'], ['UNAUTHENTICATED'], ['RATE_LIMITED']]);
    } finally {
      await api.close();
    }
  });

  it('turns the limit off with RATE_LIMIT_LOGIN_PER_MINUTE=0', async () => {
    const api = await startTestApi({ rateLimitLoginPerMinute: 0 });
    try {
      for (let i = 0; i < 6; i++) expect(codes(await gql(api.url, LOGIN, { email: 'off@x.cn', password: 'wrong-password' }))).toEqual(['UNAUTHENTICATED']);
    } finally {
      await api.close();
    }
  });
});

describe('where the counters live', () => {
  let db: TestDatabase;
  afterAll(async () => {
    await db?.drop();
  });

  it('shares them through Redis between API processes', async () => {
    db = await createTestDatabase();
    const prefix = `test-shared-${Date.now().toString(36)}`;
    const one = await startTestApi({ rateLimitLoginPerMinute: 3, queuePrefix: prefix }, db);
    const two = await startTestApi({ rateLimitLoginPerMinute: 3, queuePrefix: prefix }, db);
    try {
      const tries = [];
      for (const api of [one, two, one, two]) tries.push(codes(await gql(api.url, LOGIN, { email: 'shared@x.cn', password: 'wrong-password' })));
      expect(tries).toEqual([['UNAUTHENTICATED'], ['UNAUTHENTICATED'], ['UNAUTHENTICATED'], ['RATE_LIMITED']]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('keeps them in memory without Redis (BullMQ on PostgreSQL)', async () => {
    const api = await startTestApi({ rateLimitLoginPerMinute: 2, redisUrl: undefined });
    try {
      expect(api.config.redisUrl).toBeUndefined();
      const tries = [];
      for (let i = 0; i < 3; i++) tries.push(codes(await gql(api.url, LOGIN, { email: 'memory@x.cn', password: 'wrong-password' })));
      expect(tries).toEqual([['UNAUTHENTICATED'], ['UNAUTHENTICATED'], ['RATE_LIMITED']]);
    } finally {
      await api.close();
    }
  });
});
