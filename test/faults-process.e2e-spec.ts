import { ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { createTestDatabase, createWorld, TEST_REDIS_URL, TestDatabase, World } from '@app/testing';
import { ADDRESS, createListing } from './orders-fixtures';
import { writeDeliveredOrder } from './payouts-fixtures';
import { expectEveryPayoutPaidOnce, freePort, waitUntil } from './hostile-fixtures';

/*
 * The built server as a real process (node dist/apps/api/src/main.js) on a database of its own:
 * - an internal error answers INTERNAL_SERVER_ERROR with a request id, shows no SQL, stack or path,
 *   and the JSON log line of that error carries the same id;
 * - SIGTERM under load: requests and payout jobs in flight finish, new connections are refused, and the
 *   process exits 0.
 */

const JWT_SECRET = 'faults-process-secret-that-is-long-enough';
const SANDBOX_LATENCY_MS = 2500;

interface Answer {
  status: number;
  body: any;
}

/** One POST on a connection of its own (no keep-alive), so a refused connection is told apart from a dropped request. */
function post(port: number, body: unknown, token?: string): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode!, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode!, body: text });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the server as a process', () => {
  let db: TestDatabase;
  let world: World;
  let port: number;
  let server: ChildProcess;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  const logLines: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createWorld(db.pool, { jwtSecret: JWT_SECRET, jwtTtlSeconds: 3600 });
    port = await freePort();
    server = spawn(process.execPath, [join(process.env.TEST_DIST_DIR!, 'apps/api/src/main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: `test-process-${Date.now().toString(36)}`,
        JWT_SECRET,
        LOG_LEVEL: 'info',
        SETTLEMENT_HOLDBACK_HOURS: '0',
        SETTLEMENT_INTERVAL_MINUTES: '0',
        ROUTING_RETRY_INTERVAL_SECONDS: '0',
        PAYOUT_RELAY_INTERVAL_SECONDS: '0',
        SANDBOX_LATENCY_MS: String(SANDBOX_LATENCY_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    server.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      logLines.push(...lines.filter((l) => l.length > 0));
    });
    server.stderr!.setEncoding('utf8').on('data', (chunk: string) => logLines.push(`stderr: ${chunk}`));
    exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 'the server to listen', 30_000);
  });
  afterAll(async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await exited;
    }
    await db?.drop();
  });

  it('writes JSON log lines, and an internal error carries a request id that its log line also has, and no internals', async () => {
    // A table gone from under the server (as a bad migration would leave it): its queries fail in SQL.
    await db.pool.query('ALTER TABLE counties RENAME TO counties_gone');
    let answer: Answer;
    try {
      answer = await post(port, { query: '{ counties { id code } }' });
    } finally {
      await db.pool.query('ALTER TABLE counties_gone RENAME TO counties');
    }
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors).toHaveLength(1);
    const [error] = answer.body.errors;
    const requestId = error.extensions.requestId as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error).toEqual({ message: `Internal server error (request ${requestId})`, path: ['counties'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } });
    const text = JSON.stringify(answer.body);
    for (const leak of ['counties_gone', 'relation', 'SELECT', 'QueryFailedError', 'stack', '/work', 'node_modules', '.ts:', '.js:']) expect(text).not.toContain(leak);

    // The operator finds the error by that id, with what went wrong.
    await waitUntil(
      async () => logLines.some((l) => l.includes(requestId) && l.includes('"level":50')) && logLines.some((l) => l.includes(requestId) && l.includes('request completed')),
      'the log lines of the request',
      5_000,
    );
    const lines = logLines.filter((l) => !l.startsWith('stderr:')).map((l) => JSON.parse(l));
    const errorLine = lines.find((l) => l.level === 50 && l.req?.id === requestId);
    expect(errorLine).toBeDefined();
    expect(errorLine.msg).toBe('internal error while serving GraphQL');
    expect(JSON.stringify(errorLine.err)).toContain('relation \\"counties\\" does not exist');
    // And the request's own line (pino-http) has the same id.
    expect(lines.find((l) => l.msg === 'request completed' && l.req?.id === requestId)).toMatchObject({ level: 30, res: { statusCode: 200 } });
    // Every line is JSON with a level and a time; every line written while serving a request has its id.
    for (const l of lines) expect(l).toEqual(expect.objectContaining({ level: expect.any(Number), time: expect.any(String) }));
    for (const l of lines.filter((x) => x.req)) expect(l.req.id).toEqual(expect.any(String));
    // The next request is served as usual.
    expect((await post(port, { query: '{ counties { code } }' })).body.data.counties).toHaveLength(2);
  });

  it('on SIGTERM under load finishes the requests and jobs in flight, refuses new connections, and exits 0', async () => {
    // Jobs in flight: payouts whose provider calls take SANDBOX_LATENCY_MS.
    await writeDeliveredOrder(db.pool, world, [
      { householdId: world.households.poorA, stationId: world.stations.main, quantity: 3, unitPriceFen: 1000 },
      { householdId: world.households.poorB, stationId: world.stations.main, quantity: 2, unitPriceFen: 1500 },
      { householdId: world.households.plain, stationId: world.stations.second, quantity: 1, unitPriceFen: 2200 },
    ]);
    const settled = await post(port, { query: 'mutation { runSettlement { payoutsCreated } }' }, world.users.admin.token);
    expect(settled.body.data.runSettlement.payoutsCreated).toBe(5);
    await waitUntil(async () => (await db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status = 'PROCESSING'`)).rows[0].n === 5, 'the payout jobs in flight', 10_000);

    // Requests in flight: orders that wait on a lock this test holds on their supply.
    const listing = await createListing(db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 800,
      lots: [{ householdId: world.households.poorA, quantity: 100 }],
    });
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT * FROM supply_lots WHERE listing_id = $1 FOR UPDATE', [listing.id]);
    const placeOrder = (n: number) =>
      post(
        port,
        {
          query: 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status totalFen } }',
          variables: { input: { idempotencyKey: `sigterm-${n}`, lines: [{ listingId: listing.id, quantity: 1 }], paymentToken: 'tok', shippingAddress: ADDRESS } },
        },
        world.users.buyer.token,
      );
    const inFlight = [1, 2, 3].map(placeOrder);
    await waitUntil(
      async () => (await db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n >= 1,
      'the orders waiting on the lock',
      10_000,
    );

    // Load: clients that keep sending reads until the server refuses them.
    const outcomes: string[] = [];
    let stop = false;
    const load = Array.from({ length: 4 }, async () => {
      while (!stop) {
        try {
          const r = await post(port, { query: '{ counties { code } }' });
          outcomes.push(r.status === 200 && r.body.data?.counties?.length === 2 ? 'ok' : `bad ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        } catch (error) {
          // post() rejects only before a response began: the connection was refused, or closed before
          // the server read the request (one accepted by the kernel as the listener closed).
          const code = (error as NodeJS.ErrnoException).code;
          outcomes.push(code === 'ECONNREFUSED' || code === 'ECONNRESET' ? 'refused' : `failed ${code ?? (error as Error).message}`);
          if (code === 'ECONNREFUSED') return;
        }
      }
    });
    await waitUntil(async () => outcomes.length >= 20, 'some load served', 10_000);

    server.kill('SIGTERM');
    // New connections are refused while the requests in flight are still waiting.
    await waitUntil(
      () => post(port, { query: '{ counties { code } }' }).then(() => false, (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED'),
      'new connections refused',
      10_000,
    );
    const settledEarly = await Promise.race([Promise.all(inFlight).then(() => true), new Promise((r) => setTimeout(() => r(false), 300))]);
    expect(settledEarly).toBe(false);
    expect(server.exitCode).toBeNull();

    // The lock goes: the requests in flight complete, then the jobs, then the process exits 0.
    await blocker.query('COMMIT');
    await blocker.end();
    const answers = await Promise.all(inFlight);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.errors).toBeUndefined();
      expect(a.body.data.placeOrder).toMatchObject({ status: 'PLACED', totalFen: 800 });
    }
    stop = true;
    await Promise.all(load);
    expect(await exited).toEqual({ code: 0, signal: null });
    // Every load request was either served in full or refused before the server read it: none failed.
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'refused')).toEqual([]);
    expect(outcomes).toContain('refused');
    // The server cut no request short and logged no error while stopping.
    const parsed = logLines.filter((l) => !l.startsWith('stderr:')).map((l) => JSON.parse(l));
    expect(parsed.filter((l) => l.msg === 'request aborted' || l.msg === 'request errored')).toEqual([]);
    expect(parsed.slice(parsed.findIndex((l) => String(l.msg).startsWith('SIGTERM'))).filter((l) => l.level >= 50)).toEqual([]);

    // What the requests and jobs in flight did is all there.
    const { rows: orders } = await db.pool.query(`SELECT idempotency_key FROM orders WHERE idempotency_key LIKE 'sigterm-%' ORDER BY 1`);
    expect(orders.map((o) => o.idempotency_key)).toEqual(['sigterm-1', 'sigterm-2', 'sigterm-3']);
    expect(await expectEveryPayoutPaidOnce(db.pool)).toBe(5);
    const messages = parsed.map((l) => l.msg as string);
    expect(messages).toContain('SIGTERM: stopping (new connections refused; requests and jobs in flight finish first)');
    expect(messages[messages.length - 1]).toBe('stopped');
  });
});
