// What an order takes and where it goes (docs/design.md, "Placing an order"): every line allocated by its
// listing's policy, every allocation's money split, every allocation routed to a station, allocations
// of one station forming one fulfilment. Pure: the caller reads a snapshot, writes the plan with
// conditional updates (stock, station slots) and re-plans if the snapshot turned out stale.

import { compareIds, toFen } from '@app/kernel';
import { allocateQuantity, AllocationPolicyName, LotCandidate } from './allocation-policy';
import { AllocationAmounts, computeAllocationAmounts } from './fees';
import { hasFreeSlot, rankStations, StationCandidate } from './routing-policy';

export type PovertyStatusName = 'NOT_REGISTERED' | 'REGISTERED_POOR' | 'EXITED';

export interface PlanListing {
  id: string;
  priceFen: number;
  policy: AllocationPolicyName;
  /** The listing's station: first choice of routing and payee of the commission. */
  stationId: string;
  /** That station's rate now: the rate of this sale. */
  commissionBps: number;
}

export interface PlanLot {
  lotId: string;
  listingId: string;
  householdId: string;
  remaining: number;
  createdAt: Date;
  povertyStatus: PovertyStatusName;
  villageId: string;
  countyId: string;
  villagePovertyStricken: boolean;
}

export interface PlanStation extends StationCandidate {
  /** The villages it serves. */
  villageIds: readonly string[];
}

export interface PlanSnapshot {
  listings: ReadonlyMap<string, PlanListing>;
  /** Lots of the ordered listings (any order; empty ones are ignored). */
  lots: readonly PlanLot[];
  /** Each household's supplierNetFen over the last 90 days in non-cancelled orders (missing: 0). */
  recentNetFen: ReadonlyMap<string, number>;
  /** Active or not, with today's routed count; only those serving a lot's village matter. */
  stations: readonly PlanStation[];
  platformFeeBps: number;
}

export interface PlanLineInput {
  listingId: string;
  quantity: number;
}

export interface PlannedLine {
  listingId: string;
  quantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
  /** The listing station's rate the line's allocations were split by (the write checks it still holds). */
  commissionBps: number;
}

export interface PlannedAllocation extends AllocationAmounts {
  lineIndex: number;
  fulfillmentIndex: number;
  lotId: string;
  listingId: string;
  listingStationId: string;
  householdId: string;
  villageId: string;
  countyId: string;
  quantity: number;
  statusAtPlacement: PovertyStatusName;
  villagePovertyStricken: boolean;
}

export interface PlannedFulfillment {
  /** Null: UNROUTED, no candidate station had a free slot. */
  stationId: string | null;
}

export interface OrderPlan {
  totalFen: number;
  lines: PlannedLine[];
  allocations: PlannedAllocation[];
  fulfillments: PlannedFulfillment[];
  /** Stock to take, one entry per lot, by lot id ascending (the order rows are locked in). */
  lotTakes: Array<{ lotId: string; quantity: number }>;
  /** Stations that get a new slot today, by id ascending (each fulfilment takes one). */
  slotStationIds: string[];
}

export type PlanOutcome = { ok: true; plan: OrderPlan } | { ok: false; reason: 'INSUFFICIENT_STOCK'; lineIndex: number };

/**
 * The most one order may come to: 1,000,000 yuan. No village produce order comes near it, and it keeps
 * every single amount (an order, its ledger entry, a payout of it) many orders away from 2^53.
 */
export const MAX_ORDER_TOTAL_FEN = 100_000_000;

/** Sum of quantity x unit price over the lines, exactly; RangeError beyond a safe integer. */
export function orderTotalFen(lines: ReadonlyArray<{ quantity: number; unitPriceFen: number }>): number {
  let total = 0n;
  for (const l of lines) total += BigInt(l.quantity) * BigInt(l.unitPriceFen);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`order total ${total} exceeds the safe integer range`);
  return toFen(total);
}

/**
 * Allocates, prices and routes an order from a snapshot. Listings must all be present (the caller has
 * checked existence and status). Routing walks each allocation's ranked candidates and takes the first
 * with a free slot by the snapshot's counts; a station already chosen for this order costs no new slot.
 */
export function planOrder(snapshot: PlanSnapshot, input: readonly PlanLineInput[]): PlanOutcome {
  const lotsByListing = new Map<string, PlanLot[]>();
  for (const lot of snapshot.lots) {
    const list = lotsByListing.get(lot.listingId);
    if (list) list.push(lot);
    else lotsByListing.set(lot.listingId, [lot]);
  }

  const lines: PlannedLine[] = [];
  const allocations: PlannedAllocation[] = [];
  for (const [lineIndex, line] of input.entries()) {
    const listing = snapshot.listings.get(line.listingId);
    if (!listing) throw new RangeError(`listing ${line.listingId} is not in the snapshot`);
    const lots = lotsByListing.get(listing.id) ?? [];
    const byId = new Map(lots.map((l) => [l.lotId, l]));
    const candidates: LotCandidate[] = lots.map((l) => ({
      lotId: l.lotId,
      householdId: l.householdId,
      remaining: l.remaining,
      createdAt: l.createdAt,
      registeredPoor: l.povertyStatus === 'REGISTERED_POOR',
      recentNetFen: listing.policy === 'PRECISION' ? (snapshot.recentNetFen.get(l.householdId) ?? 0) : 0,
    }));
    const takes = allocateQuantity(listing.policy, candidates, line.quantity);
    if (takes === null) return { ok: false, reason: 'INSUFFICIENT_STOCK', lineIndex };
    lines.push({ listingId: listing.id, quantity: line.quantity, unitPriceFen: listing.priceFen, lineTotalFen: orderTotalFen([{ quantity: line.quantity, unitPriceFen: listing.priceFen }]), commissionBps: listing.commissionBps });
    for (const take of takes) {
      const lot = byId.get(take.lotId)!;
      allocations.push({
        lineIndex,
        fulfillmentIndex: -1,
        lotId: lot.lotId,
        listingId: listing.id,
        listingStationId: listing.stationId,
        householdId: lot.householdId,
        villageId: lot.villageId,
        countyId: lot.countyId,
        quantity: take.quantity,
        ...computeAllocationAmounts(take.quantity, listing.priceFen, listing.commissionBps, snapshot.platformFeeBps),
        statusAtPlacement: lot.povertyStatus,
        villagePovertyStricken: lot.villagePovertyStricken,
      });
    }
  }

  const fulfillments = routeAllocations(allocations, snapshot.stations);
  const lotTakes = allocations.map((a) => ({ lotId: a.lotId, quantity: a.quantity })).sort((a, b) => compareIds(a.lotId, b.lotId));
  const slotStationIds = fulfillments.flatMap((f) => (f.stationId === null ? [] : [f.stationId])).sort(compareIds);
  return { ok: true, plan: { totalFen: orderTotalFen(lines), lines, allocations, fulfillments, lotTakes, slotStationIds } };
}

/** Sets each allocation's fulfillmentIndex and returns the fulfilments: one per station, one UNROUTED for the rest. */
export function routeAllocations(
  allocations: Array<Pick<PlannedAllocation, 'villageId' | 'listingStationId' | 'fulfillmentIndex'>>,
  stations: readonly PlanStation[],
): PlannedFulfillment[] {
  const servingVillage = new Map<string, PlanStation[]>();
  for (const s of stations) {
    for (const v of s.villageIds) {
      const list = servingVillage.get(v);
      if (list) list.push(s);
      else servingVillage.set(v, [s]);
    }
  }
  const fulfillments: PlannedFulfillment[] = [];
  const indexOfStation = new Map<string | null, number>();
  for (const allocation of allocations) {
    const ranked = rankStations(allocation.listingStationId, servingVillage.get(allocation.villageId) ?? []);
    const chosen = ranked.find((s) => indexOfStation.has(s.stationId) || hasFreeSlot(s));
    const stationId = chosen?.stationId ?? null;
    let index = indexOfStation.get(stationId);
    if (index === undefined) {
      index = fulfillments.length;
      fulfillments.push({ stationId });
      indexOfStation.set(stationId, index);
    }
    allocation.fulfillmentIndex = index;
  }
  return fulfillments;
}
