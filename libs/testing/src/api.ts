import { randomBytes } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadConfig } from '@app/platform';
import { testApiFactory } from './api-factory';
import { createTestDatabase, TestDatabase } from './database';
import { TEST_REDIS_URL } from './services';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
/** The METRICS_TOKEN of test servers: /metrics and the health details want it as a bearer token. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-long-enough';
export const metricsHeaders = { authorization: `Bearer ${TEST_METRICS_TOKEN}` };

/** The configuration of a test server on database `databaseUrl`, with a queue prefix of its own. */
export function testConfig(databaseUrl: string, overrides: Partial<AppConfig> = {}): AppConfig {
  const base = loadConfig({ NODE_ENV: 'test' });
  return {
    ...base,
    port: 0,
    databaseUrl,
    databasePoolSize: 10,
    redisUrl: TEST_REDIS_URL,
    jwtSecret: TEST_JWT_SECRET,
    metricsToken: TEST_METRICS_TOKEN,
    queuePrefix: `test-${randomBytes(6).toString('hex')}`,
    logLevel: 'silent',
    settlementIntervalMinutes: 0,
    loanServicingIntervalMinutes: 0,
    routingRetryIntervalSeconds: 0,
    pickupReturnIntervalSeconds: 0,
    payoutRelayIntervalSeconds: 0,
    payoutBackoffMs: 50,
    jobLockMs: 5000,
    ...overrides,
  };
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; field?: string; [k: string]: unknown } }>;
}

export interface TestApi {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  readonly db: TestDatabase;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely, failing where a field is missing
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

/** Posts one GraphQL operation over HTTP. */
export async function gqlRequest<T>(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as object) } as GqlResult<T>;
  } catch {
    return { status: response.status, errors: [{ message: text }] };
  }
}

/**
 * The real API server on a database of its own, listening on a free port: tests drive it over HTTP.
 * With `database`, several servers can share one database (multi-process tests).
 */
export async function startTestApi(overrides: Partial<AppConfig> = {}, database?: TestDatabase): Promise<TestApi> {
  const db = database ?? (await createTestDatabase());
  const config = testConfig(db.url, overrides);
  const app = await testApiFactory()(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    config,
    db,
    url,
    gql: (query, variables, token) => gqlRequest(url, query, variables, token),
    async close() {
      await app.close();
      if (!database) await db.drop();
    },
  };
}
