import { PayeeKind, PayoutStatus } from './enums';

/** A payout as the payouts domain answers it: one payee's settled sum and where its payment stands. */
export interface PayoutData {
  id: string;
  payeeKind: PayeeKind;
  amountFen: number;
  status: PayoutStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  paidAt: Date | null;
  /** The payee: one of the three is set, as payeeKind says. */
  householdId: string | null;
  stationId: string | null;
  merchantId: string | null;
}
