import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Posting } from './accounts';
import { mergeLines } from './merge-lines';
import { DeliveredAllocation, fulfillmentDelivered, orderCancelled, orderPlaced, Payee, payoutPaid } from './order-postings';

const debits = (p: Posting) => p.lines.reduce((s, l) => s + (l.debitFen ?? 0), 0);
const credits = (p: Posting) => p.lines.reduce((s, l) => s + (l.creditFen ?? 0), 0);
const noZeroLine = (p: Posting) => p.lines.every((l) => (l.debitFen ?? 0) > 0 !== (l.creditFen ?? 0) > 0);
/** Net (debit - credit) per account. */
function net(postings: Posting[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of postings) for (const l of p.lines) m.set(l.account, (m.get(l.account) ?? 0) + (l.debitFen ?? 0) - (l.creditFen ?? 0));
  for (const [k, v] of m) if (v === 0) m.delete(k);
  return m;
}

const fen = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
/** An allocation split as computeAllocationAmounts splits it: floored cuts, the rest to the household. */
const allocation: fc.Arbitrary<DeliveredAllocation> = fc
  .record({
    household: fc.integer({ min: 1, max: 4 }),
    station: fc.integer({ min: 1, max: 3 }),
    gross: fc.integer({ min: 1, max: 1e12 }),
    commissionBps: fc.integer({ min: 0, max: 5000 }),
    feeBps: fc.integer({ min: 0, max: 5000 }),
  })
  .map(({ household, station, gross, commissionBps, feeBps }) => {
    const stationCommissionFen = Math.floor((gross * commissionBps) / 10000);
    const platformFeeFen = Math.floor((gross * feeBps) / 10000);
    return { householdId: String(household), listingStationId: String(station), grossFen: gross, stationCommissionFen, platformFeeFen, supplierNetFen: gross - stationCommissionFen - platformFeeFen };
  });

describe('order posting recipes', () => {
  it('placed: the total from gateway clearing into escrow', () => {
    expect(orderPlaced({ orderId: '42', totalFen: 13_500 })).toEqual({
      kind: 'ORDER_PLACED',
      reference: '42',
      lines: [
        { account: 'gateway:clearing', debitFen: 13_500 },
        { account: 'escrow', creditFen: 13_500 },
      ],
    });
  });

  it('cancelled: the total back from escrow to gateway clearing; placed then cancelled leaves nothing', () => {
    expect(orderCancelled({ orderId: '42', totalFen: 13_500 })).toEqual({
      kind: 'ORDER_CANCELLED',
      reference: '42',
      lines: [
        { account: 'escrow', debitFen: 13_500 },
        { account: 'gateway:clearing', creditFen: 13_500 },
      ],
    });
    fc.assert(fc.property(fen, (totalFen) => expect(net([orderPlaced({ orderId: '1', totalFen }), orderCancelled({ orderId: '1', totalFen })]).size).toBe(0)));
  });

  it('placed and cancelled balance, to the fen, with two non-zero lines', () => {
    fc.assert(
      fc.property(fen, (totalFen) => {
        for (const p of [orderPlaced({ orderId: '1', totalFen }), orderCancelled({ orderId: '1', totalFen })]) {
          expect(debits(p)).toBe(totalFen);
          expect(credits(p)).toBe(totalFen);
          expect(p.lines).toHaveLength(2);
          expect(noZeroLine(p)).toBe(true);
        }
      }),
    );
  });

  it('placed and cancelled refuse a total that is not a positive safe integer', () => {
    for (const totalFen of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
      expect(() => orderPlaced({ orderId: '1', totalFen })).toThrow(RangeError);
      expect(() => orderCancelled({ orderId: '1', totalFen })).toThrow(RangeError);
    }
  });

  it('delivered: escrow pays each allocation to household, listing station and platform; zero cuts give no line', () => {
    const p = fulfillmentDelivered({
      fulfillmentId: '8',
      allocations: [
        { householdId: '7', listingStationId: '3', grossFen: 13_500, supplierNetFen: 12_420, stationCommissionFen: 675, platformFeeFen: 405 },
        { householdId: '9', listingStationId: '4', grossFen: 8638, supplierNetFen: 8379, stationCommissionFen: 0, platformFeeFen: 259 },
      ],
    });
    expect(p).toEqual({
      kind: 'FULFILLMENT_DELIVERED',
      reference: '8',
      lines: [
        { account: 'escrow', debitFen: 13_500 },
        { account: 'payable:household:7', creditFen: 12_420 },
        { account: 'payable:station:3', creditFen: 675 },
        { account: 'revenue:platform', creditFen: 405 },
        { account: 'escrow', debitFen: 8638 },
        { account: 'payable:household:9', creditFen: 8379 },
        { account: 'revenue:platform', creditFen: 259 },
      ],
    });
    // As written: one escrow line, one platform line.
    expect(mergeLines(p.kind, p.reference, p.lines)).toEqual([
      { account: 'escrow', debitFen: 22_138, creditFen: 0 },
      { account: 'payable:household:7', debitFen: 0, creditFen: 12_420 },
      { account: 'payable:station:3', debitFen: 0, creditFen: 675 },
      { account: 'revenue:platform', debitFen: 0, creditFen: 664 },
      { account: 'payable:household:9', debitFen: 0, creditFen: 8379 },
    ]);
  });

  it('delivered: balances, empties escrow of exactly the gross, and credits each party its exact cut', () => {
    fc.assert(
      fc.property(fc.array(allocation, { minLength: 1, maxLength: 8 }), (allocations) => {
        const p = fulfillmentDelivered({ fulfillmentId: '1', allocations });
        const gross = allocations.reduce((s, a) => s + a.grossFen, 0);
        expect(debits(p)).toBe(gross);
        expect(credits(p)).toBe(gross);
        expect(noZeroLine(p)).toBe(true);
        const balances = net([p]);
        expect(balances.get('escrow')).toBe(gross);
        const fee = allocations.reduce((s, a) => s + a.platformFeeFen, 0);
        expect(balances.get('revenue:platform') ?? 0).toBe(0 - fee);
        for (const h of new Set(allocations.map((a) => a.householdId))) {
          const mine = allocations.filter((a) => a.householdId === h).reduce((s, a) => s + a.supplierNetFen, 0);
          expect(balances.get(`payable:household:${h}`) ?? 0).toBe(0 - mine);
        }
        for (const st of new Set(allocations.map((a) => a.listingStationId))) {
          const mine = allocations.filter((a) => a.listingStationId === st).reduce((s, a) => s + a.stationCommissionFen, 0);
          expect(balances.get(`payable:station:${st}`) ?? 0).toBe(0 - mine);
        }
        expect(() => mergeLines(p.kind, p.reference, p.lines)).not.toThrow();
      }),
    );
  });

  it('delivered: refuses no allocation, a split that does not add up, a negative cut or a gross of 0', () => {
    const a: DeliveredAllocation = { householdId: '1', listingStationId: '2', grossFen: 100, supplierNetFen: 92, stationCommissionFen: 5, platformFeeFen: 3 };
    expect(() => fulfillmentDelivered({ fulfillmentId: '1', allocations: [] })).toThrow(RangeError);
    expect(() => fulfillmentDelivered({ fulfillmentId: '1', allocations: [{ ...a, supplierNetFen: 93 }] })).toThrow(/does not add up/);
    expect(() => fulfillmentDelivered({ fulfillmentId: '1', allocations: [{ ...a, supplierNetFen: 102, platformFeeFen: -2 }] })).toThrow(RangeError);
    expect(() => fulfillmentDelivered({ fulfillmentId: '1', allocations: [{ ...a, grossFen: 0, supplierNetFen: 0, stationCommissionFen: 0, platformFeeFen: 0 }] })).toThrow(RangeError);
  });

  it("paid: the payee's payable against the bank, for each kind of payee", () => {
    const cases: Array<[Payee, string]> = [
      [{ kind: 'HOUSEHOLD', householdId: '7' }, 'payable:household:7'],
      [{ kind: 'STATION', stationId: '3' }, 'payable:station:3'],
      [{ kind: 'MERCHANT', merchantId: '5' }, 'payable:merchant:5'],
    ];
    for (const [payee, payable] of cases) {
      expect(payoutPaid({ payoutId: '11', payee, amountFen: 920 })).toEqual({
        kind: 'PAYOUT_PAID',
        reference: '11',
        lines: [
          { account: payable, debitFen: 920 },
          { account: 'bank:disbursements', creditFen: 920 },
        ],
      });
    }
    fc.assert(
      fc.property(fen, (amountFen) => {
        const p = payoutPaid({ payoutId: '1', payee: { kind: 'HOUSEHOLD', householdId: '1' }, amountFen });
        expect(debits(p)).toBe(amountFen);
        expect(credits(p)).toBe(amountFen);
        expect(noZeroLine(p)).toBe(true);
      }),
    );
    expect(() => payoutPaid({ payoutId: '1', payee: { kind: 'STATION', stationId: '1' }, amountFen: 0 })).toThrow(RangeError);
  });

  it('a delivered fulfilment paid out in full leaves escrow holding nothing of it and every payable settled', () => {
    fc.assert(
      fc.property(fc.array(allocation, { minLength: 1, maxLength: 5 }), (allocations) => {
        const totalFen = allocations.reduce((s, a) => s + a.grossFen, 0);
        const delivered = fulfillmentDelivered({ fulfillmentId: '1', allocations });
        const owed = net([delivered]);
        const payouts = [...owed]
          .filter(([account]) => account.startsWith('payable:'))
          .map(([account, balance], i) => {
            const [, kind, id] = account.split(':');
            const payee: Payee = kind === 'household' ? { kind: 'HOUSEHOLD', householdId: id } : { kind: 'STATION', stationId: id };
            return payoutPaid({ payoutId: String(i), payee, amountFen: 0 - balance });
          });
        const books = net([orderPlaced({ orderId: '1', totalFen }), delivered, ...payouts]);
        const fee = allocations.reduce((s, a) => s + a.platformFeeFen, 0);
        expect(books.get('escrow')).toBeUndefined();
        expect([...books.keys()].filter((k) => k.startsWith('payable:'))).toEqual([]);
        expect(books.get('gateway:clearing')).toBe(totalFen);
        expect(books.get('bank:disbursements') ?? 0).toBe(fee - totalFen);
      }),
    );
  });
});
