import { Controller, Get, Header, Inject, OnModuleInit, Req, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import { MetricsService, OwnAuthorization, QUEUE_NAMES, QueueService } from '@app/platform';
import { PayoutService } from '@app/payouts';
import { OpsAccess } from './ops-access';

/**
 * Prometheus metrics at /metrics: HTTP and GraphQL latency and counts, queue depth and outcomes, payouts.
 * Only for a scraper presenting METRICS_TOKEN (OpsAccess); 401 for anyone else.
 */
@Controller('metrics')
@OwnAuthorization()
export class MetricsController implements OnModuleInit {
  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    private readonly queue: QueueService,
    private readonly payouts: PayoutService,
    private readonly access: OpsAccess,
  ) {}

  onModuleInit(): void {
    this.queue.onOutcome((job, outcome) => this.metrics.jobOutcomes.inc({ job, outcome }));
    this.metrics.gauge('queue_jobs', 'Jobs in each queue by state', ['queue', 'state'], async () => {
      const counts = await this.queue.counts();
      return QUEUE_NAMES.flatMap((queue) => Object.entries(counts[queue]).map(([state, value]) => ({ labels: { queue, state }, value })));
    });
    this.metrics.gauge('queue_up', 'Whether the queue backend answers (1) or not (0)', ['backend'], async () => [
      { labels: { backend: this.queue.backend }, value: (await this.queue.ping(500)) ? 1 : 0 },
    ]);
    this.metrics.gauge('payouts', 'Payouts by status', ['status'], async () => {
      return (await this.payouts.countsByStatus()).map((r) => ({ labels: { status: r.status }, value: r.count }));
    });
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: Request): Promise<string> {
    if (!this.access.allows(req)) throw new UnauthorizedException('/metrics takes the METRICS_TOKEN as a bearer token');
    return this.metrics.registry.metrics();
  }
}
