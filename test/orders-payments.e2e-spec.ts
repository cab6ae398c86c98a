import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World, WorldUser } from '@app/testing';
import { createListing, createUser, placeOrder } from './orders-fixtures';
import { waitFor } from './payouts-fixtures';

// The payment gateway as a real one works: authorise before the order is written, capture once it
// has committed, void what no order uses, refund a cancellation through a durable job. The sandbox
// keeps every operation in sandbox_payments; these tests count them under real concurrency.

describe('payments: authorise, capture after commit, void on failure, refunds that cannot vanish', () => {
  let api: TestApi;
  let world: World;
  let buyers: WorldUser[];
  beforeAll(async () => {
    // One attempt per refund job: a failed refund is left to the relay (every second here).
    api = await startTestApi({ databasePoolSize: 20, payoutMaxAttempts: 1, payoutRelayIntervalSeconds: 1 });
    world = await createWorld(api.db.pool, api.config);
    buyers = [];
    for (let i = 0; i < 40; i++) buyers.push(await createUser(api.db.pool, api.config));
  });
  afterAll(async () => {
    await api?.close();
  });

  const q = async (sql: string, params: unknown[] = []) => (await api.db.pool.query(sql, params)).rows;
  const capturesSettled = () => waitFor(async () => (await q(`SELECT count(*)::int AS n FROM payment_jobs WHERE kind = 'CAPTURE' AND status = 'PENDING'`))[0].n === 0, 20_000, 'every capture done');

  /** Per authorisation: its operations, and the order using it if any. */
  async function ledgerOfHolds(): Promise<Array<{ authorisation: string; ops: string[]; order_id: string | null; total: number | null; captured: number | null }>> {
    return q(
      `SELECT a.authorisation, array_agg(p.operation ORDER BY p.operation) AS ops, o.id::text AS order_id, o.total_fen::int AS total,
              max(p.amount_fen) FILTER (WHERE p.operation = 'CAPTURE')::int AS captured
         FROM sandbox_payments a JOIN sandbox_payments p ON p.authorisation = a.authorisation
         LEFT JOIN orders o ON o.payment_reference = a.authorisation
        WHERE a.operation = 'AUTHORISE'
        GROUP BY a.authorisation, o.id, o.total_fen`,
    );
  }

  it('many buyers race for little stock: one capture per order, a void for every hold no order uses', async () => {
    const listing = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 1000,
      lots: [{ householdId: world.households.poorA, quantity: 6 }, { householdId: world.households.notRegistered, quantity: 6 }],
    });
    const results = await Promise.all(buyers.map((b, i) => placeOrder(api, b.token, [{ listingId: listing.id, quantity: 1 + (i % 2) }])));
    const placed = results.filter((r) => !r.errors).map((r) => (r.data as any).placeOrder);
    const refused = results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code);
    expect(placed.reduce((sum, o) => sum + o.totalFen, 0)).toBe(12_000 - 1000 * (await q(`SELECT sum(remaining)::int AS n FROM supply_lots WHERE listing_id = $1`, [listing.id]))[0].n);
    expect(new Set(refused)).toEqual(new Set(refused.length ? ['INSUFFICIENT_STOCK'] : []));
    await capturesSettled();

    const holds = await ledgerOfHolds();
    const used = holds.filter((h) => h.order_id !== null);
    const unused = holds.filter((h) => h.order_id === null);
    // Every placed order: its hold authorised and captured exactly once, for its total, never voided.
    expect(used.map((h) => h.order_id).sort()).toEqual(placed.map((o) => o.id).sort());
    for (const h of used) {
      expect(h.ops).toEqual(['AUTHORISE', 'CAPTURE']);
      expect(h.captured).toBe(h.total);
    }
    // Every other hold (a buyer refused for stock, an attempt re-planned for a new amount) voided.
    for (const h of unused) expect(h.ops).toEqual(['AUTHORISE', 'VOID']);
    // A refused buyer plans before authorising once the stock is plainly gone, so fewer holds than buyers may fail.
    expect(unused.length).toBeLessThanOrEqual(refused.length + placed.length);
    const { rows } = await api.db.pool.query(`SELECT count(*)::int AS n FROM payment_jobs WHERE kind = 'CAPTURE' AND status = 'DONE'`);
    expect(rows[0].n).toBe(placed.length);
  });

  it('a declined payment writes nothing and holds nothing', async () => {
    const listing = await createListing(api.db.pool, { stationId: world.stations.main, originVillageId: world.villages.poor, countyId: world.county.id, priceFen: 700, lots: [{ householdId: world.households.poorB, quantity: 5 }] });
    const before = await ledgerOfHolds();
    const r = await placeOrder(api, buyers[0].token, [{ listingId: listing.id, quantity: 1 }], { paymentToken: 'decline' });
    expect(r.errors?.[0].extensions).toEqual({ code: 'PAYMENT_DECLINED', field: 'input.paymentToken' });
    expect(await ledgerOfHolds()).toEqual(before);
  });

  it('a cancelled order is refunded exactly once, even when its refund job fails first (the relay sends it again)', async () => {
    const listing = await createListing(api.db.pool, { stationId: world.stations.main, originVillageId: world.villages.poor, countyId: world.county.id, priceFen: 900, lots: [{ householdId: world.households.poorB, quantity: 10 }] });
    const buyer = buyers[1];
    const orders: string[] = [];
    for (const token of ['fail-refund-once', 'tok_visa', 'fail-refund-once']) {
      const r = await placeOrder(api, buyer.token, [{ listingId: listing.id, quantity: 2 }], { paymentToken: token });
      expect(r.errors).toBeUndefined();
      orders.push((r.data as any).placeOrder.id);
    }
    // Cancel at once: the capture may not have run yet; the refund captures first if it must.
    for (const id of orders) {
      const c = await api.gql(`mutation ($id: ID!) { cancelOrder(id: $id) { id status } }`, { id }, buyer.token);
      expect(c.errors).toBeUndefined();
    }
    await waitFor(
      async () => (await q(`SELECT count(*)::int AS n FROM payment_jobs WHERE kind = 'REFUND' AND status = 'DONE' AND order_id = ANY($1::bigint[])`, [orders]))[0].n === 3,
      30_000,
      'three refunds done',
    );
    const rows = await q(
      `SELECT o.id::text, array_agg(p.operation ORDER BY p.operation) AS ops,
              max(p.amount_fen) FILTER (WHERE p.operation = 'REFUND')::int AS refunded, o.total_fen::int AS total,
              (SELECT attempts FROM payment_jobs j WHERE j.order_id = o.id AND j.kind = 'REFUND') AS attempts
         FROM orders o JOIN sandbox_payments p ON p.authorisation = o.payment_reference
        WHERE o.id = ANY($1::bigint[]) GROUP BY o.id ORDER BY o.id`,
      [orders],
    );
    expect(rows).toEqual([
      { id: orders[0], ops: ['AUTHORISE', 'CAPTURE', 'REFUND', 'REFUND_FAILED'], refunded: 1800, total: 1800, attempts: 2 },
      { id: orders[1], ops: ['AUTHORISE', 'CAPTURE', 'REFUND'], refunded: 1800, total: 1800, attempts: 1 },
      { id: orders[2], ops: ['AUTHORISE', 'CAPTURE', 'REFUND', 'REFUND_FAILED'], refunded: 1800, total: 1800, attempts: 2 },
    ]);
    // The books: placed and cancelled, each once.
    const entries = await q(`SELECT kind, count(*)::int AS n FROM journal_entries WHERE reference = ANY($1::text[]) GROUP BY kind ORDER BY kind`, [orders]);
    expect(entries).toEqual([{ kind: 'ORDER_CANCELLED', n: 3 }, { kind: 'ORDER_PLACED', n: 3 }]);
  });

  it('a listing repriced while the order waits for its write: the first hold is voided, the order captured at the new total', async () => {
    const listing = await createListing(api.db.pool, { stationId: world.stations.main, originVillageId: world.villages.poor, countyId: world.county.id, priceFen: 1111, lots: [{ householdId: world.households.poorA, quantity: 10 }] });
    const blocker = await api.db.pool.connect();
    let result;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE order_lines IN SHARE MODE');
      const pending = placeOrder(api, buyers[2].token, [{ listingId: listing.id, quantity: 2 }]);
      await waitFor(async () => (await q(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'order_lines' AND NOT l.granted`))[0].n > 0, 10_000, 'the write to wait');
      await api.db.pool.query(`UPDATE listings SET price_fen = 1200 WHERE id = $1`, [listing.id]);
      await blocker.query('ROLLBACK');
      result = await pending;
    } finally {
      blocker.release();
    }
    expect(result.errors).toBeUndefined();
    const order = (result.data as any).placeOrder;
    expect(order.totalFen).toBe(2400);
    await capturesSettled();
    const holds = (await ledgerOfHolds()).filter((h) => h.total === 2400 || h.order_id === null);
    const mine = holds.find((h) => h.order_id === order.id)!;
    expect(mine).toMatchObject({ ops: ['AUTHORISE', 'CAPTURE'], captured: 2400 });
    const { rows: voided } = await api.db.pool.query(
      `SELECT a.amount_fen::int AS amount FROM sandbox_payments a JOIN sandbox_payments v ON v.authorisation = a.authorisation AND v.operation = 'VOID'
        WHERE a.operation = 'AUTHORISE' AND a.created_at >= (SELECT placed_at FROM orders WHERE id = $1) - interval '5 seconds' AND a.amount_fen = 2222`,
      [order.id],
    );
    expect(voided).toEqual([{ amount: 2222 }]);
  });
});
