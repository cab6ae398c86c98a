// Which supply lots a line's quantity comes from (docs/design.md, "Allocation"). Pure ordering: the caller
// reads the candidates (with each household's last-90-days net) and takes stock with conditional
// updates in the database.

import { compareBigint, idValue } from '@app/kernel';

export type AllocationPolicyName = 'PRECISION' | 'FIFO';

export interface LotCandidate {
  lotId: string;
  householdId: string;
  remaining: number;
  createdAt: Date;
  registeredPoor: boolean;
  recentNetFen: number;
}

export interface LotTake {
  lotId: string;
  householdId: string;
  quantity: number;
}

interface Keyed {
  lot: LotCandidate;
  id: bigint;
  created: number;
}

function keyOf(lot: LotCandidate): Keyed {
  if (!Number.isSafeInteger(lot.remaining)) {
    throw new RangeError(`lot ${lot.lotId}: remaining must be a safe integer, got ${String(lot.remaining)}`);
  }
  if (!Number.isSafeInteger(lot.recentNetFen)) {
    throw new RangeError(`lot ${lot.lotId}: recentNetFen must be a safe integer, got ${String(lot.recentNetFen)}`);
  }
  const created = lot.createdAt instanceof Date ? lot.createdAt.getTime() : Number.NaN;
  // A NaN key would make the comparator inconsistent and the order depend on the engine's sort.
  if (Number.isNaN(created)) {
    throw new RangeError(`lot ${lot.lotId}: createdAt must be a valid Date`);
  }
  // Ids are bigint columns; "10" must sort after "9", which string order gets wrong.
  return { lot, id: idValue(lot.lotId, 'lotId'), created };
}

function compareFifo(a: Keyed, b: Keyed): number {
  return a.created - b.created || compareBigint(a.id, b.id);
}

function comparePrecision(a: Keyed, b: Keyed): number {
  if (a.lot.registeredPoor !== b.lot.registeredPoor) return a.lot.registeredPoor ? -1 : 1;
  return a.lot.recentNetFen - b.lot.recentNetFen || compareFifo(a, b);
}

/** Lots with stock left, in the order the policy takes from them (PRECISION: poor, least recent net, oldest, lowest id; FIFO: oldest, lowest id); does not mutate its input. */
export function orderLots(policy: AllocationPolicyName, lots: LotCandidate[]): LotCandidate[] {
  let compare: (a: Keyed, b: Keyed) => number;
  if (policy === 'PRECISION') compare = comparePrecision;
  else if (policy === 'FIFO') compare = compareFifo;
  else throw new RangeError(`unknown allocation policy ${String(policy)}`);

  const keyed = lots.map(keyOf);
  // The same lot twice would let one allocation take its stock twice.
  const seen = new Set<bigint>();
  for (const k of keyed) {
    if (seen.has(k.id)) throw new RangeError(`lot ${k.lot.lotId} appears more than once`);
    seen.add(k.id);
  }
  return keyed
    .filter((k) => k.lot.remaining > 0)
    .sort(compare)
    .map((k) => k.lot);
}

/** Greedy takes summing to exactly `quantity` over the policy's lot order, or null (nothing taken) when the lots hold less; RangeError unless quantity is a positive safe integer. */
export function allocateQuantity(
  policy: AllocationPolicyName,
  lots: LotCandidate[],
  quantity: number,
): LotTake[] | null {
  // A zero-quantity line would get no allocation and so no fulfilment; reject it rather than hide it.
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new RangeError(`quantity must be a positive safe integer, got ${String(quantity)}`);
  }
  const takes: LotTake[] = [];
  let left = quantity;
  for (const lot of orderLots(policy, lots)) {
    const take = Math.min(left, lot.remaining);
    takes.push({ lotId: lot.lotId, householdId: lot.householdId, quantity: take });
    left -= take;
    if (left === 0) return takes;
  }
  return null;
}
