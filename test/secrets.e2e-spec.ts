import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { hashPassword } from '@app/auth';
import { DEMO_PASSWORDS } from '@app/platform';
import { createTestDatabase, gqlRequest, TEST_REDIS_URL, TestDatabase } from '@app/testing';

/*
 * Secrets that are in the repository (or its README) open nothing in production: compose takes them
 * from the environment, the built server and worker refuse published or weak ones at start, a demo
 * login signs in to nothing, and the seed writes no demo accounts. Real processes of this run's build.
 */

const root = join(__dirname, '..');
const dist = (path: string) => join(process.env.TEST_DIST_DIR!, path);
/** What the first docker-compose.yml committed. */
const COMMITTED = { JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more', ADMIN_EMAIL: 'admin@example.cn', ADMIN_PASSWORD: 'change-me-please' };

interface Run {
  code: number | null;
  output: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function start(script: string, env: Record<string, string>): { child: ChildProcess; done: Promise<Run>; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [dist(script)], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const done = new Promise<Run>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { child, done, output: () => output };
}

describe('secrets in the repository open nothing in production (real processes)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('docker-compose.yml commits no secret: compose must be given each one from the environment', () => {
    const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    for (const name of ['JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'POSTGRES_PASSWORD']) {
      const values = [...compose.matchAll(new RegExp(`^\\s*${name}:\\s*(.*)$`, 'gm'))].map((m) => m[1]);
      expect([name, values.length > 0]).toEqual([name, true]);
      for (const value of values) expect([name, value]).toEqual([name, expect.stringMatching(new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`))]);
    }
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\/postgres:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres/);
    for (const value of Object.values(COMMITTED)) expect(compose).not.toContain(value);
    // The .env file compose reads them from stays out of the repository and out of the image's build.
    for (const ignore of ['.gitignore', '.dockerignore']) expect([ignore, readFileSync(join(root, ignore), 'utf8')]).toEqual([ignore, expect.stringMatching(/^\.env$/m)]);
  });

  it.each([
    ['apps/api/src/main.js', 'the server'],
    ['apps/worker/src/main.js', 'the worker'],
  ])('%s (%s) with NODE_ENV=production and the secrets compose used to commit: refuses to start, naming both variables', async (script) => {
    const { done } = start(script, { NODE_ENV: 'production', DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, ...COMMITTED });
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.output).toContain('start-up failed: invalid configuration (NODE_ENV=production)');
    expect(run.output).toMatch(/JWT_SECRET is a published example or placeholder/);
    expect(run.output).toMatch(/ADMIN_PASSWORD is a published example or placeholder/);
    expect(run.output).not.toContain('change-me-please');
    expect(run.output).not.toMatch(/\n\s+at /); // a message, not a stack
    expect((await db.pool.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
  });

  it('the server refuses a demo password as ADMIN_PASSWORD and a weak JWT_SECRET in production', async () => {
    const { done } = start('apps/api/src/main.js', { NODE_ENV: 'production', DATABASE_URL: db.url, JWT_SECRET: 'ab'.repeat(20), ADMIN_EMAIL: 'a@b.cn', ADMIN_PASSWORD: DEMO_PASSWORDS.admin });
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/JWT_SECRET is too easy to guess/);
    expect(run.output).toMatch(/ADMIN_PASSWORD is a published example or placeholder/);
  });

  it('the seed refuses to write the demo set (and its published logins) with NODE_ENV=production', async () => {
    const { done } = start('seeds/src/main.js', { NODE_ENV: 'production', DATABASE_URL: db.url, JWT_SECRET: randomBytes(32).toString('base64url') });
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.output).toContain('NODE_ENV=production: seeds are demo and benchmark data');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
  });

  describe('a production server with secrets of its own', () => {
    const adminPassword = `walnut terraces ${randomBytes(6).toString('hex')}`;
    let server: ReturnType<typeof start>;
    let url: string;
    beforeAll(async () => {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      server = start('apps/api/src/main.js', {
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: `test-secrets-${randomBytes(4).toString('hex')}`,
        JWT_SECRET: randomBytes(32).toString('base64url'),
        ADMIN_EMAIL: 'boss@handan.gov.cn',
        ADMIN_PASSWORD: adminPassword,
        PASSWORD_HASH_COST: '10',
        WORKER: 'off',
        SETTLEMENT_INTERVAL_MINUTES: '0',
        ROUTING_RETRY_INTERVAL_SECONDS: '0',
        PAYOUT_RELAY_INTERVAL_SECONDS: '0',
      });
      for (let i = 0; ; i++) {
        if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
        if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
        if (i > 300) throw new Error(`the server did not start:\n${server.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      // The demo set, loaded in development, then the same database run in production.
      await db.pool.query(`INSERT INTO users (email, password_hash, display_name, role) VALUES ('buyer@handan.demo', $1, 'demo', 'BUYER')`, [await hashPassword(DEMO_PASSWORDS.buyer, 10)]);
    });
    afterAll(async () => {
      if (server?.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.done;
      }
    });
    const LOGIN = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;

    it('starts, and its first admin signs in', async () => {
      const r = await gqlRequest<{ login: { token: string } }>(url, LOGIN, { e: 'boss@handan.gov.cn', p: adminPassword });
      expect(r.errors).toBeUndefined();
    });

    it('a demo login signs in to nothing: refused exactly as a wrong password is', async () => {
      const demo = await gqlRequest(url, LOGIN, { e: 'buyer@handan.demo', p: DEMO_PASSWORDS.buyer });
      const wrong = await gqlRequest(url, LOGIN, { e: 'buyer@handan.demo', p: 'not-the-password' });
      expect(demo.errors).toEqual([{ message: 'Email or password is wrong', path: ['login'], extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(demo.errors).toEqual(wrong.errors);
      expect(server.output()).toContain('published (demo or example) password refused');
    });

    it('nobody gets a published password: createUser and registerBuyer refuse them (BAD_USER_INPUT input.password)', async () => {
      const admin = (await gqlRequest<{ login: { token: string } }>(url, LOGIN, { e: 'boss@handan.gov.cn', p: adminPassword })).data!.login.token;
      const create = await gqlRequest(url, `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email: 'op@x.cn', password: DEMO_PASSWORDS.admin, displayName: 'x', role: 'ADMIN' } }, admin);
      expect(create.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.password' }]);
      const register = await gqlRequest(url, `mutation ($input: RegisterBuyerInput!) { registerBuyer(input: $input) { token } }`, { input: { email: 'b@x.cn', password: 'change-me-please', displayName: 'x' } });
      expect(register.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.password' }]);
      expect((await db.pool.query(`SELECT count(*)::int AS n FROM users WHERE email IN ('op@x.cn', 'b@x.cn')`)).rows[0].n).toBe(0);
    });
  });
});
