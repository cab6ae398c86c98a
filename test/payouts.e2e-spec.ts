import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TEST_REDIS_URL, TestApi, World } from '@app/testing';
import { payoutStatusCounts, waitFor, writeDeliveredOrder } from './payouts-fixtures';

/*
 * Settlement and payouts end to end over the API, on both queue backends. The deliveries are written
 * with SQL as placeOrder ... confirmDelivery leave them (test/payouts-fixtures.ts), with hand-computed
 * money: the World's stations charge 500 bps, the platform 300 bps.
 *   poorA via main    3 x 1250 = 3750: commission 187, fee 112, net 3451
 *   poorB via main    2 x  999 = 1998: commission  99, fee  59, net 1840
 *   poorA via second  1 x 2000 = 2000: commission 100, fee  60, net 1840
 *   other via other   4 x  500 = 2000: commission 100, fee  60, net 1840   (the other county)
 *   plain via main    1 x 1000 = 1000: commission  50, fee  30, net  920   (delivered within the holdback)
 */
const PAYOUTS = `query ($status: PayoutStatus, $stationId: ID, $householdId: ID, $first: Int, $after: String) {
  payouts(status: $status, stationId: $stationId, householdId: $householdId, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id payeeKind amountFen status attempts lastError paidAt household { id } station { id } } }
  }
}`;
const TRIAL_BALANCE = `{ trialBalance { totalDebitsFen totalCreditsFen balanced accounts { code debitsFen creditsFen } } }`;

describe.each([
  ['Redis', TEST_REDIS_URL],
  ['PostgreSQL', undefined],
])('settlement and payouts on %s', (_backend, redisUrl) => {
  let api: TestApi;
  let world: World;
  let firstRun: { payoutsCreated: number; amountFen: number };

  const allPaid = async () => {
    const { rows } = await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status <> 'PAID'`);
    return rows[0].n === 0;
  };

  beforeAll(async () => {
    api = await startTestApi({ redisUrl, settlementHoldbackHours: 72 });
    world = await createWorld(api.db.pool, api.config);
    const h = world.households;
    const s = world.stations;
    await writeDeliveredOrder(api.db.pool, world, [
      { householdId: h.poorA, stationId: s.main, quantity: 3, unitPriceFen: 1250 },
      { householdId: h.poorB, stationId: s.main, quantity: 2, unitPriceFen: 999 },
      { householdId: h.poorA, stationId: s.second, quantity: 1, unitPriceFen: 2000 },
    ]);
    await writeDeliveredOrder(api.db.pool, world, [{ householdId: h.other, stationId: s.other, quantity: 4, unitPriceFen: 500 }]);
    await writeDeliveredOrder(api.db.pool, world, [{ householdId: h.plain, stationId: s.main, quantity: 1, unitPriceFen: 1000 }], {
      deliveredAt: new Date(Date.now() - 3600_000),
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('refuses runSettlement to anyone but an admin, changing nothing', async () => {
    expect((await api.gql('mutation { runSettlement { payoutsCreated } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const user of [world.users.official, world.users.operator, world.users.buyer]) {
      expect((await api.gql('mutation { runSettlement { payoutsCreated } }', {}, user.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.db.pool.query('SELECT count(*)::int AS n FROM payouts')).rows[0].n).toBe(0);
  });

  it('settles the allocations past the holdback into one payout per payee and pays them all', async () => {
    const r = await api.gql<{ runSettlement: { payoutsCreated: number; amountFen: number } }>('mutation { runSettlement { payoutsCreated amountFen } }', {}, world.users.admin.token);
    expect(r.errors).toBeUndefined();
    firstRun = r.data!.runSettlement;
    expect(firstRun).toEqual({ payoutsCreated: 6, amountFen: 5291 + 1840 + 1840 + 286 + 100 + 100 });
    await waitFor(allPaid, 30_000, 'every payout PAID');

    const { rows } = await api.db.pool.query(
      `SELECT payee_kind, COALESCE(household_id, station_id)::text AS payee, amount_fen::int AS amount, attempts, status, provider_reference, paid_at IS NOT NULL AS paid
         FROM payouts ORDER BY payee_kind, COALESCE(household_id, station_id)`,
    );
    const h = world.households;
    const s = world.stations;
    const expected = [
      ['HOUSEHOLD', h.poorA, 5291],
      ['HOUSEHOLD', h.poorB, 1840],
      ['HOUSEHOLD', h.other, 1840],
      ['STATION', s.main, 286],
      ['STATION', s.second, 100],
      ['STATION', s.other, 100],
    ].sort((a, b) => `${a[0]}${String(a[1]).padStart(12, '0')}`.localeCompare(`${b[0]}${String(b[1]).padStart(12, '0')}`));
    expect(rows.map((r) => [r.payee_kind, r.payee, r.amount])).toEqual(expected);
    expect(rows.every((r) => r.status === 'PAID' && r.attempts === 1 && r.paid && /^sandbox-\d+$/.test(r.provider_reference))).toBe(true);
  });

  it('pays each payee the sum of its allocations, with one sandbox transfer to its account', async () => {
    const mismatched = await api.db.pool.query(
      `SELECT p.id FROM payouts p
        WHERE p.amount_fen <> COALESCE((SELECT sum(a.supplier_net_fen) FROM allocations a JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'HOUSEHOLD' WHERE l.payout_id = p.id), 0)
                            + COALESCE((SELECT sum(a.station_commission_fen) FROM allocations a JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'STATION' WHERE l.payout_id = p.id), 0)`,
    );
    expect(mismatched.rows).toEqual([]);
    const transfers = await api.db.pool.query(
      `SELECT t.idempotency_key, t.account, t.amount_fen::int AS amount, p.provider_reference = 'sandbox-' || t.id AS same_reference
         FROM payouts p JOIN sandbox_transfers t ON t.idempotency_key = 'payout:' || p.id WHERE p.household_id = $1`,
      [world.households.poorA],
    );
    expect(transfers.rows).toEqual([{ idempotency_key: expect.stringMatching(/^payout:\d+$/), account: '62284800123450001', amount: 5291, same_reference: true }]);
    const stationTransfer = await api.db.pool.query(`SELECT t.account FROM payouts p JOIN sandbox_transfers t ON t.idempotency_key = 'payout:' || p.id WHERE p.station_id = $1`, [world.stations.main]);
    expect(stationTransfer.rows).toEqual([{ account: `station:${world.stations.main}` }]);
    expect((await api.db.pool.query('SELECT count(*)::int AS n FROM sandbox_transfers')).rows[0].n).toBe(6);
    // The allocation delivered within the holdback is in no payout.
    const unsettled = await api.db.pool.query(`SELECT a.household_id::text, h.payout_id AS household_payout_id, s.payout_id AS station_payout_id FROM allocations a
        LEFT JOIN payout_links h ON h.allocation_id = a.id AND h.payee_kind = 'HOUSEHOLD' LEFT JOIN payout_links s ON s.allocation_id = a.id AND s.payee_kind = 'STATION'
       WHERE h.payout_id IS NULL OR s.payout_id IS NULL`);
    expect(unsettled.rows).toEqual([{ household_id: world.households.plain, household_payout_id: null, station_payout_id: null }]);
  });

  it('books each payout: payables of the paid payees at zero, the trial balance balanced', async () => {
    const r = await api.gql(TRIAL_BALANCE, {}, world.users.admin.token);
    expect(r.errors).toBeUndefined();
    const tb = r.data!.trialBalance;
    const account = (code: string) => tb.accounts.find((a: { code: string }) => a.code === code);
    const h = world.households;
    const s = world.stations;
    expect(account(`payable:household:${h.poorA}`)).toEqual({ code: `payable:household:${h.poorA}`, debitsFen: 5291, creditsFen: 5291 });
    expect(account(`payable:station:${s.main}`)).toEqual({ code: `payable:station:${s.main}`, debitsFen: 286, creditsFen: 286 + 50 });
    expect(account(`payable:household:${h.plain}`)).toEqual({ code: `payable:household:${h.plain}`, debitsFen: 0, creditsFen: 920 });
    expect(account('bank:disbursements')).toEqual({ code: 'bank:disbursements', debitsFen: 0, creditsFen: 9457 });
    expect(account('gateway:clearing')).toEqual({ code: 'gateway:clearing', debitsFen: 10748, creditsFen: 0 });
    expect(account('revenue:platform')).toEqual({ code: 'revenue:platform', debitsFen: 0, creditsFen: 321 });
    expect(tb).toMatchObject({ totalDebitsFen: 30953, totalCreditsFen: 30953, balanced: true });
    const entries = await api.db.pool.query(`SELECT count(*)::int AS n FROM journal_entries WHERE kind = 'PAYOUT_PAID'`);
    expect(entries.rows[0].n).toBe(6);
  });

  it('settles nothing twice: a second run takes only what has since passed the holdback', async () => {
    const again = await api.gql('mutation { runSettlement { payoutsCreated amountFen } }', {}, world.users.admin.token);
    expect(again.data!.runSettlement).toEqual({ payoutsCreated: 0, amountFen: 0 });
    // Let the recent delivery age past the holdback.
    await api.db.pool.query(`UPDATE fulfillments SET delivered_at = now() - interval '73 hours' WHERE delivered_at > now() - interval '72 hours'`);
    const later = await api.gql('mutation { runSettlement { payoutsCreated amountFen } }', {}, world.users.admin.token);
    expect(later.data!.runSettlement).toEqual({ payoutsCreated: 2, amountFen: 920 + 50 });
    await waitFor(allPaid, 30_000, 'every payout PAID');
    expect(await payoutStatusCounts(api.db.pool)).toEqual({ PAID: 8 });

    const tb = (await api.gql(TRIAL_BALANCE, {}, world.users.admin.token)).data!.trialBalance;
    const payables = tb.accounts.filter((a: { code: string }) => a.code.startsWith('payable:'));
    expect(payables).toHaveLength(6 + 1);
    expect(payables.filter((a: { debitsFen: number; creditsFen: number }) => a.debitsFen !== a.creditsFen)).toEqual([]);
    expect(tb.accounts.find((a: { code: string }) => a.code === 'bank:disbursements').creditsFen).toBe(9457 + 970);
    expect(tb.balanced).toBe(true);
    expect(tb.totalDebitsFen).toBe(tb.totalCreditsFen);
  });

  it('lists payouts to each by the access rules', async () => {
    const ids = async (token: string, variables: Record<string, unknown> = {}) => {
      const r = await api.gql(PAYOUTS, { first: 100, ...variables }, token);
      expect(r.errors).toBeUndefined();
      return r.data!.payouts;
    };
    const all = await ids(world.users.admin.token);
    expect(all.totalCount).toBe(8);
    const idsDesc = all.edges.map((e: { node: { id: string } }) => Number(e.node.id));
    expect(idsDesc).toEqual([...idsDesc].sort((a, b) => b - a));
    const byPayee = (conn: { edges: Array<{ node: { household: { id: string } | null; station: { id: string } | null } }> }) =>
      conn.edges.map((e) => (e.node.household ? `h${e.node.household.id}` : `s${e.node.station!.id}`)).sort();
    const h = world.households;
    const s = world.stations;

    // The official of She County: every payee there, not Wei County's household and station.
    const official = await ids(world.users.official.token);
    expect(byPayee(official)).toEqual([`h${h.poorA}`, `h${h.poorB}`, `h${h.plain}`, `s${s.main}`, `s${s.main}`, `s${s.second}`].sort());
    expect(official.totalCount).toBe(6);
    const otherOfficial = await ids(world.users.otherOfficial.token);
    expect(byPayee(otherOfficial)).toEqual([`h${h.other}`, `s${s.other}`].sort());

    // The main station's operator: its own payouts and those of households that settle only its own
    // sales. poorA's payout also pays for a sale of the second station (both serve the poor village):
    // neither operator reads it, nor the second station's operator poorB's, which it never sold.
    const operator = await ids(world.users.operator.token);
    expect(byPayee(operator)).toEqual([`h${h.poorB}`, `h${h.plain}`, `s${s.main}`, `s${s.main}`].sort());
    expect(operator.totalCount).toBe(4);
    const second = await ids(world.users.secondOperator.token);
    expect(byPayee(second)).toEqual([`s${s.second}`]);
    expect(second.totalCount).toBe(1);
    // Filters narrow within what one may see: another station's payouts are simply not there.
    expect((await ids(world.users.secondOperator.token, { stationId: s.main })).totalCount).toBe(0);
    expect(byPayee(await ids(world.users.admin.token, { stationId: s.main }))).toEqual([`s${s.main}`, `s${s.main}`]);
    expect(byPayee(await ids(world.users.official.token, { householdId: h.poorA, status: 'PAID' }))).toEqual([`h${h.poorA}`]);
    expect((await ids(world.users.admin.token, { status: 'FAILED' })).totalCount).toBe(0);

    // Buyers may not; anonymous callers must sign in.
    expect((await api.gql(PAYOUTS, {}, world.users.buyer.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(PAYOUTS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('pages payouts by a keyset cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page++) {
      const r: { data?: Record<string, any> | null } = await api.gql(PAYOUTS, { first: 3, after }, world.users.admin.token);
      const conn = r.data!.payouts;
      seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    const all = (await api.gql(PAYOUTS, { first: 100 }, world.users.admin.token)).data!.payouts.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(seen).toEqual(all);
    expect(seen).toHaveLength(8);
    const bad = await api.gql(PAYOUTS, { first: 101 }, world.users.admin.token);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await api.gql(PAYOUTS, { after: 'nonsense' }, world.users.admin.token);
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const badId = await api.gql(PAYOUTS, { stationId: 'x' }, world.users.admin.token);
    expect(badId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stationId' });
  });

  it('retries only FAILED payouts', async () => {
    const paid = (await api.db.pool.query(`SELECT id::text FROM payouts LIMIT 1`)).rows[0].id;
    const retry = `mutation ($id: ID!) { retryPayout(id: $id) { id status } }`;
    expect((await api.gql(retry, { id: paid }, world.users.admin.token)).errors?.[0].extensions?.code).toBe('INVALID_STATE');
    expect((await api.gql(retry, { id: '999999' }, world.users.admin.token)).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.gql(retry, { id: 'abc' }, world.users.admin.token)).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.gql(retry, { id: paid }, world.users.official.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await payoutStatusCounts(api.db.pool)).toEqual({ PAID: 8 });
  });
});
