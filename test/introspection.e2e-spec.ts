import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/platform';
import { startTestApi, TestApi } from '@app/testing';

/* Introspection tells an attacker the whole API: production answers it only when GRAPHQL_INTROSPECTION=true. */

const SCHEMA = '{ __schema { queryType { name } } }';
const TYPE = '{ __type(name: "Household") { fields { name } } }';

describe('introspection', () => {
  let off: TestApi;
  let on: TestApi;

  beforeAll(async () => {
    // What NODE_ENV=production gives when GRAPHQL_INTROSPECTION is not set.
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex') });
    off = await startTestApi({ graphqlIntrospection: production.graphqlIntrospection });
    on = await startTestApi();
  });
  afterAll(async () => {
    await off?.close();
    await on?.close();
  });

  it('is refused with BAD_USER_INPUT by default in production, and ordinary queries still work', async () => {
    expect(off.config.graphqlIntrospection).toBe(false);
    for (const query of [SCHEMA, TYPE]) {
      const r = await off.gql(query);
      expect(r.data ?? undefined).toBeUndefined();
      expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    const ok = await off.gql('{ counties { id } __typename }');
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ counties: [], __typename: 'Query' });
  });

  it('is answered when the setting turns it on (and outside production by default)', async () => {
    expect(on.config.graphqlIntrospection).toBe(true);
    const r = await on.gql<{ __schema: { queryType: { name: string } } }>(SCHEMA);
    expect(r.errors).toBeUndefined();
    expect(r.data!.__schema.queryType.name).toBe('Query');
  });
});
