import { DataSource } from 'typeorm';

/**
 * Runs a read in a transaction with JIT compilation off: the per-household lookups of these reports
 * are estimated expensive enough to trigger JIT, whose compile time (~20 ms) exceeded the query's own.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as the driver gives them, as DataSource.query does
export async function withoutJit<T = any>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  return dataSource.transaction(async (m) => {
    await m.query('SET LOCAL jit = off');
    return m.query(sql, params);
  });
}
