import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { creditScore, CreditGrade, gradeOf, RepaymentHistory } from './credit-score';

const NEVER: RepaymentHistory = { everDefaulted: false, everBorrowed: false, repaidALoan: false, lateInstalments24m: 0 };
const points = (r: ReturnType<typeof creditScore>) => Object.fromEntries(r.reasons.map((x) => [x.part, x.points]));

describe('creditScore: hand-computed cases', () => {
  it('a household that never borrowed: 7,600 yuan of sales, 2 labourers, 6.8 mu, 3,500 yuan of debts', () => {
    // sales floor(7600/250) = 30; labour 20; land 6; repayment 15; debts -3 => 68, AA
    const r = creditScore({ salesNetFen: 760_000, labourers: 2, landMu: 6.8, otherDebtsFen: 350_000, history: NEVER });
    expect(points(r)).toEqual({ SALES: 30, LABOUR: 20, LAND: 6, REPAYMENT: 15, OTHER_DEBTS: -3 });
    expect(r.score).toBe(68);
    expect(r.grade).toBe(CreditGrade.AA);
  });

  it('caps every part: sales 40, labour 20, land 10, debts -20; a repaid loan gives 30; clamped to 100', () => {
    const r = creditScore({
      salesNetFen: 100_000_000,
      labourers: 5,
      landMu: 40,
      otherDebtsFen: 0,
      history: { everDefaulted: false, everBorrowed: true, repaidALoan: true, lateInstalments24m: 0 },
    });
    expect(points(r)).toEqual({ SALES: 40, LABOUR: 20, LAND: 10, REPAYMENT: 30, OTHER_DEBTS: -0 });
    expect(r.score).toBe(100);
    expect(r.grade).toBe(CreditGrade.AAA);
    const debts = creditScore({ salesNetFen: 0, labourers: 0, landMu: 0, otherDebtsFen: 9_999_999_00, history: NEVER });
    expect(points(debts).OTHER_DEBTS).toBe(-20);
    expect(debts.score).toBe(0);
  });

  it('only whole units count: 249.99 yuan is 0 points, 250 yuan is 1; 999.99 yuan of debt costs nothing', () => {
    expect(points(creditScore({ salesNetFen: 24_999, labourers: 0, landMu: 0.99, otherDebtsFen: 99_999, history: NEVER }))).toMatchObject({ SALES: 0, LAND: 0, OTHER_DEBTS: -0 });
    expect(points(creditScore({ salesNetFen: 25_000, labourers: 0, landMu: 1, otherDebtsFen: 100_000, history: NEVER }))).toMatchObject({ SALES: 1, LAND: 1, OTHER_DEBTS: -1 });
  });

  it('repayment: two late instalments give 30 - 20 = 10; a default gives -60 whatever else', () => {
    const late = creditScore({ salesNetFen: 1_250_000, labourers: 1, landMu: 3, otherDebtsFen: 0, history: { everDefaulted: false, everBorrowed: true, repaidALoan: true, lateInstalments24m: 2 } });
    // sales floor(12500/250) = 50, capped at 40; + 10 + 3 + 10 - 0 = 63
    expect(points(late).REPAYMENT).toBe(10);
    expect(late.score).toBe(63);
    const defaulted = creditScore({ salesNetFen: 1_250_000, labourers: 2, landMu: 10, otherDebtsFen: 0, history: { everDefaulted: true, everBorrowed: true, repaidALoan: true, lateInstalments24m: 0 } });
    // 40 + 20 + 10 - 60 = 10
    expect(defaulted.score).toBe(10);
    expect(defaulted.grade).toBe(CreditGrade.C);
  });

  it('a borrower still repaying, never late: 30', () => {
    const r = creditScore({ salesNetFen: 0, labourers: 1, landMu: 2, otherDebtsFen: 0, history: { everDefaulted: false, everBorrowed: true, repaidALoan: false, lateInstalments24m: 0 } });
    expect(points(r).REPAYMENT).toBe(30);
    expect(r.score).toBe(42);
    expect(r.grade).toBe(CreditGrade.B);
  });

  it('grades at their thresholds', () => {
    expect([80, 79, 65, 64, 50, 49, 35, 34, 0].map(gradeOf)).toEqual(['AAA', 'AA', 'AA', 'A', 'A', 'B', 'B', 'C', 'C']);
  });
});

describe('creditScore: properties', () => {
  const history = fc.record({ everDefaulted: fc.boolean(), everBorrowed: fc.boolean(), repaidALoan: fc.boolean(), lateInstalments24m: fc.nat(20) });
  const input = fc.record({
    salesNetFen: fc.nat(1e10),
    labourers: fc.nat(10),
    landMu: fc.double({ min: 0, max: 200, noNaN: true }),
    otherDebtsFen: fc.nat(1e10),
    history,
  });

  it('the score is the clamped sum of its reasons, within 0..100, and its grade follows it', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = creditScore(i);
        const sum = r.reasons.reduce((s, x) => s + x.points, 0);
        expect(r.score).toBe(Math.max(0, Math.min(100, sum)));
        expect(r.grade).toBe(gradeOf(r.score));
        expect(r.reasons.map((x) => x.part)).toEqual(['SALES', 'LABOUR', 'LAND', 'REPAYMENT', 'OTHER_DEBTS']);
      }),
    );
  });

  it('more sales, labour or land never lower the score; more debt never raises it', () => {
    fc.assert(
      fc.property(input, fc.nat(1e8), fc.nat(3), fc.nat(20), (i, extra, moreLabour, moreLand) => {
        const base = creditScore(i).score;
        expect(creditScore({ ...i, salesNetFen: i.salesNetFen + extra }).score).toBeGreaterThanOrEqual(base);
        expect(creditScore({ ...i, labourers: i.labourers + moreLabour }).score).toBeGreaterThanOrEqual(base);
        expect(creditScore({ ...i, landMu: i.landMu + moreLand }).score).toBeGreaterThanOrEqual(base);
        expect(creditScore({ ...i, otherDebtsFen: i.otherDebtsFen + extra }).score).toBeLessThanOrEqual(base);
      }),
    );
  });

  it('a default always costs 60 points against the same household without one (before clamping)', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = creditScore({ ...i, history: { ...i.history, everDefaulted: true } });
        expect(r.reasons[3].points).toBe(-60);
      }),
    );
  });
});
