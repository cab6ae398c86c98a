import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG, QueueService } from '@app/platform';
import { payoutJobId } from './payout-job-id';

const CHUNK = 1_000;

/**
 * PostgreSQL is the source of truth, the queue only drives the work: this puts back the jobs of
 * payouts that still need one and that the queue has lost (Redis flushed or restarted without its
 * data, an enqueue that failed after a commit, a job failed for good while its payout was mid-way).
 */
@Injectable()
export class PayoutRelayService {
  private readonly logger = new Logger('PayoutRelay');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
  ) {}

  /**
   * Re-queues every PENDING payout, and every PROCESSING one untouched for longer than a job lock (a
   * live worker would hold it, or BullMQ would already have found it stalled), whose current job is
   * not waiting, delayed or active. Returns how many it queued. Safe to run anywhere, any time: the
   * job ids are the payouts' own, so a job that is still there is never doubled.
   */
  async run(): Promise<number> {
    // The queue first, then the database: a payout queued in between is seen as present or re-added
    // under the same id (a no-op).
    const present = await this.queue.pendingJobIds('payout.process');
    const rows: Array<{ id: string; retries: number }> = await this.dataSource.query(
      `SELECT id::text, retries FROM payouts
        WHERE status = 'PENDING'
           OR (status = 'PROCESSING' AND updated_at < now() - $1::int * interval '1 millisecond')
        ORDER BY id`,
      [this.config.jobLockMs],
    );
    const missing = rows.map((r) => ({ payoutId: r.id, jobId: payoutJobId(r.id, r.retries) })).filter((m) => !present.has(m.jobId));
    for (let i = 0; i < missing.length; i += CHUNK) {
      const chunk = missing.slice(i, i + CHUNK);
      // A job kept as completed or failed under the id would swallow the new one: remove it first.
      await Promise.all(
        chunk.map(async (m) => {
          const stale = await this.queue.getJob('payout.process', m.jobId);
          if (stale) await stale.remove().catch(() => undefined);
        }),
      );
      await this.queue.enqueueBulk('payout.process', chunk.map((m) => ({ payload: { payoutId: m.payoutId }, options: { jobId: m.jobId } })));
    }
    if (missing.length > 0) this.logger.warn(`relay: re-queued ${missing.length} payout job(s) the queue had lost`);
    return missing.length;
  }
}
