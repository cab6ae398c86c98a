import 'reflect-metadata';
import { Pool } from 'pg';
import { signAccessToken } from '@app/auth';
import { loadConfig } from '@app/platform';
import { resolveConfig } from '@app/composition';
import { createApi } from '../../apps/api/src/bootstrap';
import { seedHandanScale } from '../../seeds/src/scale-seed';

/**
 * importHouseholds at the size of a county office's whole list: 100,000 rows in one request, against
 * the Handan-scale data (seeded if absent), the server in this process so its memory is what is
 * sampled. Three passes: all new, all unchanged (upsert only), all with a status change.
 */
export interface ImportBenchResult {
  pass: string;
  rows: number;
  csvBytes: number;
  millis: number;
  created: number;
  updated: number;
  rejected: number;
  peakRssMb: number;
  peakHeapMb: number;
  baselineRssMb: number;
  baselineHeapMb: number;
}

const MB = 1024 * 1024;

function csvOf(rows: number, villageCodes: string[], status: (i: number) => [string, string]): string {
  const lines = ['registry_number,head_name,members,village_code,poverty_status,poverty_category,payout_account,effective_date'];
  for (let i = 1; i <= rows; i++) {
    const [s, c] = status(i);
    lines.push(`BENCH-${String(i).padStart(6, '0')},"王秀英${i % 97}",${1 + (i % 6)},${villageCodes[i % villageCodes.length]},${s},${c},62284800${String(i).padStart(10, '0')},2016-0${1 + (i % 9)}-15`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

export async function benchImportHouseholds(rows = 100_000): Promise<ImportBenchResult[]> {
  const { config, embedded } = await resolveConfig({ ...loadConfig(), logLevel: 'warn', worker: 'off', port: 0 });
  const app = await createApi(config);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/graphql`;
  const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
  try {
    await seedHandanScale(pool);
    const county = (await pool.query(`SELECT id::text FROM counties WHERE code = '130426'`)).rows[0].id as string;
    const codes = (await pool.query(`SELECT code FROM villages WHERE county_id = $1 ORDER BY code`, [county])).rows.map((r) => r.code as string);
    const admin = await pool.query(
      `INSERT INTO users (email, password_hash, display_name, role) VALUES ('bench-admin@handan.demo', 'x', 'bench', 'ADMIN')
       ON CONFLICT (email) DO UPDATE SET role = 'ADMIN' RETURNING id::text`,
    );
    await pool.query(`DELETE FROM poverty_status_history WHERE household_id IN (SELECT id FROM households WHERE registry_number LIKE 'BENCH-%')`);
    await pool.query(`DELETE FROM households WHERE registry_number LIKE 'BENCH-%'`);
    const token = signAccessToken(config.jwtSecret!, admin.rows[0].id, 'ADMIN', 3600);
    const poor = (i: number): [string, string] => ['REGISTERED_POOR', ['GENERAL', 'MINIMUM_SUBSISTENCE', 'FIVE_GUARANTEE'][i % 3]];
    const passes: Array<[string, string]> = [
      ['all new', csvOf(rows, codes, poor)],
      ['all unchanged', csvOf(rows, codes, poor)],
      ['all exit (status change, history entry and event each)', csvOf(rows, codes, () => ['EXITED', ''])],
    ];
    const results: ImportBenchResult[] = [];
    for (const [pass, csv] of passes) {
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peakRss = baseline;
      const baselineHeap = process.memoryUsage().heapUsed;
      let peakHeap = baselineHeap;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      }, 20);
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation ($c: ID!, $csv: String!) { importHouseholds(countyId: $c, csv: $csv) { created updated rejected { line reason } } }`,
          variables: { c: county, csv },
        }),
      });
      const body = (await response.json()) as { data?: { importHouseholds: { created: number; updated: number; rejected: unknown[] } }; errors?: unknown };
      const millis = Math.round(performance.now() - started);
      clearInterval(sampler);
      if (!body.data) throw new Error(`import failed: ${JSON.stringify(body.errors)}`);
      const r = body.data.importHouseholds;
      results.push({
        pass,
        rows,
        csvBytes: Buffer.byteLength(csv),
        millis,
        created: r.created,
        updated: r.updated,
        rejected: r.rejected.length,
        peakRssMb: Math.round(peakRss / MB),
        peakHeapMb: Math.round(peakHeap / MB),
        baselineRssMb: Math.round(baseline / MB),
        baselineHeapMb: Math.round(baselineHeap / MB),
      });
    }
    return results;
  } finally {
    await pool.end();
    await app.close();
    await embedded?.stop();
  }
}

if (require.main === module) {
  const rows = Number(process.argv[2] ?? 100_000);
  benchImportHouseholds(rows)
    .then((results) => {
      for (const r of results) {
        process.stdout.write(
          `importHouseholds ${r.rows} rows (${(r.csvBytes / MB).toFixed(1)} MB CSV), ${r.pass}: ${r.millis} ms; created ${r.created}, updated ${r.updated}, rejected ${r.rejected}; ` +
            `server RSS ${r.baselineRssMb} -> peak ${r.peakRssMb} MB, heap ${r.baselineHeapMb} -> peak ${r.peakHeapMb} MB\n`,
        );
      }
      process.exit(0);
    })
    .catch((error) => {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    });
}
