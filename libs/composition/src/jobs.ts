import { JobQueues } from '@app/platform';
import { FINANCE_JOBS } from '@app/finance';
import { ORDERS_JOBS } from '@app/orders';
import { PAYOUTS_JOBS } from '@app/payouts';
import { VILLAGE_ORDERS_JOBS } from '@app/village-orders';

/**
 * Every job the domains declare, with its queue (a job declared and left out here does not compile).
 * A worker refuses to start while one of them has no handler.
 */
export const JOBS: JobQueues = { ...PAYOUTS_JOBS, ...FINANCE_JOBS, ...ORDERS_JOBS, ...VILLAGE_ORDERS_JOBS };
