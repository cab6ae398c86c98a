import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import IORedis from 'ioredis';
import { Pool } from 'pg';
import { createTestDatabase, createWorld, startTestApi, TEST_REDIS_URL, TestApi, TestDatabase, World } from '@app/testing';
import { addHouseholds, payoutStatusCounts, waitFor, writeDeliveredOrder } from './payouts-fixtures';

/*
 * PostgreSQL is the source of truth and the queue only drives the work: when the queue loses its jobs
 * (Redis flushed mid-run, or an enqueue lost after the settlement committed), the relay puts back a
 * job for every payout still to pay, and each is paid exactly once.
 */

/** Deletes every key of one queue prefix: a Redis flush as this test's queues see it (the server is shared). */
async function flushQueuePrefix(prefix: string): Promise<number> {
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Each payout PAID with exactly one transfer of its amount and one ledger entry; bank:disbursements paid the total. */
async function expectPaidExactlyOnce(pool: Pool, count: number): Promise<void> {
  const { rows } = await pool.query(
    `SELECT p.status, p.amount_fen::int AS amount, count(t.id)::int AS transfers, sum(t.amount_fen)::int AS transferred,
            (SELECT count(*)::int FROM journal_entries e WHERE e.kind = 'PAYOUT_PAID' AND e.reference = p.id::text) AS entries
       FROM payouts p LEFT JOIN sandbox_transfers t ON t.idempotency_key = 'payout:' || p.id
      GROUP BY p.id`,
  );
  expect(rows).toHaveLength(count);
  for (const row of rows) expect(row).toMatchObject({ status: 'PAID', transfers: 1, transferred: row.amount, entries: 1 });
  expect((await pool.query('SELECT count(*)::int AS n FROM sandbox_transfers')).rows[0].n).toBe(count);
  const { rows: [bank] } = await pool.query(`SELECT sum(credit_fen)::int AS credits FROM journal_lines WHERE account = 'bank:disbursements'`);
  expect(bank.credits).toBe(rows.reduce((sum, r) => sum + r.amount, 0));
}

async function deliveredToHouseholds(pool: Pool, world: World, count: number): Promise<void> {
  const households = await addHouseholds(pool, world, count);
  await writeDeliveredOrder(pool, world, households.map((householdId, n) => ({ householdId, stationId: world.stations.main, quantity: 1, unitPriceFen: 2000 + n })));
}

describe('the payout relay', () => {
  const opened: Array<TestApi | TestDatabase> = [];
  afterEach(async () => {
    for (const x of opened.reverse()) await ('drop' in x ? x.drop() : x.close());
    opened.length = 0;
  });
  afterAll(async () => {
    for (const x of opened.reverse()) await ('drop' in x ? x.drop() : x.close());
  });

  it('finishes the work after Redis loses the queues mid-run', async () => {
    const api = await startTestApi({ sandboxLatencyMs: 150, payoutWorkerConcurrency: 2, payoutRelayIntervalSeconds: 1, jobLockMs: 1500 });
    opened.push(api);
    const world = await createWorld(api.db.pool, api.config);
    await deliveredToHouseholds(api.db.pool, world, 30);

    const run = await api.gql('mutation { runSettlement { payoutsCreated } }', {}, world.users.admin.token);
    expect(run.data!.runSettlement.payoutsCreated).toBe(31);
    await waitFor(async () => ((await payoutStatusCounts(api.db.pool)).PAID ?? 0) >= 4, 30_000, 'the first payouts PAID');
    expect(await flushQueuePrefix(api.config.queuePrefix)).toBeGreaterThan(0);
    expect((await payoutStatusCounts(api.db.pool)).PAID).toBeLessThan(31);

    await waitFor(async () => (await payoutStatusCounts(api.db.pool)).PAID === 31, 40_000, 'every payout PAID after the flush');
    await expectPaidExactlyOnce(api.db.pool, 31);
  });

  it.each([
    ['Redis', TEST_REDIS_URL],
    ['PostgreSQL', undefined],
  ])('queues, when a worker starts, payouts whose jobs were never queued (%s)', async (_backend, redisUrl) => {
    const db = await createTestDatabase();
    opened.push(db);
    // Settled by a server without workers; its jobs then go with its queue (a fresh prefix below
    // stands for a queue that lost them, or an enqueue that never happened after the commit).
    const first = await startTestApi({ redisUrl, worker: 'off' }, db);
    const world = await createWorld(db.pool, first.config);
    await deliveredToHouseholds(db.pool, world, 5);
    const run = await first.gql('mutation { runSettlement { payoutsCreated } }', {}, world.users.admin.token);
    expect(run.data!.runSettlement.payoutsCreated).toBe(6);
    await first.close();
    expect(await payoutStatusCounts(db.pool)).toEqual({ PENDING: 6 });

    const second = await startTestApi({ redisUrl }, db);
    opened.push(second);
    expect(second.config.queuePrefix).not.toBe(first.config.queuePrefix);
    await waitFor(async () => (await payoutStatusCounts(db.pool)).PAID === 6, 30_000, 'every payout PAID');
    await expectPaidExactlyOnce(db.pool, 6);
  });
});
