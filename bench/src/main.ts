import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_JWT_SECRET, ensureDataset, FULL, QUICK } from './dataset';
import { catalogBrowse, ensureTraining, ensureVillageOrderFixtures, placeVillageOrders, importHouseholds, impactQuery, placeOrders, ScenarioResult, trainingQuery, twoWayQuery } from './scenarios';
import { startBareServer, startServer } from './server';
import { settlementScenario } from './settlement';

/**
 * `npm run bench [-- --quick]`: builds (and caches) the Handan-sized data set in the local PostgreSQL,
 * starts the built server against it and the local Redis, drives each scenario with autocannon from
 * this separate process, and prints one table (also written as JSON under bench/results/).
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const seconds = quick ? 5 : 15;
  // `--only=catalog,orders` runs just those scenarios (catalog, orders, hot, village, impact, twoway, training, import, settlement, ceiling).
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const wanted = (name: string) => !only || only.includes(name);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const started = Date.now();
  // BENCH_DATASET names the kept database, so that two checkouts benching at once do not rebuild each other's.
  const dataset = process.env.BENCH_DATASET ?? (quick ? 'market_bench_quick' : 'market_bench');
  const data = await ensureDataset(adminUrl, dataset, quick ? QUICK : FULL, log);
  log(`data set ${data.cached ? 'cached' : 'built'} (${Math.round(data.builtMillis / 1000)} s): ${data.size.listings} listings, ${data.size.deliveredAllocations} delivered allocations, ${data.size.villageOrders} village orders`);

  const results: ScenarioResult[] = [];
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = await startServer(
    { DATABASE_URL: data.url, REDIS_URL: redisUrl, JWT_SECRET: BENCH_JWT_SECRET, WORKER: 'embedded', SETTLEMENT_INTERVAL_MINUTES: '0', ROUTING_RETRY_INTERVAL_SECONDS: '0', RATE_LIMIT_LOGIN_PER_MINUTE: '100000', QUEUE_PREFIX: `bench-${Date.now().toString(36)}` },
    port,
  );
  const record = (r: ScenarioResult) => {
    results.push(r);
    log(`  ${r.scenario}: ${r.throughput} ${r.unit}, p50 ${r.p50 ?? '-'} ms, p99 ${r.p99 ?? '-'} ms, ${r.errors} errors`);
  };
  try {
    if (wanted('catalog')) {
      record(await catalogBrowse(server, data, 2)); // warm-up, replaced by the measured run
      results.pop();
      record(await catalogBrowse(server, data, seconds));
      record(await catalogBrowse(server, data, seconds, 'buyer'));
    }
    if (wanted('orders')) record(await placeOrders(server, data, seconds, false));
    if (wanted('hot')) record(await placeOrders(server, data, seconds, true));
    if (wanted('village')) record(await placeVillageOrders(server, await ensureVillageOrderFixtures(data), seconds));
    if (wanted('impact')) record(await impactQuery(server, data, seconds, false));
    if (wanted('impact')) record(await impactQuery(server, data, seconds, true));
    if (wanted('twoway')) {
      await twoWayQuery(server, data, 2); // warm-up
      record(await twoWayQuery(server, data, seconds));
    }
    if (wanted('training')) {
      log(`  ${await ensureTraining(data)} training attendances`);
      await trainingQuery(server, data, 2, true); // warm-up
      record(await trainingQuery(server, data, seconds, true));
      record(await trainingQuery(server, data, seconds, false));
    }
    if (wanted('import')) record(await importHouseholds(server, data, quick ? 20_000 : 100_000));
  } finally {
    await server.stop();
  }
  if (wanted('ceiling')) {
    // Side by side: our page without the response cache, and the bare Apollo ceiling on the same data.
    const uncached = await startServer(
      { DATABASE_URL: data.url, REDIS_URL: redisUrl, JWT_SECRET: BENCH_JWT_SECRET, WORKER: 'off', PUBLIC_CACHE_SECONDS: '0', QUEUE_PREFIX: `bench-u-${Date.now().toString(36)}` },
      port + 3,
    );
    let ours: ScenarioResult;
    try {
      await catalogBrowse(uncached, data, 2, 'uncached'); // warm-up
      ours = await catalogBrowse(uncached, data, seconds, 'uncached');
    } finally {
      await uncached.stop();
    }
    const bare = await startBareServer(data.url, port + 4);
    try {
      await catalogBrowse(bare, data, 2, 'ceiling'); // warm-up
      const ceiling = await catalogBrowse(bare, data, seconds, 'ceiling');
      ours.note = `${Math.round((100 * ours.throughput) / Math.max(ceiling.throughput, 1))}% of the bare ceiling`;
      record(ours);
      record(ceiling);
    } finally {
      await bare.stop();
    }
  }
  const payees = quick ? 2_000 : 10_000;
  if (wanted('settlement')) {
    record(await settlementScenario(adminUrl, redisUrl, payees, port + 1));
    record(await settlementScenario(adminUrl, undefined, payees, port + 2));
  }

  const table = [
    ['scenario', 'throughput', 'p50 ms', 'p99 ms', 'errors', 'server RSS MiB', 'target'],
    ...results.map((r) => [r.scenario, `${r.throughput} ${r.unit}`, String(r.p50 ?? '-'), String(r.p99 ?? '-'), String(r.errors), String(r.rssMiB), r.target]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  log('');
  for (const [i, row] of table.entries()) {
    log(row.map((cell, c) => cell.padEnd(widths[c])).join(' | '));
    if (i === 0) log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
  for (const r of results.filter((x) => x.note)) log(`note: ${r.scenario}: ${r.note}`);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify({ quick, startedAt: new Date(started).toISOString(), seconds: Math.round((Date.now() - started) / 1000), dataset: data.size, results }, null, 2));
  if (!only) writeFileSync(join(dir, `latest${quick ? '-quick' : ''}.json`), JSON.stringify({ quick, results }, null, 2));
  log(`\nwritten to ${file} (${Math.round((Date.now() - started) / 1000)} s in all)`);
  const errors = results.reduce((n, r) => n + r.errors, 0);
  process.exit(errors > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
