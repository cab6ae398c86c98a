import { Controller, Get, Req, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Request } from 'express';
import { OwnAuthorization, QueueService } from '@app/platform';
import { OpsAccess } from '../observability/ops-access';

/**
 * `/health`: liveness; `/health/ready`: 503 unless the database and the queue answer. Anyone gets the
 * status (a load balancer needs no secret); what is up or down, and the queue's backend, only a caller
 * with METRICS_TOKEN (OpsAccess).
 */
@Controller('health')
@OwnAuthorization()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queue: QueueService,
    private readonly access: OpsAccess,
  ) {}

  @Get()
  async live(@Req() req: Request) {
    if (!this.access.allows(req)) return { status: 'ok' };
    const [database, queue] = await Promise.all([
      this.db.pingCheck('database', { timeout: 1000 }).then(() => 'up').catch(() => 'down'),
      this.queue.ping().then((ok) => (ok ? 'up' : 'down')),
    ]);
    return { status: 'ok', database, queue, queueBackend: this.queue.backend };
  }

  @Get('ready')
  async ready(@Req() req: Request) {
    const detailed = this.access.allows(req);
    const check = this.health.check([
      () => this.db.pingCheck('database', { timeout: 1000 }),
      async () => {
        const indicator = this.indicators.check('queue');
        return (await this.queue.ping()) ? indicator.up({ backend: this.queue.backend }) : indicator.down({ backend: this.queue.backend });
      },
    ]);
    try {
      const result = await check;
      return detailed ? result : { status: result.status };
    } catch (error) {
      if (!detailed && error instanceof ServiceUnavailableException) throw new ServiceUnavailableException({ status: 'error' });
      throw error;
    }
  }
}
