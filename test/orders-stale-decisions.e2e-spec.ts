import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PoolClient } from 'pg';
import { createWorld, GqlResult, startTestApi, TestApi, World } from '@app/testing';
import { createListing, footprint, placeOrder } from './orders-fixtures';
import { waitFor } from './payouts-fixtures';

// placeOrder plans from a snapshot and writes in a second statement. A listing paused or repriced (or
// its station's rate changed) in between must not sell on the old terms. Deterministic: the test holds
// a lock on order_lines, which only the write takes, so the order waits between its snapshot and its
// write; the change is committed then, and the lock released.

describe('decisions re-checked at write time', () => {
  let api: TestApi;
  let world: World;
  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  const newListing = (priceFen = 1000) =>
    createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen,
      lots: [{ householdId: world.households.poorA, quantity: 50 }],
    });

  /** Places an order that stops before its write; `change` runs while it waits; then the write goes on. */
  async function raceWrite(listingId: string, change: () => Promise<void>): Promise<GqlResult<any>> {
    const blocker: PoolClient = await api.db.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE order_lines IN SHARE MODE');
      const order = placeOrder(api, world.users.buyer.token, [{ listingId, quantity: 2 }]);
      await waitFor(
        async () =>
          Number(
            (
              await api.db.pool.query(
                `SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                  WHERE c.relname = 'order_lines' AND NOT l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
              )
            ).rows[0].n,
          ) > 0,
        10_000,
        'the order to wait for its write',
      );
      await change();
      await blocker.query('ROLLBACK');
      return await order;
    } finally {
      blocker.release();
    }
  }

  const updateListing = async (id: string, input: Record<string, unknown>) => {
    const r = await api.gql(`mutation ($id: ID!, $i: UpdateListingInput!) { updateListing(id: $id, input: $i) { id } }`, { id, i: input }, world.users.operator.token);
    expect(r.errors).toBeUndefined();
  };

  it('a listing repriced between snapshot and write sells at the new price, never the old', async () => {
    const listing = await newListing(1000);
    const r = await raceWrite(listing.id, () => updateListing(listing.id, { priceFen: 1300 }));
    expect(r.errors).toBeUndefined();
    const order = r.data!.placeOrder;
    expect(order.totalFen).toBe(2600);
    expect(order.lines[0]).toMatchObject({ unitPriceFen: 1300, lineTotalFen: 2600 });
    const { rows } = await api.db.pool.query(
      `SELECT o.total_fen::int AS total, l.unit_price_fen::int AS price, (SELECT sum(gross_fen)::int FROM allocations WHERE order_id = o.id) AS gross,
              (SELECT sum(debit_fen)::int FROM journal_lines j JOIN journal_entries e ON e.id = j.entry_id WHERE e.kind = 'ORDER_PLACED' AND e.reference = o.id::text) AS booked
         FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = $1`,
      [order.id],
    );
    expect(rows).toEqual([{ total: 2600, price: 1300, gross: 2600, booked: 2600 }]);
  });

  it('a listing paused between snapshot and write is not sold: INVALID_STATE, nothing written', async () => {
    const listing = await newListing(1000);
    let before: unknown;
    const r = await raceWrite(listing.id, async () => {
      await updateListing(listing.id, { status: 'PAUSED' });
      before = await footprint(api.db.pool);
    });
    expect(r.errors?.[0].extensions).toEqual({ code: 'INVALID_STATE', field: 'input.lines.0.listingId' });
    expect(await footprint(api.db.pool)).toEqual(before);
  });

  it("the station's commission changed between snapshot and write: the allocations split by the new rate", async () => {
    const listing = await newListing(1000);
    const r = await raceWrite(listing.id, async () => {
      const u = await api.gql(`mutation ($id: ID!) { updateStation(id: $id, input: { commissionBps: 800 }) { id } }`, { id: world.stations.main }, world.users.admin.token);
      expect(u.errors).toBeUndefined();
    });
    expect(r.errors).toBeUndefined();
    const { rows } = await api.db.pool.query(`SELECT sum(station_commission_fen)::int AS commission FROM allocations WHERE order_id = $1`, [r.data!.placeOrder.id]);
    expect(rows[0].commission).toBe(160);
  });
});
