import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { daysBetween } from '@app/kernel';
import { applyRepayment, defaultSplit, OwedInstalment, repaidStatus } from './repayment';

const inst = (loanId: string, seq: number, dueOn: string, interest: number, principal: number): OwedInstalment => ({ loanId, seq, dueOn, interestOwedFen: interest, principalOwedFen: principal });

describe('applyRepayment', () => {
  it('oldest instalment first, interest before principal, partial at the end', () => {
    const r = applyRepayment([inst('2', 1, '2026-03-01', 100, 1000), inst('1', 2, '2026-02-01', 50, 500), inst('1', 1, '2026-01-01', 0, 500)], 1200);
    expect(r.applied).toEqual([
      { loanId: '1', seq: 1, interestFen: 0, principalFen: 500 },
      { loanId: '1', seq: 2, interestFen: 50, principalFen: 500 },
      { loanId: '2', seq: 1, interestFen: 100, principalFen: 50 },
    ]);
    expect(r.usedFen).toBe(1200);
  });

  it('never uses more than is available or owed; nothing available takes nothing', () => {
    expect(applyRepayment([inst('1', 1, '2026-01-01', 10, 90)], 500)).toEqual({ applied: [{ loanId: '1', seq: 1, interestFen: 10, principalFen: 90 }], usedFen: 100 });
    expect(applyRepayment([inst('1', 1, '2026-01-01', 10, 90)], 0)).toEqual({ applied: [], usedFen: 0 });
  });

  it('properties: used = min(available, owed); an instalment gets principal only once its interest is paid', () => {
    const arb = fc.uniqueArray(
      fc.record({ loanId: fc.constantFrom('1', '2', '10'), seq: fc.integer({ min: 1, max: 36 }), dueOn: fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'), interestOwedFen: fc.nat(1000), principalOwedFen: fc.nat(100000) }),
      { maxLength: 10, selector: (i) => `${i.loanId}:${i.seq}` },
    );
    fc.assert(
      fc.property(arb, fc.nat(300000), (list, available) => {
        const owed = list.reduce((s, i) => s + i.interestOwedFen + i.principalOwedFen, 0);
        const r = applyRepayment(list, available);
        expect(r.usedFen).toBe(Math.min(available, owed));
        expect(r.applied.reduce((s, a) => s + a.interestFen + a.principalFen, 0)).toBe(r.usedFen);
        for (const a of r.applied) {
          const i = list.find((x) => x.loanId === a.loanId && x.seq === a.seq)!;
          if (a.principalFen > 0) expect(a.interestFen).toBe(i.interestOwedFen);
        }
      }),
    );
  });
});

describe('repaidStatus', () => {
  it('CLOSED with nothing unpaid; DISBURSED up to 30 days late; OVERDUE past 30; DEFAULTED at 90', () => {
    expect(repaidStatus([], '2026-06-01', daysBetween)).toBe('CLOSED');
    expect(repaidStatus(['2026-05-02'], '2026-06-01', daysBetween)).toBe('DISBURSED'); // 30 days
    expect(repaidStatus(['2026-05-01'], '2026-06-01', daysBetween)).toBe('OVERDUE'); // 31 days
    expect(repaidStatus(['2026-03-04'], '2026-06-01', daysBetween)).toBe('OVERDUE'); // 89 days
    expect(repaidStatus(['2026-03-03', '2026-07-01'], '2026-06-01', daysBetween)).toBe('DEFAULTED'); // 90 days
  });
});

describe('defaultSplit', () => {
  it('the fund pays 70% of the outstanding principal when it holds enough, else what it holds', () => {
    expect(defaultSplit(1_000_001, 7000, 10_000_000)).toEqual({ coveredFen: 700_000, lossFen: 300_001 });
    expect(defaultSplit(1_000_000, 7000, 250_000)).toEqual({ coveredFen: 250_000, lossFen: 750_000 });
    expect(defaultSplit(1_000_000, 7000, 0)).toEqual({ coveredFen: 0, lossFen: 1_000_000 });
  });

  it('properties: covered + loss = outstanding, covered <= balance and <= the share', () => {
    fc.assert(
      fc.property(fc.nat(1e10), fc.integer({ min: 0, max: 10000 }), fc.nat(1e10), (out, bps, bal) => {
        const { coveredFen, lossFen } = defaultSplit(out, bps, bal);
        expect(coveredFen + lossFen).toBe(out);
        expect(coveredFen).toBeLessThanOrEqual(bal);
        expect(coveredFen).toBeLessThanOrEqual(Math.floor((out * bps) / 10000));
        expect(lossFen).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
