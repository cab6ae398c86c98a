import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';

/*
 * A short query must not make the server build millions of values: nested lists (cycles of the type
 * graph: village -> stations -> servedVillages -> stations ...) multiply, and the estimate before the
 * run refuses them; a list bigger than its estimate is stopped while it runs. Each refusal is one
 * BAD_USER_INPUT, and the server goes on serving.
 */

interface Reply {
  status: number;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } & Array<any>;
}

async function post(url: string, body: unknown, token?: string): Promise<Reply> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: { errors: [{ message: text }] } as Reply['body'] };
  }
}

/** `a { b { c ... { leaf } } }` */
const nest = (fields: string[], leaf = 'id') => `${fields.join(' { ')} { ${leaf} }${' }'.repeat(fields.length - 1)}`;
const cycle = (start: string[], hop: string[], depth: number) => {
  const fields = [...start];
  while (fields.length < depth - 1) fields.push(hop[(fields.length - start.length) % hop.length]);
  return nest(fields);
};

describe('the cost of nested lists', () => {
  let api: TestApi;
  let world: World;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  const stillServing = async () => {
    const next = await post(api.url, { query: '{ counties { code } }' });
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data!.counties).toHaveLength(2);
  };

  const refused = (r: Reply) => {
    expect(r.body.data ?? null).toBeNull();
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(r.body.errors![0].message).toMatch(/cost|larger than|too much/);
  };

  const shapes: Array<[string, () => { query: string; variables?: Record<string, unknown> }]> = [
    ["the audit's query (12 deep)", () => ({ query: `{ ${cycle(['counties', 'townships', 'villages'], ['stations', 'servedVillages'], 12)} }` })],
    ['village -> township -> villages', () => ({ query: `{ ${cycle(['counties', 'townships'], ['villages', 'township'], 12)} }` })],
    ['county -> townships -> county', () => ({ query: `{ ${cycle(['counties'], ['townships', 'county'], 12)} }` })],
    ['from one village', () => ({ query: `{ ${cycle([`village(id: "${world.villages.poor}")`], ['stations', 'servedVillages'], 12)} }` })],
    ['from one household', () => ({ query: `{ ${cycle([`household(id: "${world.households.poorA}")`, 'village'], ['stations', 'servedVillages'], 12)} }` })],
    ['from every station', () => ({ query: `{ ${cycle(['stations'], ['servedVillages', 'stations'], 6)} }` })],
    ['from a page of listings, `first` in a variable', () => ({
      query: `query ($n: Int) { ${cycle(['listings(first: $n)', 'edges', 'node', 'station'], ['servedVillages', 'stations'], 12)} }`,
      variables: { n: 100 },
    })],
    ['from the signed-in user (anonymous: null, still costed)', () => ({ query: `{ ${cycle(['me', 'station'], ['servedVillages', 'stations'], 12)} }` })],
    ['20 aliases, each cheap alone', () => ({
      query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: ${nest([`village(id: "${world.villages.poor}")`, 'stations', 'servedVillages', 'stations'])}`).join(' ')} }`,
    })],
    ['fragments that fan out by aliases', () => ({
      query: `{ stations(countyId: "${world.county.id}") { ...S1 } }
        fragment S1 on ServiceStation { a: servedVillages { ...V1 } b: servedVillages { ...V1 } }
        fragment V1 on Village { a: stations { ...S2 } b: stations { ...S2 } }
        fragment S2 on ServiceStation { a: servedVillages { id } b: servedVillages { id } }`,
    })],
    ['inline fragments and @include', () => ({
      query: `query ($yes: Boolean = true) { counties { ... on County { townships @include(if: $yes) { ... on Township { villages { stations { servedVillages { stations { id } } } } } } } } }`,
    })],
    ['a mutation whose answer cycles (anonymous: refused before it runs)', () => ({
      query: `mutation { createCounty(input: { code: "139999", name: "环县", nationalPovertyCounty: false }) { ${cycle(['townships', 'villages'], ['stations', 'servedVillages'], 11)} } }`,
    })],
  ];

  it.each(shapes)('refuses %s with BAD_USER_INPUT before it runs, and serves the next request', async (_name, shape) => {
    const r = await post(api.url, shape());
    expect(r.status).toBe(400);
    refused(r);
    expect(r.body.errors![0].message).toMatch(/cost/);
    await stillServing();
  });

  it('created nothing for the refused mutation', async () => {
    expect((await api.db.pool.query(`SELECT 1 FROM counties WHERE code = '139999'`)).rowCount).toBe(0);
  });

  it('refuses each cyclic operation of a batch, and answers one alias of the aliased shape alone', async () => {
    const batch = await post(api.url, shapes.slice(0, 5).map(([, shape]) => shape()));
    expect(batch.body).toHaveLength(5);
    for (const one of batch.body) refused({ status: 200, body: one });
    const one = await post(api.url, { query: `{ ${nest([`village(id: "${world.villages.poor}")`, 'stations', 'servedVillages', 'stations'], 'name')} }` });
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data!.village.stations.length).toBeGreaterThan(0);
    await stillServing();
  });

  it("stops a query whose lists hold far more than their estimate while it runs (the answer's size), with BAD_USER_INPUT", async () => {
    // 30,000 villages in one township: the estimate (60 a township) lets the query in; the run stops it.
    await api.db.pool.query(
      `INSERT INTO villages (township_id, county_id, code, name) SELECT $1, $2, 'bulk' || i, '村' || i FROM generate_series(1, 30000) AS i`,
      [world.township.id, world.county.id],
    );
    const tree = `{ county(id: "${world.county.id}") { townships { villages { id code name povertyStricken } } } }`;
    const r = await post(api.url, { query: tree });
    refused(r);
    expect(r.body.errors![0].message).toMatch(/larger than the 100000 values/);
    await stillServing();
    // The same shape over a normal township still answers.
    const small = await post(api.url, { query: `{ county(id: "${world.otherCounty.id}") { townships { villages { id code name povertyStricken } } } }` });
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data!.county.townships[0].villages.length).toBeGreaterThan(0);
  });
});
