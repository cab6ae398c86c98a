import { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, createWorld, startTestApi, TEST_REDIS_URL, TestApi, TestDatabase, World } from '@app/testing';
import { addHouseholds, payoutStatusCounts, Sale, waitFor, writeDeliveredOrder } from './payouts-fixtures';
import { startWorker, stop } from './worker-process';

/*
 * Exactly once under a crash: the stand-alone worker (its own process, as deployed) is SIGKILLed while
 * it pays payouts through a slow sandbox, then started again. Each payout must end PAID with exactly
 * one sandbox transfer and one ledger entry. To be sure the window that matters is covered (the
 * transfer made, the process dead before recording it), one payout the killed worker had claimed is
 * given the transfer that worker would have made: the restarted worker must find it, not pay again.
 *
 * 24 households sell 1 x (1000 + 10 n) fen via the main station, and 2 via the second, so there are
 * 24 household payouts and 2 station payouts.
 */
const HOUSEHOLDS = 24;

describe.each([
  ['Redis', TEST_REDIS_URL],
  ['PostgreSQL', undefined],
])('a worker killed while paying, on %s', (_backend, redisUrl) => {
  let db: TestDatabase;
  let api: TestApi;
  let world: World;
  let worker: ChildProcess | undefined;
  const output: string[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The API takes the mutations; the payouts are left to the stand-alone worker.
    api = await startTestApi({ redisUrl, worker: 'off' }, db);
    world = await createWorld(db.pool, api.config);
    const households = await addHouseholds(db.pool, world, HOUSEHOLDS);
    const sales: Sale[] = households.map((householdId, n) => ({ householdId, stationId: n < 2 ? world.stations.second : world.stations.main, quantity: 1, unitPriceFen: 1000 + 10 * n }));
    await writeDeliveredOrder(db.pool, world, sales);
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      QUEUE_PREFIX: api.config.queuePrefix,
      JOB_LOCK_MS: '2000',
      SANDBOX_LATENCY_MS: '300',
      PAYOUT_WORKER_CONCURRENCY: '4',
      PAYOUT_BACKOFF_MS: '100',
      SETTLEMENT_INTERVAL_MINUTES: '0',
      PAYOUT_RELAY_INTERVAL_SECONDS: '0',
      DATABASE_POOL_SIZE: '6',
      LOG_LEVEL: 'warn',
    };
  });
  afterEach(async () => {
    await stop(worker, 'SIGKILL');
  });
  afterAll(async () => {
    // The workers' own log (LOG_LEVEL=warn), for a failure's investigation.
    if (process.env.SHOW_WORKER_LOG) console.log(output.join(''));
    await stop(worker, 'SIGKILL');
    await api?.close();
    await db?.drop();
  });

  it('pays every payout exactly once across a SIGKILL and a restart', async () => {
    const run = await api.gql('mutation { runSettlement { payoutsCreated } }', {}, world.users.admin.token);
    expect(run.data!.runSettlement.payoutsCreated).toBe(HOUSEHOLDS + 2);

    worker = startWorker(env, output);
    // Kill it in the middle of the work: some payouts paid, others claimed and in flight.
    await waitFor(async () => ((await payoutStatusCounts(db.pool)).PAID ?? 0) >= 4, 30_000, 'the first payouts PAID');
    await waitFor(async () => ((await payoutStatusCounts(db.pool)).PROCESSING ?? 0) >= 2, 30_000, 'payouts in flight');
    await stop(worker, 'SIGKILL');
    const atKill = await payoutStatusCounts(db.pool);
    expect(atKill.PAID ?? 0).toBeLessThan(HOUSEHOLDS + 2);
    expect(atKill.PROCESSING).toBeGreaterThanOrEqual(2);

    // The killed worker got through the provider for one of its claimed payouts and died before
    // recording it: the transfer exists, the payout is still PROCESSING.
    const { rows: [orphan] } = await db.pool.query(
      `SELECT p.id::text, p.amount_fen, COALESCE(h.payout_account, 'station:' || p.station_id) AS account
         FROM payouts p LEFT JOIN households h ON h.id = p.household_id
        WHERE p.status = 'PROCESSING' AND NOT EXISTS (SELECT 1 FROM sandbox_transfers t WHERE t.idempotency_key = 'payout:' || p.id)
        ORDER BY p.id LIMIT 1`,
    );
    const { rows: [transfer] } = await db.pool.query(
      `INSERT INTO sandbox_transfers (idempotency_key, account, amount_fen) VALUES ($1, $2, $3) RETURNING id::text`,
      [`payout:${orphan.id}`, orphan.account, orphan.amount_fen],
    );

    worker = startWorker(env, output);
    await waitFor(async () => (await payoutStatusCounts(db.pool)).PAID === HOUSEHOLDS + 2, 45_000, 'every payout PAID after the restart');
    await stop(worker, 'SIGTERM');

    const { rows } = await db.pool.query(
      `SELECT p.id::text, p.amount_fen::int AS amount, p.provider_reference, count(t.id)::int AS transfers, min(t.id)::text AS transfer_id,
              sum(t.amount_fen)::int AS transferred,
              (SELECT count(*)::int FROM journal_entries e WHERE e.kind = 'PAYOUT_PAID' AND e.reference = p.id::text) AS entries
         FROM payouts p LEFT JOIN sandbox_transfers t ON t.idempotency_key = 'payout:' || p.id
        GROUP BY p.id ORDER BY p.id`,
    );
    expect(rows).toHaveLength(HOUSEHOLDS + 2);
    for (const row of rows) {
      expect(row).toMatchObject({ transfers: 1, transferred: row.amount, entries: 1, provider_reference: `sandbox-${row.transfer_id}` });
    }
    // The orphaned transfer is the one its payout was recorded with.
    expect(rows.find((r) => r.id === orphan.id)!.provider_reference).toBe(`sandbox-${transfer.id}`);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM sandbox_transfers')).rows[0].n).toBe(HOUSEHOLDS + 2);

    // The books: every payable back to zero, bank:disbursements paid out the total once.
    const tb = (await api.gql('{ trialBalance { balanced accounts { code debitsFen creditsFen } } }', {}, world.users.admin.token)).data!.trialBalance;
    expect(tb.balanced).toBe(true);
    const payables = tb.accounts.filter((a: { code: string }) => a.code.startsWith('payable:'));
    expect(payables).toHaveLength(HOUSEHOLDS + 2);
    expect(payables.filter((a: { debitsFen: number; creditsFen: number }) => a.debitsFen !== a.creditsFen)).toEqual([]);
    const total = rows.reduce((sum, r) => sum + r.amount, 0);
    expect(tb.accounts.find((a: { code: string }) => a.code === 'bank:disbursements')).toEqual({ code: 'bank:disbursements', debitsFen: 0, creditsFen: total });
  });
});
