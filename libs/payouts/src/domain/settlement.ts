// Settlement's rules (docs/design.md, "Settlement"): which payable items a run selects and how they are
// grouped into payouts. Pure: settlement.service.ts runs the same rules as one statement per payee kind
// for speed (10,000 payees in one round trip), and checks its answer with settlementTotalsAgree.

import { compareIds, toFen } from '@app/kernel';

/** What a payee is owed for one sale: an allocation's supplier net or station commission, a village order's share. */
export interface PayableItem {
  id: string;
  payeeId: string;
  amountFen: number;
  /** Only a DELIVERED fulfilment (a COLLECTED village order) is payable. */
  delivered: boolean;
  deliveredAt: Date | null;
  /** Already in a payout: never paid twice. */
  inPayout: boolean;
}

/** Payable now: delivered, at least `holdbackHours` ago, and in no payout yet. */
export function isSettleable(item: PayableItem, now: Date, holdbackHours: number): boolean {
  return item.delivered && !item.inPayout && item.deliveredAt !== null && item.deliveredAt.getTime() <= now.getTime() - holdbackHours * 3_600_000;
}

export interface PlannedPayout {
  payeeId: string;
  /** The items it pays, by id. */
  itemIds: string[];
  /** What the items sum to. */
  dueFen: number;
  /** Taken for the payee's loan instalments before the transfer (households that consented only). */
  withheldFen: number;
  /** What the provider transfers: dueFen - withheldFen. */
  amountFen: number;
  /** PAID at once when all of it was withheld (nothing to transfer), else PENDING. */
  status: 'PENDING' | 'PAID';
}

/**
 * The payouts one run creates: the settleable items grouped by payee, one payout each, by payee id. A
 * payee whose items sum to 0 (a station charging no commission) gets none, and its items stay out of
 * any payout as nothing is owed. `withheld` (checked by checkWithholding) is subtracted from the payee's
 * payout.
 */
export function planPayouts(items: readonly PayableItem[], now: Date, holdbackHours: number, withheld: ReadonlyMap<string, number> = new Map()): PlannedPayout[] {
  const groups = new Map<string, { itemIds: string[]; due: bigint }>();
  for (const item of items) {
    if (!isSettleable(item, now, holdbackHours)) continue;
    const g = groups.get(item.payeeId) ?? { itemIds: [], due: 0n };
    g.itemIds.push(item.id);
    g.due += BigInt(item.amountFen);
    groups.set(item.payeeId, g);
  }
  return [...groups.entries()]
    .filter(([, g]) => g.due > 0n)
    .sort(([a], [b]) => compareIds(a, b))
    .map(([payeeId, g]) => {
      const dueFen = toFen(g.due);
      const withheldFen = withheld.get(payeeId) ?? 0;
      return { payeeId, itemIds: g.itemIds.sort(compareIds), dueFen, withheldFen, amountFen: dueFen - withheldFen, status: withheldFen === dueFen ? 'PAID' : 'PENDING' };
    });
}

/**
 * What finance withheld per household, checked against what each is owed by this run: zeros dropped;
 * an amount that is not a whole positive number of fen, or more than the household is owed, is a bug
 * (Error: the run rolls back).
 */
export function checkWithholding(owed: ReadonlyMap<string, number>, withheld: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [householdId, fen] of withheld) {
    if (fen === 0) continue;
    if (!(Number.isSafeInteger(fen) && fen > 0 && fen <= (owed.get(householdId) ?? 0))) {
      throw new Error(`withholding ${fen} fen from household ${householdId}, owed ${owed.get(householdId) ?? 0}`);
    }
    out.set(householdId, fen);
  }
  return out;
}

/** The settlement statement's own account of what it did (sums as PostgreSQL's exact text). */
export interface SettlementTotals {
  /** Items summed into payouts, and their sum. */
  items: number;
  dueFen: string;
  /** Items linked to a payout, and their sum. */
  linked: number;
  linkedFen: string;
  withheldFen: string;
  /** The created payouts' amounts. */
  payoutAmountsFen: readonly string[];
}

/** True when exactly the summed items were linked and the payouts plus what was withheld come to their sum. */
export function settlementTotalsAgree(t: SettlementTotals): boolean {
  const created = t.payoutAmountsFen.reduce((sum, a) => sum + BigInt(a), 0n) + BigInt(t.withheldFen);
  return t.linked === t.items && BigInt(t.linkedFen) === BigInt(t.dueFen) && created === BigInt(t.dueFen);
}
