import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig, APP_CONFIG, QueueService } from '@app/platform';
import { PayoutRelayService } from '../payout-relay.service';
import { roundOfJobId } from '../payout-job-id';
import { PayoutService } from '../payout.service';
import { SettlementService } from '../settlement.service';

/**
 * The payouts domain's jobs: 'payout.process' (one per payout round, retried with backoff by the
 * queue), 'settlement.run' (every SETTLEMENT_INTERVAL_MINUTES) and 'payout.relay' (every
 * PAYOUT_RELAY_INTERVAL_SECONDS, and once whenever a worker starts).
 */
@Injectable()
export class PayoutProcessor implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PayoutJobs');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly payouts: PayoutService,
    private readonly relay: PayoutRelayService,
    private readonly settlement: SettlementService,
  ) {}

  onModuleInit(): void {
    this.queue.handle('payout.process', async ({ payoutId }, job) => {
      const round = roundOfJobId(payoutId, job.id);
      if (round === null) throw new Error(`job ${job.id} is no job of payout ${payoutId}`);
      // attemptsMade counts the failed attempts before this one (a stalled run is not one).
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return this.payouts.process({ payoutId, round, lastAttempt });
    });
    this.queue.handle('payout.relay', async () => ({ requeued: await this.relay.run() }));
    this.queue.handle('settlement.run', async () => {
      const { payoutsCreated, amountFen } = await this.settlement.run();
      return { payoutsCreated, amountFen };
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.runsWorkers) return;
    await this.ensureSchedules();
    // A worker that starts (perhaps after a crash, or next to a Redis that lost its data) first puts
    // back what the queue lacks.
    await this.queue.enqueue('payout.relay', {});
    if (this.config.payoutRelayIntervalSeconds > 0) {
      // The schedules live in the queue's backend: a Redis that lost its data lost them too. Each
      // worker re-asserts them (an unchanged upsert is a no-op), so the relay comes back by itself.
      this.timer = setInterval(() => {
        this.ensureSchedules().catch((e: Error) => this.logger.warn(`re-asserting the job schedules failed: ${e.message}`));
      }, this.config.payoutRelayIntervalSeconds * 1000);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async ensureSchedules(): Promise<void> {
    await this.queue.schedule('settlement.run', this.config.settlementIntervalMinutes * 60_000, {});
    await this.queue.schedule('payout.relay', this.config.payoutRelayIntervalSeconds * 1000, {});
  }
}
