import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
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
  // Migrated by the run's own build in a child process: loading the domains here (their GraphQL types
  // register in @nestjs/graphql's global metadata) would register them twice in a test run in band.
  execFileSync(process.execPath, [join(dist, 'apps/api/src/cli/migrations.js'), 'run'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl(template), JWT_SECRET: 'test-template-secret-that-is-long-enough', LOG_LEVEL: 'silent' },
  });
  process.env.TEST_RUN_ID = run;
  process.env.TEST_TEMPLATE_DB = template;
}
