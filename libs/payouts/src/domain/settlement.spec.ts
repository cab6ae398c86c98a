import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkWithholding, isSettleable, PayableItem, planPayouts, settlementTotalsAgree } from './settlement';

const NOW = new Date('2026-12-03T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const item = (id: string, payeeId: string, amountFen: number, over: Partial<PayableItem> = {}): PayableItem => ({
  id, payeeId, amountFen, delivered: true, deliveredAt: hoursAgo(100), inPayout: false, ...over,
});

describe('isSettleable', () => {
  it('takes delivered items past the holdback that are in no payout', () => {
    expect(isSettleable(item('1', '7', 100, { deliveredAt: hoursAgo(72) }), NOW, 72)).toBe(true);
    expect(isSettleable(item('1', '7', 100, { deliveredAt: new Date(hoursAgo(72).getTime() + 1) }), NOW, 72)).toBe(false);
    expect(isSettleable(item('1', '7', 100, { delivered: false }), NOW, 72)).toBe(false);
    expect(isSettleable(item('1', '7', 100, { deliveredAt: null }), NOW, 72)).toBe(false);
    expect(isSettleable(item('1', '7', 100, { inPayout: true }), NOW, 72)).toBe(false);
    expect(isSettleable(item('1', '7', 100, { deliveredAt: NOW }), NOW, 0)).toBe(true);
  });
});

describe('planPayouts', () => {
  it('one payout per payee, by payee id as a number, of its items by id', () => {
    const plan = planPayouts([item('5', '10', 300), item('2', '9', 100), item('3', '10', 200), item('4', '9', 50, { deliveredAt: hoursAgo(1) })], NOW, 72);
    expect(plan).toEqual([
      { payeeId: '9', itemIds: ['2'], dueFen: 100, withheldFen: 0, amountFen: 100, status: 'PENDING' },
      { payeeId: '10', itemIds: ['3', '5'], dueFen: 500, withheldFen: 0, amountFen: 500, status: 'PENDING' },
    ]);
  });

  it('gives a payee whose items sum to nothing no payout', () => {
    expect(planPayouts([item('1', '3', 0), item('2', '3', 0)], NOW, 72)).toEqual([]);
  });

  it('subtracts what was withheld; all of it withheld is PAID at once', () => {
    const plan = planPayouts([item('1', '3', 500), item('2', '4', 800)], NOW, 72, new Map([['3', 500], ['4', 300]]));
    expect(plan.map((p) => [p.payeeId, p.amountFen, p.withheldFen, p.status])).toEqual([
      ['3', 0, 500, 'PAID'],
      ['4', 500, 300, 'PENDING'],
    ]);
  });

  it('refuses a payout beyond a safe integer rather than round it', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(() => planPayouts([item('1', '3', big), item('2', '3', big)], NOW, 72)).toThrow(RangeError);
  });

  it('property: every settleable item with a positive payee sum is paid once, to its payee, and the sums agree', () => {
    const items = fc.uniqueArray(
      fc.record({ id: fc.integer({ min: 1, max: 500 }), payee: fc.integer({ min: 1, max: 6 }), fen: fc.nat(10_000), hours: fc.integer({ min: 0, max: 200 }), delivered: fc.boolean(), inPayout: fc.boolean() }),
      { selector: (i) => i.id, maxLength: 40 },
    );
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 150 }), (raw, holdback) => {
        const all = raw.map((r) => item(String(r.id), String(r.payee), r.fen, { deliveredAt: hoursAgo(r.hours), delivered: r.delivered, inPayout: r.inPayout }));
        const plan = planPayouts(all, NOW, holdback);
        const due = all.filter((i) => isSettleable(i, NOW, holdback));
        const sumOf = (payee: string) => due.filter((i) => i.payeeId === payee).reduce((s, i) => s + i.amountFen, 0);
        const paid = plan.flatMap((p) => p.itemIds);
        expect(new Set(paid).size).toBe(paid.length);
        expect(paid.sort()).toEqual(due.filter((i) => sumOf(i.payeeId) > 0).map((i) => i.id).sort());
        expect(plan.map((p) => Number(p.payeeId))).toEqual([...new Set(due.filter((i) => sumOf(i.payeeId) > 0).map((i) => Number(i.payeeId)))].sort((a, b) => a - b));
        for (const p of plan) {
          expect(p.dueFen).toBe(sumOf(p.payeeId));
          expect(p.dueFen).toBeGreaterThan(0);
          for (const id of p.itemIds) expect(all.find((i) => i.id === id)!.payeeId).toBe(p.payeeId);
        }
        expect(settlementTotalsAgree({
          items: paid.length, dueFen: String(plan.reduce((s, p) => s + p.dueFen, 0)), linked: paid.length, linkedFen: String(plan.reduce((s, p) => s + p.dueFen, 0)),
          withheldFen: '0', payoutAmountsFen: plan.map((p) => String(p.amountFen)),
        })).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkWithholding', () => {
  const owed = new Map([['1', 500], ['2', 300]]);

  it('keeps what was withheld within what each household is owed, without the zeros', () => {
    expect(checkWithholding(owed, new Map([['1', 500], ['2', 0]]))).toEqual(new Map([['1', 500]]));
  });

  it.each([
    ['more than owed', '2', 301],
    ['from a household owed nothing', '3', 1],
    ['a negative amount', '1', -1],
    ['a fraction', '1', 1.5],
  ])('refuses %s', (_what, householdId, fen) => {
    expect(() => checkWithholding(owed, new Map([[householdId, fen]]))).toThrow(/withholding/);
  });
});

describe('settlementTotalsAgree', () => {
  const ok = { items: 3, dueFen: '900', linked: 3, linkedFen: '900', withheldFen: '100', payoutAmountsFen: ['300', '500'] };

  it('agrees when the links and payouts account for every fen summed', () => {
    expect(settlementTotalsAgree(ok)).toBe(true);
    expect(settlementTotalsAgree({ ...ok, dueFen: '90071992547409930', linkedFen: '90071992547409930', withheldFen: '0', payoutAmountsFen: ['90071992547409930'] })).toBe(true);
  });

  it('disagrees on a missing link, a linked sum that differs, or payouts that do not add up', () => {
    expect(settlementTotalsAgree({ ...ok, linked: 2 })).toBe(false);
    expect(settlementTotalsAgree({ ...ok, linkedFen: '899' })).toBe(false);
    expect(settlementTotalsAgree({ ...ok, payoutAmountsFen: ['300', '499'] })).toBe(false);
  });
});
