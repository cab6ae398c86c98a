import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { openRedis, RedisConnection } from '../redis/redis-connection';

/** What one attempt was told: go ahead, or wait `retryAfterMs`. */
export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** A fixed-window budget of `points` per `durationSeconds` for each key. */
export interface RateLimiter {
  /** Spends one point of the key's budget (a refused attempt spends one too). */
  consume(key: string): Promise<RateLimitVerdict>;
  /** Gives one point back (an attempt that turned out not to count). */
  refund(key: string): Promise<void>;
  /** Forgets the key's spending. */
  reset(key: string): Promise<void>;
}

/**
 * Rate limits shared by every API process: counters in Redis when REDIS_URL is set, else in this
 * process's memory. A Redis outage must neither lock everyone out nor fail requests, so each Redis
 * limiter has an in-memory insurance limiter that counts while Redis does not answer.
 */
@Injectable()
export class RateLimitService implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis?: RedisConnection;
  private redisDown = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.redisUrl) {
      // Fail fast rather than queue: a command waiting for Redis would hold up a sign-in, while the
      // insurance limiter can answer at once.
      this.redis = openRedis(config.redisUrl, config.redisCluster, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, connectionName: 'rate-limit' });
      this.redis.on('error', (error: Error) => {
        if (!this.redisDown) this.logger.warn(`redis unreachable (${error.message}): rate limits count in memory until it returns`);
        this.redisDown = true;
      });
      this.redis.on('ready', () => {
        if (this.redisDown) this.logger.log('redis is back: rate limits count in redis again');
        this.redisDown = false;
      });
    }
  }

  /** A limiter named `name` (its keys are namespaced by it and by QUEUE_PREFIX). */
  limiter(name: string, points: number, durationSeconds: number): RateLimiter {
    const keyPrefix = `${this.config.queuePrefix}:rate:${name}`;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });
    const store: RateLimiterAbstract = this.redis
      ? new RateLimiterRedis({ storeClient: this.redis, keyPrefix, points, duration: durationSeconds, rejectIfRedisNotReady: true, insuranceLimiter: memory })
      : memory;
    return {
      consume: async (key) => {
        try {
          await store.consume(key);
          return { allowed: true };
        } catch (outcome) {
          if (outcome instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(outcome.msBeforeNext, 0) };
          // Neither Redis nor the insurance limiter answered: let the attempt through rather than fail it.
          this.logger.warn(`rate limiter ${name} failed open: ${(outcome as Error)?.message ?? String(outcome)}`);
          return { allowed: true };
        }
      },
      refund: async (key) => {
        await store.reward(key, 1).catch(() => undefined);
      },
      reset: async (key) => {
        await store.delete(key).catch(() => undefined);
      },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}
