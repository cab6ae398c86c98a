// Which station a household's allocations go to (docs/design.md, "Routing"). Ranking only: the caller walks
// the ranking and reserves a slot with an atomic conditional update, so a full station stays in the
// list rather than being judged full from a possibly stale count.

import { compareBigint, compareCodePoints, idValue } from '@app/kernel';

export interface StationCandidate {
  stationId: string;
  name: string;
  routedToday: number;
  dailyCapacity: number;
  active: boolean;
}

/** Active candidates in the order routing tries them: the listing's own station, then fewest routed today, then name by code point, then id numerically; full stations are kept. */
export function rankStations(listingStationId: string, candidates: StationCandidate[]): StationCandidate[] {
  const keyed = candidates
    .filter((c) => c.active)
    .map((c) => {
      if (!Number.isSafeInteger(c.routedToday)) {
        throw new RangeError(`station ${c.stationId}: routedToday must be a safe integer, got ${String(c.routedToday)}`);
      }
      return { c, id: idValue(c.stationId, 'stationId') };
    });
  // Compared as numbers too, so "007" and "7" name the same (own) station.
  const own = idValue(listingStationId, 'stationId');
  keyed.sort((a, b) => {
    const aOwn = a.id === own;
    const bOwn = b.id === own;
    if (aOwn !== bOwn) return aOwn ? -1 : 1;
    return (
      a.c.routedToday - b.c.routedToday ||
      compareCodePoints(a.c.name, b.c.name) ||
      compareBigint(a.id, b.id)
    );
  });
  return keyed.map((k) => k.c);
}

/** True while the station has routed fewer fulfilments today than its daily capacity. */
export function hasFreeSlot(c: StationCandidate): boolean {
  return c.routedToday < c.dailyCapacity;
}
