import type { JobQueues } from '@app/platform';

declare module '@app/platform' {
  interface JobPayloads {
    /** Route UNROUTED fulfilments whose villages have a station with capacity again. */
    'routing.retry': { villageIds?: string[] };
    /** Capture every authorised payment whose order has committed (the payments outbox's CAPTURE rows). */
    'payment.capture': Record<string, never>;
    /** Refund one cancelled order at the gateway (job id refund-<orderId>). */
    'payment.refund': { orderId: string };
    /** Re-enqueue the payment work the queue lost (pending captures, refunds without a live job). */
    'payment.relay': Record<string, never>;
  }
}

/** The orders domain's jobs (handled in routing-retry.job.ts and payment.job.ts) and their queues. */
export const ORDERS_JOBS: JobQueues<'routing.retry' | 'payment.capture' | 'payment.refund' | 'payment.relay'> = {
  'routing.retry': 'maintenance',
  'payment.capture': 'maintenance',
  'payment.refund': 'maintenance',
  'payment.relay': 'maintenance',
};
