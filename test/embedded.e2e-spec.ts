import { afterAll, describe, expect, it } from '@jest/globals';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gqlRequest } from '@app/testing';

/**
 * `npm start` with no DATABASE_URL and no REDIS_URL: the built server starts an embedded PostgreSQL in
 * DATA_DIR, runs BullMQ on it, keeps its data across restarts and leaves no process behind.
 */
describe('the embedded default (real processes)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'market-embedded-'));
  const port = 30000 + Math.floor(Math.random() * 20000);
  const url = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let output = '';

  const start = (env: Record<string, string> = {}) => {
    output = '';
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'].includes(k)));
    server = spawn(process.execPath, [join(process.env.TEST_DIST_DIR!, 'apps/api/src/main.js')], {
      env: { ...clean, NODE_ENV: 'development', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
  };
  const waitHealthy = async () => {
    for (let i = 0; i < 300; i++) {
      if (server!.exitCode !== null) throw new Error(`server exited with ${server!.exitCode}:\n${output}`);
      try {
        const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
        if (r.ok) return (await r.json()) as Record<string, string>;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not become healthy:\n${output}`);
  };
  const stop = async () => {
    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server!.kill('SIGTERM');
    return exited;
  };
  const leftovers = () => {
    try {
      // No shell: under dash, `sh -c "pgrep -f DIR"` would find the shell itself (its command line names DIR).
      return execFileSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };

  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, serves GraphQL and /health, and names its database and queue in one line', async () => {
    start({ ADMIN_EMAIL: 'first-admin@example.cn', ADMIN_PASSWORD: 'first-admin-password' });
    const health = await waitHealthy();
    expect(health).toMatchObject({ status: 'ok', database: 'up', queue: 'up', queueBackend: 'postgres' });
    expect((await gqlRequest(url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    expect(output).toMatch(/database: embedded PostgreSQL at 127\.0\.0\.1:\d+\/marketplace; queue: BullMQ on PostgreSQL/);
  });

  it('stops cleanly on SIGTERM and leaves no process behind', async () => {
    expect(await stop()).toBe(0);
    expect(leftovers()).toBe('');
  });

  it('keeps its data across a restart (the first admin created at the first start can sign in)', async () => {
    start();
    await waitHealthy();
    const login = await gqlRequest<{ login: { user: { role: string } } }>(
      url,
      'mutation { login(email: "first-admin@example.cn", password: "first-admin-password") { token user { role } } }',
    );
    expect(login.errors).toBeUndefined();
    expect(login.data?.login.user.role).toBe('ADMIN');
    expect(await stop()).toBe(0);
    expect(leftovers()).toBe('');
  });

  it('recovers from a SIGKILLed server whose PostgreSQL was left running', async () => {
    start();
    await waitHealthy();
    server!.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    expect(leftovers()).not.toBe(''); // the orphaned postgres
    start();
    const health = await waitHealthy();
    expect(health.database).toBe('up');
    expect(await stop()).toBe(0);
    expect(leftovers()).toBe('');
  });
});
