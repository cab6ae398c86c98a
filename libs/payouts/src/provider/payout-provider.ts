/** The payout provider's answer: its reference for the transfer. */
export interface TransferResult {
  reference: string;
}

/**
 * A money-transfer adapter (a rural credit cooperative's or a mobile-payment transfer API). The one
 * rule every implementation keeps: a repeat of an idempotency key moves no money and answers the first
 * transfer, so a payout job that died after the transfer but before recording it can safely ask again.
 */
export interface PayoutProvider {
  transfer(idempotencyKey: string, account: string, amountFen: number): Promise<TransferResult>;
}

export const PAYOUT_PROVIDER = Symbol('PAYOUT_PROVIDER');
