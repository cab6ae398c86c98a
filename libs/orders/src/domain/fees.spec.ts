import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { computeAllocationAmounts } from './fees';

const MAX = Number.MAX_SAFE_INTEGER;

describe('computeAllocationAmounts', () => {
  it('splits a typical allocation', () => {
    // 3 kg of walnuts at 45.00 yuan, 5% station commission, 3% platform fee.
    expect(computeAllocationAmounts(3, 4500, 500, 300)).toEqual({
      grossFen: 13_500,
      stationCommissionFen: 675,
      platformFeeFen: 405,
      supplierNetFen: 12_420,
    });
  });

  it('takes no commission at 0 bps', () => {
    expect(computeAllocationAmounts(7, 1234, 0, 300)).toEqual({
      grossFen: 8638,
      stationCommissionFen: 0,
      platformFeeFen: 259, // 8638 * 0.03 = 259.14
      supplierNetFen: 8379,
    });
  });

  it('takes the whole gross at 10000 bps commission and no fee', () => {
    expect(computeAllocationAmounts(2, 999, 10_000, 0)).toEqual({
      grossFen: 1998,
      stationCommissionFen: 1998,
      platformFeeFen: 0,
      supplierNetFen: 0,
    });
  });

  it('takes the whole gross at 10000 bps platform fee and no commission', () => {
    expect(computeAllocationAmounts(2, 999, 0, 10_000)).toEqual({
      grossFen: 1998,
      stationCommissionFen: 0,
      platformFeeFen: 1998,
      supplierNetFen: 0,
    });
  });

  it('allows commission and fee that add up to exactly 10000 bps', () => {
    expect(computeAllocationAmounts(1, 101, 6000, 4000)).toEqual({
      grossFen: 101,
      stationCommissionFen: 60, // 60.6
      platformFeeFen: 40, // 40.4
      supplierNetFen: 1, // flooring both cuts leaves the remainder with the supplier
    });
  });

  it('rounds each cut down and leaves the remainder with the supplier', () => {
    // 99 * 1 bps / 10000 = 0.0099 -> 0; 99 * 9999 / 10000 = 98.99 -> 98
    expect(computeAllocationAmounts(1, 99, 1, 9999)).toEqual({
      grossFen: 99,
      stationCommissionFen: 0,
      platformFeeFen: 98,
      supplierNetFen: 1,
    });
    // 1 fen can never carry a fee below 100%.
    expect(computeAllocationAmounts(1, 1, 9999, 0).stationCommissionFen).toBe(0);
    // Exactly on a whole fen stays put.
    expect(computeAllocationAmounts(1, 10_000, 1, 1)).toEqual({
      grossFen: 10_000,
      stationCommissionFen: 1,
      platformFeeFen: 1,
      supplierNetFen: 9998,
    });
    expect(computeAllocationAmounts(1, 9999, 1, 1).stationCommissionFen).toBe(0);
  });

  it('gives zeros for a zero quantity or a zero price', () => {
    const zero = { grossFen: 0, stationCommissionFen: 0, platformFeeFen: 0, supplierNetFen: 0 };
    expect(computeAllocationAmounts(0, 4500, 500, 300)).toEqual(zero);
    expect(computeAllocationAmounts(5, 0, 500, 300)).toEqual(zero);
  });

  it('is exact when gross * bps passes 2^53', () => {
    // gross = 2^53 - 1; gross * 9999 is far beyond float precision.
    const r = computeAllocationAmounts(1, MAX, 9999, 1);
    const expectedCommission = (BigInt(MAX) * 9999n) / 10_000n;
    const expectedFee = BigInt(MAX) / 10_000n;
    expect(r.grossFen).toBe(MAX);
    expect(BigInt(r.stationCommissionFen)).toBe(expectedCommission);
    expect(BigInt(r.platformFeeFen)).toBe(expectedFee);
    expect(BigInt(r.supplierNetFen)).toBe(BigInt(MAX) - expectedCommission - expectedFee);
    expect(r.stationCommissionFen + r.platformFeeFen + r.supplierNetFen).toBe(MAX);
  });

  it('differs from naive float arithmetic where float would be wrong', () => {
    // Float rounds 2^52 * 9999 / 10000 up across a whole fen: 4503149267407759 instead of ...758.
    expect(Math.floor((2 ** 52 * 9999) / 10_000)).toBe(4_503_149_267_407_759);
    expect(computeAllocationAmounts(1, 2 ** 52, 9999, 0).stationCommissionFen).toBe(4_503_149_267_407_758);
    // And down: 1000000000000600 * 300 / 10000 is exactly 30000000000018, float gives ...017.
    expect(Math.floor((1_000_000_000_000_600 * 300) / 10_000)).toBe(30_000_000_000_017);
    expect(computeAllocationAmounts(1000, 1_000_000_000_000, 0, 300).platformFeeFen).toBe(30_000_000_000_000);
    expect(computeAllocationAmounts(1, 1_000_000_000_000_600, 300, 300)).toEqual({
      grossFen: 1_000_000_000_000_600,
      stationCommissionFen: 30_000_000_000_018,
      platformFeeFen: 30_000_000_000_018,
      supplierNetFen: 940_000_000_000_564,
    });
  });

  it('accepts a gross of exactly MAX_SAFE_INTEGER from a split product', () => {
    // 2^53 - 1 = 6361 * 69431 * 20394401
    const r = computeAllocationAmounts(6361 * 69_431, 20_394_401, 0, 0);
    expect(r.grossFen).toBe(MAX);
    expect(r.supplierNetFen).toBe(MAX);
  });

  it('rejects a gross above the safe range even when float rounding would hide it', () => {
    expect(() => computeAllocationAmounts(2, 2 ** 52, 0, 0)).toThrow(RangeError); // exactly 2^53
    expect(() => computeAllocationAmounts(MAX, 2, 0, 0)).toThrow(RangeError);
    expect(() => computeAllocationAmounts(94_906_267, 94_906_267, 0, 0)).toThrow(RangeError); // just over 2^53
    expect(() => computeAllocationAmounts(MAX, MAX, 0, 0)).toThrow(/safe integer range/);
  });

  it.each([
    ['negative quantity', -1, 100, 0, 0],
    ['fractional quantity', 1.5, 100, 0, 0],
    ['NaN quantity', Number.NaN, 100, 0, 0],
    ['infinite quantity', Number.POSITIVE_INFINITY, 100, 0, 0],
    ['unsafe quantity', MAX + 1, 1, 0, 0],
    ['negative price', 1, -100, 0, 0],
    ['fractional price', 1, 99.5, 0, 0],
    ['unsafe price', 1, 2 ** 60, 0, 0],
    ['negative commission', 1, 100, -1, 0],
    ['fractional commission', 1, 100, 2.5, 0],
    ['commission above 100%', 1, 100, 10_001, 0],
    ['negative fee', 1, 100, 0, -1],
    ['fractional fee', 1, 100, 0, 0.1],
    ['fee above 100%', 1, 100, 0, 10_001],
    ['commission and fee above 100% together', 1, 100, 5000, 5001],
  ])('rejects %s', (_name, q, p, c, f) => {
    expect(() => computeAllocationAmounts(q, p, c, f)).toThrow(RangeError);
  });

  it('rejects non-number input arriving untyped', () => {
    expect(() => computeAllocationAmounts('3' as unknown as number, 100, 0, 0)).toThrow(RangeError);
    expect(() => computeAllocationAmounts(3, 10n as unknown as number, 0, 0)).toThrow(RangeError);
    expect(() => computeAllocationAmounts(3, 100, null as unknown as number, 0)).toThrow(RangeError);
  });

  describe('properties', () => {
    const bpsPair = fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
      .filter(([c, f]) => c + f <= 10_000);
    const qp = fc
      .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeNat())
      .filter(([q, p]) => BigInt(q) * BigInt(p) <= BigInt(MAX));

    it('the parts always sum to gross and none is negative', () => {
      fc.assert(
        fc.property(qp, bpsPair, ([q, p], [c, f]) => {
          const r = computeAllocationAmounts(q, p, c, f);
          expect(r.grossFen).toBe(q * p);
          expect(r.stationCommissionFen + r.platformFeeFen + r.supplierNetFen).toBe(r.grossFen);
          for (const v of Object.values(r)) {
            expect(Number.isSafeInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('each cut is the exact floor of gross * bps / 10000', () => {
      fc.assert(
        fc.property(qp, bpsPair, ([q, p], [c, f]) => {
          const r = computeAllocationAmounts(q, p, c, f);
          const g = BigInt(r.grossFen);
          for (const [cut, bps] of [
            [r.stationCommissionFen, c],
            [r.platformFeeFen, f],
          ] as const) {
            const lhs = BigInt(cut) * 10_000n;
            expect(lhs <= g * BigInt(bps)).toBe(true);
            expect(g * BigInt(bps) < lhs + 10_000n).toBe(true);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('agrees with plain float arithmetic where the products stay small', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 10_000 }),
          fc.integer({ min: 0, max: 1_000_000 }),
          bpsPair,
          (q, p, [c, f]) => {
            const r = computeAllocationAmounts(q, p, c, f);
            expect(r.stationCommissionFen).toBe(Math.floor((q * p * c) / 10_000));
            expect(r.platformFeeFen).toBe(Math.floor((q * p * f) / 10_000));
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
