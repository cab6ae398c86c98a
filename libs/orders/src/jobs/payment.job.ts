import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QueueService } from '@app/platform';
import { PaymentJobsService, refundJobId } from '../payment/payment-jobs.service';

/**
 * The payments outbox's jobs: 'payment.capture' (a run over every pending capture, asked for after
 * orders commit), 'payment.refund' (one per cancelled order, job id refund-<orderId>, retried with
 * backoff like a payout) and 'payment.relay' (every PAYOUT_RELAY_INTERVAL_SECONDS and whenever a worker
 * starts: a capture run if any is pending, and the refunds whose job the queue lost or gave up on).
 */
@Injectable()
export class PaymentJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('PaymentJobs');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly payments: PaymentJobsService,
  ) {}

  onModuleInit(): void {
    this.queue.handle('payment.capture', async () => ({ captured: await this.payments.captureDue() }));
    this.queue.handle('payment.refund', async ({ orderId }) => ({ outcome: await this.payments.refund(orderId) }));
    this.queue.handle('payment.relay', async () => this.relay());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.runsWorkers) return;
    await this.queue.schedule('payment.relay', this.config.payoutRelayIntervalSeconds * 1000, {});
    await this.queue.enqueue('payment.relay', {});
  }

  /** Puts back what the queue lost: PostgreSQL's outbox is the truth. Safe anywhere, any time. */
  async relay(): Promise<{ captures: boolean; refunds: number }> {
    const captures = await this.payments.hasPendingCaptures();
    if (captures) await this.queue.enqueue('payment.capture', {});
    const present = await this.queue.pendingJobIds('payment.refund');
    const missing = (await this.payments.pendingRefunds()).filter((orderId) => !present.has(refundJobId(orderId)));
    for (const orderId of missing) {
      // A job kept as failed (it gave up) or completed under the id would swallow the new one.
      const stale = await this.queue.getJob('payment.refund', refundJobId(orderId));
      if (stale) await stale.remove().catch(() => undefined);
      await this.queue.enqueue('payment.refund', { orderId }, { jobId: refundJobId(orderId) });
    }
    if (missing.length > 0) this.logger.warn(`relay: re-queued ${missing.length} refund job(s)`);
    return { captures, refunds: missing.length };
  }
}
