import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './naming-strategy';

export interface DatabaseDefinition {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: MixedList<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  migrations: MixedList<any>;
}

/** The TypeORM options every process uses: migrations only, never synchronize. */
export function dataSourceOptions(url: string, definition: DatabaseDefinition, poolSize = 20, name = 'marketplace'): DataSourceOptions {
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
    extra: poolOptions(poolSize),
  };
}

/** What every pg pool of a process gets: its size, and limits on what one statement may hold. */
export function poolOptions(max: number) {
  return {
    max,
    // A statement that runs away is stopped rather than holding a connection forever.
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
    connectionTimeoutMillis: 10_000,
  };
}

const MIGRATION_LOCK = 0x4d4b5450; // any constant; serialises concurrent starts of several processes

/** Applies pending migrations under an advisory lock, so replicas starting together do not race. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
