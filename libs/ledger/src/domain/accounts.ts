/** The ledger's account codes (docs/design.md, "Ledger accounts and postings"). */
export const Accounts = {
  gatewayClearing: 'gateway:clearing',
  escrow: 'escrow',
  platformRevenue: 'revenue:platform',
  bankDisbursements: 'bank:disbursements',
  householdPayable: (householdId: string) => `payable:household:${householdId}`,
  stationPayable: (stationId: string) => `payable:station:${stationId}`,
  merchantPayable: (merchantId: string) => `payable:merchant:${merchantId}`,
  /** Cash a station's operator holds: taken from villagers, not yet handed to the county bank. */
  stationCash: (stationId: string) => `cash:station:${stationId}`,
  /** The county bank account that stations' cash is paid into. */
  bankDeposits: 'bank:deposits',
} as const;

export type EntryKind =
  | 'ORDER_PLACED'
  | 'ORDER_CANCELLED'
  | 'FULFILLMENT_DELIVERED'
  | 'PAYOUT_PAID'
  | 'LOAN_DISBURSED'
  | 'LOAN_REPAID_WITHHELD'
  | 'LOAN_REPAID_CASH'
  | 'LOAN_SUBSIDY'
  | 'FUND_TOP_UP'
  | 'LOAN_DEFAULTED'
  | 'VILLAGE_ORDER_DEPOSIT'
  | 'VILLAGE_ORDER_COLLECTED'
  | 'VILLAGE_ORDER_REFUNDED'
  | 'STATION_CASH_REMITTED';

/** One journal entry to write: what `LedgerService.postAll` takes and the posting recipes return. */
export interface Posting {
  kind: EntryKind;
  reference: string;
  lines: LedgerLineInput[];
}

export interface LedgerLineInput {
  account: string;
  debitFen?: number;
  creditFen?: number;
}
