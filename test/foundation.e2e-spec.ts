import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { metricsHeaders, startTestApi, TestApi } from '@app/testing';

describe('the API server over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers a GraphQL query', async () => {
    const result = await api.gql('{ __typename }');
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ __typename: 'Query' });
  });

  it('reports the database and the queue on /health', async () => {
    const response = await fetch(`${api.url}/health`, { headers: metricsHeaders });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up', queue: 'up', queueBackend: 'redis' });
    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('answers anonymous `me` with null and a forged token with UNAUTHENTICATED', async () => {
    expect((await api.gql('{ me { id } }')).data).toEqual({ me: null });
    const forged = await api.gql('{ me { id } }', {}, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.');
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('maps a syntax error to BAD_USER_INPUT', async () => {
    const result = await api.gql('{ me { ');
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('observability and request limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves Prometheus metrics with HTTP, GraphQL and queue series', async () => {
    await api.gql('query Probe { __typename }');
    const response = await fetch(`${api.url}/metrics`, { headers: metricsHeaders });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} [1-9]/);
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{operation="__typename",type="query",outcome="ok"\} 1/);
    expect(text).toMatch(/queue_jobs\{queue="payouts",state="waiting"\} 0/);
  });

  it('echoes a request id', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'probe-123' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('probe-123');
  });

  it('takes a batch of a few operations and refuses a larger one', async () => {
    const batch = (n: number) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' }))),
      });
    const small = await batch(3);
    expect(small.status).toBe(200);
    expect(await small.json()).toHaveLength(3);
    const large = await batch(6);
    expect(large.status).toBe(400);
    expect(((await large.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses malformed JSON and an oversized body with a client error, not a 500', async () => {
    const malformed = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    const huge = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(40 * 1024 * 1024) } }),
    });
    expect(huge.status).toBe(413);
  });
});

describe('the public response cache', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ publicCacheSeconds: 60 });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves anonymous reads from the cache for its lifetime, and signed-in callers never from it', async () => {
    const query = '{ counties { code } }';
    expect((await api.gql(query)).data).toEqual({ counties: [] });
    await api.db.pool.query(`INSERT INTO counties (code, name, national_poverty_county) VALUES ('130426', '涉县', true)`);
    expect((await api.gql(query)).data).toEqual({ counties: [] }); // cached for anonymous callers
    const { rows } = await api.db.pool.query(
      `INSERT INTO users (email, password_hash, display_name, role) VALUES ('a@b.cn', 'x', 'a', 'ADMIN') RETURNING id`,
    );
    const { signAccessToken } = await import('@app/auth');
    const token = signAccessToken(api.config.jwtSecret!, String(rows[0].id), 'ADMIN', 600);
    expect((await api.gql(query, {}, token)).data).toEqual({ counties: [{ code: '130426' }] });
  });

  it('serves a signed-in buyer the public reads from the same cache, and nothing else', async () => {
    const { signAccessToken } = await import('@app/auth');
    const { rows } = await api.db.pool.query(
      `INSERT INTO users (email, password_hash, display_name, role) VALUES ('buyer@b.cn', 'x', '买家', 'BUYER') RETURNING id`,
    );
    const buyer = signAccessToken(api.config.jwtSecret!, String(rows[0].id), 'BUYER', 600);
    const query = '{ stations { name } }';
    expect((await api.gql(query)).data).toEqual({ stations: [] }); // cached by an anonymous caller
    const { rows: [county] } = await api.db.pool.query(`SELECT id FROM counties WHERE code = '130426'`);
    const { rows: [township] } = await api.db.pool.query(`INSERT INTO townships (county_id, name) VALUES ($1, '更乐镇') RETURNING id`, [county.id]);
    const { rows: [village] } = await api.db.pool.query(
      `INSERT INTO villages (township_id, county_id, code, name, poverty_stricken) VALUES ($1, $2, '130426100201', '王金庄村', true) RETURNING id`,
      [township.id, county.id],
    );
    await api.db.pool.query(
      `INSERT INTO stations (name, village_id, county_id, daily_capacity, commission_bps) VALUES ('王金庄服务站', $1, $2, 10, 500)`,
      [village.id, county.id],
    );
    // The buyer gets the page the anonymous caller cached (the new station is not in it yet) ...
    expect((await api.gql(query, {}, buyer)).data).toEqual({ stations: [] });
    // ... and what a buyer computes is served to anonymous callers (a new query, first asked by the buyer).
    const second = '{ stations { name } counties { code } }';
    expect((await api.gql(second, {}, buyer)).data).toEqual({ stations: [{ name: '王金庄服务站' }], counties: [{ code: '130426' }] });
    await api.db.pool.query(`UPDATE stations SET name = '改名站'`);
    expect((await api.gql(second)).data).toEqual({ stations: [{ name: '王金庄服务站' }], counties: [{ code: '130426' }] });
    // A buyer's operation with a personal root field is neither served from nor written to the cache.
    const personal = '{ stations { name } me { email } }';
    expect((await api.gql(personal, {}, buyer)).data).toEqual({ stations: [{ name: '改名站' }], me: { email: 'buyer@b.cn' } });
    // A forged buyer token is not served the cached page: it is refused as before.
    const forged = signAccessToken('another-secret-that-is-long-enough-for-hs256', String(rows[0].id), 'BUYER', 600);
    expect((await api.gql(query, {}, forged)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
