/** The ledger's account codes, as the design names them. */
export const Accounts = {
  gatewayClearing: 'gateway:clearing',
  escrow: 'escrow',
  platformRevenue: 'revenue:platform',
  bankDisbursements: 'bank:disbursements',
  householdPayable: (householdId: string) => `payable:household:${householdId}`,
  stationPayable: (stationId: string) => `payable:station:${stationId}`,
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
  | 'LOAN_DEFAULTED';

export interface LedgerLineInput {
  account: string;
  debitFen?: number;
  creditFen?: number;
}
