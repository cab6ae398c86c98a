import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './ports';

const run = promisify(execFile);

/** A PostgreSQL primary with a streaming replica, both real servers of their own in a temp folder. */
export interface PrimaryWithReplica {
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  /** Holds the replica's replay (it keeps receiving WAL): it falls behind while the primary writes. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Resolves once the replica has replayed all the primary has written so far. */
  waitCaughtUp(timeoutMs?: number): Promise<void>;
  /** Stops the replica at once (as a crash). */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian's PostgreSQL binaries: the newest installed major version. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = execFileSync('ls', [root]).toString().trim().split('\n').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  const dir = join(root, versions[0] ?? '', 'bin');
  if (!existsSync(join(dir, 'pg_basebackup'))) throw new Error(`no PostgreSQL server binaries under ${root}`);
  return dir;
}

/**
 * initdb a primary, pg_basebackup -R a replica from it, start both on free ports. PostgreSQL refuses
 * to run as root: as root, both run as the OS user `postgres`.
 */
export async function startPrimaryWithReplica(): Promise<PrimaryWithReplica> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'pg-replica-'));
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
    : {};
  if (asRoot) chownSync(dir, ids.uid!, ids.gid!);
  const pg = (tool: string, args: string[]) => run(join(bin, tool), args, { ...ids, cwd: dir });
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primary = join(dir, 'primary');
  const replica = join(dir, 'replica');
  const server = (port: number) => `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=100`;

  await pg('initdb', ['-D', primary, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions']);
  await pg('pg_ctl', ['-D', primary, '-l', join(dir, 'primary.log'), '-o', `${server(primaryPort)} -c wal_level=replica -c max_wal_senders=4`, '-w', 'start']);
  await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replica, '-R', '-X', 'stream', '--no-sync']);
  await pg('pg_ctl', ['-D', replica, '-l', join(dir, 'replica.log'), '-o', `${server(replicaPort)} -c hot_standby=on`, '-w', 'start']);

  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const onReplica = async (sql: string) => {
    const client = new Client({ connectionString: url(replicaPort, 'postgres') });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const onPrimary = async (sql: string) => {
    const client = new Client({ connectionString: url(primaryPort, 'postgres') });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const stopServer = (data: string, mode: 'fast' | 'immediate') => pg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']).catch(() => undefined);

  return {
    primaryUrl: (database) => url(primaryPort, database),
    replicaUrl: (database) => url(replicaPort, database),
    pauseReplay: async () => void (await onReplica('SELECT pg_wal_replay_pause()')),
    resumeReplay: async () => void (await onReplica('SELECT pg_wal_replay_resume()')),
    async waitCaughtUp(timeoutMs = 30_000) {
      const [{ lsn }] = await onPrimary('SELECT pg_current_wal_lsn()::text AS lsn');
      const started = Date.now();
      while (!(await onReplica(`SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS ok`))[0].ok) {
        if (Date.now() - started > timeoutMs) throw new Error('the replica did not catch up');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stopReplica: async () => void (await stopServer(replica, 'immediate')),
    async stop() {
      await stopServer(replica, 'immediate');
      await stopServer(primary, 'fast');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
