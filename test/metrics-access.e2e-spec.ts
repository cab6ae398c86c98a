import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { metricsHeaders, startTestApi, TestApi } from '@app/testing';

/*
 * /metrics tells how the service is used and how it fails: only a scraper with METRICS_TOKEN reads it,
 * and no client can grow it (the label sets are bounded by the schema, not by what clients send).
 */

const scrape = async (api: TestApi, headers: Record<string, string> = metricsHeaders) => fetch(`${api.url}/metrics`, { headers });

/** The series of a metric family in a scrape (label sets, without their values). */
const series = (text: string, name: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .map((line) => line.slice(0, line.lastIndexOf(' ')));

describe('who may read /metrics and the health details', () => {
  let api: TestApi;
  let closed: TestApi;

  beforeAll(async () => {
    // Sign-in failures unlimited: the test sends many, and RATE_LIMITED would be a new (bounded) series.
    api = await startTestApi({ rateLimitLoginPerMinute: 0 });
    closed = await startTestApi({ metricsToken: undefined });
  });
  afterAll(async () => {
    await api?.close();
    await closed?.close();
  });

  it('refuses /metrics without the token or with a wrong one (401), and serves it with the token', async () => {
    expect((await scrape(api, {})).status).toBe(401);
    expect((await scrape(api, { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
    expect((await scrape(api, { authorization: metricsHeaders.authorization.replace('Bearer ', '') })).status).toBe(401);
    const ok = await scrape(api);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('graphql_operation_duration_seconds');
  });

  it('refuses /metrics to everyone when METRICS_TOKEN is not set', async () => {
    expect(closed.config.metricsToken).toBeUndefined();
    expect((await scrape(closed, {})).status).toBe(401);
    expect((await scrape(closed)).status).toBe(401);
    expect((await scrape(closed, { authorization: 'Bearer ' })).status).toBe(401);
  });

  it('answers /health and /health/ready to anyone with the status only; the details take the token', async () => {
    for (const server of [api, closed]) {
      const live = await fetch(`${server.url}/health`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${server.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok' });
    }
    const live = await fetch(`${api.url}/health`, { headers: metricsHeaders });
    expect(await live.json()).toEqual({ status: 'ok', database: 'up', queue: 'up', queueBackend: 'redis' });
    const ready = await fetch(`${api.url}/health/ready`, { headers: metricsHeaders });
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, queue: { status: 'up', backend: 'redis' } } });
    expect((await (await fetch(`${closed.url}/health`, { headers: metricsHeaders })).json())).toEqual({ status: 'ok' });
  });

  it('labels GraphQL metrics by root field: 200 operations with random names do not grow /metrics', async () => {
    const named = (name: string) => api.gql(`query ${name} { counties { id } }`);
    const mutation = (name: string) => api.gql(`mutation ${name} { login(email: "nobody@x.cn", password: "wrong-password") { token } }`);
    const invalid = (name: string) => api.gql(`query ${name} { noSuchField }`);
    // Every shape once, so its series exist before the count.
    await named('Warm');
    await mutation('Warm');
    await invalid('Warm');
    const before = await (await scrape(api)).text();
    const names = Array.from({ length: 200 }, () => `Op_${randomBytes(8).toString('hex')}`);
    for (const [i, name] of names.entries()) await [named, mutation, invalid][i % 3](name);
    const after = await (await scrape(api)).text();
    for (const family of ['graphql_operation_duration_seconds_count', 'graphql_errors_total', 'http_request_duration_seconds_count']) {
      expect(series(after, family)).toEqual(series(before, family));
    }
    for (const name of names) expect(after).not.toContain(name);
    // Only the digits of the counts and sums change: the scrape stays about the same size (one more
    // histogram series per name would have added ~1.5 kB each, 300 kB in all).
    expect(after.length).toBeLessThan(before.length * 1.2);
    expect(series(after, 'graphql_operation_duration_seconds_count')).toEqual(
      expect.arrayContaining([
        'graphql_operation_duration_seconds_count{operation="counties",type="query",outcome="ok"}',
        'graphql_operation_duration_seconds_count{operation="login",type="mutation",outcome="error"}',
        'graphql_operation_duration_seconds_count{operation="invalid",type="unknown",outcome="error"}',
      ]),
    );
  });
});
