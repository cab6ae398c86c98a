import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, TestApi } from '@app/testing';

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
    const response = await fetch(`${api.url}/health`);
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
