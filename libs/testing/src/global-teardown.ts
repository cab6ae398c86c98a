import { rmSync } from 'node:fs';
import { withAdminClient } from './services';

/** Drops the template and every database this run cloned from it. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.TEST_RUN_ID;
  if (process.env.TEST_DIST_DIR) rmSync(process.env.TEST_DIST_DIR, { recursive: true, force: true });
  if (!run || process.env.KEEP_TEST_DATABASES) return;
  await withAdminClient(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}\\_%`]);
    for (const { datname } of rows) {
      await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
  });
}
