import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { createListing, placeOrder } from './orders-fixtures';

// Sums of fen grow without bound (the journal is append-only): past 2^53 they must still be answered
// exactly, and no single order may come near it (1,000,000 yuan at most).

const BIG = 6_000_000_000_000_001n; // two of these pass 2^53 (9,007,199,254,740,992)

/** The raw HTTP answer: JSON.parse would round a number past 2^53, so the test reads the text. */
async function raw(api: TestApi, query: string, token: string, variables: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return res.text();
}

describe('sums past 2^53, and the bound on one order', () => {
  let api: TestApi;
  let world: World;
  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('trialBalance answers exactly once the journal sums pass 2^53, and keeps answering', async () => {
    const client = await api.db.pool.connect();
    try {
      await client.query('BEGIN');
      for (const ref of ['big-1', 'big-2']) {
        const { rows: [e] } = await client.query(`INSERT INTO journal_entries (kind, reference) VALUES ('ORDER_PLACED', $1) RETURNING id`, [ref]);
        await client.query(`INSERT INTO journal_lines (entry_id, account, debit_fen, credit_fen) VALUES ($1, 'gateway:clearing', $2, 0), ($1, 'escrow', 0, $2)`, [e.id, BIG.toString()]);
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    for (let i = 0; i < 2; i++) {
      const text = await raw(api, '{ trialBalance { totalDebitsFen totalCreditsFen balanced accounts { code debitsFen creditsFen } } }', world.users.admin.token);
      const body = JSON.parse(text);
      expect(body.errors).toBeUndefined();
      const total = (2n * BIG).toString();
      expect(body.data.trialBalance).toEqual({
        totalDebitsFen: total,
        totalCreditsFen: total,
        balanced: true,
        accounts: [
          { code: 'escrow', debitsFen: 0, creditsFen: total },
          { code: 'gateway:clearing', debitsFen: total, creditsFen: 0 },
        ],
      });
    }
  });

  it('impactSummary answers exactly when its sums pass 2^53', async () => {
    // Two facts of one day (a window inside the day reads the facts, not the rollups).
    const { rows: [a] } = await api.db.pool.query(`SELECT id FROM stations WHERE id = $1`, [world.stations.main]);
    for (const [id, net] of [[1, BIG], [2, BIG + 1n]] as const) {
      await api.db.pool.query(
        `INSERT INTO impact_facts (allocation_id, order_id, county_id, station_id, village_id, household_id, placed_at, day, gross_fen, net_fen, poor, village_poor, paid)
         VALUES ($1, $1, $2, $3, $4, $5, '2026-01-05T10:00:00+08:00', '2026-01-05', $6, $6, true, true, false)`,
        [900000 + id, world.county.id, a.id, world.villages.poor, world.households.poorA, net.toString()],
      );
    }
    const text = await raw(
      api,
      `query ($f: ImpactFilter) { impactSummary(filter: $f) { grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen paidOutFen } }`,
      world.users.admin.token,
      { f: { countyId: world.county.id, from: '2026-01-05T09:00:00+08:00', to: '2026-01-05T11:00:00+08:00' } },
    );
    const body = JSON.parse(text);
    expect(body.errors).toBeUndefined();
    const sum = (2n * BIG + 1n).toString();
    expect(body.data.impactSummary).toEqual({ grossSalesFen: sum, supplierIncomeFen: sum, incomeToRegisteredPoorFen: sum, paidOutFen: 0 });
  });

  it('an order above 1,000,000 yuan is BAD_USER_INPUT at input.lines; exactly 1,000,000 yuan is placed', async () => {
    const listing = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 10_001,
      lots: [{ householdId: world.households.poorB, quantity: 20_000 }],
    });
    const over = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 10_000 }]);
    expect(over.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.lines' });
    await api.db.pool.query(`UPDATE listings SET price_fen = 10000 WHERE id = $1`, [listing.id]);
    const top = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 10_000 }]);
    expect(top.errors).toBeUndefined();
    expect((top.data as any).placeOrder.totalFen).toBe(100_000_000);
  });
});
