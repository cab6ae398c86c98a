import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort } from './ports';

const run = promisify(execFile);

/** A real Redis Cluster of local redis-server processes (Debian's redis), for tests and the bench. */
export interface RedisCluster {
  /** REDIS_URL for the application: every node, comma-separated (with REDIS_CLUSTER=true). */
  readonly url: string;
  readonly ports: number[];
  /** The port of the master that serves `key`'s slot now. */
  masterOf(key: string): Promise<number>;
  /** Kills that node at once (SIGKILL, as a crash); its replica takes over after the node timeout. */
  kill(port: number): Promise<void>;
  /** Resolves once the cluster answers `cluster_state:ok` again and `key`'s slot has a live master. */
  waitHealthy(key?: string, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/** Free ports p with p + 10000 free too (the cluster bus port). */
async function clusterPorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < n) {
    const port = await freePort();
    if (port > 55535 || ports.includes(port)) continue;
    const bus = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port + 10000, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (bus) ports.push(port);
  }
  return ports;
}

const cli = async (port: number, ...args: string[]) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout;

/**
 * Starts `masters` masters with one replica each (6 processes by default) in a temp folder, on free
 * ports, and joins them into a cluster. A node timeout of 2 s makes a failover take ~2-4 s.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
  const ports = await clusterPorts(masters * 2);
  const pids = new Map<number, number>();
  for (const port of ports) {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`,
        '--cluster-node-timeout', '2000', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', join(dir, `${port}.log`),
        '--maxmemory-policy', 'noeviction',
        // Replicas sync at once and may always take over: a test kills masters seconds after the start.
        '--repl-diskless-sync-delay', '0', '--cluster-replica-validity-factor', '0'],
      { stdio: 'ignore', detached: false },
    );
    pids.set(port, child.pid!);
    child.unref();
  }
  for (const port of ports) {
    for (let i = 0; ; i++) {
      try {
        if ((await cli(port, 'ping')).trim() === 'PONG') break;
      } catch {
        /* not up yet */
      }
      if (i > 100) throw new Error(`redis-server on ${port} did not start (see ${dir})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes']);

  const alive = new Set(ports);
  const slotOf = async (key: string) => Number((await cli([...alive][0], 'cluster', 'keyslot', key)).trim());
  const masterOf = async (key: string): Promise<number> => {
    const slot = await slotOf(key);
    for (const port of ports) {
      let nodes: string;
      try {
        nodes = await cli(port, 'cluster', 'nodes');
      } catch {
        continue; // a killed node
      }
      for (const line of nodes.split('\n')) {
        const parts = line.trim().split(' ');
        if (parts.length < 9 || !parts[2].includes('master') || parts[2].includes('fail')) continue;
        for (const range of parts.slice(8)) {
          const [from, to] = range.split('-').map(Number);
          if (slot >= from && slot <= (to ?? from)) return Number(parts[1].split(':')[1].split('@')[0]);
        }
      }
      break;
    }
    throw new Error(`no live master serves slot ${slot}`);
  };
  const waitHealthy = async (key = 'probe', timeoutMs = 60_000): Promise<number> => {
    const started = Date.now();
    for (;;) {
      try {
        const port = [...alive][0];
        if ((await cli(port, 'cluster', 'info')).includes('cluster_state:ok')) {
          const master = await masterOf(key);
          if (alive.has(master)) return master;
        }
      } catch {
        /* keep asking */
      }
      if (Date.now() - started > timeoutMs) {
        const nodes = await cli([...alive][0], 'cluster', 'nodes').catch((e: Error) => e.message);
        throw new Error(`cluster not healthy within ${timeoutMs} ms; cluster nodes:\n${nodes}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await waitHealthy();
  // Every node must know the whole cluster before a client relies on its slot map.
  for (const port of ports) {
    for (let i = 0; !(await cli(port, 'cluster', 'info')).includes('cluster_state:ok'); i++) {
      if (i > 200) throw new Error(`node ${port} never saw the cluster ok`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  // A replica that has not synced yet would not take over from a master killed now.
  for (const port of ports) {
    for (let i = 0; ; i++) {
      const info = await cli(port, 'info', 'replication');
      if (info.includes('role:master') || info.includes('master_link_status:up')) break;
      if (i > 200) throw new Error(`replica ${port} never synced with its master (see ${dir})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    url: ports.map((p) => `redis://127.0.0.1:${p}`).join(','),
    ports,
    masterOf,
    waitHealthy,
    async kill(port) {
      const pid = pids.get(port);
      alive.delete(port);
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    },
    async stop() {
      for (const [port, pid] of pids) {
        alive.delete(port);
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
