import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { VillageOrderStatus as S } from './enums';
import { hashPickupCode, newPickupCode, PICKUP_LOCK_MS, pickupAttempt, pickupCodeMatches, PickupGuard } from './pickup-code';
import { canMove } from './village-order-state';
import { splitVillageOrder } from './village-order-split';

describe('village order state machine', () => {
  it('allows exactly the moves of the state table', () => {
    const allowed = new Set(['PLACED>SHIPPED', 'PLACED>CANCELLED', 'SHIPPED>AT_STATION', 'AT_STATION>COLLECTED', 'AT_STATION>RETURNED']);
    for (const from of Object.values(S)) for (const to of Object.values(S)) expect(canMove(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('any walk ends in one terminal status and never leaves it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...Object.values(S)), { maxLength: 20 }), (steps) => {
        let s = S.PLACED;
        for (const to of steps) if (canMove(s, to)) s = to;
        if ([S.COLLECTED, S.RETURNED, S.CANCELLED].includes(s)) for (const to of Object.values(S)) expect(canMove(s, to)).toBe(false);
      }),
    );
  });
});

describe('pickup code', () => {
  const secret = 'a-secret-of-the-server';

  it('is six digits, stored salted and keyed, and matches only itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }), (a, b) => {
        const code = String(a).padStart(6, '0');
        const other = String(b).padStart(6, '0');
        const stored = hashPickupCode(code, secret);
        expect(stored).not.toContain(code);
        expect(pickupCodeMatches(code, stored, secret)).toBe(true);
        expect(pickupCodeMatches(other, stored, secret)).toBe(a === b);
        expect(pickupCodeMatches(code, stored, 'another-secret')).toBe(false);
      }),
      { numRuns: 200 },
    );
    expect(newPickupCode()).toMatch(/^\d{6}$/);
    expect(hashPickupCode('123456', secret)).not.toBe(hashPickupCode('123456', secret));
  });

  it('five wrong codes in a row lock it for 15 minutes; while locked even the right code is refused', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    let guard: PickupGuard = { failures: 0, lockedUntil: null };
    for (let i = 1; i <= 4; i++) {
      const v = pickupAttempt(guard, now, false);
      expect(v).toMatchObject({ outcome: 'wrong', triesLeft: 5 - i });
      guard = (v as { next: PickupGuard }).next;
    }
    const fifth = pickupAttempt(guard, now, false);
    expect(fifth).toMatchObject({ outcome: 'wrong', triesLeft: 0 });
    guard = (fifth as { next: PickupGuard }).next;
    expect(guard.lockedUntil!.getTime() - now.getTime()).toBe(PICKUP_LOCK_MS);
    expect(pickupAttempt(guard, new Date(now.getTime() + PICKUP_LOCK_MS - 1), true)).toEqual({ outcome: 'locked', retryAfterMs: 1 });
    expect(pickupAttempt(guard, new Date(now.getTime() + PICKUP_LOCK_MS), true).outcome).toBe('ok');
  });

  it('never locks before five wrong codes, whatever the sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 30 }), (attempts) => {
        const now = new Date(0);
        let guard: PickupGuard = { failures: 0, lockedUntil: null };
        let wrongInRow = 0;
        for (const correct of attempts) {
          const v = pickupAttempt(guard, now, correct);
          if (v.outcome === 'locked') {
            expect(wrongInRow).toBeGreaterThanOrEqual(5);
            return;
          }
          wrongInRow = correct ? 0 : wrongInRow + 1;
          guard = v.next;
        }
      }),
    );
  });
});

describe('village order split', () => {
  it('floors per line as produce does, and the parts add up to the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 1000 }), unitPriceFen: fc.integer({ min: 0, max: 10_000_000 }), farmInput: fc.boolean() }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        (lines, comm, fee) => {
          const s = splitVillageOrder(lines, comm, fee);
          expect(s.merchantNetFen + s.stationCommissionFen + s.platformFeeFen).toBe(s.totalFen);
          expect(s.totalFen).toBe(lines.reduce((t, l) => t + l.quantity * l.unitPriceFen, 0));
          expect(s.stationCommissionFen).toBe(lines.reduce((t, l) => t + Math.floor((l.quantity * l.unitPriceFen * comm) / 10000), 0));
          expect(s.farmInputFen).toBe(lines.filter((l) => l.farmInput).reduce((t, l) => t + l.quantity * l.unitPriceFen, 0));
          expect(s.merchantNetFen).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('example: 3 bags at 99.99 yuan with 5% commission and 3% fee', () => {
    expect(splitVillageOrder([{ quantity: 3, unitPriceFen: 9999, farmInput: true }], 500, 300)).toEqual({
      totalFen: 29997,
      stationCommissionFen: 1499,
      platformFeeFen: 899,
      merchantNetFen: 27599,
      farmInputFen: 29997,
    });
  });

  it('refuses rates beyond 100% and totals beyond a safe integer', () => {
    expect(() => splitVillageOrder([{ quantity: 1, unitPriceFen: 1, farmInput: false }], 9000, 2000)).toThrow(RangeError);
    expect(() => splitVillageOrder([{ quantity: 1_000_000, unitPriceFen: Number.MAX_SAFE_INTEGER, farmInput: false }], 0, 0)).toThrow(RangeError);
  });
});
