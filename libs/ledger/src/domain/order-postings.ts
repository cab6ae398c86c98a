import { Accounts, LedgerLineInput, Posting } from './accounts';

/**
 * Posting recipes of the marketplace's upward flow (villagers' produce sold to buyers). Pure: they build
 * the entries from the facts of an event; the ledger writes them (LedgerService, or journalCtes inside
 * a caller's statement). Zero amounts give no line.
 *
 * The money's path: the buyer's payment is held in `escrow` against `gateway:clearing` when the order is
 * placed; a cancellation gives it back; a delivery pays escrow out to the household (its net), the
 * listing's station (its commission) and the platform (its fee); a payout settles a payable against the
 * bank.
 */

function positive(what: string, fen: number): number {
  if (!Number.isSafeInteger(fen) || fen <= 0) throw new RangeError(`${what}: the amount must be a positive safe integer of fen, not ${fen}`);
  return fen;
}

function nonNegative(what: string, fen: number): number {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`${what}: the amount must be a non-negative safe integer of fen, not ${fen}`);
  return fen;
}

/** Lines with an amount: a recipe does not write a 0-fen line. */
function moving(lines: LedgerLineInput[]): LedgerLineInput[] {
  return lines.filter((l) => (l.debitFen ?? 0) !== 0 || (l.creditFen ?? 0) !== 0);
}

/** An order placed and its payment authorised: debit `gateway:clearing`, credit `escrow`, the order's total. */
export function orderPlaced(o: { orderId: string; totalFen: number }): Posting {
  const total = positive(`order ${o.orderId}`, o.totalFen);
  return {
    kind: 'ORDER_PLACED',
    reference: o.orderId,
    lines: [
      { account: Accounts.gatewayClearing, debitFen: total },
      { account: Accounts.escrow, creditFen: total },
    ],
  };
}

/** A cancelled order: its total leaves escrow back to `gateway:clearing` (the refund follows). */
export function orderCancelled(o: { orderId: string; totalFen: number }): Posting {
  const total = positive(`order ${o.orderId}`, o.totalFen);
  return {
    kind: 'ORDER_CANCELLED',
    reference: o.orderId,
    lines: [
      { account: Accounts.escrow, debitFen: total },
      { account: Accounts.gatewayClearing, creditFen: total },
    ],
  };
}

/** One allocation of a delivered fulfilment: its gross and how it splits. */
export interface DeliveredAllocation {
  householdId: string;
  /** The station of the listing (its commission), not necessarily the fulfilment's. */
  listingStationId: string;
  grossFen: number;
  supplierNetFen: number;
  stationCommissionFen: number;
  platformFeeFen: number;
}

/**
 * A fulfilment delivered: escrow pays out each allocation's gross to the household (its net), the
 * listing's station (its commission) and the platform (its fee). One entry per fulfilment, referenced by
 * its id; the ledger merges the lines of one account (escrow once, each household once).
 */
export function fulfillmentDelivered(f: { fulfillmentId: string; allocations: readonly DeliveredAllocation[] }): Posting {
  const lines: LedgerLineInput[] = [];
  for (const a of f.allocations) {
    const what = `fulfillment ${f.fulfillmentId}`;
    const parts = [a.supplierNetFen, a.stationCommissionFen, a.platformFeeFen].map((n) => nonNegative(what, n));
    if (parts[0] + parts[1] + parts[2] !== positive(what, a.grossFen)) {
      throw new RangeError(`${what}: the split of an allocation (${parts.join(' + ')}) does not add up to its gross ${a.grossFen}`);
    }
    lines.push(
      { account: Accounts.escrow, debitFen: a.grossFen },
      { account: Accounts.householdPayable(a.householdId), creditFen: a.supplierNetFen },
      { account: Accounts.stationPayable(a.listingStationId), creditFen: a.stationCommissionFen },
      { account: Accounts.platformRevenue, creditFen: a.platformFeeFen },
    );
  }
  if (lines.length === 0) throw new RangeError(`fulfillment ${f.fulfillmentId}: no allocation to pay out`);
  return { kind: 'FULFILLMENT_DELIVERED', reference: f.fulfillmentId, lines: moving(lines) };
}

/** Who a payout pays: its payable is the account it settles. */
export type Payee = { kind: 'HOUSEHOLD'; householdId: string } | { kind: 'STATION'; stationId: string } | { kind: 'MERCHANT'; merchantId: string };

export function payableOf(payee: Payee): string {
  switch (payee.kind) {
    case 'HOUSEHOLD':
      return Accounts.householdPayable(payee.householdId);
    case 'STATION':
      return Accounts.stationPayable(payee.stationId);
    case 'MERCHANT':
      return Accounts.merchantPayable(payee.merchantId);
  }
}

/** A payout paid by the bank: debit the payee's payable, credit `bank:disbursements`. */
export function payoutPaid(p: { payoutId: string; payee: Payee; amountFen: number }): Posting {
  const amount = positive(`payout ${p.payoutId}`, p.amountFen);
  return {
    kind: 'PAYOUT_PAID',
    reference: p.payoutId,
    lines: [
      { account: payableOf(p.payee), debitFen: amount },
      { account: Accounts.bankDisbursements, creditFen: amount },
    ],
  };
}
