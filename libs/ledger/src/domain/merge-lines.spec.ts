import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LedgerLineInput, Posting } from './accounts';
import { journalBatch, mergeLines } from './merge-lines';

const ACCOUNTS = ['escrow', 'gateway:clearing', 'payable:household:1', 'payable:station:2', 'revenue:platform'];

/** One line with exactly one positive side, or a line of 0 (which merging drops). */
const line: fc.Arbitrary<LedgerLineInput> = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  side: fc.constantFrom('debit' as const, 'credit' as const),
  fen: fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.constant(0)),
}).map(({ account, side, fen }) => (side === 'debit' ? { account, debitFen: fen } : { account, creditFen: fen }));

/** Lines that balance: random lines plus one line of the difference on the short side. */
const balanced: fc.Arbitrary<LedgerLineInput[]> = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom(...ACCOUNTS))
  .map(([lines, account]) => {
    const d = lines.reduce((s, l) => s + (l.debitFen ?? 0), 0);
    const c = lines.reduce((s, l) => s + (l.creditFen ?? 0), 0);
    if (d > c) return [...lines, { account, creditFen: d - c }];
    if (c > d) return [...lines, { account, debitFen: c - d }];
    return [...lines, { account, debitFen: 5 }, { account: 'revenue:platform', creditFen: 5 }];
  });

/** Sum per (side, account). */
function sides(lines: ReadonlyArray<LedgerLineInput>): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) {
    if (l.debitFen) m.set(`D:${l.account}`, (m.get(`D:${l.account}`) ?? 0) + l.debitFen);
    if (l.creditFen) m.set(`C:${l.account}`, (m.get(`C:${l.account}`) ?? 0) + l.creditFen);
  }
  return m;
}

describe('mergeLines', () => {
  it('adds the lines of one account and side, keeps the sides of one account apart, drops zero lines', () => {
    expect(
      mergeLines('FULFILLMENT_DELIVERED', 'f-1', [
        { account: 'escrow', debitFen: 600 },
        { account: 'payable:household:7', creditFen: 500 },
        { account: 'escrow', debitFen: 400 },
        { account: 'payable:station:4', creditFen: 0 },
        { account: 'payable:household:7', creditFen: 420 },
        { account: 'escrow', creditFen: 70 },
        { account: 'revenue:platform', creditFen: 10 },
      ]),
    ).toEqual([
      { account: 'escrow', debitFen: 1000, creditFen: 0 },
      { account: 'payable:household:7', debitFen: 0, creditFen: 920 },
      { account: 'escrow', debitFen: 0, creditFen: 70 },
      { account: 'revenue:platform', debitFen: 0, creditFen: 10 },
    ]);
  });

  it('refuses an unbalanced entry, naming it', () => {
    expect(() => mergeLines('ORDER_PLACED', 'o-1', [{ account: 'gateway:clearing', debitFen: 100 }, { account: 'escrow', creditFen: 99 }])).toThrow(
      'unbalanced ORDER_PLACED entry for o-1: debits 100, credits 99',
    );
  });

  it('refuses an entry that moves nothing', () => {
    expect(() => mergeLines('ORDER_PLACED', 'o-1', [])).toThrow(/unbalanced ORDER_PLACED entry for o-1: debits 0, credits 0/);
    expect(() => mergeLines('ORDER_PLACED', 'o-1', [{ account: 'escrow', debitFen: 0 }, { account: 'escrow', creditFen: 0 }])).toThrow(/debits 0, credits 0/);
  });

  it('refuses a line with two positive sides, a negative side or a fraction of a fen', () => {
    for (const bad of [
      { account: 'escrow', debitFen: 5, creditFen: 5 },
      { account: 'escrow', debitFen: -5 },
      { account: 'escrow', creditFen: -5 },
      { account: 'escrow', debitFen: 1.5 },
      { account: 'escrow', debitFen: Number.MAX_SAFE_INTEGER + 1 },
      { account: 'escrow', debitFen: Number.NaN },
    ]) {
      expect(() => mergeLines('ORDER_PLACED', 'o-1', [bad, { account: 'gateway:clearing', creditFen: 5 }])).toThrow(/must have one positive side/);
    }
  });

  it('keeps every (side, account) total, one line each, each with exactly one positive side', () => {
    fc.assert(
      fc.property(balanced, (lines) => {
        const merged = mergeLines('ORDER_PLACED', 'o', lines);
        expect(sides(merged)).toEqual(sides(lines));
        const keys = merged.map((l) => `${l.debitFen > 0 ? 'D' : 'C'}:${l.account}`);
        expect(new Set(keys).size).toBe(merged.length);
        for (const l of merged) expect((l.debitFen > 0 && l.creditFen === 0) || (l.creditFen > 0 && l.debitFen === 0)).toBe(true);
        const d = merged.reduce((s, l) => s + l.debitFen, 0);
        expect(merged.reduce((s, l) => s + l.creditFen, 0)).toBe(d);
      }),
    );
  });

  it('is idempotent, and the order of the lines changes only the order of the merged lines', () => {
    fc.assert(
      fc.property(
        balanced.chain((lines) => fc.tuple(fc.constant(lines), fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }))),
        ([lines, shuffled]) => {
          const merged = mergeLines('ORDER_PLACED', 'o', lines);
          expect(mergeLines('ORDER_PLACED', 'o', merged)).toEqual(merged);
          const key = (l: { account: string; debitFen: number }) => `${l.debitFen > 0 ? 'D' : 'C'}:${l.account}`;
          const sorted = (ls: typeof merged) => [...ls].sort((a, b) => key(a).localeCompare(key(b)));
          expect(sorted(mergeLines('ORDER_PLACED', 'o', shuffled))).toEqual(sorted(merged));
        },
      ),
    );
  });

  it('refuses exactly the entries whose debits and credits differ', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
        const d = lines.reduce((s, l) => s + (l.debitFen ?? 0), 0);
        const c = lines.reduce((s, l) => s + (l.creditFen ?? 0), 0);
        if (d === c && d > 0) expect(() => mergeLines('ORDER_PLACED', 'o', lines)).not.toThrow();
        else expect(() => mergeLines('ORDER_PLACED', 'o', lines)).toThrow(/unbalanced/);
      }),
    );
  });
});

describe('journalBatch', () => {
  it('numbers entries from 1 in order, skips null postings, and points each merged line at its entry', () => {
    const placed: Posting = { kind: 'ORDER_PLACED', reference: '9', lines: [{ account: 'gateway:clearing', debitFen: 7 }, { account: 'escrow', creditFen: 7 }] };
    const cancelled: Posting = {
      kind: 'ORDER_CANCELLED',
      reference: '9',
      lines: [{ account: 'escrow', debitFen: 3 }, { account: 'escrow', debitFen: 4 }, { account: 'gateway:clearing', creditFen: 7 }],
    };
    expect(journalBatch([null, placed, null, cancelled])).toEqual({
      entries: [
        { kind: 'ORDER_PLACED', reference: '9' },
        { kind: 'ORDER_CANCELLED', reference: '9' },
      ],
      lines: [
        { entryN: 1, account: 'gateway:clearing', debitFen: 7, creditFen: 0 },
        { entryN: 1, account: 'escrow', debitFen: 0, creditFen: 7 },
        { entryN: 2, account: 'escrow', debitFen: 7, creditFen: 0 },
        { entryN: 2, account: 'gateway:clearing', debitFen: 0, creditFen: 7 },
      ],
    });
  });

  it('refuses the whole batch when one entry does not balance', () => {
    const good: Posting = { kind: 'PAYOUT_PAID', reference: '1', lines: [{ account: 'payable:station:1', debitFen: 2 }, { account: 'bank:disbursements', creditFen: 2 }] };
    const bad: Posting = { kind: 'PAYOUT_PAID', reference: '2', lines: [{ account: 'payable:station:1', debitFen: 2 }] };
    expect(() => journalBatch([good, bad])).toThrow(/unbalanced PAYOUT_PAID entry for 2/);
  });

  it('every line of a batch balances within its entry', () => {
    fc.assert(
      fc.property(fc.array(balanced, { maxLength: 6 }), (entries) => {
        const batch = journalBatch(entries.map((lines, i) => ({ kind: 'ORDER_PLACED', reference: String(i), lines })));
        expect(batch.entries).toHaveLength(entries.length);
        batch.entries.forEach((_, i) => {
          const mine = batch.lines.filter((l) => l.entryN === i + 1);
          expect(mine.reduce((s, l) => s + l.debitFen, 0)).toBe(mine.reduce((s, l) => s + l.creditFen, 0));
          expect(sides(mine)).toEqual(sides(entries[i]));
        });
      }),
    );
  });
});
