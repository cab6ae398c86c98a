import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planReroute, RerouteAllocation, RerouteStation, SlotState } from './rerouting';
import { hasFreeSlot, rankStations } from './routing-policy';

const station = (stationId: string, villageIds: string[], over: Partial<RerouteStation> = {}): RerouteStation => ({
  stationId, name: `Station ${stationId}`, routedToday: 0, dailyCapacity: 10, active: true, villageIds, ...over,
});
const alloc = (id: string, villageId: string, listingStationId = '1'): RerouteAllocation => ({ id, villageId, listingStationId });
const none: SlotState = { full: new Set(), taken: new Set() };

describe('planReroute', () => {
  it('sends the fulfilment whole to a free station serving all its villages, by routing rank', () => {
    const stations = [station('2', ['10', '11'], { routedToday: 3 }), station('3', ['10', '11'], { routedToday: 1 }), station('4', ['10'])];
    expect(planReroute([alloc('100', '10', '9'), alloc('101', '11', '9')], stations, none)).toEqual({ plan: { kind: 'WHOLE', stationId: '3' }, stations: ['3'] });
  });

  it("prefers the first allocation's listing station when it serves all and is free", () => {
    const stations = [station('2', ['10'], { routedToday: 9 }), station('3', ['10'])];
    expect(planReroute([alloc('100', '10', '2')], stations, none).plan).toEqual({ kind: 'WHOLE', stationId: '2' });
  });

  it('splits by station when no one station serves all, the fulfilment keeping the first group', () => {
    const stations = [station('2', ['10']), station('3', ['11'])];
    expect(planReroute([alloc('100', '10'), alloc('101', '11'), alloc('102', '10')], stations, none)).toEqual({
      plan: { kind: 'SPLIT', keep: { stationId: '2', allocationIds: ['100', '102'] }, moved: [{ stationId: '3', allocationIds: ['101'] }], left: [] },
      stations: ['2', '3'],
    });
  });

  it('leaves what finds no free station UNROUTED, moving the rest to new fulfilments', () => {
    const stations = [station('2', ['10']), station('3', ['11'], { routedToday: 5, dailyCapacity: 5 })];
    expect(planReroute([alloc('100', '10'), alloc('101', '11')], stations, none)).toEqual({
      plan: { kind: 'SPLIT', keep: null, moved: [{ stationId: '2', allocationIds: ['100'] }], left: ['101'] },
      stations: ['2'],
    });
  });

  it('plans nothing when no station has room, or there is nothing to route', () => {
    expect(planReroute([alloc('100', '10')], [station('2', ['10'], { routedToday: 1, dailyCapacity: 1 })], none)).toEqual({ plan: { kind: 'NONE' }, stations: [] });
    expect(planReroute([alloc('100', '10')], [station('2', ['11'])], none).plan).toEqual({ kind: 'NONE' });
    expect(planReroute([], [station('2', ['10'])], none).plan).toEqual({ kind: 'NONE' });
  });

  it('passes over an inactive station, and one found full since the snapshot', () => {
    const stations = [station('2', ['10'], { active: false }), station('3', ['10']), station('4', ['10'], { routedToday: 1 })];
    expect(planReroute([alloc('100', '10', '2')], stations, none).plan).toEqual({ kind: 'WHOLE', stationId: '3' });
    expect(planReroute([alloc('100', '10', '2')], stations, { full: new Set(['3']), taken: new Set() }).plan).toEqual({ kind: 'WHOLE', stationId: '4' });
  });

  it('counts a slot it already holds as free, though the snapshot says the station is full', () => {
    const stations = [station('2', ['10'], { routedToday: 1, dailyCapacity: 1 }), station('3', ['11'])];
    const plan = planReroute([alloc('100', '10', '2'), alloc('101', '11', '2')], stations, { full: new Set(), taken: new Set(['2']) });
    expect(plan.plan).toEqual({ kind: 'SPLIT', keep: { stationId: '2', allocationIds: ['100'] }, moved: [{ stationId: '3', allocationIds: ['101'] }], left: [] });
  });

  const world = fc
    .record({
      stations: fc.uniqueArray(
        fc.record({ id: fc.integer({ min: 1, max: 30 }), villages: fc.subarray(['10', '11', '12', '13']), routed: fc.nat(3), capacity: fc.nat(3), active: fc.boolean() }),
        { selector: (s) => s.id, maxLength: 8 },
      ),
      allocations: fc.array(fc.record({ village: fc.constantFrom('10', '11', '12', '13'), listing: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 8 }),
      full: fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 3 }),
    })
    .map((w) => ({
      stations: w.stations.map((s) => station(String(s.id), s.villages, { routedToday: s.routed, dailyCapacity: s.capacity, active: s.active })),
      allocations: w.allocations.map((a, i) => alloc(String(100 + i), a.village, String(a.listing))),
      slots: { full: new Set(w.full.map(String)), taken: new Set<string>() },
    }));

  it('property: every allocation is placed once, at an active station serving its village with room, or left', () => {
    fc.assert(
      fc.property(world, ({ stations, allocations, slots }) => {
        const { plan, stations: used } = planReroute(allocations, stations, slots);
        const byId = new Map(stations.map((s) => [s.stationId, s]));
        const roomy = (id: string) => byId.get(id)!.active && hasFreeSlot(byId.get(id)!) && !slots.full.has(id);
        const villageOf = new Map(allocations.map((a) => [a.id, a.villageId]));
        if (plan.kind === 'NONE') {
          // No allocation had any station with room.
          for (const a of allocations) expect(stations.some((s) => s.villageIds.includes(a.villageId) && roomy(s.stationId))).toBe(false);
          expect(used).toEqual([]);
          return;
        }
        if (plan.kind === 'WHOLE') {
          expect(roomy(plan.stationId)).toBe(true);
          for (const a of allocations) expect(byId.get(plan.stationId)!.villageIds).toContain(a.villageId);
          expect(used).toEqual([plan.stationId]);
          return;
        }
        const groups = [...(plan.keep ? [plan.keep] : []), ...plan.moved];
        const placed = [...groups.flatMap((g) => g.allocationIds), ...plan.left].sort();
        expect(placed).toEqual(allocations.map((a) => a.id).sort());
        expect(plan.keep === null).toBe(plan.left.length > 0);
        expect(used).toEqual(groups.map((g) => g.stationId));
        for (const g of groups) {
          expect(roomy(g.stationId)).toBe(true);
          for (const id of g.allocationIds) expect(byId.get(g.stationId)!.villageIds).toContain(villageOf.get(id));
        }
        // Split only when no one station with room serves every village.
        const villages = new Set(allocations.map((a) => a.villageId));
        expect(stations.some((s) => roomy(s.stationId) && [...villages].every((v) => s.villageIds.includes(v)))).toBe(false);
        // Each allocation at the best-ranked station with room, or one already chosen, for its village.
        const chosenAt = new Map(groups.flatMap((g) => g.allocationIds.map((id) => [id, g.stationId] as const)));
        for (const a of allocations) {
          const ranked = rankStations(a.listingStationId, stations.filter((s) => s.villageIds.includes(a.villageId)));
          const best = ranked.find((s) => roomy(s.stationId));
          if (!chosenAt.has(a.id)) expect(best).toBeUndefined();
          else expect(ranked.findIndex((s) => s.stationId === chosenAt.get(a.id))).toBeLessThanOrEqual(ranked.indexOf(best!));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: marking the planned stations full never plans them again, and ends', () => {
    fc.assert(
      fc.property(world, ({ stations, allocations }) => {
        const full = new Set<string>();
        for (let pass = 0; pass <= stations.length + 1; pass++) {
          const { plan, stations: used } = planReroute(allocations, stations, { full, taken: new Set() });
          for (const id of used) expect(full.has(id)).toBe(false);
          if (plan.kind === 'NONE') return;
          full.add(used[0]);
        }
        throw new Error('did not end');
      }),
    );
  });
});
