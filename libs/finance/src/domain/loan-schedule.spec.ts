import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { civilDay, daysBetween } from '@app/kernel';
import { addMonths, loanSchedule } from './loan-schedule';

describe('loanSchedule', () => {
  it('12 months of 10,000 yuan at 4.35%, fully subsidised: hand-computed', () => {
    const s = loanSchedule(1_000_000, 12, 435, 10_000);
    expect(s).toHaveLength(12);
    // principal 83,333 fen a month, the last 83,337; interest floor(outstanding * 435 / 120000)
    expect(s[0]).toEqual({ seq: 1, principalFen: 83_333, interestFen: 3625, subsidyFen: 3625 });
    expect(s[1]).toEqual({ seq: 2, principalFen: 83_333, interestFen: 3322, subsidyFen: 3322 }); // 916,667 * 435 / 120000 = 3322.9
    expect(s[11]).toEqual({ seq: 12, principalFen: 83_337, interestFen: 302, subsidyFen: 302 }); // 83,337 * 435 / 120000 = 302.09
  });

  it('a 70% subsidy floors the county share: the household pays the odd fen', () => {
    const [first] = loanSchedule(1_000_000, 3, 435, 7_000);
    expect(first).toEqual({ seq: 1, principalFen: 333_333, interestFen: 3625, subsidyFen: 2537 });
  });

  it('properties: principal sums to the amount, equal but for the last, interest falls with the outstanding principal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 36 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 10000 }), (amount, term, rate, share) => {
        const s = loanSchedule(amount, term, rate, share);
        expect(s.reduce((sum, i) => sum + i.principalFen, 0)).toBe(amount);
        const base = Math.floor(amount / term);
        s.slice(0, -1).forEach((i) => expect(i.principalFen).toBe(base));
        let outstanding = amount;
        for (const i of s) {
          expect(i.interestFen).toBe(Math.floor((outstanding * rate) / 120000));
          expect(i.subsidyFen).toBeLessThanOrEqual(i.interestFen);
          expect(i.subsidyFen).toBeGreaterThanOrEqual(0);
          outstanding -= i.principalFen;
        }
      }),
    );
  });
});

describe('civil dates', () => {
  it('adds months on the same day, or the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-03', 12)).toBe('2027-12-03');
  });

  it('reads the Asia/Shanghai day and counts days', () => {
    expect(civilDay(new Date('2026-12-03T16:30:00Z'))).toBe('2026-12-04');
    expect(daysBetween('2026-01-01', '2026-03-02')).toBe(60);
  });
});
