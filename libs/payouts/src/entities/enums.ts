export enum PayoutStatus {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  PAID = 'PAID',
  FAILED = 'FAILED',
}

export enum PayeeKind {
  HOUSEHOLD = 'HOUSEHOLD',
  STATION = 'STATION',
}
