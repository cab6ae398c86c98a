import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { signAccessToken } from '@app/auth';
import { recountTraineesSql } from '@app/impact';
import { Dataset } from './dataset';
import { runLoad } from './load';
import { gql, ServerHandle } from './server';

export interface ScenarioResult {
  scenario: string;
  throughput: number;
  unit: string;
  p50: number | null;
  p99: number | null;
  errors: number;
  rssMiB: number;
  target: string;
  note?: string;
}

const BROWSE = `query Browse($countyId: ID!) {
  listings(filter: { countyId: $countyId }, first: 20) {
    edges { node { id title priceFen available station { id name } originVillage { id name county { id name } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PLACE = `mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { id status totalFen } }`;
const SUMMARY = `query Summary($filter: ImpactFilter) { impactSummary(filter: $filter) { ordersCount grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen paidOutFen villagesReached povertyStrickenVillagesReached householdsReached registeredPoorHouseholdsReached } }`;
const SERIES = `query Series($filter: ImpactFilter) { impactSeries(filter: $filter, interval: MONTH) { periodStart supplierIncomeFen incomeToRegisteredPoorFen villagesReached cumulativeVillagesReached } }`;

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
const address = { recipient: '王芳', phone: '13800138000', province: '河北省', city: '邯郸市', line1: '丛台区人民路1号' };

/**
 * The first page of a county as 32 clients browse it: anonymous (`as: 'anonymous'`), as signed-in buyers
 * (`'buyer'`, each request with one of the data set's buyer tokens), or against a server without the
 * response cache (`'uncached'`) or the bare Apollo ceiling (`'ceiling'`, bare-server.ts).
 */
export async function catalogBrowse(server: ServerHandle, data: Dataset, seconds: number, as: 'anonymous' | 'buyer' | 'uncached' | 'ceiling' = 'anonymous'): Promise<ScenarioResult> {
  let i = 0;
  const r = await runLoad({
    url: server.url,
    connections: 32,
    durationSeconds: seconds,
    request: () => ({
      body: JSON.stringify({ query: BROWSE, variables: { countyId: pick(data.counties).id } }),
      ...(as === 'buyer' ? { headers: { authorization: `Bearer ${data.buyerTokens[i++ % data.buyerTokens.length]}` } } : {}),
    }),
  });
  const scenario = {
    anonymous: 'catalog: first page of a county (20 listings)',
    buyer: 'catalog: the same page, signed-in buyers',
    uncached: 'catalog: the same page, no response cache',
    ceiling: 'ceiling: bare Apollo + one SQL statement, same page',
  }[as];
  const target = {
    anonymous: '>= 1,500 req/s, p99 < 50 ms (32 clients)',
    buyer: 'as anonymous (same cache)',
    uncached: '>= 90% of the ceiling',
    ceiling: 'the reference',
  }[as];
  return { scenario, throughput: r.throughput, unit: 'req/s', p50: r.p50, p99: r.p99, errors: r.errors, rssMiB: server.rssMiB(), target };
}

export async function placeOrders(server: ServerHandle, data: Dataset, seconds: number, hot: boolean): Promise<ScenarioResult> {
  let i = 0;
  const r = await runLoad({
    url: server.url,
    connections: 32,
    durationSeconds: seconds,
    request: () => {
      const token = data.buyerTokens[i++ % data.buyerTokens.length];
      const lines = hot
        ? [{ listingId: data.hotListingId, quantity: 1 }]
        : [...new Set(Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => pick(data.listingIds)))].map((listingId) => ({ listingId, quantity: 1 }));
      const input = { idempotencyKey: randomUUID(), lines, shippingAddress: address, paymentToken: 'tok_bench' };
      return { body: JSON.stringify({ query: PLACE, variables: { input } }), headers: { authorization: `Bearer ${token}` } };
    },
  });
  return hot
    ? { scenario: 'orders: placeOrder on one hot listing', throughput: r.throughput, unit: 'orders/s', p50: r.p50, p99: r.p99, errors: r.errors, rssMiB: server.rssMiB(), target: '>= 150 orders/s, no deadlock reaching a client' }
    : { scenario: 'orders: placeOrder, 1-3 lines over many listings', throughput: r.throughput, unit: 'orders/s', p50: r.p50, p99: r.p99, errors: r.errors, rssMiB: server.rssMiB(), target: '>= 400 orders/s (32 buyers)' };
}

/** 8 officials asking for `query` about a random county each; `variables` names the county and a year's range. */
function officialsReportLoad(server: ServerHandle, data: Dataset, seconds: number, query: string, variables: (countyId: string, year: { from: string; to: string }) => Record<string, unknown>) {
  const to = new Date();
  const year = { from: new Date(to.getTime() - 365 * 24 * 3600 * 1000).toISOString(), to: to.toISOString() };
  return runLoad({
    url: server.url,
    connections: 8,
    durationSeconds: seconds,
    request: () => {
      const county = pick(data.counties);
      return { body: JSON.stringify({ query, variables: variables(county.id, year) }), headers: { authorization: `Bearer ${county.officialToken}` } };
    },
  });
}

export async function impactQuery(server: ServerHandle, data: Dataset, seconds: number, series: boolean): Promise<ScenarioResult> {
  const r = await officialsReportLoad(server, data, seconds, series ? SERIES : SUMMARY, (countyId, year) => ({ filter: { countyId, ...year } }));
  return series
    ? { scenario: 'impact: impactSeries by month, one county, a year', throughput: r.throughput, unit: 'req/s', p50: r.p50, p99: r.p99, errors: r.errors, rssMiB: server.rssMiB(), target: 'median < 100 ms (8 officials)' }
    : { scenario: 'impact: impactSummary, one county, a year', throughput: r.throughput, unit: 'req/s', p50: r.p50, p99: r.p99, errors: r.errors, rssMiB: server.rssMiB(), target: 'median < 50 ms (8 officials)' };
}

/** One importHouseholds request of `rows` rows into the county with the most villages. */
export async function importHouseholds(server: ServerHandle, data: Dataset, rows: number): Promise<ScenarioResult> {
  const db = new Client({ connectionString: data.url });
  await db.connect();
  let county: { id: string; codes: string[] };
  try {
    const { rows: r } = await db.query(`SELECT county_id::text AS id, array_agg(code ORDER BY id) AS codes FROM villages GROUP BY county_id ORDER BY count(*) DESC LIMIT 1`);
    county = r[0];
  } finally {
    await db.end();
  }
  const run = Date.now().toString(36);
  const lines = ['registry_number,head_name,members,village_code,poverty_status,poverty_category,payout_account,effective_date'];
  for (let i = 0; i < rows; i++) {
    const poor = i % 3 !== 0;
    lines.push(`BENCH-${run}-${i},"张,${i}",${1 + (i % 6)},${county.codes[i % county.codes.length]},${poor ? 'REGISTERED_POOR' : 'NOT_REGISTERED'},${poor ? 'GENERAL' : ''},62284800${String(i).padStart(8, '0')},2020-01-01`);
  }
  const csv = lines.join('\r\n');
  const started = Date.now();
  let errors = 0;
  let note: string;
  let peak = server.rssMiB();
  const sampler = setInterval(() => (peak = Math.max(peak, server.rssMiB())), 50);
  try {
    const result = await gql<{ importHouseholds: { created: number; updated: number; rejected: unknown[] } }>(
      server.url,
      `mutation Import($countyId: ID!, $csv: String!) { importHouseholds(countyId: $countyId, csv: $csv) { created updated rejected { line reason } } }`,
      { countyId: county.id, csv },
      data.adminToken,
    );
    note = `${result.importHouseholds.created} created, ${result.importHouseholds.rejected.length} rejected, ${(csv.length / 1048576).toFixed(1)} MiB of CSV`;
    if (result.importHouseholds.created !== rows) errors++;
  } catch (error) {
    errors++;
    note = (error as Error).message.slice(0, 200);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (Date.now() - started) / 1000;
  return { scenario: `registry: importHouseholds of ${rows.toLocaleString('en')} rows, one request`, throughput: Math.round(rows / seconds), unit: 'rows/s', p50: Math.round(seconds * 1000), p99: null, errors, rssMiB: peak, target: 'one request, bounded memory', note: `${note}; peak server RSS ${peak} MiB` };
}

const LINE_SUMMARY = `query LineSummary($filter: ImpactFilter) { impactSummary(filter: $filter) { ordersCount supplierIncomeFen registeredPoorHouseholdsReached
  registeredPoorHouseholds registeredPoorEarningAboveLine registeredPoorEarningAboveLineShare } }`;
const OUTCOMES = `query Outcomes($countyId: ID) { trainingOutcomes(countyId: $countyId) { programmeId sessions trainees registeredPoorTrainees
  traineesFirstSellingWithin180Days supplierNetBeforeFen supplierNetAfterFen } }`;

/**
 * Adds a year of training to the data set once (3 programmes, 5,000 sessions at random stations, 20
 * households of the station's county each: 100,000 attendances); returns how many attendances there are.
 */
export async function ensureTraining(data: Dataset): Promise<number> {
  const db = new Client({ connectionString: data.url });
  await db.connect();
  try {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM training_attendances`)).rows;
    if (n > 0) return n;
    await db.query(`INSERT INTO training_programmes (name, topic) VALUES ('农村电商实训', 'e-commerce'), ('核桃嫁接', 'walnut grafting'), ('花椒晾晒', 'pepper drying')`);
    await db.query(
      `INSERT INTO training_sessions (programme_id, station_id, county_id, held_on, trainer, topic)
       SELECT p.id, s.id, s.county_id, (now() AT TIME ZONE 'Asia/Shanghai')::date - (g % 365), '王老师', '实训'
         FROM generate_series(1, 5000) g
         JOIN LATERAL (SELECT id FROM training_programmes ORDER BY id OFFSET g % 3 LIMIT 1) p ON true
         JOIN LATERAL (SELECT id, county_id FROM stations ORDER BY id OFFSET (g * 7919) % (SELECT count(*) FROM stations) LIMIT 1) s ON true`,
    );
    await db.query(
      `WITH cc AS (SELECT county_id, count(*) AS cnt FROM households GROUP BY county_id),
            hc AS (SELECT id, county_id, row_number() OVER (PARTITION BY county_id ORDER BY id) AS rn FROM households)
       INSERT INTO training_attendances (session_id, household_id, programme_id, county_id, held_on)
       SELECT s.id, hc.id, s.programme_id, s.county_id, s.held_on
         FROM training_sessions s CROSS JOIN generate_series(0, 19) k
         JOIN cc ON cc.county_id = s.county_id
         JOIN hc ON hc.county_id = s.county_id AND hc.rn = 1 + (s.id * 7919 + k * 104729) % cc.cnt
       ON CONFLICT DO NOTHING`,
    );
    // The trainees' rollup, as recording the attendance through the API keeps it.
    await db.query(recountTraineesSql('true'));
    await db.query(`ANALYZE training_sessions; ANALYZE training_attendances; ANALYZE training_trainees`);
    return Number((await db.query(`SELECT count(*)::int AS n FROM training_attendances`)).rows[0].n);
  } finally {
    await db.end();
  }
}

/** trainingOutcomes of one county (every programme), or the summary with the poverty-line count of one county over a year. */
export async function trainingQuery(server: ServerHandle, data: Dataset, seconds: number, outcomes: boolean): Promise<ScenarioResult> {
  const r = outcomes
    ? await officialsReportLoad(server, data, seconds, OUTCOMES, (countyId) => ({ countyId }))
    : await officialsReportLoad(server, data, seconds, LINE_SUMMARY, (countyId, year) => ({ filter: { countyId, ...year } }));
  return outcomes
    ? { scenario: 'training: trainingOutcomes, one county, every programme', throughput: r.throughput, unit: 'req/s', p50: r.p50, p99: r.p99, errors: r.errors, rssMiB: server.rssMiB(), target: 'median < 50 ms (8 officials)' }
    : { scenario: 'impact: impactSummary with the poverty-line count, one county, a year', throughput: r.throughput, unit: 'req/s', p50: r.p50, p99: r.p99, errors: r.errors, rssMiB: server.rssMiB(), target: 'median < 50 ms (8 officials)' };
}

const TWO_WAY = `query TwoWay($countyId: ID!) { twoWayFlow(countyId: $countyId) { from to
  months { month upwardOrders upwardSalesFen downwardOrders downwardSalesFen farmInputFen registeredPoorFarmInputFen }
  stations { month stationId upwardOrders upwardSalesFen downwardOrders downwardSalesFen farmInputFen registeredPoorFarmInputFen } } }`;

/** The two-way flow of one county over the last 12 months (its default), per station and month, by 8 officials. */
export async function twoWayQuery(server: ServerHandle, data: Dataset, seconds: number): Promise<ScenarioResult> {
  const r = await officialsReportLoad(server, data, seconds, TWO_WAY, (countyId) => ({ countyId }));
  const scenario = `two-way: twoWayFlow, one county, a year (${data.size.villageOrders.toLocaleString('en')} village orders)`;
  return { scenario, throughput: r.throughput, unit: 'req/s', p50: r.p50, p99: r.p99, errors: r.errors, rssMiB: server.rssMiB(), target: 'median < 50 ms (8 officials)' };
}

const PLACE_VILLAGE = `mutation PlaceVillage($input: PlaceVillageOrderInput!) { placeVillageOrder(input: $input) { pickupCode villageOrder { id } } }`;

export interface VillageOrderFixtures {
  /** One operator a station (its token) with a household of a village it serves. */
  operators: Array<{ token: string; householdId: string }>;
  /** Goods grouped by merchant: a village order holds one merchant's goods. */
  goodsByMerchant: string[][];
}

/**
 * Merchants of the county seats with goods in stock enough for any run (added once to the run's copy),
 * and for 32 stations an operator and a household of a village it serves.
 */
export async function ensureVillageOrderFixtures(data: Dataset): Promise<VillageOrderFixtures> {
  const db = new Client({ connectionString: data.url });
  await db.connect();
  try {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM goods`)).rows;
    if (n === 0) {
      await db.query(
        `INSERT INTO merchants (name, county_id, payout_account)
         SELECT '电商产业园商家 ' || g, (SELECT id FROM counties ORDER BY id OFFSET g % (SELECT count(*) FROM counties) LIMIT 1), '6228480000' || lpad(g::text, 6, '0')
           FROM generate_series(1, 20) g`,
      );
      await db.query(
        `INSERT INTO goods (merchant_id, title, kind, unit, price_fen, stock)
         SELECT m.id, (ARRAY['复合肥','玉米种子','智能手机','食用油','饲料'])[1 + k % 5] || ' ' || k,
                (CASE WHEN k % 5 IN (2, 3) THEN 'CONSUMER' ELSE 'FARM_INPUT' END)::goods_kind, '件', 1000 + k * 137, 10000000
           FROM merchants m CROSS JOIN generate_series(0, 9) k`,
      );
    }
    const goods = (await db.query(`SELECT merchant_id::text, array_agg(id::text ORDER BY id) AS ids FROM goods GROUP BY merchant_id ORDER BY merchant_id`)).rows;
    const operators = (
      await db.query(
        `SELECT u.id::text AS user_id, (SELECT h.id::text FROM households h JOIN station_villages sv ON sv.village_id = h.village_id
                                         WHERE sv.station_id = s.id ORDER BY h.id LIMIT 1) AS household_id
           FROM stations s JOIN users u ON u.station_id = s.id AND u.email LIKE 'bench-operator-%'
          ORDER BY s.id LIMIT 32`,
      )
    ).rows.filter((r) => r.household_id);
    return {
      operators: operators.map((o) => ({ token: signAccessToken(data.jwtSecret, o.user_id, 'STATION_OPERATOR', 24 * 3600), householdId: o.household_id })),
      goodsByMerchant: goods.map((g) => g.ids as string[]),
    };
  } finally {
    await db.end();
  }
}

/** placeVillageOrder by 32 operators at once, 1-2 lines of one merchant's goods each, no deposit. */
export async function placeVillageOrders(server: ServerHandle, fixtures: VillageOrderFixtures, seconds: number): Promise<ScenarioResult> {
  let i = 0;
  const r = await runLoad({
    url: server.url,
    connections: 32,
    durationSeconds: seconds,
    request: () => {
      const operator = fixtures.operators[i++ % fixtures.operators.length];
      const goods = pick(fixtures.goodsByMerchant);
      const lines = [...new Set([pick(goods), pick(goods)])].map((goodsId) => ({ goodsId, quantity: 1 }));
      const input = { householdId: operator.householdId, lines, depositFen: 0 };
      return { body: JSON.stringify({ query: PLACE_VILLAGE, variables: { input } }), headers: { authorization: `Bearer ${operator.token}` } };
    },
  });
  return { scenario: 'village orders: placeVillageOrder, 32 operators', throughput: r.throughput, unit: 'orders/s', p50: r.p50, p99: r.p99, errors: r.errors, rssMiB: server.rssMiB(), target: '>= 400 orders/s (32 operators)' };
}
