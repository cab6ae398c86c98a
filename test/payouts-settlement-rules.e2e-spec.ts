import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { planPayouts } from '../libs/payouts/src/domain/settlement';
import { createTestDatabase, createWorld, startTestApi, TestApi, TestDatabase, World } from '@app/testing';
import { writeDeliveredOrder } from './payouts-fixtures';

/*
 * The settlement statement implements the pure rules of libs/payouts/src/domain/settlement.ts: on a mix
 * of delivered, undelivered, held-back and zero-commission sales, the payouts it creates are those
 * planPayouts plans from the same rows (for households by supplier net, for stations by commission).
 */
describe('settlement agrees with planPayouts', () => {
  let db: TestDatabase;
  let api: TestApi;
  let world: World;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi({ worker: 'off' }, db);
    world = await createWorld(db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('creates exactly the payouts the pure rules plan', async () => {
    const h = world.households;
    const s = world.stations;
    const hours = (n: number) => new Date(Date.now() - n * 3_600_000);
    await writeDeliveredOrder(db.pool, world, [{ householdId: h.poorA, stationId: s.main, quantity: 2, unitPriceFen: 1_234 }, { householdId: h.poorB, stationId: s.second, quantity: 1, unitPriceFen: 999 }], { deliveredAt: hours(100) });
    await writeDeliveredOrder(db.pool, world, [{ householdId: h.poorA, stationId: s.second, quantity: 5, unitPriceFen: 77 }], { deliveredAt: hours(73) });
    await writeDeliveredOrder(db.pool, world, [{ householdId: h.plain, stationId: s.main, quantity: 3, unitPriceFen: 500 }], { deliveredAt: hours(71) });
    const shipped = await writeDeliveredOrder(db.pool, world, [{ householdId: h.exited, stationId: s.main, quantity: 1, unitPriceFen: 800 }], { deliveredAt: hours(90) });
    await db.pool.query(`UPDATE fulfillments SET status = 'SHIPPED', delivered_at = NULL WHERE id = $1`, [shipped.fulfillmentId]);
    // 1 fen sold: a commission of 0, which is owed to no one.
    await writeDeliveredOrder(db.pool, world, [{ householdId: h.exited, stationId: s.second, quantity: 1, unitPriceFen: 1 }], { deliveredAt: hours(80) });

    const { rows } = await db.pool.query(
      `SELECT a.id::text, a.household_id::text AS household, a.listing_station_id::text AS station, a.supplier_net_fen::int AS net,
              a.station_commission_fen::int AS commission, f.status = 'DELIVERED' AS delivered, f.delivered_at
         FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id`,
    );
    const now = new Date();
    const items = (payee: 'household' | 'station', amount: 'net' | 'commission') =>
      rows.map((r) => ({ id: r.id, payeeId: r[payee], amountFen: r[amount], delivered: r.delivered, deliveredAt: r.delivered_at, inPayout: false }));
    const expected = [
      ...planPayouts(items('household', 'net'), now, api.config.settlementHoldbackHours).map((p) => ({ kind: 'HOUSEHOLD', payee: p.payeeId, amount: p.amountFen })),
      ...planPayouts(items('station', 'commission'), now, api.config.settlementHoldbackHours).map((p) => ({ kind: 'STATION', payee: p.payeeId, amount: p.amountFen })),
    ];
    // The plan is not empty, and leaves out the held-back, the undelivered and the zero commission.
    expect(expected.length).toBe(5);

    const r = await api.gql('mutation { runSettlement { payoutsCreated amountFen } }', {}, world.users.admin.token);
    expect(r.errors).toBeUndefined();
    const created = await db.pool.query(`SELECT payee_kind AS kind, COALESCE(household_id, station_id)::text AS payee, amount_fen::int AS amount FROM payouts ORDER BY id`);
    expect(created.rows).toEqual(expected);
  });
});
