import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const GAUGE_TIMEOUT_MS = 1000;

/** The process's Prometheus registry and the metrics every part of the application shares. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operations by root field (the operation label), type and outcome',
    labelNames: ['operation', 'type', 'outcome'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors by code',
    labelNames: ['code'],
    registers: [this.registry],
  });

  readonly jobOutcomes = new Counter({
    name: 'queue_jobs_total',
    help: 'Background jobs by name and outcome',
    labelNames: ['job', 'outcome'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * A gauge whose values are read when Prometheus scrapes (queue depth, payouts by status). A source
   * that does not answer within a second (Redis down) leaves the gauge empty rather than hanging the
   * scrape: the scrape still shows everything else, and the outage itself.
   */
  gauge(name: string, help: string, labelNames: string[], collect: () => Promise<Array<{ labels: Record<string, string>; value: number }>>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<[]>((resolve) => (timer = setTimeout(() => resolve([]), GAUGE_TIMEOUT_MS)));
        const values = await Promise.race([collect().catch(() => [] as []), timeout]).finally(() => clearTimeout(timer));
        for (const { labels, value } of values) this.set(labels, value);
      },
    });
  }
}
