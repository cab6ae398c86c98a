import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ImpactRebuildService } from '@app/impact';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { periodStarts } from '../libs/impact/src/domain/periods';
import { Filter, ImpactDriver, SUMMARY_FIELDS } from './impact-fixtures';

// The property: whatever orders are placed, delivered, left on the way or cancelled, whatever statuses
// are corrected back in time and payouts paid, (1) every report equals the definition computed
// straight from the allocations (the poverty-line count too, with the counties' lines moved at random),
// and (2) the rollups kept delivery by delivery equal a rebuild from scratch. Placement instants cluster around the June/July 2025 boundary (Asia/Shanghai) so that
// partial days, whole days and whole months all take part.
const at = (local: string) => new Date(`${local}+08:00`);
const BASE = at('2025-06-25T00:00:00').getTime();
const MINUTE = 60_000;
const RANGES: Array<{ from?: string; to?: string }> = [
  {},
  { from: at('2025-06-01T00:00:00').toISOString(), to: at('2025-07-01T00:00:00').toISOString() },
  { from: at('2025-06-28T13:00:00').toISOString(), to: at('2025-07-02T09:00:00').toISOString() },
  { from: at('2025-06-30T00:00:00').toISOString(), to: at('2025-07-01T00:00:00').toISOString() },
  { to: at('2025-06-30T12:00:00').toISOString() },
  { from: at('2025-07-01T00:00:00').toISOString() },
];

interface Counted {
  order_id: string;
  county_id: string;
  station_id: string;
  village_id: string;
  household_id: string;
  placed_at: Date;
  gross: number;
  net: number;
  poor: boolean;
  village_poor: boolean;
  paid: boolean;
}

type Op =
  | { kind: 'order'; lines: Array<{ listing: number; quantity: number }>; minutes: number; fate: Array<'deliver' | 'ship' | 'leave'>; cancel: boolean }
  | { kind: 'status'; household: number; status: 'REGISTERED_POOR' | 'NOT_REGISTERED' | 'EXITED'; minutes: number }
  | { kind: 'village'; village: 'poor' | 'plain' | 'other'; stricken: boolean; minutes: number }
  | { kind: 'settle' }
  | { kind: 'train'; programme: number; station: 'main' | 'other'; households: number[]; days: number }
  | { kind: 'line'; county: 'main' | 'other'; fen: number };

describe('impact: rollups against a recomputation', () => {
  let api: TestApi;
  let world: World;
  let d: ImpactDriver;
  const households: Array<{ id: string; countyToken: string }> = [];
  const listings: string[] = [];
  const programmes: string[] = [];

  beforeAll(async () => {
    api = await startTestApi({ logLevel: 'error', settlementHoldbackHours: 0 });
    world = await createWorld(api.db.pool, api.config);
    d = new ImpactDriver(api, world);
    const { villages, stations, users } = world;
    for (const [village, token] of [
      [villages.poor, users.official.token],
      [villages.poor, users.official.token],
      [villages.plain, users.official.token],
      [villages.plain, users.official.token],
      [villages.other, users.otherOfficial.token],
      [villages.other, users.otherOfficial.token],
    ]) {
      households.push({ id: await d.household(village, households.length % 2 ? 'NOT_REGISTERED' : 'REGISTERED_POOR'), countyToken: token });
    }
    // Each station lists for a few households; a household may supply two stations (routing decides who collects).
    const pairs: Array<[string, number, number]> = [
      [stations.main, 0, 1000],
      [stations.main, 2, 1234],
      [stations.main, 3, 999],
      [stations.second, 1, 777],
      [stations.second, 0, 1500],
      [stations.other, 4, 650],
      [stations.other, 5, 2100],
      [stations.main, 4, 333],
    ];
    for (const [station, h, price] of pairs) listings.push(await d.listing(station, households[h].id, price, 1_000_000));
    // Households of 1 to 4 members, and lines low enough for a few orders to reach (the 'line' step moves them).
    for (const [i, h] of households.entries()) await api.db.pool.query(`UPDATE households SET members = $2 WHERE id = $1`, [h.id, 1 + (i % 4)]);
    for (const [countyId, fen] of [[world.county.id, 900], [world.otherCounty.id, 1500]] as const) {
      const r = await api.gql(`mutation ($input: SetCountyPovertyLineInput!) { setCountyPovertyLine(input: $input) { id } }`, { input: { countyId, povertyLineFen: fen } }, users.admin.token);
      expect(r.errors).toBeUndefined();
    }
    for (const name of ['农村电商实训', '核桃嫁接']) {
      const r = await api.gql(`mutation ($input: CreateTrainingProgrammeInput!) { createTrainingProgramme(input: $input) { id } }`, { input: { name, topic: name } }, users.admin.token);
      programmes.push(r.data!.createTrainingProgramme.id);
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  const villageArb = fc.record({
    kind: fc.constant('village' as const),
    village: fc.constantFrom('poor' as const, 'plain' as const, 'other' as const),
    stricken: fc.boolean(),
    minutes: fc.integer({ min: -20 * 1440, max: 12 * 1440 }),
  });
  // A session (before or after the sales around BASE) with some of the station's county's households.
  const trainArb = fc.record({
    kind: fc.constant('train' as const),
    programme: fc.nat({ max: 1 }),
    station: fc.constantFrom('main' as const, 'main' as const, 'other' as const),
    households: fc.uniqueArray(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }),
    days: fc.integer({ min: -200, max: 12 }),
  });
  // A county's line moved by its official (fen a person a year; the households' nets here are hundreds to thousands of fen).
  const lineArb = fc.record({ kind: fc.constant('line' as const), county: fc.constantFrom('main' as const, 'other' as const), fen: fc.integer({ min: 100, max: 4000 }) });
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('order' as const),
        lines: fc.uniqueArray(fc.record({ listing: fc.nat({ max: 7 }), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3, selector: (l) => l.listing }),
        // Around the month boundary, often exactly on a Shanghai midnight.
        minutes: fc.oneof(fc.integer({ min: -14 * 1440, max: 10 * 1440 }), fc.integer({ min: -3, max: 8 }).map((days) => days * 1440)),
        fate: fc.array(fc.constantFrom('deliver' as const, 'deliver' as const, 'ship' as const, 'leave' as const), { minLength: 3, maxLength: 3 }),
        cancel: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('status' as const),
        household: fc.nat({ max: 5 }),
        status: fc.constantFrom('REGISTERED_POOR' as const, 'NOT_REGISTERED' as const, 'EXITED' as const),
        minutes: fc.integer({ min: -20 * 1440, max: 12 * 1440 }),
      }),
    },
    { weight: 2, arbitrary: villageArb },
    { weight: 1, arbitrary: fc.constant({ kind: 'settle' as const }) },
    { weight: 2, arbitrary: trainArb },
    { weight: 2, arbitrary: lineArb },
  );

  async function apply(op: Op): Promise<void> {
    if (op.kind === 'order') {
      const order = await d.order(
        op.lines.map((l) => ({ listingId: listings[l.listing], quantity: l.quantity })),
        new Date(BASE + op.minutes * MINUTE),
      );
      if (op.cancel) return d.cancel(order.id);
      for (const [i, f] of order.fulfillments.entries()) {
        if (op.fate[i % 3] === 'deliver') await d.deliver(f);
        else if (op.fate[i % 3] === 'ship') await d.ship(f);
      }
    } else if (op.kind === 'status') {
      const h = households[op.household];
      const input = { householdId: h.id, status: op.status, effectiveAt: new Date(BASE + op.minutes * MINUTE).toISOString(), ...(op.status === 'REGISTERED_POOR' ? { category: 'GENERAL' } : {}) };
      const r = await api.gql(`mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { id } }`, { input }, h.countyToken);
      expect(r.errors).toBeUndefined();
    } else if (op.kind === 'village') {
      const token = op.village === 'other' ? world.users.otherOfficial.token : world.users.official.token;
      const input = { villageId: world.villages[op.village], povertyStricken: op.stricken, effectiveAt: new Date(BASE + op.minutes * MINUTE).toISOString() };
      const r = await api.gql(`mutation ($input: SetVillagePovertyStatusInput!) { setVillagePovertyStatus(input: $input) { id } }`, { input }, token);
      expect(r.errors).toBeUndefined();
    } else if (op.kind === 'line') {
      const [countyId, token] = op.county === 'main' ? [world.county.id, world.users.official.token] : [world.otherCounty.id, world.users.otherOfficial.token];
      const r = await api.gql(`mutation ($input: SetCountyPovertyLineInput!) { setCountyPovertyLine(input: $input) { id } }`, { input: { countyId, povertyLineFen: op.fen } }, token);
      expect(r.errors).toBeUndefined();
    } else if (op.kind === 'train') {
      const admin = world.users.admin.token;
      const heldOn = new Date(BASE + op.days * 1440 * MINUTE + 8 * 3_600_000).toISOString().slice(0, 10);
      const session = await api.gql(
        `mutation ($input: RecordTrainingSessionInput!) { recordTrainingSession(input: $input) { id } }`,
        { input: { programmeId: programmes[op.programme], stationId: world.stations[op.station], heldOn, trainer: '王老师', topic: '实训' } },
        admin,
      );
      expect(session.errors).toBeUndefined();
      // The other county's households are 4 and 5.
      const householdIds = op.households.map((i) => households[op.station === 'other' ? 4 + (i % 2) : i].id);
      const r = await api.gql(`mutation ($input: RecordAttendanceInput!) { recordTrainingAttendance(input: $input) { id } }`, { input: { sessionId: session.data!.recordTrainingSession.id, householdIds } }, admin);
      expect(r.errors).toBeUndefined();
    } else {
      const r = await api.gql(`mutation { runSettlement { payoutsCreated } }`, {}, world.users.admin.token);
      expect(r.errors).toBeUndefined();
      const deadline = Date.now() + 15_000;
      for (;;) {
        const { rows } = await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status IN ('PENDING', 'PROCESSING')`);
        if (rows[0].n === 0) break;
        if (Date.now() > deadline) throw new Error('payouts still open');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** The counted allocations by the definition: allocations of DELIVERED fulfilments, straight from the tables. */
  async function counted(): Promise<Counted[]> {
    const { rows } = await api.db.pool.query(
      `SELECT a.order_id::text, a.county_id::text, a.listing_station_id::text AS station_id, a.village_id::text, a.household_id::text, a.placed_at,
              a.gross_fen::int AS gross, a.supplier_net_fen::int AS net, a.poverty_status_at_sale = 'REGISTERED_POOR' AS poor,
              a.village_poverty_stricken_at_sale AS village_poor, COALESCE(p.status = 'PAID', false) AS paid
         FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id AND f.status = 'DELIVERED'
         LEFT JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'HOUSEHOLD'
         LEFT JOIN payouts p ON p.id = l.payout_id`,
    );
    return rows;
  }

  function select(all: Counted[], filter: Filter): Counted[] {
    return all.filter(
      (a) =>
        (!filter.countyId || a.county_id === filter.countyId) &&
        (!filter.stationId || a.station_id === filter.stationId) &&
        (!filter.from || a.placed_at.getTime() >= Date.parse(filter.from)) &&
        (!filter.to || a.placed_at.getTime() < Date.parse(filter.to)),
    );
  }

  const distinct = (rows: Counted[], key: keyof Counted) => new Set(rows.map((r) => r[key])).size;
  const sum = (rows: Counted[], value: (r: Counted) => number) => rows.reduce((s, r) => s + value(r), 0);

  function expectedSummary(rows: Counted[]): Record<string, number> {
    const poor = rows.filter((r) => r.poor);
    return {
      ordersCount: distinct(rows, 'order_id'),
      grossSalesFen: sum(rows, (r) => r.gross),
      supplierIncomeFen: sum(rows, (r) => r.net),
      incomeToRegisteredPoorFen: sum(poor, (r) => r.net),
      paidOutFen: sum(rows, (r) => (r.paid ? r.net : 0)),
      villagesReached: distinct(rows, 'village_id'),
      povertyStrickenVillagesReached: distinct(rows.filter((r) => r.village_poor), 'village_id'),
      householdsReached: distinct(rows, 'household_id'),
      registeredPoorHouseholdsReached: distinct(poor, 'household_id'),
    };
  }

  function expectedVillages(rows: Counted[]): Array<Record<string, unknown>> {
    const byVillage = new Map<string, Counted[]>();
    for (const r of rows) byVillage.set(r.village_id, [...(byVillage.get(r.village_id) ?? []), r]);
    return [...byVillage.entries()]
      .map(([villageId, v]) => ({
        villageId,
        householdsReached: distinct(v, 'household_id'),
        registeredPoorHouseholdsReached: distinct(v.filter((r) => r.poor), 'household_id'),
        grossSalesFen: sum(v, (r) => r.gross),
        supplierIncomeFen: sum(v, (r) => r.net),
        incomeToRegisteredPoorFen: sum(v, (r) => (r.poor ? r.net : 0)),
      }))
      .sort((a, b) => b.supplierIncomeFen - a.supplierIncomeFen || Number(a.villageId) - Number(b.villageId));
  }

  function expectedSeries(rows: Counted[], from: Date, to: Date, interval: 'DAY' | 'WEEK' | 'MONTH'): Array<Record<string, unknown>> {
    const starts = periodStarts(from, to, interval);
    const seen = new Set<string>();
    return starts.map((start, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] : to;
      const inPeriod = rows.filter((r) => r.placed_at >= (i === 0 ? from : start) && r.placed_at < end);
      for (const r of inPeriod) seen.add(r.village_id);
      return {
        periodStart: start.toISOString(),
        supplierIncomeFen: sum(inPeriod, (r) => r.net),
        incomeToRegisteredPoorFen: sum(inPeriod, (r) => (r.poor ? r.net : 0)),
        villagesReached: distinct(inPeriod, 'village_id'),
        cumulativeVillagesReached: seen.size,
      };
    });
  }

  /**
   * The training outcomes (from the trainees' rollup) equal the definition computed straight from the
   * attendances, the status histories and the households' counted sales: each trainee dated by their
   * first session of the programme in the county; REGISTERED_POOR at the end of that day by the history
   * as it stands; the first counted sale within 180 days of it; the nets 180 days either side.
   */
  async function checkTrainingOutcomes(): Promise<void> {
    const day = `(a.placed_at AT TIME ZONE 'Asia/Shanghai')::date`;
    const { rows } = await api.db.pool.query(
      `WITH sold AS (
         SELECT a.household_id, ${day} AS day, a.supplier_net_fen AS net FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id AND f.status = 'DELIVERED'
       ), t AS (
         SELECT programme_id, county_id, household_id, min(held_on) AS d FROM training_attendances GROUP BY 1, 2, 3
       )
       SELECT t.programme_id::text AS "programmeId", t.county_id::text AS "countyId", count(*)::int AS trainees,
              count(*) FILTER (WHERE (SELECT p.status FROM poverty_status_history p
                                       WHERE p.household_id = t.household_id AND p.effective_at < ((t.d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
                                       ORDER BY p.effective_at DESC, p.id DESC LIMIT 1) = 'REGISTERED_POOR')::int AS "registeredPoorTrainees",
              count(*) FILTER (WHERE (SELECT min(day) FROM sold WHERE sold.household_id = t.household_id) >= t.d
                                 AND (SELECT min(day) FROM sold WHERE sold.household_id = t.household_id) < t.d + 180)::int AS "traineesFirstSellingWithin180Days",
              COALESCE(sum((SELECT sum(net) FROM sold WHERE sold.household_id = t.household_id AND day >= t.d - 180 AND day < t.d)), 0)::int AS "supplierNetBeforeFen",
              COALESCE(sum((SELECT sum(net) FROM sold WHERE sold.household_id = t.household_id AND day >= t.d AND day < t.d + 180)), 0)::int AS "supplierNetAfterFen"
         FROM t GROUP BY t.programme_id, t.county_id ORDER BY t.county_id, t.programme_id`,
    );
    const r = await api.gql(
      `{ trainingOutcomes { programmeId countyId trainees registeredPoorTrainees traineesFirstSellingWithin180Days supplierNetBeforeFen supplierNetAfterFen } }`,
      {},
      world.users.admin.token,
    );
    expect(r.errors).toBeUndefined();
    const got = (r.data!.trainingOutcomes as Array<Record<string, unknown>>).filter((o) => (o.trainees as number) > 0);
    expect(got).toEqual(rows);
  }

  /** What the poverty-line checks saw, so that the test knows they counted households on both sides of a line. */
  const lineSeen = { above: 0, below: 0 };

  /**
   * The poverty-line fields of the summary (each scope) and of the village rows equal the definition
   * computed from scratch at each instant: the households REGISTERED_POOR now, and those whose
   * supplier net of counted allocations placed in the 365 days before the instant reaches members x
   * their county's line as it stands.
   */
  async function checkPovertyLine(asOf: Date): Promise<void> {
    const { rows: poor } = await api.db.pool.query(
      `SELECT h.village_id::text, h.county_id::text, ARRAY(SELECT sv.station_id::text FROM station_villages sv WHERE sv.village_id = h.village_id) AS stations,
              COALESCE((SELECT sum(a.supplier_net_fen) FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id AND f.status = 'DELIVERED'
                         WHERE a.household_id = h.id AND a.placed_at >= $1 AND a.placed_at < $2), 0) >= h.members::bigint * c.poverty_line_fen AS above,
              EXISTS (SELECT 1 FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id AND f.status = 'DELIVERED' WHERE a.household_id = h.id) AS sold
         FROM households h JOIN counties c ON c.id = h.county_id WHERE h.poverty_status = 'REGISTERED_POOR'`,
      [new Date(asOf.getTime() - 365 * 86_400_000), asOf],
    );
    const tally = (rows: typeof poor) => ({ registeredPoorHouseholds: rows.length, registeredPoorEarningAboveLine: rows.filter((r) => r.above).length });
    lineSeen.above += poor.filter((r) => r.above).length;
    lineSeen.below += poor.filter((r) => r.sold && !r.above).length;
    const { county, otherCounty, stations } = world;
    const scopes: Filter[] = [{}, { countyId: county.id }, { countyId: otherCounty.id }, { stationId: stations.main }, { stationId: stations.other }, { countyId: county.id, stationId: stations.second }];
    for (const scope of scopes) {
      const filter = { ...scope, to: asOf.toISOString() };
      const r = await api.gql(`query ($f: ImpactFilter) { impactSummary(filter: $f) { registeredPoorHouseholds registeredPoorEarningAboveLine } }`, { f: filter }, world.users.admin.token);
      expect(r.errors).toBeUndefined();
      const inScope = poor.filter((p) => (!scope.countyId || p.county_id === scope.countyId) && (!scope.stationId || p.stations.includes(scope.stationId)));
      expect({ filter, line: r.data!.impactSummary }).toEqual({ filter, line: tally(inScope) });
    }
    const v = await api.gql(
      `query ($f: ImpactFilter) { impactByVillage(filter: $f, first: 100) { edges { node { village { id } registeredPoorHouseholds registeredPoorEarningAboveLine } } } }`,
      { f: { to: asOf.toISOString() } },
      world.users.admin.token,
    );
    expect(v.errors).toBeUndefined();
    for (const { node } of v.data!.impactByVillage.edges as Array<{ node: { village: { id: string }; registeredPoorHouseholds: number; registeredPoorEarningAboveLine: number } }>) {
      const { village, ...line } = node;
      expect({ village: village.id, line }).toEqual({ village: village.id, line: tally(poor.filter((p) => p.village_id === village.id)) });
    }
  }

  async function dumpRollups(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const table of ['impact_facts', 'impact_scope_sums', 'impact_scope_bits', 'impact_village_sums', 'impact_village_bits', 'impact_household_days', 'impact_household_totals', 'training_trainees']) {
      const { rows } = await api.db.pool.query(`SELECT * FROM ${table}`);
      out[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  }

  /** Every allocation's village flag is the flag in force at its placement by the village's history now (its designation before any entry). */
  async function checkVillageAttribution(): Promise<void> {
    const { rows } = await api.db.pool.query(
      `SELECT count(*)::int AS wrong FROM allocations a JOIN villages v ON v.id = a.village_id
        WHERE a.village_poverty_stricken_at_sale IS DISTINCT FROM COALESCE(
          (SELECT p.poverty_stricken FROM village_poverty_history p WHERE p.village_id = a.village_id AND p.effective_at <= a.placed_at
            ORDER BY p.effective_at DESC, p.id DESC LIMIT 1), v.designated_poverty_stricken)`,
    );
    expect(rows[0].wrong).toBe(0);
  }

  async function checkReports(extraRange: { from: string; to: string }): Promise<void> {
    await checkVillageAttribution();
    const all = await counted();
    const { county, otherCounty, stations } = world;
    const scopes: Filter[] = [{}, { countyId: county.id }, { countyId: otherCounty.id }, { stationId: stations.main }, { stationId: stations.second }, { countyId: county.id, stationId: stations.main }];
    for (const scope of scopes) {
      for (const range of [...RANGES, extraRange]) {
        const filter = { ...scope, ...range };
        const rows = select(all, filter);
        expect({ filter, summary: await d.summaryOf(filter) }).toEqual({ filter, summary: expectedSummary(rows) });
        expect({ filter, villages: await d.villagesOf(filter) }).toEqual({ filter, villages: expectedVillages(rows) });
      }
    }
    for (const scope of [{}, { countyId: county.id }, { stationId: stations.second }]) {
      for (const interval of ['DAY', 'WEEK', 'MONTH'] as const) {
        const from = new Date(extraRange.from);
        const to = new Date(extraRange.to);
        const filter = { ...scope, ...extraRange };
        expect({ filter, interval, series: await d.seriesOf(filter, interval) }).toEqual({ filter, interval, series: expectedSeries(select(all, filter), from, to, interval) });
      }
    }
  }

  it('stays exact when deliveries and a back-dated correction run at the same time', async () => {
    // Orders of the same day sharing households, stations and villages, all shipped; then every
    // delivery at once, with a correction of a household they share.
    const orders = [];
    for (let i = 0; i < 8; i++) {
      const order = await d.order(
        [
          { listingId: listings[i % 8], quantity: 1 + (i % 3) },
          { listingId: listings[(i + 3) % 8], quantity: 2 },
          { listingId: listings[(i + 5) % 8], quantity: 1 },
        ],
        new Date(BASE + (i % 2) * 1440 * MINUTE + i * MINUTE),
      );
      for (const f of order.fulfillments) await d.ship(f);
      orders.push(order);
    }
    const confirm = (id: string) => api.gql(`mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { status } }`, { id }, world.users.buyer.token);
    const correction = api.gql(
      `mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { id } }`,
      { input: { householdId: households[0].id, status: 'EXITED', effectiveAt: new Date(BASE - 1440 * MINUTE).toISOString() } },
      households[0].countyToken,
    );
    const exit = api.gql(
      `mutation ($input: SetVillagePovertyStatusInput!) { setVillagePovertyStatus(input: $input) { id } }`,
      { input: { villageId: world.villages.poor, povertyStricken: false, effectiveAt: new Date(BASE - 2 * 1440 * MINUTE).toISOString() } },
      world.users.official.token,
    );
    const results = await Promise.all([...orders.flatMap((o) => o.fulfillments.map((f) => confirm(f.id))), correction, exit]);
    for (const r of results) expect(r.errors).toBeUndefined();
    await checkVillageAttribution();

    const all = await counted();
    expect(all.filter((a) => a.household_id === households[0].id).every((a) => !a.poor)).toBe(true);
    expect(await d.summaryOf(null)).toEqual(expectedSummary(all));
    const kept = await dumpRollups();
    await api.app.get(ImpactRebuildService).rebuild();
    expect(await dumpRollups()).toEqual(kept);
  });

  it('keeps every report equal to the definition and the rollups equal to a rebuild', async () => {
    // Any minute, or a Shanghai midnight (BASE is one), so that whole days and weeks start the range.
    const instant = fc.oneof(
      fc.integer({ min: -16 * 1440, max: 12 * 1440 }).map((m) => BASE + m * MINUTE),
      fc.integer({ min: -16, max: 12 }).map((days) => BASE + days * 1440 * MINUTE),
    );
    await fc.assert(
      // Every run moves a village's flag, records a training session and moves a county's line at least once (at random places among the other steps).
      fc.asyncProperty(
        fc.tuple(fc.array(opArb, { minLength: 2, maxLength: 6 }), villageArb, fc.nat(), trainArb, fc.nat(), lineArb, fc.nat()).map(([rest, village, at, train, trainAt, line, lineAt]) => {
          const ops: Op[] = [...rest];
          ops.splice(at % (rest.length + 1), 0, village);
          ops.splice(trainAt % (ops.length + 1), 0, train);
          ops.splice(lineAt % (ops.length + 1), 0, line);
          return ops;
        }),
        instant,
        instant,
        async (ops, a, b) => {
          for (const op of ops) await apply(op);
          const [lo, hi] = a < b ? [a, b] : [b, a + 1440 * MINUTE];
          await checkReports({ from: new Date(lo).toISOString(), to: new Date(hi).toISOString() });
          // The window ending at either end of the range (all of the sales before it), and a year later (its start cuts through the sales).
          for (const t of [lo, hi, lo + 365 * 1440 * MINUTE, hi + 365 * 1440 * MINUTE]) await checkPovertyLine(new Date(t));
          await checkTrainingOutcomes();
          const kept = await dumpRollups();
          await api.app.get(ImpactRebuildService).rebuild();
          expect(await dumpRollups()).toEqual(kept);
        },
      ),
      { numRuns: 6, endOnFailure: true },
    );
    // The runs did exercise what they were meant to.
    const { rows } = await api.db.pool.query(
      `SELECT count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered, count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
              count(*) FILTER (WHERE status NOT IN ('DELIVERED', 'CANCELLED'))::int AS open FROM fulfillments`,
    );
    expect(rows[0].delivered).toBeGreaterThan(0);
    const { rows: moves } = await api.db.pool.query(`SELECT count(*)::int AS n FROM village_poverty_history`);
    expect(moves[0].n).toBeGreaterThan(1);
    expect(SUMMARY_FIELDS).toContain('paidOutFen');
    const { rows: trained } = await api.db.pool.query(`SELECT count(*)::int AS n FROM training_trainees`);
    expect(trained[0].n).toBeGreaterThan(0);
    expect(lineSeen.above).toBeGreaterThan(0);
    expect(lineSeen.below).toBeGreaterThan(0);
  }, 300_000); // six runs of up to nine steps, each checked against the definition and a rebuild: minutes on a shared 2-core machine
});
