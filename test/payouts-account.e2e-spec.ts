import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, createWorld, startTestApi, TestApi, TestDatabase, World } from '@app/testing';
import { payoutStatusCounts, waitFor, writeDeliveredOrder } from './payouts-fixtures';

// A payout pays the account its household had at settlement, on every attempt: a household that
// changes its account (through the registry import) after a failed attempt is paid on the first one,
// so one payout's idempotency key never names two accounts.

describe('a payout retried after its household changed account', () => {
  let db: TestDatabase;
  let api: TestApi;
  let world: World;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi({ sandboxFailureRate: 1, payoutMaxAttempts: 1, payoutBackoffMs: 20 }, db);
    world = await createWorld(db.pool, api.config);
    await writeDeliveredOrder(db.pool, world, [{ householdId: world.households.poorA, stationId: world.stations.main, quantity: 2, unitPriceFen: 1500 }]);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('goes to the account of the first attempt', async () => {
    const { rows: [before] } = await db.pool.query(`SELECT payout_account FROM households WHERE id = $1`, [world.households.poorA]);
    const run = await api.gql('mutation { runSettlement { payoutsCreated } }', {}, world.users.admin.token);
    expect(run.errors).toBeUndefined();
    await waitFor(async () => (await payoutStatusCounts(db.pool)).FAILED === 2, 30_000, 'both payouts FAILED');
    const { rows: [payout] } = await db.pool.query(`SELECT id::text FROM payouts WHERE household_id = $1`, [world.households.poorA]);

    // The county office's list moves the household to a new account.
    const csv = [
      'registry_number,head_name,members,village_code,poverty_status,poverty_category,payout_account,effective_date',
      'SX-0001,王秀英,4,130426100201,REGISTERED_POOR,GENERAL,6228480099990000,2016-01-01',
    ].join('\n');
    const imported = await api.gql(`mutation ($c: ID!, $csv: String!) { importHouseholds(countyId: $c, csv: $csv) { updated rejected { line reason } } }`, { c: world.county.id, csv }, world.users.official.token);
    expect(imported.errors).toBeUndefined();
    expect((await db.pool.query(`SELECT payout_account FROM households WHERE id = $1`, [world.households.poorA])).rows[0].payout_account).toBe('6228480099990000');

    // The provider works again; the admin retries.
    await api.close();
    api = await startTestApi({ sandboxFailureRate: 0, payoutMaxAttempts: 1, payoutBackoffMs: 20, queuePrefix: api.config.queuePrefix }, db);
    const retried = await api.gql(`mutation ($id: ID!) { retryPayout(id: $id) { id status } }`, { id: payout.id }, world.users.admin.token);
    expect(retried.errors).toBeUndefined();
    await waitFor(async () => (await db.pool.query(`SELECT status FROM payouts WHERE id = $1`, [payout.id])).rows[0].status === 'PAID', 30_000, 'the payout PAID');
    const { rows: transfers } = await db.pool.query(`SELECT account, amount_fen::int AS amount FROM sandbox_transfers WHERE idempotency_key = $1`, [`payout:${payout.id}`]);
    expect(transfers).toEqual([{ account: before.payout_account, amount: 2760 }]);
  });
});
