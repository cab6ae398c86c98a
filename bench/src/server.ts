import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerHandle {
  readonly url: string;
  readonly pid: number;
  /** Resident set size of the server process now, in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

const DIST = join(__dirname, '..', '..');

/**
 * The node options the server runs with in production (`npm start`, the Dockerfile; server.spec.ts
 * checks that they say the same), so that the bench measures what runs. Memory (issue 21: at most
 * 256 MiB resident under every scenario): a 16 MiB semi-space (V8's default on 64 bits; 32 kept ~30 MiB
 * more young generation resident for ~6% of an order's CPU), and an old generation capped at 192 MiB,
 * which makes V8 collect before it grows the heap instead of after (the 100,000-row import peaked at
 * 330 MiB resident uncapped, ~240 capped; what it keeps is ~60 MiB over the idle heap's ~60).
 */
export const PRODUCTION_NODE_ARGS = ['--enable-source-maps', '--max-semi-space-size=16', '--max-old-space-size=192'];

/**
 * The environment of the production server: glibc's malloc makes up to 8 arenas a core for the threads
 * that allocate (libuv's pool: argon2, zlib, DNS; libvips), each keeping what it freed; 2 keep the
 * resident memory of native allocations from growing with the thread count.
 */
export const PRODUCTION_ENV = { MALLOC_ARENA_MAX: '2' } as const;

/**
 * Starts the built API (dist/) as its own process and waits until /health answers. BENCH_NODE_ARGS adds
 * node options to it, e.g. `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to profile a scenario.
 */
export async function startServer(env: Record<string, string | undefined>, port: number): Promise<ServerHandle> {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...PRODUCTION_NODE_ARGS, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), join(DIST, 'apps/api/src/main.js')], {
    env: { ...process.env, ...PRODUCTION_ENV, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    try {
      const r = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (i > 600) throw new Error(`the server did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    rssMiB: () => rssOf(child.pid!),
    stop: () => stopChild(child, 15_000),
  };
}

/** Posts one GraphQL operation and returns its data, throwing on errors. */
export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

/** The bare Apollo ceiling (bare-server.ts) as a process of its own on `port`, once it says it is ready. */
export async function startBareServer(databaseUrl: string, port: number): Promise<ServerHandle> {
  const child: ChildProcess = spawn(process.execPath, [...PRODUCTION_NODE_ARGS, join(DIST, 'bench/src/bare-server.js'), String(port), databaseUrl], {
    env: { ...process.env, ...PRODUCTION_ENV, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    rssMiB: () => rssOf(child.pid!),
    stop: () => stopChild(child, 5_000),
  };
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
