import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, createWorld, startTestApi, TEST_REDIS_URL, TestApi, TestDatabase, World } from '@app/testing';
import { payoutStatusCounts, waitFor, writeDeliveredOrder } from './payouts-fixtures';

/*
 * A provider that refuses every transfer: each payout is tried PAYOUT_MAX_ATTEMPTS times with backoff,
 * then FAILED with the error; an admin's retryPayout once the provider works again pays it exactly
 * once. The server is restarted on the same database and queue prefix to change the failure rate, so
 * the first round's failed jobs are still kept by the queue under their ids.
 *   poorA via main 2 x 1500 = 3000: commission 150, fee 90, net 2760
 *   poorB via main 1 x  800 =  800: commission  40, fee 24, net  736
 */
const FAILED = `{ payouts(status: FAILED) { totalCount edges { node { id payeeKind amountFen status attempts lastError paidAt } } } }`;
const RETRY = `mutation ($id: ID!) { retryPayout(id: $id) { id status attempts lastError amountFen } }`;
const REFUSED = 'sandbox: transfer refused (SANDBOX_FAILURE_RATE)';

describe.each([
  ['Redis', TEST_REDIS_URL],
  ['PostgreSQL', undefined],
])('payouts that fail, on %s', (_backend, redisUrl) => {
  let db: TestDatabase;
  let api: TestApi;
  let world: World;
  let failedIds: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi({ redisUrl, sandboxFailureRate: 1, payoutMaxAttempts: 3, payoutBackoffMs: 20 }, db);
    world = await createWorld(db.pool, api.config);
    await writeDeliveredOrder(db.pool, world, [
      { householdId: world.households.poorA, stationId: world.stations.main, quantity: 2, unitPriceFen: 1500 },
      { householdId: world.households.poorB, stationId: world.stations.main, quantity: 1, unitPriceFen: 800 },
    ]);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('ends FAILED after the set attempts, with the error recorded and no money moved', async () => {
    const run = await api.gql('mutation { runSettlement { payoutsCreated amountFen } }', {}, world.users.admin.token);
    expect(run.data!.runSettlement).toEqual({ payoutsCreated: 3, amountFen: 2760 + 736 + 190 });
    await waitFor(async () => (await payoutStatusCounts(db.pool)).FAILED === 3, 30_000, 'three FAILED payouts');

    const r = await api.gql(FAILED, {}, world.users.admin.token);
    expect(r.data!.payouts.totalCount).toBe(3);
    const nodes = r.data!.payouts.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.map((n: { amountFen: number }) => n.amountFen).sort((a: number, b: number) => a - b)).toEqual([190, 736, 2760]);
    for (const node of nodes) expect(node).toMatchObject({ status: 'FAILED', attempts: 3, lastError: REFUSED, paidAt: null });
    failedIds = nodes.map((n: { id: string }) => n.id);

    expect((await db.pool.query('SELECT count(*)::int AS n FROM sandbox_transfers')).rows[0].n).toBe(0);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM journal_entries WHERE kind = 'PAYOUT_PAID'`)).rows[0].n).toBe(0);
    const tb = (await api.gql('{ trialBalance { balanced accounts { code debitsFen creditsFen } } }', {}, world.users.admin.token)).data!.trialBalance;
    expect(tb.balanced).toBe(true);
    expect(tb.accounts.find((a: { code: string }) => a.code === `payable:household:${world.households.poorA}`)).toMatchObject({ debitsFen: 0, creditsFen: 2760 });
  });

  it('retries a FAILED payout with a fresh set of attempts once the provider works, paying it once', async () => {
    await api.close();
    api = await startTestApi({ redisUrl, sandboxFailureRate: 0, payoutMaxAttempts: 3, payoutBackoffMs: 20, queuePrefix: api.config.queuePrefix }, db);

    for (const id of failedIds) {
      const r = await api.gql(RETRY, { id }, world.users.admin.token);
      expect(r.errors).toBeUndefined();
      // PENDING again, attempts reset; the last error stays until the new round succeeds.
      expect(r.data!.retryPayout).toMatchObject({ id, status: 'PENDING', attempts: 0, lastError: REFUSED });
    }
    await waitFor(async () => (await payoutStatusCounts(db.pool)).PAID === 3, 30_000, 'three PAID payouts');

    const { rows } = await db.pool.query(
      `SELECT p.status, p.attempts, p.last_error, p.retries, count(t.id)::int AS transfers, sum(t.amount_fen)::int AS transferred, p.amount_fen::int AS amount
         FROM payouts p LEFT JOIN sandbox_transfers t ON t.idempotency_key = 'payout:' || p.id
        GROUP BY p.id ORDER BY p.id`,
    );
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'PAID', attempts: 1, last_error: null, retries: 1, transfers: 1, transferred: row.amount });
    }
    expect((await db.pool.query('SELECT count(*)::int AS n FROM sandbox_transfers')).rows[0].n).toBe(3);
    const entries = await db.pool.query(`SELECT reference FROM journal_entries WHERE kind = 'PAYOUT_PAID' ORDER BY reference::bigint`);
    expect(entries.rows.map((r) => r.reference)).toEqual([...failedIds].sort((a, b) => Number(a) - Number(b)));
  });

  it('refuses to retry a payout that is not FAILED, and anyone but an admin', async () => {
    const r = await api.gql(RETRY, { id: failedIds[0] }, world.users.admin.token);
    expect(r.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    expect((await api.gql(RETRY, { id: failedIds[0] }, world.users.operator.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(RETRY, { id: failedIds[0] })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const { rows } = await db.pool.query(`SELECT status, retries FROM payouts WHERE id = $1`, [failedIds[0]]);
    expect(rows).toEqual([{ status: 'PAID', retries: 1 }]);
  });
});
