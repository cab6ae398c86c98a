import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  canCancelOrder,
  deriveOrderStatus,
  FulfillmentAction,
  FulfillmentStatus,
  nextStatus,
  OrderStatus,
} from './fulfillment-state';

const STATUSES: FulfillmentStatus[] = ['UNROUTED', 'ROUTED', 'ACCEPTED', 'COLLECTED', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
const ACTIONS: FulfillmentAction[] = ['route', 'accept', 'collect', 'ship', 'deliver', 'cancel'];

// The whole table, written out independently of the implementation: every pair not listed is illegal.
const LEGAL: Record<string, FulfillmentStatus> = {
  'UNROUTED route': 'ROUTED',
  'ROUTED accept': 'ACCEPTED',
  'ACCEPTED collect': 'COLLECTED',
  'COLLECTED ship': 'SHIPPED',
  'SHIPPED deliver': 'DELIVERED',
  'UNROUTED cancel': 'CANCELLED',
  'ROUTED cancel': 'CANCELLED',
  'ACCEPTED cancel': 'CANCELLED',
  'COLLECTED cancel': 'CANCELLED',
};

const TABLE = STATUSES.flatMap((s) => ACTIONS.map((a) => [s, a, LEGAL[`${s} ${a}`] ?? null] as const));

describe('nextStatus', () => {
  it('covers all 42 status/action pairs, 9 of them legal', () => {
    expect(TABLE).toHaveLength(42);
    expect(TABLE.filter(([, , to]) => to !== null)).toHaveLength(9);
  });

  it.each(TABLE)('%s --%s--> %p', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('walks the happy path from UNROUTED to DELIVERED', () => {
    let s: FulfillmentStatus = 'UNROUTED';
    for (const a of ['route', 'accept', 'collect', 'ship', 'deliver'] as const) {
      const n = nextStatus(s, a);
      expect(n).not.toBeNull();
      s = n!;
    }
    expect(s).toBe('DELIVERED');
  });

  it('has terminal DELIVERED and CANCELLED states', () => {
    for (const a of ACTIONS) {
      expect(nextStatus('DELIVERED', a)).toBeNull();
      expect(nextStatus('CANCELLED', a)).toBeNull();
    }
  });

  it('does not let a step be repeated or skipped', () => {
    expect(nextStatus('ROUTED', 'route')).toBeNull();
    expect(nextStatus('UNROUTED', 'accept')).toBeNull();
    expect(nextStatus('ROUTED', 'ship')).toBeNull();
    expect(nextStatus('ACCEPTED', 'deliver')).toBeNull();
  });

  it('returns null for unknown actions and statuses instead of throwing', () => {
    expect(nextStatus('UNROUTED', 'toString' as FulfillmentAction)).toBeNull();
    expect(nextStatus('UNROUTED', '__proto__' as FulfillmentAction)).toBeNull();
    expect(nextStatus('UNROUTED', 'ROUTE' as FulfillmentAction)).toBeNull();
    expect(nextStatus('LOST' as FulfillmentStatus, 'deliver')).toBeNull();
    expect(nextStatus('LOST' as FulfillmentStatus, 'cancel')).toBeNull();
  });
});

describe('canCancelOrder', () => {
  it.each<[FulfillmentStatus[], boolean]>([
    [['UNROUTED'], true],
    [['ROUTED'], true],
    [['ACCEPTED'], true],
    [['COLLECTED'], true],
    [['SHIPPED'], false],
    [['DELIVERED'], false],
    [['CANCELLED'], false],
    [['UNROUTED', 'ROUTED', 'ACCEPTED', 'COLLECTED'], true],
    [['COLLECTED', 'SHIPPED'], false],
    [['UNROUTED', 'DELIVERED'], false],
    [['CANCELLED', 'CANCELLED'], false],
    [['CANCELLED', 'ROUTED'], true],
    [['CANCELLED', 'SHIPPED'], false],
    [[], false],
  ])('%p -> %p', (statuses, expected) => {
    expect(canCancelOrder(statuses)).toBe(expected);
  });

  it('property: cancellable exactly when every fulfilment can take the cancel step and one is not yet cancelled', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATUSES), { maxLength: 8 }), (statuses) => {
        const expected =
          statuses.every((s) => s === 'CANCELLED' || nextStatus(s, 'cancel') === 'CANCELLED') &&
          statuses.some((s) => s !== 'CANCELLED');
        expect(canCancelOrder(statuses)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('deriveOrderStatus', () => {
  it.each<[FulfillmentStatus[], OrderStatus]>([
    [['UNROUTED'], 'PLACED'],
    [['ROUTED'], 'PLACED'],
    [['UNROUTED', 'ROUTED', 'ROUTED'], 'PLACED'],
    [['ACCEPTED'], 'IN_FULFILLMENT'],
    [['COLLECTED'], 'IN_FULFILLMENT'],
    [['SHIPPED'], 'IN_FULFILLMENT'],
    [['ROUTED', 'ACCEPTED'], 'IN_FULFILLMENT'],
    [['UNROUTED', 'SHIPPED'], 'IN_FULFILLMENT'],
    [['DELIVERED', 'SHIPPED'], 'IN_FULFILLMENT'],
    [['DELIVERED', 'UNROUTED'], 'IN_FULFILLMENT'],
    [['DELIVERED'], 'DELIVERED'],
    [['DELIVERED', 'DELIVERED', 'DELIVERED'], 'DELIVERED'],
    [['CANCELLED'], 'CANCELLED'],
    [['CANCELLED', 'CANCELLED'], 'CANCELLED'],
    // Orders are cancelled whole, so these never occur; the rules still give a definite answer.
    [['CANCELLED', 'DELIVERED'], 'IN_FULFILLMENT'],
    [['CANCELLED', 'ROUTED'], 'IN_FULFILLMENT'],
  ])('%p -> %p', (statuses, expected) => {
    expect(deriveOrderStatus(statuses)).toBe(expected);
  });

  it('rejects an order with no fulfilments', () => {
    expect(() => deriveOrderStatus([])).toThrow(RangeError);
  });

  it('follows an order through its life', () => {
    const fs: FulfillmentStatus[] = ['UNROUTED', 'ROUTED'];
    expect(deriveOrderStatus(fs)).toBe('PLACED');
    fs[1] = nextStatus(fs[1], 'accept')!;
    expect(deriveOrderStatus(fs)).toBe('IN_FULFILLMENT');
    fs[0] = nextStatus(fs[0], 'route')!;
    fs[1] = nextStatus(nextStatus(nextStatus(fs[1], 'collect')!, 'ship')!, 'deliver')!;
    expect(deriveOrderStatus(fs)).toBe('IN_FULFILLMENT');
    for (const a of ['accept', 'collect', 'ship', 'deliver'] as const) fs[0] = nextStatus(fs[0], a)!;
    expect(deriveOrderStatus(fs)).toBe('DELIVERED');
  });

  it('a cancellable order becomes CANCELLED when all its fulfilments are cancelled', () => {
    const fs: FulfillmentStatus[] = ['UNROUTED', 'ACCEPTED', 'COLLECTED'];
    expect(canCancelOrder(fs)).toBe(true);
    const after = fs.map((s) => nextStatus(s, 'cancel')!);
    expect(deriveOrderStatus(after)).toBe('CANCELLED');
    expect(canCancelOrder(after)).toBe(false);
  });

  it('property: does not depend on the order of the fulfilments', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom(...STATUSES), { minLength: 1, maxLength: 6 })
          .chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length }))),
        ([a, b]) => {
          expect(deriveOrderStatus(b)).toBe(deriveOrderStatus(a));
          expect(canCancelOrder(b)).toBe(canCancelOrder(a));
        },
      ),
      { numRuns: 300 },
    );
  });
});
