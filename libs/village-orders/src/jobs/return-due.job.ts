import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QueueService } from '@app/platform';
import { VillageOrderLifeService } from '../village-order-life.service';

/**
 * The 'village-orders.return-due' job: returns orders left at their station past PICKUP_DAYS, every
 * PICKUP_RETURN_INTERVAL_SECONDS (0 turns the schedule off). Idempotent: each order is re-checked under
 * its row lock, so a run killed midway leaves whole orders done or untouched, and the next run finishes.
 */
@Injectable()
export class ReturnDueJob implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly life: VillageOrderLifeService,
  ) {}

  onModuleInit(): void {
    this.queue.handle('village-orders.return-due', async () => ({ returned: await this.life.returnDue() }));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.runsWorkers) return;
    await this.queue.schedule('village-orders.return-due', this.config.pickupReturnIntervalSeconds * 1000, {});
  }
}
