import { DataSource, EntityManager } from 'typeorm';

/** Runs one named statement; prepared once per connection, so PostgreSQL parses and plans it once. */
export type PreparedSql = <T>(name: string, text: string, values: unknown[]) => Promise<T[]>;

interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

// The placement statements are large (several CTEs): planning them cost as much as running them, and
// each round trip costs both processes a wake-up. Errors are the driver's own (with `code`, `table`,
// `constraint`), which pgErrorCode and the transaction retry read alike.

/** Statements on the transaction's own connection. */
export function transactionSql(manager: EntityManager): PreparedSql {
  return async <T>(name: string, text: string, values: unknown[]) => {
    const runner = manager.queryRunner as unknown as { connect(): Promise<PgQueryable> } | undefined;
    if (!runner) throw new Error('transactionSql needs a transaction');
    const client = await runner.connect();
    return (await client.query({ name, text, values })).rows as T[];
  };
}

/** Statements each in a transaction of its own (autocommit), on any pooled connection. */
export function autocommitSql(dataSource: DataSource): PreparedSql {
  // TypeORM's pg Pool (there once the data source is initialised): pool.query checks a connection out
  // for the one statement.
  return async <T>(name: string, text: string, values: unknown[]) =>
    (await (dataSource.driver as unknown as { master: PgQueryable }).master.query({ name, text, values })).rows as T[];
}
