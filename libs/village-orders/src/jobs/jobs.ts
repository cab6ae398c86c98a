import type { JobQueues } from '@app/platform';

declare module '@app/platform' {
  interface JobPayloads {
    /** Return the village orders left at their station past PICKUP_DAYS (stock back, deposit refunded). */
    'village-orders.return-due': Record<string, never>;
  }
}

/** The village-orders domain's jobs (handled in return-due.job.ts) and their queues. */
export const VILLAGE_ORDERS_JOBS: JobQueues<'village-orders.return-due'> = {
  'village-orders.return-due': 'maintenance',
};
