import { describe, expect, it } from '@jest/globals';
import { orderTotalFen, PlanListing, PlanLot, planOrder, PlanSnapshot, PlanStation, routeAllocations } from './order-plan';

const T0 = Date.parse('2026-03-01T00:00:00Z');

function lot(lotId: string, over: Partial<PlanLot> = {}): PlanLot {
  return {
    lotId,
    listingId: '1',
    householdId: `h${lotId}`,
    remaining: 10,
    createdAt: new Date(T0 + Number(lotId) * 1000),
    povertyStatus: 'NOT_REGISTERED',
    villageId: 'v1',
    countyId: 'c1',
    villagePovertyStricken: false,
    ...over,
  };
}

function station(stationId: string, over: Partial<PlanStation> = {}): PlanStation {
  return { stationId, name: `站${stationId}`, routedToday: 0, dailyCapacity: 10, active: true, villageIds: ['v1'], ...over };
}

const listing = (id: string, over: Partial<PlanListing> = {}): PlanListing => ({ id, priceFen: 1000, policy: 'PRECISION', stationId: '100', commissionBps: 500, ...over });

function snapshot(over: Partial<PlanSnapshot> = {}): PlanSnapshot {
  return {
    listings: new Map([['1', listing('1')]]),
    lots: [lot('1')],
    recentNetFen: new Map(),
    stations: [station('100')],
    platformFeeBps: 300,
    ...over,
  };
}

describe('planOrder', () => {
  it('allocates, prices and routes a line: one fulfilment at the listing station', () => {
    const outcome = planOrder(snapshot({ lots: [lot('1', { povertyStatus: 'REGISTERED_POOR', villagePovertyStricken: true })] }), [{ listingId: '1', quantity: 3 }]);
    expect(outcome).toEqual({
      ok: true,
      plan: {
        totalFen: 3000,
        lines: [{ listingId: '1', quantity: 3, unitPriceFen: 1000, lineTotalFen: 3000, commissionBps: 500 }],
        allocations: [
          {
            lineIndex: 0,
            fulfillmentIndex: 0,
            lotId: '1',
            listingId: '1',
            listingStationId: '100',
            householdId: 'h1',
            villageId: 'v1',
            countyId: 'c1',
            quantity: 3,
            grossFen: 3000,
            stationCommissionFen: 150,
            platformFeeFen: 90,
            supplierNetFen: 2760,
            statusAtPlacement: 'REGISTERED_POOR',
            villagePovertyStricken: true,
          },
        ],
        fulfillments: [{ stationId: '100' }],
        lotTakes: [{ lotId: '1', quantity: 3 }],
        slotStationIds: ['100'],
      },
    });
  });

  it('uses recent incomes for PRECISION listings only', () => {
    const lots = [lot('1', { povertyStatus: 'REGISTERED_POOR' }), lot('2', { povertyStatus: 'REGISTERED_POOR', listingId: '2' }), lot('3', { povertyStatus: 'REGISTERED_POOR' }), lot('4', { povertyStatus: 'REGISTERED_POOR', listingId: '2' })];
    const s = snapshot({
      listings: new Map([['1', listing('1')], ['2', listing('2', { policy: 'FIFO' })]]),
      lots,
      recentNetFen: new Map([['h1', 500], ['h2', 500]]),
    });
    const outcome = planOrder(s, [{ listingId: '1', quantity: 1 }, { listingId: '2', quantity: 1 }]);
    expect(outcome.ok && outcome.plan.allocations.map((a) => a.lotId)).toEqual(['3', '2']);
  });

  it('splits a line across lots and sorts the stock takes by numeric lot id', () => {
    const lots = [lot('10', { remaining: 2, createdAt: new Date(T0) }), lot('9', { remaining: 5, createdAt: new Date(T0 + 1) })];
    const outcome = planOrder(snapshot({ lots }), [{ listingId: '1', quantity: 4 }]);
    expect(outcome.ok && outcome.plan.allocations.map((a) => [a.lotId, a.quantity])).toEqual([['10', 2], ['9', 2]]);
    expect(outcome.ok && outcome.plan.lotTakes).toEqual([{ lotId: '9', quantity: 2 }, { lotId: '10', quantity: 2 }]);
  });

  it('reports the first line the stock cannot serve', () => {
    const s = snapshot({ listings: new Map([['1', listing('1')], ['2', listing('2')]]), lots: [lot('1', { remaining: 5 }), lot('2', { listingId: '2', remaining: 1 })] });
    expect(planOrder(s, [{ listingId: '1', quantity: 5 }, { listingId: '2', quantity: 2 }])).toEqual({ ok: false, reason: 'INSUFFICIENT_STOCK', lineIndex: 1 });
  });

  it('throws on a listing missing from the snapshot (the caller checks first)', () => {
    expect(() => planOrder(snapshot(), [{ listingId: '7', quantity: 1 }])).toThrow(RangeError);
  });
});

describe('routeAllocations', () => {
  const alloc = (villageId: string, listingStationId = '100') => ({ villageId, listingStationId, fulfillmentIndex: -1 });

  it("prefers the listing's station, then the least loaded, skipping full and inactive ones", () => {
    const stations = [
      station('100', { villageIds: ['v1'], routedToday: 10 }),
      station('200', { villageIds: ['v1'], routedToday: 3, name: 'b' }),
      station('300', { villageIds: ['v1'], routedToday: 3, name: 'a' }),
      station('400', { villageIds: ['v1'], routedToday: 0, active: false }),
    ];
    const allocations = [alloc('v1')];
    expect(routeAllocations(allocations, stations)).toEqual([{ stationId: '300' }]);
    expect(allocations[0].fulfillmentIndex).toBe(0);
  });

  it('groups allocations by station, one UNROUTED group for those with no free station', () => {
    const stations = [station('100', { villageIds: ['v1', 'v2'] }), station('200', { villageIds: ['v3'], routedToday: 10 }), station('300', { villageIds: ['v2'] })];
    const allocations = [alloc('v1'), alloc('v3'), alloc('v2'), alloc('v4'), alloc('v2', '300')];
    expect(routeAllocations(allocations, stations)).toEqual([{ stationId: '100' }, { stationId: null }, { stationId: '300' }]);
    expect(allocations.map((a) => a.fulfillmentIndex)).toEqual([0, 1, 0, 1, 2]);
  });

  it('lets a station already chosen for the order take more of it without a new slot', () => {
    // One slot left: the first allocation takes it, the second joins the same fulfilment.
    const stations = [station('100', { villageIds: ['v1'], routedToday: 9 })];
    expect(routeAllocations([alloc('v1'), alloc('v1')], stations)).toEqual([{ stationId: '100' }]);
  });

  it('lists the stations needing a slot by numeric id', () => {
    const s = snapshot({
      listings: new Map([['1', listing('1', { stationId: '10' })], ['2', listing('2', { stationId: '9' })]]),
      lots: [lot('1', { villageId: 'a' }), lot('2', { listingId: '2', villageId: 'b' })],
      stations: [station('10', { villageIds: ['a'] }), station('9', { villageIds: ['b'] })],
    });
    const outcome = planOrder(s, [{ listingId: '1', quantity: 1 }, { listingId: '2', quantity: 1 }]);
    expect(outcome.ok && outcome.plan.slotStationIds).toEqual(['9', '10']);
    expect(outcome.ok && outcome.plan.fulfillments).toEqual([{ stationId: '10' }, { stationId: '9' }]);
  });
});

describe('orderTotalFen', () => {
  it('sums exactly and refuses totals beyond a safe integer', () => {
    expect(orderTotalFen([{ quantity: 3, unitPriceFen: 1999 }, { quantity: 10_000, unitPriceFen: 7 }])).toBe(75_997);
    expect(() => orderTotalFen([{ quantity: 10_000, unitPriceFen: Number.MAX_SAFE_INTEGER }])).toThrow(RangeError);
  });
});
