import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig, APP_CONFIG, QueueService } from '@app/platform';
import { LoanDisbursementService } from '../loan-disbursement.service';
import { LoanServicingService } from '../loan-servicing.service';

/**
 * The finance domain's jobs: 'loan.disburse' (one per approved loan, retried with backoff like a payout),
 * 'loan.relay' (with the payout relay's interval, and at every worker start) and 'loan.servicing'
 * (every LOAN_SERVICING_INTERVAL_MINUTES).
 */
@Injectable()
export class LoanProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly disbursement: LoanDisbursementService,
    private readonly servicing: LoanServicingService,
  ) {}

  onModuleInit(): void {
    this.queue.handle('loan.disburse', async ({ loanId }, job) => {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return this.disbursement.process(loanId, lastAttempt);
    });
    this.queue.handle('loan.relay', async () => ({ requeued: await this.disbursement.relay() }));
    this.queue.handle('loan.servicing', async () => this.servicing.run());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.runsWorkers) return;
    await this.queue.schedule('loan.servicing', this.config.loanServicingIntervalMinutes * 60_000, {});
    await this.queue.schedule('loan.relay', this.config.payoutRelayIntervalSeconds * 1000, {});
    await this.queue.enqueue('loan.relay', {});
  }
}
