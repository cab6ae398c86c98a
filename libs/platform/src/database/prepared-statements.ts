import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { poolOptions } from './data-source';

/** Runs one named statement: prepared once per connection, parsed and planned once. */
export type PreparedSql = <T>(name: string, text: string, values: unknown[]) => Promise<T[]>;

interface PgQueryable {
  query(config: { name?: string; text: string; values: unknown[] } | string): Promise<{ rows: unknown[] }>;
}

/** Makes the transaction's statements use generic plans, like the pool's connections (below). */
const GENERIC_PLANS = 'plan_cache_mode=force_generic_plan';

/**
 * The hot paths' large statements (placing an order: several CTEs over arrays of ids), run by name on
 * connections of their own whose plans are always generic. PostgreSQL's default would plan them again
 * on every execution (a custom plan looks cheaper for every particular array than the generic one
 * looks for an array of unknown size), and that planning cost more than running them: measured on the
 * Handan-sized data, the order snapshot took 1.6 ms a call with custom plans and 0.4 ms with the
 * generic plan, which is the same plan. TypeORM's pool keeps PostgreSQL's default, because its
 * statements are one-off (unnamed) and many read better with their parameters known.
 *
 * The pool connects lazily: a process that never runs such a statement opens no connection for it.
 * Errors are the driver's own (`code`, `table`, `constraint`), which pgErrorCode reads like TypeORM's.
 */
@Injectable()
export class PreparedStatements implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private pool?: Pool;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Behind a transaction pooler a statement prepared on one server connection is unknown on the next
   * (PgBouncer 1.18 does not track them): the statements then go unnamed, planned on every call.
   */
  private get named(): boolean {
    return this.config.databasePooler === 'none';
  }

  /** Each statement in a transaction of its own (autocommit), on any connection of the pool. */
  readonly autocommit: PreparedSql = async <T>(name: string, text: string, values: unknown[]) =>
    (await this.connections().query(this.named ? { name, text, values } : { text, values })).rows as T[];

  /**
   * Statements on a TypeORM transaction's own connection, with generic plans for the rest of that
   * transaction (one `SET LOCAL` before the first).
   */
  inTransaction(manager: EntityManager): PreparedSql {
    const runner = manager.queryRunner as unknown as { connect(): Promise<PgQueryable> } | undefined;
    if (!runner) throw new Error('PreparedStatements.inTransaction needs a transaction');
    let generic = false;
    return async <T>(name: string, text: string, values: unknown[]) => {
      const client = await runner.connect();
      if (!generic) {
        await client.query(`SET LOCAL ${GENERIC_PLANS}`);
        generic = true;
      }
      return (await client.query(this.named ? { name, text, values } : { text, values })).rows as T[];
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }

  private connections(): Pool {
    if (this.pool) return this.pool;
    if (!this.config.databaseUrl) throw new Error('databaseUrl must be resolved before a statement runs');
    const pool = new Pool({
      ...poolOptions(preparedPoolSize(this.config.databasePoolSize), this.config.databasePooler),
      connectionString: this.config.databaseUrl,
      application_name: 'marketplace-prepared',
      // A pooler refuses startup options; there the statements are unnamed anyway (custom plans).
      ...(this.named ? { options: `-c ${GENERIC_PLANS}` } : {}),
    });
    // An idle connection the server closed (a restart, pg_terminate_backend) is dropped by the pool;
    // without a listener the error would end the process.
    pool.on('error', (error) => this.logger.warn(`idle prepared-statement connection lost: ${error.message}`));
    this.pool = pool;
    return pool;
  }
}

/** Connections of the prepared-statement pool, beside DATABASE_POOL_SIZE of TypeORM's. */
function preparedPoolSize(databasePoolSize: number): number {
  return Math.max(2, Math.ceil(databasePoolSize / 2));
}
