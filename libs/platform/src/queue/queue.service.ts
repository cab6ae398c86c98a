import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createPostgresBackend, Job, JobsOptions, Queue, Worker, withBackend } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { openRedis, RedisConnection } from '../redis/redis-connection';
import { JobName, JobPayloads, JobQueues, QUEUE_NAMES, QueueName } from './jobs';

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<unknown>;
export type JobOutcome = 'completed' | 'failed';

export const QUEUE_OPTIONS = Symbol('QUEUE_OPTIONS');

/**
 * How long adding jobs may wait for the backend: ENQUEUE_TIMEOUT_MS, and 10 ms more a job for a bulk.
 * With Redis down, ioredis holds commands until it reconnects (BullMQ needs it to), so an enqueue after
 * a commit would otherwise hold its request up for the whole outage. So an enqueue fails at once while
 * the Redis connection is known lost, and after this long otherwise (the command then stays queued and
 * still runs if Redis returns). Callers log the failure; the payout relay and the schedules catch up.
 */
export const ENQUEUE_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: the queue did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface QueueOptions {
  /** Run the workers in this process: the worker app, or the API with WORKER=embedded. */
  runWorkers: boolean;
  /** Every job the domains declare, and its queue (libs/composition's JOBS). */
  jobs: Partial<JobQueues>;
}

/**
 * BullMQ for the whole application: on Redis when REDIS_URL is set, otherwise on BullMQ's PostgreSQL
 * backend in the application's database. The same Queue/Worker code either way.
 */
@Injectable()
export class QueueService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private readonly outcomeListeners: Array<(name: string, outcome: JobOutcome, job: Job | undefined, error?: Error) => void> = [];
  private redis?: RedisConnection;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private classes: { Queue: any; Worker: any };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private connection: any;
  private closed = false;
  /** Set once a Redis connection that was up is lost, until it is back: enqueues then fail at once. */
  private redisLost = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_OPTIONS) private readonly options: QueueOptions,
  ) {
    if (config.redisUrl) {
      // BullMQ needs maxRetriesPerRequest null on its blocking connections; commands wait while Redis is down.
      // On a Redis Cluster every queue's keys share one slot (the prefix is hash-tagged, below).
      this.redis = openRedis(config.redisUrl, config.redisCluster, { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false });
      this.redis.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
      this.redis.on('close', () => (this.redisLost = true));
      this.redis.on('ready', () => (this.redisLost = false));
      this.connection = this.redis;
      this.classes = { Queue, Worker };
    } else {
      this.connection = { connectionString: config.databaseUrl, migrate: true, max: 16, application_name: 'marketplace-queue' };
      this.classes = withBackend(createPostgresBackend);
    }
  }

  /** 'redis' or 'postgres': what the start-up line and the health check name. */
  get backend(): 'redis' | 'postgres' {
    return this.redis ? 'redis' : 'postgres';
  }

  get runsWorkers(): boolean {
    return this.options.runWorkers;
  }

  /** Registers the one handler of a job name (domain modules call this in onModuleInit). */
  handle<N extends JobName>(name: N, handler: JobHandler<N>): void {
    this.queueOf(name);
    if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  /** Called on every job outcome, for metrics. */
  onOutcome(listener: (name: string, outcome: JobOutcome, job: Job | undefined, error?: Error) => void): void {
    this.outcomeListeners.push(listener);
  }

  /**
   * Adds a job. With a jobId, adding it again while the first is kept changes nothing. Rejects when the
   * backend has not answered within ENQUEUE_TIMEOUT_MS.
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: JobsOptions = {}): Promise<void> {
    this.assertReachable(name);
    await withTimeout(this.queue(this.queueOf(name)).add(name, payload, { ...this.defaults(name), ...options }), ENQUEUE_TIMEOUT_MS, `enqueue ${name}`);
  }

  /** Adds many jobs of one name in one round trip (bounded as `enqueue` is). */
  async enqueueBulk<N extends JobName>(name: N, jobs: Array<{ payload: JobPayloads[N]; options?: JobsOptions }>): Promise<void> {
    if (jobs.length === 0) return;
    this.assertReachable(name);
    await withTimeout(
      this.queue(this.queueOf(name)).addBulk(jobs.map((j) => ({ name, data: j.payload, opts: { ...this.defaults(name), ...j.options } }))),
      ENQUEUE_TIMEOUT_MS + 10 * jobs.length,
      `enqueue ${jobs.length} ${name}`,
    );
  }

  /** The queue a job runs on; a job no domain declared is a programming error. */
  private queueOf(name: JobName): QueueName {
    const queue = this.options.jobs[name];
    if (!queue) throw new Error(`job ${name} is not declared (libs/composition's JOBS lists every domain's jobs)`);
    return queue;
  }

  /** Fails at once while Redis is known to be down, rather than waiting out the timeout each time. */
  private assertReachable(name: JobName): void {
    if (this.redis && this.redisLost) throw new Error(`enqueue ${name}: Redis is unreachable (${this.redis.status})`);
  }

  /** Runs a job every `everyMs` (a BullMQ job scheduler, one per name however many processes start). */
  async schedule<N extends JobName>(name: N, everyMs: number, payload: JobPayloads[N]): Promise<void> {
    const queue = this.queue(this.queueOf(name));
    if (everyMs <= 0) {
      await queue.removeJobScheduler(name);
      return;
    }
    await queue.upsertJobScheduler(name, { every: everyMs }, { name, data: payload, opts: this.defaults(name) });
  }

  /** The job ids present in a queue in any state that will still run (waiting, delayed, active, prioritized). */
  async pendingJobIds(name: JobName): Promise<Set<string>> {
    const jobs = await this.queue(this.queueOf(name)).getJobs(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
    return new Set(jobs.filter((j: Job | undefined) => j && j.name === name).map((j: Job) => String(j.id)));
  }

  async getJob(name: JobName, jobId: string): Promise<Job | undefined> {
    return this.queue(this.queueOf(name)).getJob(jobId);
  }

  /** Waiting, active, delayed, failed and completed counts per queue. */
  async counts(): Promise<Record<QueueName, Record<string, number>>> {
    const result = {} as Record<QueueName, Record<string, number>>;
    for (const name of QUEUE_NAMES) {
      result[name] = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
    }
    return result;
  }

  /** True when the backend answers within the timeout. */
  async ping(timeoutMs = 1000): Promise<boolean> {
    const probe = this.redis
      ? this.redis.ping().then((r) => r === 'PONG')
      : this.queue('maintenance').getJobCounts('waiting').then(() => true);
    const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref());
    return Promise.race([probe.catch(() => false), timeout]);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runWorkers) return;
    // A declared job that nothing handles would wait in its queue for ever: refuse to start instead.
    const missing = (Object.keys(this.options.jobs) as JobName[]).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) {
      throw new Error(`the worker has no handler for ${missing.map((name) => `job ${name} (queue ${this.queueOf(name)})`).join(', ')}: its domain module registers one with QueueService.handle`);
    }
    for (const name of QUEUE_NAMES) this.startWorker(name);
  }

  /**
   * The workers stop taking jobs and finish those in flight here, before any module's shutdown hook
   * runs: the database connections those jobs need close in TypeORM's onApplicationShutdown.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close().catch((e: Error) => this.logger.warn(`worker close: ${e.message}`))));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }

  private startWorker(queueName: QueueName): void {
    const worker: Worker = new this.classes.Worker(
      queueName,
      async (job: Job) => {
        const handler = this.handlers.get(job.name as JobName);
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        return handler(job.data, job);
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency: queueName === 'payouts' ? this.config.payoutWorkerConcurrency : this.config.workerConcurrency,
        lockDuration: this.config.jobLockMs,
        stalledInterval: this.config.jobLockMs,
        maxStalledCount: 10, // a killed worker's job runs again rather than failing: handlers are idempotent
      },
    );
    worker.on('completed', (job: Job) => this.outcomeListeners.forEach((l) => l(job.name, 'completed', job)));
    worker.on('failed', (job: Job | undefined, error: Error) => {
      this.outcomeListeners.forEach((l) => l(job?.name ?? 'unknown', 'failed', job, error));
      this.logger.warn(`job ${job?.name}#${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
    });
    worker.on('error', (error: Error) => this.logger.warn(`worker ${queueName}: ${error.message}`));
    this.workers.push(worker);
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new this.classes.Queue(name, { connection: this.connection, prefix: this.prefix }) as Queue;
      queue.on('error', (error: Error) => this.logger.warn(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Hash-tagged, so each queue's keys stay in one Redis Cluster slot. */
  private get prefix(): string {
    return `{${this.config.queuePrefix}}`;
  }

  private defaults(name: JobName): JobsOptions {
    const base: JobsOptions = { removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };
    if (name === 'payout.process' || name === 'loan.disburse' || name === 'payment.refund') {
      return { ...base, attempts: this.config.payoutMaxAttempts, backoff: { type: 'exponential', delay: this.config.payoutBackoffMs } };
    }
    return base;
  }
}
