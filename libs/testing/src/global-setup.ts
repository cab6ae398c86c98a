import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@app/platform';
import { DATABASE } from '../../../apps/api/src/database';
import { assertServicesUp, databaseUrl, withAdminClient } from './services';

/**
 * Once per Jest run: checks PostgreSQL and Redis, then migrates a template database that every test
 * file clones (CREATE DATABASE ... TEMPLATE), so files run in parallel on databases of their own.
 */
export default async function globalSetup(): Promise<void> {
  await assertServicesUp();
  const run = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  // Tests that run real processes (a worker to SIGKILL, the server under SIGTERM) start this run's own
  // build: TEST_DIST_DIR/apps/worker/src/main.js and so on.
  const dist = join(__dirname, '../../../node_modules/.cache/test-dist', run);
  execFileSync(process.execPath, [join(__dirname, '../../../scripts/build.mjs'), '--out-dir', dist], { stdio: 'inherit' });
  process.env.TEST_DIST_DIR = dist;
  const template = `${run}_template`;
  await withAdminClient(async (c) => {
    await c.query(`CREATE DATABASE ${template}`);
  });
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(template), DATABASE, 2, 'test-template'));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env.TEST_RUN_ID = run;
  process.env.TEST_TEMPLATE_DB = template;
}
