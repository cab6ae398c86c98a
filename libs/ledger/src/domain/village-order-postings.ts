import { Accounts, LedgerLineInput, Posting } from './accounts';

/**
 * Posting recipes of the downward flow (goods for villagers, cash at the station). Pure: they build the
 * entries; LedgerService writes them. A recipe whose amount is 0 returns null (an entry moves money).
 *
 * Cash a station takes is `cash:station:<id>` (debit) against `escrow` (credit); at collection escrow
 * pays the merchant (price less commission and fee), the station (commission) and the platform (fee).
 */
export interface VillageOrderAmounts {
  villageOrderId: string;
  stationId: string;
  merchantId: string;
  totalFen: number;
  depositFen: number;
  merchantNetFen: number;
  stationCommissionFen: number;
  platformFeeFen: number;
}

function check(o: VillageOrderAmounts): void {
  const parts = [o.totalFen, o.depositFen, o.merchantNetFen, o.stationCommissionFen, o.platformFeeFen];
  if (!parts.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new RangeError(`village order ${o.villageOrderId}: amounts must be non-negative safe integers`);
  if (o.depositFen > o.totalFen) throw new RangeError(`village order ${o.villageOrderId}: deposit ${o.depositFen} exceeds total ${o.totalFen}`);
  if (o.merchantNetFen + o.stationCommissionFen + o.platformFeeFen !== o.totalFen) {
    throw new RangeError(`village order ${o.villageOrderId}: the split does not add up to the total ${o.totalFen}`);
  }
}

/** The villager's deposit, cash taken by the operator at ordering. */
export function villageOrderDepositTaken(o: VillageOrderAmounts): Posting | null {
  check(o);
  if (o.depositFen === 0) return null;
  return {
    kind: 'VILLAGE_ORDER_DEPOSIT',
    reference: o.villageOrderId,
    lines: [
      { account: Accounts.stationCash(o.stationId), debitFen: o.depositFen },
      { account: Accounts.escrow, creditFen: o.depositFen },
    ],
  };
}

/** Collection: the rest taken in cash into escrow, and escrow split to the merchant, the station and the platform. */
export function villageOrderCollected(o: VillageOrderAmounts): Posting {
  check(o);
  const rest = o.totalFen - o.depositFen;
  const lines: LedgerLineInput[] = [
    { account: Accounts.stationCash(o.stationId), debitFen: rest },
    { account: Accounts.escrow, creditFen: rest },
    { account: Accounts.escrow, debitFen: o.totalFen },
    { account: Accounts.merchantPayable(o.merchantId), creditFen: o.merchantNetFen },
    { account: Accounts.stationPayable(o.stationId), creditFen: o.stationCommissionFen },
    { account: Accounts.platformRevenue, creditFen: o.platformFeeFen },
  ];
  // No 0-fen line (all paid as deposit, no commission or no fee).
  return { kind: 'VILLAGE_ORDER_COLLECTED', reference: o.villageOrderId, lines: lines.filter((l) => (l.debitFen ?? 0) > 0 || (l.creditFen ?? 0) > 0) };
}

/** A cancelled or returned order: the deposit goes back to the villager in cash from the station. */
export function villageOrderRefunded(o: VillageOrderAmounts): Posting | null {
  check(o);
  if (o.depositFen === 0) return null;
  return {
    kind: 'VILLAGE_ORDER_REFUNDED',
    reference: o.villageOrderId,
    lines: [
      { account: Accounts.escrow, debitFen: o.depositFen },
      { account: Accounts.stationCash(o.stationId), creditFen: o.depositFen },
    ],
  };
}

/** The operator hands the station's cash to the county bank. */
export function stationCashRemitted(r: { remittanceId: string; stationId: string; amountFen: number }): Posting {
  if (!Number.isSafeInteger(r.amountFen) || r.amountFen <= 0) throw new RangeError(`remittance ${r.remittanceId}: amount must be a positive safe integer`);
  return {
    kind: 'STATION_CASH_REMITTED',
    reference: r.remittanceId,
    lines: [
      { account: Accounts.bankDeposits, debitFen: r.amountFen },
      { account: Accounts.stationCash(r.stationId), creditFen: r.amountFen },
    ],
  };
}
