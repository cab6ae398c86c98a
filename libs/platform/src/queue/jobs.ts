/**
 * Every background job: its name, its payload and the queue it runs on. A job's id is derived from its
 * business key (a payout's id), so adding it again while it is kept is a no-op. Handlers must be
 * idempotent: BullMQ runs a job again when a worker dies holding it.
 */
export interface JobPayloads {
  /** Pay one payout through the provider (job id = payout id). */
  'payout.process': { payoutId: string };
  /** Re-enqueue PENDING/PROCESSING payouts the queue has lost (after a Redis loss). */
  'payout.relay': Record<string, never>;
  /** Scheduled settlement: payouts for delivered allocations past the holdback. */
  'settlement.run': Record<string, never>;
  /** Route UNROUTED fulfilments whose villages have a station with capacity again. */
  'routing.retry': { villageIds?: string[] };
  /** Return the village orders left at their station past PICKUP_DAYS (stock back, deposit refunded). */
  'village-orders.return-due': Record<string, never>;
  /** Pay one approved loan out through the payout provider (job id loan-<id>). */
  'loan.disburse': { loanId: string };
  /** Re-enqueue disbursements of approved loans the queue has lost. */
  'loan.relay': Record<string, never>;
  /** Capture every authorised payment whose order has committed (the payments outbox's CAPTURE rows). */
  'payment.capture': Record<string, never>;
  /** Refund one cancelled order at the gateway (job id refund-<orderId>). */
  'payment.refund': { orderId: string };
  /** Re-enqueue the payment work the queue lost (pending captures, refunds without a live job). */
  'payment.relay': Record<string, never>;
  /** Scheduled loan servicing: subsidies of instalments fallen due, OVERDUE and DEFAULTED moves. */
  'loan.servicing': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const QUEUE_OF: { readonly [N in JobName]: QueueName } = {
  'payout.process': 'payouts',
  'payout.relay': 'maintenance',
  'settlement.run': 'maintenance',
  'routing.retry': 'maintenance',
  'village-orders.return-due': 'maintenance',
  'loan.disburse': 'payouts',
  'loan.relay': 'maintenance',
  'loan.servicing': 'maintenance',
  'payment.capture': 'maintenance',
  'payment.refund': 'maintenance',
  'payment.relay': 'maintenance',
};

export type QueueName = 'payouts' | 'maintenance';
export const QUEUE_NAMES: readonly QueueName[] = ['payouts', 'maintenance'];
