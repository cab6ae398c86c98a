import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { loadConfig } from '@app/platform';
import { describeDatabase, migrate, resolveConfig } from '@app/composition';
import { seedDemo } from './demo-seed';
import { HANDAN_SCALE, seedHandanScale } from './scale-seed';

/**
 * `npm run seed`: the Handan demo set into the configured database (the embedded one by default).
 * `npm run seed -- --scale handan`: Handan-sized data for the benchmarks. Both are idempotent.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const scaleAt = args.indexOf('--scale');
  const scale = scaleAt >= 0 ? args[scaleAt + 1] : undefined;
  if (scaleAt >= 0 && scale !== 'handan') throw new Error(`unknown scale "${scale ?? ''}": the one scale is "handan"`);
  const logger = new Logger('Seed');
  const initial = loadConfig();
  // The demo accounts' passwords are printed here and in the README: they must never exist on a
  // production server (which also refuses them at sign-in), and a production database is no place for
  // made-up households and listings either.
  if (initial.nodeEnv === 'production') {
    throw new Error('NODE_ENV=production: seeds are demo and benchmark data (the demo logins are published); refusing to write them');
  }
  const { config, embedded } = await resolveConfig(initial, logger);
  const out = (line = '') => process.stdout.write(`${line}\n`);
  try {
    await migrate(config);
    const pool = new Pool({ connectionString: config.databaseUrl, max: 2, application_name: 'marketplace-seed' });
    try {
      out(`Seeding ${describeDatabase(config.databaseUrl!, Boolean(embedded))}`);
      if (scale === 'handan') {
        const s = await seedHandanScale(pool);
        if (s.skipped) out('The Handan-scale set is there already: nothing changed.');
        else {
          out(`Handan scale (${s.millis} ms): ${s.counties} counties, ${s.townships} townships, ${s.villages} villages (${HANDAN_SCALE.povertyStrickenVillages} poverty-stricken), ` +
            `${s.stations} stations, ${s.households} households of which ${s.registeredPoor} registered poor, ${s.historyEntries} status-history entries.`);
        }
        return;
      }
      const s = await seedDemo(pool, { passwordHashCost: config.passwordHashCost });
      const added = Object.values(s.added).some((n) => n > 0);
      out(added ? 'Handan demo set loaded.' : 'The Handan demo set is there already: nothing changed.');
      out(`  ${s.counties} counties, ${s.townships} townships, ${s.villages} villages, ${s.stations} stations, ${s.households} households (${s.registeredPoor} registered poor), ${s.users} users, ${s.listings} listings`);
      out(`  added this run: ${Object.entries(s.added).map(([k, n]) => `${n} ${k}`).join(', ')}`);
      out('  Demo scale:');
      for (const line of s.scale) out(`    ${line}`);
      out('  Sign in with (mutation login):');
      for (const l of s.logins) out(`    ${l.role.padEnd(17)} ${l.email.padEnd(26)} ${l.password}`);
    } finally {
      await pool.end();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`seed failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
