import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { QueueService } from '@app/platform';

/** `/health`: liveness with the state of the database and the queue; `/health/ready`: 503 unless both answer. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queue: QueueService,
  ) {}

  @Get()
  async live() {
    const [database, queue] = await Promise.all([
      this.db.pingCheck('database', { timeout: 1000 }).then(() => 'up').catch(() => 'down'),
      this.queue.ping().then((ok) => (ok ? 'up' : 'down')),
    ]);
    return { status: 'ok', database, queue, queueBackend: this.queue.backend };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1000 }),
      async () => {
        const indicator = this.indicators.check('queue');
        return (await this.queue.ping()) ? indicator.up({ backend: this.queue.backend }) : indicator.down({ backend: this.queue.backend });
      },
    ]);
  }
}
