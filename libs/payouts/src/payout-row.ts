import { PayeeKind, PayoutStatus } from './domain/enums';
import { PayoutData } from './domain/payout';

/** A payouts row as `SELECT p.*` returns it. */
export interface PayoutRow {
  id: string;
  payee_kind: PayeeKind;
  household_id: string | null;
  station_id: string | null;
  merchant_id: string | null;
  amount_fen: string;
  status: PayoutStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  paid_at: Date | null;
}

export function toPayout(row: PayoutRow): PayoutData {
  return {
    id: String(row.id),
    payeeKind: row.payee_kind,
    householdId: row.household_id === null ? null : String(row.household_id),
    stationId: row.station_id === null ? null : String(row.station_id),
    merchantId: row.merchant_id == null ? null : String(row.merchant_id),
    amountFen: Number(row.amount_fen),
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    paidAt: row.paid_at,
  };
}
