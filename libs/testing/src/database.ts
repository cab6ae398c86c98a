import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { databaseUrl, withAdminClient } from './services';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** A small pool for the test's own assertions on the rows. */
  readonly pool: Pool;
  drop(): Promise<void>;
}

/** A fresh database cloned from the run's migrated template: the test file's alone. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const run = process.env.TEST_RUN_ID;
  const template = process.env.TEST_TEMPLATE_DB;
  if (!run || !template) throw new Error('no template database: run the tests through jest (its globalSetup makes it)');
  const name = `${run}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrl(name);
  const pool = new Pool({ connectionString: url, max: 4 });
  return {
    name,
    url,
    pool,
    async drop() {
      // pool.end() resolves once its clients are asked to close, not once their backends are gone: the
      // DROP ... WITH (FORCE) below can still terminate one, whose error would go unhandled.
      pool.on('error', () => undefined);
      await pool.end();
      await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
