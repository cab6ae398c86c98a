import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Posting } from './accounts';
import { stationCashRemitted, VillageOrderAmounts, villageOrderCollected, villageOrderDepositTaken, villageOrderRefunded } from './village-order-postings';

const sums = (p: Posting) => p.lines.reduce((s, l) => ({ d: s.d + (l.debitFen ?? 0), c: s.c + (l.creditFen ?? 0) }), { d: 0, c: 0 });
/** Net (debit - credit) per account over entries. */
function balances(postings: Array<Posting | null>): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of postings) for (const l of p?.lines ?? []) m.set(l.account, (m.get(l.account) ?? 0) + (l.debitFen ?? 0) - (l.creditFen ?? 0));
  return m;
}

const order = fc
  .record({ total: fc.integer({ min: 1, max: 1e12 }), depositShare: fc.double({ min: 0, max: 1, noNaN: true }), comm: fc.integer({ min: 0, max: 5000 }), fee: fc.integer({ min: 0, max: 5000 }) })
  .map(({ total, depositShare, comm, fee }): VillageOrderAmounts => {
    const stationCommissionFen = Math.floor((total * comm) / 10000);
    const platformFeeFen = Math.floor((total * fee) / 10000);
    return {
      villageOrderId: '7',
      stationId: '3',
      merchantId: '5',
      totalFen: total,
      depositFen: Math.min(total, Math.floor(total * depositShare)),
      stationCommissionFen,
      platformFeeFen,
      merchantNetFen: total - stationCommissionFen - platformFeeFen,
    };
  });

describe('village order posting recipes', () => {
  it('every entry balances, and amounts are never negative', () => {
    fc.assert(
      fc.property(order, (o) => {
        for (const p of [villageOrderDepositTaken(o), villageOrderCollected(o), villageOrderRefunded(o)]) {
          if (!p) continue;
          const { d, c } = sums(p);
          expect(d).toBe(c);
          expect(p.lines.every((l) => (l.debitFen ?? 0) >= 0 && (l.creditFen ?? 0) >= 0)).toBe(true);
          expect(p.lines.every((l) => (l.debitFen ?? 0) > 0 !== (l.creditFen ?? 0) > 0)).toBe(true);
        }
      }),
    );
  });

  it('collected: the station holds the whole price in cash, escrow is empty, the payables get the split', () => {
    fc.assert(
      fc.property(order, (o) => {
        const b = balances([villageOrderDepositTaken(o), villageOrderCollected(o)]);
        expect(b.get('cash:station:3')).toBe(o.totalFen);
        expect(b.get('escrow') ?? 0).toBe(0);
        expect(0 - (b.get('payable:merchant:5') ?? 0)).toBe(o.merchantNetFen);
        expect(0 - (b.get('payable:station:3') ?? 0)).toBe(o.stationCommissionFen);
        expect(0 - (b.get('revenue:platform') ?? 0)).toBe(o.platformFeeFen);
      }),
    );
  });

  it('returned or cancelled: the deposit goes back, the station holds nothing and escrow is empty', () => {
    fc.assert(
      fc.property(order, (o) => {
        const b = balances([villageOrderDepositTaken(o), villageOrderRefunded(o)]);
        expect(b.get('cash:station:3') ?? 0).toBe(0);
        expect(b.get('escrow') ?? 0).toBe(0);
      }),
    );
  });

  it('no deposit: nothing to post at ordering or refund', () => {
    const o: VillageOrderAmounts = { villageOrderId: '1', stationId: '2', merchantId: '3', totalFen: 100, depositFen: 0, merchantNetFen: 92, stationCommissionFen: 5, platformFeeFen: 3 };
    expect(villageOrderDepositTaken(o)).toBeNull();
    expect(villageOrderRefunded(o)).toBeNull();
    expect(villageOrderCollected(o).lines.filter((l) => (l.debitFen ?? l.creditFen) === 100)).toHaveLength(3);
  });

  it('refuses amounts that do not add up, a deposit above the total, or a non-positive remittance', () => {
    const o: VillageOrderAmounts = { villageOrderId: '1', stationId: '2', merchantId: '3', totalFen: 100, depositFen: 0, merchantNetFen: 92, stationCommissionFen: 5, platformFeeFen: 3 };
    expect(() => villageOrderCollected({ ...o, merchantNetFen: 93 })).toThrow(RangeError);
    expect(() => villageOrderDepositTaken({ ...o, depositFen: 101 })).toThrow(RangeError);
    expect(() => stationCashRemitted({ remittanceId: '1', stationId: '2', amountFen: 0 })).toThrow(RangeError);
    expect(stationCashRemitted({ remittanceId: '1', stationId: '2', amountFen: 50 }).lines).toEqual([
      { account: 'bank:deposits', debitFen: 50 },
      { account: 'cash:station:2', creditFen: 50 },
    ]);
  });
});
