import type { JobQueues } from '@app/platform';

declare module '@app/platform' {
  interface JobPayloads {
    /** Pay one payout through the provider (job id = payout id). */
    'payout.process': { payoutId: string };
    /** Re-enqueue PENDING/PROCESSING payouts the queue has lost (after a Redis loss). */
    'payout.relay': Record<string, never>;
    /** Scheduled settlement: payouts for delivered allocations past the holdback. */
    'settlement.run': Record<string, never>;
  }
}

/** The payouts domain's jobs (handled in payout.processor.ts) and their queues. */
export const PAYOUTS_JOBS: JobQueues<'payout.process' | 'payout.relay' | 'settlement.run'> = {
  'payout.process': 'payouts',
  'payout.relay': 'maintenance',
  'settlement.run': 'maintenance',
};
