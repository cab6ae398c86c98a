import { afterAll, describe, expect, it } from '@jest/globals';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gqlRequest, metricsHeaders, TEST_METRICS_TOKEN } from '@app/testing';

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
      env: { ...clean, NODE_ENV: 'development', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', METRICS_TOKEN: TEST_METRICS_TOKEN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
  };
  const waitHealthy = async () => {
    for (let i = 0; i < 300; i++) {
      if (server!.exitCode !== null) throw new Error(`server exited with ${server!.exitCode}:\n${output}`);
      try {
        const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000), headers: metricsHeaders });
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

  /** Every file seen in DATA_DIR/tmp while the first start runs (the password file lives only during initdb). */
  const seenInTmp = new Map<string, { mode: number; uid: number; gid: number }>();

  it('starts, serves GraphQL and /health, and names its database and queue in one line', async () => {
    const tmp = join(dataDir, 'tmp');
    const watch = setInterval(() => {
      try {
        for (const name of existsSync(tmp) ? readdirSync(tmp) : []) {
          const st = statSync(join(tmp, name));
          seenInTmp.set(name, { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });
        }
      } catch {
        // the file went between the listing and the stat
      }
    }, 2);
    start({ ADMIN_EMAIL: 'first-admin@example.cn', ADMIN_PASSWORD: 'first-admin-password' });
    const health = await waitHealthy().finally(() => clearInterval(watch));
    expect(health).toMatchObject({ status: 'ok', database: 'up', queue: 'up', queueBackend: 'postgres' });
    expect((await gqlRequest(url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    expect(output).toMatch(/database: embedded PostgreSQL at 127\.0\.0\.1:\d+\/marketplace; queue: BullMQ on PostgreSQL/);
  });

  it('keeps DATA_DIR private: tmp is 0700 (the database account’s under root), the password file and secrets readable by nobody else', async () => {
    const root = process.getuid!() === 0;
    const postgres = root ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) } : undefined;
    const mode = (path: string) => statSync(join(dataDir, path)).mode & 0o7777;
    // Under root, postgres passes through DATA_DIR to its data directory, but may not list it.
    expect(mode('.')).toBe(root ? 0o711 : 0o700);
    // tmp: no one else may enter (it was 0777 without the sticky bit); under root it is postgres's,
    // set-group-id so that the password file root writes there is of group postgres.
    expect(mode('tmp')).toBe(root ? 0o2700 : 0o700);
    if (postgres) expect(statSync(join(dataDir, 'tmp'))).toMatchObject(postgres);
    // The password file initdb read: it was there, readable by nobody but root and postgres.
    const passwordFiles = [...seenInTmp].filter(([name]) => name.startsWith('pg-password-'));
    expect(passwordFiles.length).toBeGreaterThan(0);
    for (const [, file] of passwordFiles) {
      if (postgres) expect(file).toEqual({ mode: 0o640, uid: 0, gid: postgres.gid });
      else expect(file.mode).toBe(0o600);
    }
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
    expect(mode('secrets')).toBe(0o700);
    for (const name of readdirSync(join(dataDir, 'secrets'))) expect([name, mode(join('secrets', name))]).toEqual([name, 0o600]);
  });

  it('stops cleanly on SIGTERM and leaves no process behind', async () => {
    expect(await stop()).toBe(0);
    expect(leftovers()).toBe('');
  });

  it('keeps its data across a restart (the first admin created at the first start can sign in)', async () => {
    // A DATA_DIR left by an older version (tmp world-writable): the restart makes it private again.
    chmodSync(join(dataDir, 'tmp'), 0o777);
    start();
    await waitHealthy();
    expect(statSync(join(dataDir, 'tmp')).mode & 0o7777).toBe(process.getuid!() === 0 ? 0o2700 : 0o700);
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
