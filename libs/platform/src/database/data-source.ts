import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './naming-strategy';

export interface DatabaseDefinition {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: MixedList<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  migrations: MixedList<any>;
}

export type DatabasePooler = 'none' | 'transaction';

/** The TypeORM options every process uses: migrations only, never synchronize. */
export function dataSourceOptions(url: string, definition: DatabaseDefinition, poolSize = 20, name = 'marketplace', pooler: DatabasePooler = 'none'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: definition.entities,
    migrations: definition.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: name,
    extra: poolOptions(poolSize, pooler),
  };
}

/** Limits on what one statement or an idle transaction may hold: a runaway is stopped, not left holding a connection. */
export const SESSION_LIMITS = { statement_timeout: 30_000, idle_in_transaction_session_timeout: 60_000 } as const;

/**
 * What every pg pool of a process gets: its size, and the session limits as startup parameters. A
 * transaction pooler refuses those (PgBouncer: "unsupported startup parameter"): behind one they are
 * set on the role instead (applySessionLimitsToRole).
 */
export function poolOptions(max: number, pooler: DatabasePooler = 'none') {
  return {
    max,
    ...(pooler === 'none' ? SESSION_LIMITS : {}),
    connectionTimeoutMillis: 10_000,
  };
}

/**
 * Behind a transaction pooler: the session limits as the role's defaults in this database, which every
 * server connection the pooler opens from now on starts with. Fails, with the statements to run, when
 * the role may not change its own defaults.
 */
export async function applySessionLimitsToRole(dataSource: DataSource): Promise<void> {
  const [{ db }] = await dataSource.query('SELECT current_database() AS db');
  const database = `"${String(db).replace(/"/g, '""')}"`;
  const statements = Object.entries(SESSION_LIMITS).map(([name, ms]) => `ALTER ROLE CURRENT_USER IN DATABASE ${database} SET ${name} = ${ms}`);
  try {
    for (const statement of statements) await dataSource.query(statement);
  } catch (error) {
    throw new Error(`DATABASE_POOLER=transaction: could not set the session limits on the role (${(error as Error).message}); run as its owner: ${statements.join('; ')}`, { cause: error });
  }
}

const MIGRATION_LOCK = 0x4d4b5450; // any constant; serialises concurrent starts of several processes

/**
 * Applies pending migrations under an advisory lock, so replicas starting together do not race. The
 * lock is a transaction's (held by an open transaction on a connection of its own until the
 * migrations are done): behind a transaction pooler a session lock could be taken on one server
 * connection and released on another, while an open transaction keeps its server connection.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query('SET LOCAL idle_in_transaction_session_timeout = 0');
    await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.commitTransaction().catch(() => undefined);
    await runner.release();
  }
}
