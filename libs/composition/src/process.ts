import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, applySessionLimitsToRole, dataSourceOptions, EmbeddedDatabase, readOrCreateSecret, runMigrations, startEmbeddedPostgres } from '@app/platform';
import { DATABASE } from './database';

export interface ResolvedConfig {
  config: AppConfig;
  embedded?: EmbeddedDatabase;
}

/**
 * Fills in what the environment left to defaults: starts the embedded PostgreSQL when there is no
 * DATABASE_URL, and reads (or creates once) the JWT secret in DATA_DIR when there is no JWT_SECRET.
 */
export async function resolveConfig(config: AppConfig, logger = new Logger('Bootstrap')): Promise<ResolvedConfig> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, { log: (m) => logger.log(m), warn: (m) => logger.warn(m) });
    databaseUrl = embedded.url;
  }
  const jwtSecret = config.jwtSecret ?? readOrCreateSecret(config.dataDir, 'jwt-secret');
  return { config: { ...config, databaseUrl, jwtSecret }, embedded };
}

/**
 * Applies pending migrations with a short-lived data source, before any module touches a table (and,
 * behind a transaction pooler, sets the session limits on the role).
 */
export async function migrate(config: AppConfig): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(config.databaseUrl!, DATABASE, 2, 'marketplace-migrations', config.databasePooler) });
  await dataSource.initialize().catch((error: Error) => {
    // PgBouncer in transaction mode refuses the session limits sent at connection.
    if (/unsupported startup parameter/.test(error.message)) {
      throw new Error(`${error.message}: DATABASE_URL looks like a transaction pooler; set DATABASE_POOLER=transaction (see README)`, { cause: error });
    }
    throw error;
  });
  try {
    if (config.databasePooler === 'transaction') await applySessionLimitsToRole(dataSource);
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Describes the database without its password, for the start-up line. */
export function describeDatabase(url: string, embedded: boolean): string {
  const u = new URL(url);
  return `${embedded ? 'embedded PostgreSQL' : 'PostgreSQL'} at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
