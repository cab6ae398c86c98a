export enum PayoutStatus {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  PAID = 'PAID',
  FAILED = 'FAILED',
}

export enum PayeeKind {
  HOUSEHOLD = 'HOUSEHOLD',
  STATION = 'STATION',
  /** A merchant organisation, for goods its village orders' villagers collected. */
  MERCHANT = 'MERCHANT',
}
