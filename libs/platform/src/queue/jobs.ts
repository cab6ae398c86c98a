/**
 * Every background job: its name and its payload. Each domain declares its own jobs beside their
 * handlers (libs/<domain>/src/jobs/jobs.ts: an augmentation of this interface, and the queue each job
 * runs on); libs/composition hands the queues of all of them to QueueModule.forRoot. A job's id is
 * derived from its business key (a payout's id), so adding it again while it is kept is a no-op.
 * Handlers must be idempotent: BullMQ runs a job again when a worker dies holding it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the domains
export interface JobPayloads {}

export type JobName = keyof JobPayloads;

export type QueueName = 'payouts' | 'maintenance';
export const QUEUE_NAMES: readonly QueueName[] = ['payouts', 'maintenance'];

/** The queue each job of a set runs on (a domain's jobs, or all of them). */
export type JobQueues<N extends JobName = JobName> = { readonly [K in N]: QueueName };
