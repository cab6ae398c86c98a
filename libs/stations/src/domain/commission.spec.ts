import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { commissionProblem, maxCommissionBps } from './commission';

describe('station commission beside the platform fee', () => {
  it('allows exactly what leaves the supplier a share of zero or more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (commission, fee) => {
        expect(commissionProblem(commission, fee) === null).toBe(commission + fee <= 10_000);
      }),
    );
  });

  it('names the highest rate allowed', () => {
    expect(maxCommissionBps(300)).toBe(9700);
    expect(commissionProblem(9701, 300)).toMatch(/at most 9700/);
    expect(commissionProblem(9700, 300)).toBeNull();
  });
});
