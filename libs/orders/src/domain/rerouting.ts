// Where an UNROUTED fulfilment goes once capacity frees (docs/design.md, "Routing"): a station serving
// every village of its allocations takes it whole; failing that, each allocation goes to its best free
// station as placement would route it, and what finds none stays UNROUTED. Pure: the caller reads the
// active candidates with today's loads, takes the planned stations' slots with a conditional update,
// and plans again with a station marked full when its slot turned out taken.

import { hasFreeSlot, rankStations, StationCandidate } from './routing-policy';

export interface RerouteAllocation {
  id: string;
  villageId: string;
  listingStationId: string;
}

export interface RerouteStation extends StationCandidate {
  /** The villages of the fulfilment it serves. */
  villageIds: readonly string[];
}

/** What this transaction already knows about slots: stations found full, stations whose slot it holds. */
export interface SlotState {
  full: ReadonlySet<string>;
  taken: ReadonlySet<string>;
}

export type ReroutePlan =
  /** No allocation finds a free station: the fulfilment stays UNROUTED. */
  | { kind: 'NONE' }
  /** The fulfilment goes whole to one station. */
  | { kind: 'WHOLE'; stationId: string }
  /**
   * Split by station: `keep` is the station the fulfilment itself goes to (the first group, when every
   * allocation found one; else null and the fulfilment stays UNROUTED with `left`), `moved` the new
   * fulfilments, each with the allocations it takes.
   */
  | { kind: 'SPLIT'; keep: { stationId: string; allocationIds: string[] } | null; moved: Array<{ stationId: string; allocationIds: string[] }>; left: string[] };

export interface Reroute {
  plan: ReroutePlan;
  /** The stations the plan uses, in the order it first uses them: each needs one of today's slots. */
  stations: string[];
}

/**
 * Plans one UNROUTED fulfilment. A station is usable when it holds a slot for this transaction already
 * or, not found full, has a free slot by the snapshot. Allocations are taken in the caller's order (by
 * id); each station is ranked by routing's rule (rankStations) from the allocation's listing station.
 */
export function planReroute(allocations: readonly RerouteAllocation[], stations: readonly RerouteStation[], slots: SlotState): Reroute {
  if (allocations.length === 0) return { plan: { kind: 'NONE' }, stations: [] };
  const usable = (s: StationCandidate) => slots.taken.has(s.stationId) || (!slots.full.has(s.stationId) && hasFreeSlot(s));

  const villages = [...new Set(allocations.map((a) => a.villageId))];
  const servingAll = stations.filter((s) => villages.every((v) => s.villageIds.includes(v)));
  const whole = rankStations(allocations[0].listingStationId, servingAll).find(usable);
  if (whole) return { plan: { kind: 'WHOLE', stationId: whole.stationId }, stations: [whole.stationId] };

  const groups = new Map<string, string[]>();
  const left: string[] = [];
  for (const a of allocations) {
    const ranked = rankStations(a.listingStationId, stations.filter((s) => s.villageIds.includes(a.villageId)));
    const chosen = ranked.find((s) => groups.has(s.stationId) || usable(s));
    if (chosen) groups.set(chosen.stationId, [...(groups.get(chosen.stationId) ?? []), a.id]);
    else left.push(a.id);
  }
  if (groups.size === 0) return { plan: { kind: 'NONE' }, stations: [] };
  const entries = [...groups.entries()].map(([stationId, allocationIds]) => ({ stationId, allocationIds }));
  // Everything found a station: the fulfilment keeps the first group, so its id lives on.
  const keep = left.length === 0 ? entries.shift()! : null;
  return { plan: { kind: 'SPLIT', keep, moved: entries, left }, stations: [...groups.keys()] };
}
