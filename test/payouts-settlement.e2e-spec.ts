import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import IORedis from 'ioredis';
import { QueueService } from '@app/platform';
import { createTestDatabase, createWorld, startTestApi, TEST_REDIS_URL, TestApi, TestDatabase, World } from '@app/testing';
import { addHouseholds, money, payoutStatusCounts, waitFor, writeDeliveredOrder } from './payouts-fixtures';

/*
 * Settlement's rules and its concurrency: only DELIVERED fulfilments past the holdback, each allocation
 * in one payout whatever runs at once (several settlements on two servers sharing the database), and
 * the scheduled 'settlement.run' job.
 */
const SETTLE = 'mutation { runSettlement { payoutsCreated amountFen } }';

describe('settlement', () => {
  let db: TestDatabase;
  let apis: TestApi[] = [];
  let world: World;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Two servers on one database, no workers (the payouts stay PENDING: only settlement is watched).
    apis = [await startTestApi({ worker: 'off' }, db), await startTestApi({ worker: 'off' }, db)];
    world = await createWorld(db.pool, apis[0].config);
  });
  afterAll(async () => {
    for (const api of apis) await api.close();
    await db?.drop();
  });

  it('takes only DELIVERED fulfilments past the holdback', async () => {
    const h = world.households;
    const s = world.stations;
    const shipped = await writeDeliveredOrder(db.pool, world, [{ householdId: h.poorA, stationId: s.main, quantity: 1, unitPriceFen: 700 }]);
    await db.pool.query(`UPDATE fulfillments SET status = 'SHIPPED', delivered_at = NULL WHERE id = $1`, [shipped.fulfillmentId]);
    const cancelled = await writeDeliveredOrder(db.pool, world, [{ householdId: h.poorB, stationId: s.main, quantity: 1, unitPriceFen: 700 }]);
    await db.pool.query(`UPDATE fulfillments SET status = 'CANCELLED' WHERE id = $1`, [cancelled.fulfillmentId]);
    // Delivered 71 h 59 min ago: still within the 72 h holdback.
    await writeDeliveredOrder(db.pool, world, [{ householdId: h.plain, stationId: s.second, quantity: 1, unitPriceFen: 700 }], {
      deliveredAt: new Date(Date.now() - (72 * 60 - 1) * 60_000),
    });
    // Delivered 72 h 1 min ago: in. 3 x 333 = 999: commission 49, fee 29, net 921.
    await writeDeliveredOrder(db.pool, world, [{ householdId: h.exited, stationId: s.second, quantity: 3, unitPriceFen: 333 }], {
      deliveredAt: new Date(Date.now() - (72 * 60 + 1) * 60_000),
    });
    expect(money({ quantity: 3, unitPriceFen: 333 })).toEqual({ gross: 999, commission: 49, fee: 29, net: 921 });

    const r = await apis[0].gql(SETTLE, {}, world.users.admin.token);
    expect(r.data!.runSettlement).toEqual({ payoutsCreated: 2, amountFen: 921 + 49 });
    const { rows } = await db.pool.query(`SELECT payee_kind, COALESCE(household_id, station_id)::text AS payee, amount_fen::int AS amount, status, county_id::text FROM payouts ORDER BY id`);
    expect(rows).toEqual([
      { payee_kind: 'HOUSEHOLD', payee: h.exited, amount: 921, status: 'PENDING', county_id: world.county.id },
      { payee_kind: 'STATION', payee: s.second, amount: 49, status: 'PENDING', county_id: world.county.id },
    ]);
    const linked = await db.pool.query(`SELECT count(*)::int AS n FROM allocations a WHERE EXISTS (SELECT 1 FROM payout_links l WHERE l.allocation_id = a.id)`);
    expect(linked.rows[0].n).toBe(1);
  });

  it('puts no allocation in two payouts when settlements run at once', async () => {
    const before = (await db.pool.query('SELECT count(*)::int AS n, COALESCE(sum(amount_fen), 0)::int AS amount FROM payouts')).rows[0];
    for (let round = 0; round < 3; round++) {
      const households = await addHouseholds(db.pool, world, 150);
      // Two orders per household (two allocations each to sum), over both stations.
      for (const stationId of [world.stations.main, world.stations.second]) {
        await writeDeliveredOrder(db.pool, world, households.map((householdId, n) => ({ householdId, stationId, quantity: 1 + (n % 3), unitPriceFen: 500 + n })));
      }
      const runs = await Promise.all([0, 1, 0, 1].map((i) => apis[i].gql(SETTLE, {}, world.users.admin.token)));
      expect(runs.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
      const created = runs.reduce((sum, r) => sum + r.data!.runSettlement.payoutsCreated, 0);
      // 150 households and the two stations, once each, however the runs split them.
      expect(created).toBe(152);
    }
    // Every allocation linked, each payout equal to what is linked to it, one payout per payee per round.
    const unlinked = await db.pool.query(`SELECT count(*)::int AS n FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id
      WHERE f.status = 'DELIVERED' AND f.delivered_at < now() - interval '72 hours' AND (SELECT count(*) FROM payout_links l WHERE l.allocation_id = a.id) < 2`);
    expect(unlinked.rows[0].n).toBe(0);
    const mismatched = await db.pool.query(
      `SELECT p.id FROM payouts p
        WHERE p.amount_fen <> COALESCE((SELECT sum(a.supplier_net_fen) FROM allocations a JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'HOUSEHOLD' WHERE l.payout_id = p.id), 0)
                            + COALESCE((SELECT sum(a.station_commission_fen) FROM allocations a JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'STATION' WHERE l.payout_id = p.id), 0)`,
    );
    expect(mismatched.rows).toEqual([]);
    const twice = await db.pool.query(`SELECT household_id FROM payouts WHERE household_id IS NOT NULL GROUP BY household_id HAVING count(*) > 1`);
    expect(twice.rows).toEqual([]);
    const { rows: [totals] } = await db.pool.query(
      `SELECT (SELECT sum(amount_fen) FROM payouts)::int AS paid,
              (SELECT sum(a.supplier_net_fen + a.station_commission_fen) FROM allocations a JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'HOUSEHOLD')::int AS owed`,
    );
    expect(totals.paid).toBe(totals.owed);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM payouts')).rows[0].n).toBe(before.n + 3 * 152);
  });

  it('runs from the queue as the scheduled settlement.run job', async () => {
    const households = await addHouseholds(db.pool, world, 2);
    await writeDeliveredOrder(db.pool, world, households.map((householdId) => ({ householdId, stationId: world.stations.main, quantity: 1, unitPriceFen: 1000 })));
    // A server with workers and a settlement every 60 minutes: its schedule is in the queue...
    const api = await startTestApi({ settlementIntervalMinutes: 60, sandboxFailureRate: 1, payoutMaxAttempts: 1 }, db);
    apis.push(api);
    const redis = new IORedis(TEST_REDIS_URL);
    try {
      expect(await redis.zscore(`{${api.config.queuePrefix}}:maintenance:repeat`, 'settlement.run')).not.toBeNull();
    } finally {
      redis.disconnect();
    }
    // ...and its first run (every-schedulers start at once) or this one settles the two households.
    await api.app.get(QueueService).enqueue('settlement.run', {});
    await waitFor(async () => {
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE household_id = ANY($1::bigint[])`, [households]);
      return rows[0].n === 2;
    }, 20_000, 'the scheduled settlement');
    // The provider refuses everything here (one attempt): they end FAILED, not PAID.
    await waitFor(async () => ((await payoutStatusCounts(db.pool)).FAILED ?? 0) >= 3, 20_000, 'the payouts FAILED');
  });
});
