import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainEvents, QueueService } from '@app/platform';
import { RoutingRetryRequests } from '../routing/routing-retry-requests.service';
import { RoutingRetryService } from '../routing/routing-retry.service';

/**
 * The 'routing.retry' job: its handler, its schedule (every ROUTING_RETRY_INTERVAL_SECONDS, which also
 * covers a new Asia/Shanghai day; 0 turns it off), and the requests raised when a station may have
 * room again. The handler is idempotent: each fulfilment is re-checked under its order's lock.
 */
@Injectable()
export class RoutingRetryJob implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly events: DomainEvents,
    private readonly routing: RoutingRetryService,
    private readonly requests: RoutingRetryRequests,
  ) {}

  onModuleInit(): void {
    this.queue.handle('routing.retry', async () => ({ routed: await this.routing.retryUnrouted() }));
    this.events.on('station.capacity-changed', async (tx) => this.requests.request(tx));
  }

  async onApplicationBootstrap(): Promise<void> {
    // The processes that run workers keep the schedule (one scheduler however many of them start).
    if (!this.queue.runsWorkers) return;
    await this.queue.schedule('routing.retry', this.config.routingRetryIntervalSeconds * 1000, {});
  }
}
