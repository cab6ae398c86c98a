import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { allocateQuantity, AllocationPolicyName, LotCandidate, orderLots } from './allocation-policy';

const T0 = Date.parse('2026-03-01T00:00:00Z');

function lot(lotId: string, over: Partial<LotCandidate> = {}): LotCandidate {
  return {
    lotId,
    householdId: `h${lotId}`,
    remaining: 10,
    createdAt: new Date(T0),
    registeredPoor: false,
    recentNetFen: 0,
    ...over,
  };
}

const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const ids = (lots: LotCandidate[]) => lots.map((l) => l.lotId);

describe('orderLots', () => {
  describe('PRECISION', () => {
    it('puts registered-poor households first, whatever their recent income', () => {
      const lots = [
        lot('1', { registeredPoor: false, recentNetFen: 0, createdAt: at(0) }),
        lot('2', { registeredPoor: true, recentNetFen: 1_000_000, createdAt: at(10) }),
        lot('3', { registeredPoor: false, recentNetFen: 5, createdAt: at(-10) }),
        lot('4', { registeredPoor: true, recentNetFen: 2_000_000, createdAt: at(20) }),
      ];
      expect(ids(orderLots('PRECISION', lots))).toEqual(['2', '4', '1', '3']);
    });

    it('within each group takes the household with the least recent net first', () => {
      const lots = [
        lot('1', { registeredPoor: true, recentNetFen: 300 }),
        lot('2', { registeredPoor: true, recentNetFen: 100 }),
        lot('3', { registeredPoor: true, recentNetFen: 200 }),
        lot('4', { registeredPoor: false, recentNetFen: 30 }),
        lot('5', { registeredPoor: false, recentNetFen: 10 }),
        lot('6', { registeredPoor: false, recentNetFen: 20 }),
      ];
      expect(ids(orderLots('PRECISION', lots))).toEqual(['2', '3', '1', '5', '6', '4']);
    });

    it('breaks a recent-net tie by the older lot', () => {
      const lots = [
        lot('1', { registeredPoor: true, recentNetFen: 50, createdAt: at(3) }),
        lot('2', { registeredPoor: true, recentNetFen: 50, createdAt: at(1) }),
        lot('3', { registeredPoor: true, recentNetFen: 50, createdAt: at(2) }),
      ];
      expect(ids(orderLots('PRECISION', lots))).toEqual(['2', '3', '1']);
    });

    it('breaks a creation-time tie by lot id, numerically', () => {
      const lots = [
        lot('10', { registeredPoor: true, recentNetFen: 50 }),
        lot('9', { registeredPoor: true, recentNetFen: 50 }),
        lot('100', { registeredPoor: true, recentNetFen: 50 }),
        lot('11', { registeredPoor: true, recentNetFen: 50 }),
      ];
      expect(ids(orderLots('PRECISION', lots))).toEqual(['9', '10', '11', '100']);
    });

    it('compares lot ids beyond 2^53 exactly', () => {
      // As floats both ids are 9007199254740992.
      const lots = [lot('9007199254740993'), lot('9007199254740992')];
      expect(ids(orderLots('PRECISION', lots))).toEqual(['9007199254740992', '9007199254740993']);
      expect(ids(orderLots('FIFO', lots))).toEqual(['9007199254740992', '9007199254740993']);
    });

    it('applies every tie-breaker level in one list', () => {
      const lots = [
        lot('20', { registeredPoor: false, recentNetFen: 0, createdAt: at(0) }),
        lot('12', { registeredPoor: true, recentNetFen: 7, createdAt: at(5) }),
        lot('11', { registeredPoor: true, recentNetFen: 7, createdAt: at(5) }),
        lot('3', { registeredPoor: true, recentNetFen: 7, createdAt: at(6) }),
        lot('2', { registeredPoor: true, recentNetFen: 8, createdAt: at(-100) }),
        lot('1', { registeredPoor: false, recentNetFen: 0, createdAt: at(0) }),
        lot('5', { registeredPoor: false, recentNetFen: -1, createdAt: at(9) }),
      ];
      expect(ids(orderLots('PRECISION', lots))).toEqual(['11', '12', '3', '2', '5', '1', '20']);
    });

    it('keeps a household with a zero recent net ahead of one with income', () => {
      const lots = [lot('1', { recentNetFen: 1 }), lot('2', { recentNetFen: 0 })];
      expect(ids(orderLots('PRECISION', lots))).toEqual(['2', '1']);
    });

    it('orders huge recent nets correctly', () => {
      const max = Number.MAX_SAFE_INTEGER;
      const lots = [lot('1', { recentNetFen: max }), lot('2', { recentNetFen: max - 1 }), lot('3', { recentNetFen: -max })];
      expect(ids(orderLots('PRECISION', lots))).toEqual(['3', '2', '1']);
    });
  });

  describe('FIFO', () => {
    it('takes the older lot first, ignoring poverty status and income', () => {
      const lots = [
        lot('1', { registeredPoor: true, recentNetFen: 0, createdAt: at(30) }),
        lot('2', { registeredPoor: false, recentNetFen: 99_999, createdAt: at(10) }),
        lot('3', { registeredPoor: true, recentNetFen: 5, createdAt: at(20) }),
      ];
      expect(ids(orderLots('FIFO', lots))).toEqual(['2', '3', '1']);
    });

    it('breaks a creation-time tie by lot id, numerically', () => {
      const lots = [lot('10', { registeredPoor: true }), lot('2'), lot('9', { recentNetFen: 100 }), lot('1000')];
      expect(ids(orderLots('FIFO', lots))).toEqual(['2', '9', '10', '1000']);
    });

    it('separates lots created a millisecond apart', () => {
      const lots = [lot('1', { createdAt: new Date(T0 + 1) }), lot('2', { createdAt: new Date(T0) })];
      expect(ids(orderLots('FIFO', lots))).toEqual(['2', '1']);
    });
  });

  it.each<AllocationPolicyName>(['PRECISION', 'FIFO'])('%s drops lots with nothing left', (policy) => {
    const lots = [lot('1', { remaining: 0 }), lot('2', { remaining: -3 }), lot('3', { remaining: 1 })];
    expect(ids(orderLots(policy, lots))).toEqual(['3']);
    expect(orderLots(policy, [lot('1', { remaining: 0 })])).toEqual([]);
    expect(orderLots(policy, [])).toEqual([]);
  });

  it('returns the same objects in a new array and leaves the input alone', () => {
    const lots = [lot('2', { createdAt: at(1) }), lot('1', { createdAt: at(2) })];
    const copy = lots.map((l) => ({ ...l }));
    const out = orderLots('FIFO', lots);
    expect(out).not.toBe(lots);
    expect(out[0]).toBe(lots[0]);
    expect(lots).toEqual(copy);
    expect(ids(lots)).toEqual(['2', '1']);
  });

  it.each([
    ['an empty lot id', lot('')],
    ['a non-numeric lot id', lot('abc')],
    ['a negative lot id', lot('-1')],
    ['a fractional lot id', lot('1.5')],
    ['a lot id with spaces', lot(' 1')],
    ['a hex lot id', lot('0x10')],
    ['a fractional remaining', lot('1', { remaining: 1.5 })],
    ['a NaN remaining', lot('1', { remaining: Number.NaN })],
    ['an unsafe recent net', lot('1', { recentNetFen: 2 ** 60 })],
    ['an invalid createdAt', lot('1', { createdAt: new Date(Number.NaN) })],
    ['a createdAt that is not a Date', lot('1', { createdAt: '2026-01-01' as unknown as Date })],
  ])('rejects %s', (_name, bad) => {
    expect(() => orderLots('PRECISION', [lot('7'), bad])).toThrow(RangeError);
    expect(() => orderLots('FIFO', [lot('7'), bad])).toThrow(RangeError);
  });

  it('rejects the same lot listed twice, however its id is spelled', () => {
    expect(() => orderLots('FIFO', [lot('5'), lot('5')])).toThrow(RangeError);
    expect(() => orderLots('FIFO', [lot('5'), lot('05')])).toThrow(/more than once/);
    // Even an empty duplicate is a caller bug worth surfacing.
    expect(() => orderLots('FIFO', [lot('5'), lot('5', { remaining: 0 })])).toThrow(RangeError);
  });

  it('rejects an unknown policy', () => {
    expect(() => orderLots('LIFO' as AllocationPolicyName, [lot('1')])).toThrow(RangeError);
  });
});

describe('allocateQuantity', () => {
  it('takes everything from the first lot when it suffices', () => {
    const lots = [lot('1', { remaining: 10, createdAt: at(1) }), lot('2', { remaining: 10, createdAt: at(0) })];
    expect(allocateQuantity('FIFO', lots, 4)).toEqual([{ lotId: '2', householdId: 'h2', quantity: 4 }]);
  });

  it('splits a line across lots in policy order', () => {
    const lots = [
      lot('1', { remaining: 3, registeredPoor: false }),
      lot('2', { remaining: 2, registeredPoor: true, recentNetFen: 500 }),
      lot('3', { remaining: 4, registeredPoor: true, recentNetFen: 100 }),
    ];
    expect(allocateQuantity('PRECISION', lots, 8)).toEqual([
      { lotId: '3', householdId: 'h3', quantity: 4 },
      { lotId: '2', householdId: 'h2', quantity: 2 },
      { lotId: '1', householdId: 'h1', quantity: 2 },
    ]);
  });

  it('takes the whole stock when the quantity equals it exactly', () => {
    const lots = [lot('1', { remaining: 3 }), lot('2', { remaining: 2 })];
    expect(allocateQuantity('FIFO', lots, 5)).toEqual([
      { lotId: '1', householdId: 'h1', quantity: 3 },
      { lotId: '2', householdId: 'h2', quantity: 2 },
    ]);
  });

  it('stops at the lot that completes the quantity', () => {
    const lots = [lot('1', { remaining: 3 }), lot('2', { remaining: 3 }), lot('3', { remaining: 3 })];
    expect(allocateQuantity('FIFO', lots, 6)).toEqual([
      { lotId: '1', householdId: 'h1', quantity: 3 },
      { lotId: '2', householdId: 'h2', quantity: 3 },
    ]);
  });

  it.each<AllocationPolicyName>(['PRECISION', 'FIFO'])('%s returns null when the lots hold too little', (policy) => {
    const lots = [lot('1', { remaining: 3 }), lot('2', { remaining: 2 }), lot('3', { remaining: 0 })];
    expect(allocateQuantity(policy, lots, 6)).toBeNull();
    expect(allocateQuantity(policy, [], 1)).toBeNull();
    expect(allocateQuantity(policy, [lot('1', { remaining: 0 })], 1)).toBeNull();
  });

  it('skips empty and negative lots', () => {
    const lots = [
      lot('1', { remaining: 0, createdAt: at(0) }),
      lot('2', { remaining: -5, createdAt: at(1) }),
      lot('3', { remaining: 2, createdAt: at(2) }),
    ];
    expect(allocateQuantity('FIFO', lots, 2)).toEqual([{ lotId: '3', householdId: 'h3', quantity: 2 }]);
  });

  it('keeps a household first across all its lots: its recent net is fixed for the allocation', () => {
    const lots = [
      lot('1', { householdId: 'poorest', registeredPoor: true, recentNetFen: 0, remaining: 2, createdAt: at(0) }),
      lot('2', { householdId: 'next', registeredPoor: true, recentNetFen: 1, remaining: 5, createdAt: at(-10) }),
      lot('3', { householdId: 'poorest', registeredPoor: true, recentNetFen: 0, remaining: 2, createdAt: at(1) }),
    ];
    expect(allocateQuantity('PRECISION', lots, 5)).toEqual([
      { lotId: '1', householdId: 'poorest', quantity: 2 },
      { lotId: '3', householdId: 'poorest', quantity: 2 },
      { lotId: '2', householdId: 'next', quantity: 1 },
    ]);
  });

  it('gives different takes under PRECISION and FIFO for the same lots', () => {
    const lots = [
      lot('1', { registeredPoor: false, recentNetFen: 0, remaining: 5, createdAt: at(0) }),
      lot('2', { registeredPoor: true, recentNetFen: 900, remaining: 5, createdAt: at(60) }),
    ];
    expect(allocateQuantity('PRECISION', lots, 3)).toEqual([{ lotId: '2', householdId: 'h2', quantity: 3 }]);
    expect(allocateQuantity('FIFO', lots, 3)).toEqual([{ lotId: '1', householdId: 'h1', quantity: 3 }]);
  });

  it('orders tied lots by numeric id when splitting', () => {
    const lots = [lot('10', { remaining: 1 }), lot('9', { remaining: 1 }), lot('100', { remaining: 1 })];
    expect(allocateQuantity('FIFO', lots, 3)?.map((t) => t.lotId)).toEqual(['9', '10', '100']);
  });

  it('handles very large quantities', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const lots = [lot('1', { remaining: big - 1 }), lot('2', { remaining: 1 })];
    expect(allocateQuantity('FIFO', lots, big)).toEqual([
      { lotId: '1', householdId: 'h1', quantity: big - 1 },
      { lotId: '2', householdId: 'h2', quantity: 1 },
    ]);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects quantity %p', (q) => {
    expect(() => allocateQuantity('FIFO', [lot('1')], q)).toThrow(RangeError);
  });

  it('does not change the lots it reads', () => {
    const lots = [lot('1', { remaining: 3 }), lot('2', { remaining: 3 })];
    allocateQuantity('FIFO', lots, 5);
    expect(lots.map((l) => l.remaining)).toEqual([3, 3]);
  });

  describe('properties', () => {
    const policyArb = fc.constantFrom<AllocationPolicyName>('PRECISION', 'FIFO');
    const lotsArb = fc
      .uniqueArray(fc.bigInt({ min: 1n, max: 2n ** 64n }), { minLength: 0, maxLength: 12 })
      .chain((lotIds) =>
        fc.tuple(
          ...lotIds.map((id) =>
            fc.record({
              lotId: fc.constant(id.toString()),
              householdId: fc.constantFrom('a', 'b', 'c', 'd'),
              remaining: fc.integer({ min: -3, max: 20 }),
              // A small range of instants and nets so that ties happen often.
              createdAt: fc.integer({ min: 0, max: 3 }).map((m) => at(m)),
              registeredPoor: fc.boolean(),
              recentNetFen: fc.integer({ min: 0, max: 3 }),
            }),
          ),
        ),
      );

    it('takes exactly the quantity, never more than a lot holds, each lot at most once, or returns null exactly when stock is short', () => {
      fc.assert(
        fc.property(policyArb, lotsArb, fc.integer({ min: 1, max: 150 }), (policy, lots, quantity) => {
          const takes = allocateQuantity(policy, lots, quantity);
          const stock = lots.reduce((s, l) => s + Math.max(l.remaining, 0), 0);
          if (stock < quantity) {
            expect(takes).toBeNull();
            return;
          }
          expect(takes).not.toBeNull();
          const byId = new Map(lots.map((l) => [l.lotId, l]));
          expect(new Set(takes!.map((t) => t.lotId)).size).toBe(takes!.length);
          let sum = 0;
          for (const t of takes!) {
            const source = byId.get(t.lotId)!;
            expect(t.quantity).toBeGreaterThan(0);
            expect(t.quantity).toBeLessThanOrEqual(source.remaining);
            expect(t.householdId).toBe(source.householdId);
            sum += t.quantity;
          }
          expect(sum).toBe(quantity);
        }),
        { numRuns: 500 },
      );
    });

    it('takes a prefix of the policy order, draining every lot but the last', () => {
      fc.assert(
        fc.property(policyArb, lotsArb, fc.integer({ min: 1, max: 150 }), (policy, lots, quantity) => {
          const takes = allocateQuantity(policy, lots, quantity);
          if (takes === null) return;
          const ordered = orderLots(policy, lots);
          expect(takes.map((t) => t.lotId)).toEqual(ordered.slice(0, takes.length).map((l) => l.lotId));
          takes.slice(0, -1).forEach((t, i) => expect(t.quantity).toBe(ordered[i].remaining));
        }),
        { numRuns: 500 },
      );
    });

    it('orders the same set the same way whatever the input order, keeping exactly the lots with stock', () => {
      fc.assert(
        fc.property(
          policyArb,
          lotsArb.chain((lots) => fc.tuple(fc.constant(lots), fc.shuffledSubarray(lots, { minLength: lots.length }))),
          (policy, [lots, shuffled]) => {
            const a = orderLots(policy, lots);
            expect(ids(orderLots(policy, shuffled))).toEqual(ids(a));
            expect(ids(a).sort()).toEqual(ids(lots.filter((l) => l.remaining > 0)).sort());
          },
        ),
        { numRuns: 300 },
      );
    });

    it('keeps each adjacent pair in policy order', () => {
      fc.assert(
        fc.property(policyArb, lotsArb, (policy, lots) => {
          const ordered = orderLots(policy, lots);
          for (let i = 1; i < ordered.length; i++) {
            const [x, y] = [ordered[i - 1], ordered[i]];
            const key = (l: LotCandidate) =>
              policy === 'PRECISION'
                ? [l.registeredPoor ? 0n : 1n, BigInt(l.recentNetFen), BigInt(l.createdAt.getTime()), BigInt(l.lotId)]
                : [BigInt(l.createdAt.getTime()), BigInt(l.lotId)];
            const [kx, ky] = [key(x), key(y)];
            const j = kx.findIndex((v, n) => v !== ky[n]);
            expect(j).not.toBe(-1);
            expect(kx[j] < ky[j]).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
