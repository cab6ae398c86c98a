import type { JobQueues } from '@app/platform';

declare module '@app/platform' {
  interface JobPayloads {
    /** Pay one approved loan out through the payout provider (job id loan-<id>). */
    'loan.disburse': { loanId: string };
    /** Re-enqueue disbursements of approved loans the queue has lost. */
    'loan.relay': Record<string, never>;
    /** Scheduled loan servicing: subsidies of instalments fallen due, OVERDUE and DEFAULTED moves. */
    'loan.servicing': Record<string, never>;
  }
}

/** The finance domain's jobs (handled in loan.processor.ts) and their queues. */
export const FINANCE_JOBS: JobQueues<'loan.disburse' | 'loan.relay' | 'loan.servicing'> = {
  'loan.disburse': 'payouts',
  'loan.relay': 'maintenance',
  'loan.servicing': 'maintenance',
};
