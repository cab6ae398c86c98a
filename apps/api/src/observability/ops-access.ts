import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { APP_CONFIG, AppConfig } from '@app/platform';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read the operator's endpoints (/metrics, the details of /health): a caller presenting
 * METRICS_TOKEN as `Authorization: Bearer <token>`. Without METRICS_TOKEN nobody may: the metrics are
 * not open to the internet by default. Compared in constant time.
 */
@Injectable()
export class OpsAccess {
  private readonly expected?: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.metricsToken ? digest(config.metricsToken) : undefined;
  }

  allows(req: Request): boolean {
    if (!this.expected) return false;
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    return token !== undefined && timingSafeEqual(digest(token), this.expected);
  }
}
