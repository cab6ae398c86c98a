import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './ports';
import { TEST_DATABASE_URL } from './services';

/** A real PgBouncer (Debian's package) in front of the test PostgreSQL. */
export interface PgBouncer {
  /** The URL of database `name` through the pooler. */
  url(name: string): string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts PgBouncer in `mode` pooling (transaction by default) on a free port, forwarding every database
 * to the test PostgreSQL with trust auth. It will not run as root: as root it runs as the OS user
 * `postgres`. Needs `apt-get install pgbouncer` (.ci/run installs it).
 */
export async function startPgBouncer(mode: 'transaction' | 'session' = 'transaction', poolSize = 10): Promise<PgBouncer> {
  const target = new URL(TEST_DATABASE_URL);
  const dir = mkdtempSync(join(tmpdir(), 'pgbouncer-'));
  const port = await freePort();
  const user = decodeURIComponent(target.username || 'postgres');
  writeFileSync(join(dir, 'userlist.txt'), `"${user}" ""\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      `pool_mode = ${mode}`,
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 1000',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      // What node-postgres sends besides what the application chose.
      'ignore_startup_parameters = extra_float_digits',
      '',
    ].join('\n'),
  );
  let uid: number | undefined;
  let gid: number | undefined;
  if (process.getuid?.() === 0) {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const child: ChildProcess = spawn('pgbouncer', [join(dir, 'pgbouncer.ini')], { uid, gid, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = (name: string) => `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${name}`;
  for (let i = 0; ; i++) {
    const client = new Client({ connectionString: url('postgres'), connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (child.exitCode !== null || i > 100) throw new Error(`pgbouncer did not start (see ${dir}/pgbouncer.log)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
