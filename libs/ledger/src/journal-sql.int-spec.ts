import fc from 'fast-check';
import { PoolClient } from 'pg';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { Posting } from './domain/accounts';
import { fulfillmentDelivered, orderCancelled, orderPlaced, payoutPaid } from './domain/order-postings';
import { journalEntryArgs, journalEntryCtes, journalEntryParamsFrom, JournalQuery, writeJournal } from './journal-sql';

/**
 * The ledger's two ways of writing (a batch in a statement of its own, one entry inside a caller's
 * statement) write exactly what the recipes say, merged, and the database's own checks accept it.
 */
describe('journal writer (PostgreSQL)', () => {
  let db: TestDatabase;
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function inTx<T>(work: (client: PoolClient, query: JournalQuery) => Promise<T>): Promise<T> {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client, async (sql, params) => (await client.query(sql, params)).rows);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  /** The rows of the entries, in the order given: kind, reference and lines (account, debit, credit) by id. */
  async function read(ids: string[]): Promise<Array<{ kind: string; reference: string; lines: Array<[string, number, number]> }>> {
    const { rows } = await db.pool.query(
      `SELECT e.id::text, e.kind, e.reference, json_agg(json_build_array(l.account, l.debit_fen, l.credit_fen) ORDER BY l.id) AS lines
         FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id WHERE e.id = ANY($1::bigint[]) GROUP BY e.id`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, { kind: r.kind, reference: r.reference, lines: r.lines }]));
    return ids.map((id) => byId.get(id)!);
  }

  it('writes a mixed batch in order, merged per account and side, skipping null postings', async () => {
    const ref = `batch-${++seq}`;
    const postings: Array<Posting | null> = [
      orderPlaced({ orderId: ref, totalFen: 22_138 }),
      null,
      fulfillmentDelivered({
        fulfillmentId: ref,
        allocations: [
          { householdId: '7', listingStationId: '3', grossFen: 13_500, supplierNetFen: 12_420, stationCommissionFen: 675, platformFeeFen: 405 },
          { householdId: '7', listingStationId: '4', grossFen: 8638, supplierNetFen: 8379, stationCommissionFen: 0, platformFeeFen: 259 },
        ],
      }),
      payoutPaid({ payoutId: ref, payee: { kind: 'HOUSEHOLD', householdId: '7' }, amountFen: 20_799 }),
    ];
    const ids = await inTx((_, query) => writeJournal(query, postings));
    expect(ids).toHaveLength(3);
    expect(await read(ids)).toEqual([
      { kind: 'ORDER_PLACED', reference: ref, lines: [['gateway:clearing', 22_138, 0], ['escrow', 0, 22_138]] },
      {
        kind: 'FULFILLMENT_DELIVERED',
        reference: ref,
        lines: [['escrow', 22_138, 0], ['payable:household:7', 0, 20_799], ['payable:station:3', 0, 675], ['revenue:platform', 0, 664]],
      },
      { kind: 'PAYOUT_PAID', reference: ref, lines: [['payable:household:7', 20_799, 0], ['bank:disbursements', 0, 20_799]] },
    ]);
    expect(await inTx((_, query) => writeJournal(query, [null]))).toEqual([]);
  });

  it('refuses an unbalanced posting before any SQL, and a repeated (kind, reference) in the database, writing nothing', async () => {
    const before = (await db.pool.query(`SELECT count(*)::int AS n FROM journal_lines`)).rows[0].n;
    const ref = `refused-${++seq}`;
    const bad: Posting = { kind: 'ORDER_PLACED', reference: ref, lines: [{ account: 'escrow', debitFen: 5 }, { account: 'gateway:clearing', creditFen: 4 }] };
    await expect(inTx((_, query) => writeJournal(query, [orderPlaced({ orderId: `${ref}-ok`, totalFen: 5 }), bad]))).rejects.toThrow(/unbalanced ORDER_PLACED entry/);
    await expect(inTx((_, query) => writeJournal(query, [orderPlaced({ orderId: ref, totalFen: 5 }), orderPlaced({ orderId: ref, totalFen: 6 })]))).rejects.toMatchObject({
      code: '23505',
    });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM journal_lines`)).rows[0].n).toBe(before);
  });

  it('one entry inside a caller statement writes the same rows as the batch writer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), async (totalFen) => {
        const posting = orderCancelled({ orderId: `one-${++seq}`, totalFen });
        const [viaCaller] = await inTx(async (client) => {
          const { rows } = await client.query(`WITH ${journalEntryCtes(journalEntryParamsFrom(2))} SELECT (SELECT id::text FROM journal_entry) AS id, $1::text AS caller`, [
            'the caller’s own parameter',
            ...journalEntryArgs(posting),
          ]);
          return [rows[0].id as string];
        });
        const [viaBatch] = await inTx((_, query) => writeJournal(query, [{ ...posting, reference: `${posting.reference}-batch` }]));
        const [a, b] = await read([viaCaller, viaBatch]);
        expect(a.lines).toEqual(b.lines);
        expect(a).toEqual({ kind: 'ORDER_CANCELLED', reference: posting.reference, lines: [['escrow', totalFen, 0], ['gateway:clearing', 0, totalFen]] });
      }),
      { numRuns: 20 },
    );
  });
});
