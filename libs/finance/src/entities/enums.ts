export enum LoanStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DISBURSED = 'DISBURSED',
  OVERDUE = 'OVERDUE',
  DEFAULTED = 'DEFAULTED',
  CLOSED = 'CLOSED',
}

/** The disbursement's progress through the payout provider (like a payout's). */
export enum DisbursementStatus {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  PAID = 'PAID',
  FAILED = 'FAILED',
}

export enum RepaymentSource {
  WITHHELD = 'WITHHELD',
  CASH = 'CASH',
}

export enum FundKind {
  RISK = 'RISK',
  SUBSIDY = 'SUBSIDY',
}
