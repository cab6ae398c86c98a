import { plainToInstance, Transform } from 'class-transformer';
import { ADMIN_PASSWORD_RULE, TOKEN_SECRET_RULE, weakSecretReason } from './secrets';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toNumber = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The process environment, validated once at boot. The only place that knows variable names. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DATABASE_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DATABASE_REPLICA_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(['none', 'transaction'])
  DATABASE_POOLER?: 'none' | 'transaction';

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DATA_DIR?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  REDIS_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(['true', 'false'])
  REDIS_CLUSTER?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(32)
  JWT_SECRET?: string;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(60)
  JWT_TTL_SECONDS?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(8)
  ADMIN_PASSWORD?: string;

  @IsOptional() @IsIn(['embedded', 'off'])
  WORKER?: 'embedded' | 'off';

  // Beyond half the gross the stations' and suppliers' shares stop making sense; 10000 would leave them nothing.
  @Transform(toNumber) @IsOptional() @IsInt() @Min(0) @Max(5000, { message: 'PLATFORM_FEE_BPS must be at most 5000 (50%): the rest goes to the station and the supplier' })
  PLATFORM_FEE_BPS?: number;

  @Transform(toNumber) @IsOptional() @IsNumber() @Min(0)
  SETTLEMENT_HOLDBACK_HOURS?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0)
  SETTLEMENT_INTERVAL_MINUTES?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0)
  LOAN_SERVICING_INTERVAL_MINUTES?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(1) @Max(100)
  PAYOUT_MAX_ATTEMPTS?: number;

  @IsOptional() @IsIn(['sandbox'])
  PAYOUT_PROVIDER?: 'sandbox';

  @Transform(toNumber) @IsOptional() @IsNumber() @Min(0) @Max(1)
  SANDBOX_FAILURE_RATE?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0)
  SANDBOX_LATENCY_MS?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  QUEUE_PREFIX?: string;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(1) @Max(500)
  DATABASE_POOL_SIZE?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(1) @Max(256)
  WORKER_CONCURRENCY?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(1) @Max(1024)
  PAYOUT_WORKER_CONCURRENCY?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(10) @Max(20)
  PASSWORD_HASH_COST?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0)
  ROUTING_RETRY_INTERVAL_SECONDS?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0)
  PAYOUT_RELAY_INTERVAL_SECONDS?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0)
  RATE_LIMIT_LOGIN_PER_MINUTE?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  @Matches(/^(true|false|\d{1,2}|[\w.:/,\s-]+)$/, { message: 'TRUST_PROXY must be true, false, a hop count, or addresses/subnets (e.g. loopback, 10.0.0.0/8)' })
  TRUST_PROXY?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(1000)
  JOB_LOCK_MS?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0)
  PAYOUT_BACKOFF_MS?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0) @Max(300)
  PUBLIC_CACHE_SECONDS?: number;

  @Transform(toNumber) @IsOptional() @IsNumber() @Min(0) @Max(365)
  PICKUP_DAYS?: number;

  @Transform(toNumber) @IsOptional() @IsInt() @Min(0)
  PICKUP_RETURN_INTERVAL_SECONDS?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(['true', 'false'])
  GRAPHQL_INTROSPECTION?: 'true' | 'false';

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  METRICS_TOKEN?: string;
}

export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  /** Unset: the embedded PostgreSQL in dataDir is started and its URL used. */
  readonly databaseUrl?: string;
  readonly databasePoolSize: number;
  /** A streaming replica the reports read from (ReportReads); unset: they read the primary. */
  readonly databaseReplicaUrl?: string;
  /**
   * `transaction`: DATABASE_URL is a pooler in transaction mode (PgBouncer's `pool_mode = transaction`),
   * where a connection's session is not the client's own: no startup parameters, no named statements,
   * the time limits set on the role instead.
   */
  readonly databasePooler: 'none' | 'transaction';
  readonly dataDir: string;
  /** Unset: BullMQ runs on its PostgreSQL backend in the application's database. */
  readonly redisUrl?: string;
  /** REDIS_URL names the nodes (comma-separated) of a Redis Cluster rather than one server. */
  readonly redisCluster: boolean;
  /** Unset outside production: generated once into dataDir. */
  readonly jwtSecret?: string;
  readonly jwtTtlSeconds: number;
  readonly adminEmail?: string;
  readonly adminPassword?: string;
  readonly worker: 'embedded' | 'off';
  readonly workerConcurrency: number;
  /**
   * Payout jobs run at once per worker process. Higher than the other queues': a payout job mostly
   * waits (on the provider), and concurrent ones share their database round trips in batches.
   */
  readonly payoutWorkerConcurrency: number;
  readonly platformFeeBps: number;
  readonly settlementHoldbackHours: number;
  readonly settlementIntervalMinutes: number;
  /** How often loans are serviced: subsidies of instalments fallen due, OVERDUE / DEFAULTED moves; 0 turns it off. */
  readonly loanServicingIntervalMinutes: number;
  readonly payoutMaxAttempts: number;
  readonly payoutProvider: 'sandbox';
  readonly sandboxFailureRate: number;
  readonly sandboxLatencyMs: number;
  /** Namespace of every queue: lets test runs and deployments share one Redis without seeing each other. */
  readonly queuePrefix: string;
  /** argon2id memory cost as a power of two in KiB (16: 64 MiB). */
  readonly passwordHashCost: number;
  readonly routingRetryIntervalSeconds: number;
  readonly payoutRelayIntervalSeconds: number;
  /** Sign-in and registration attempts a minute, per client address and per email; 0 turns the limit off. */
  readonly rateLimitLoginPerMinute: number;
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address (rate
   * limits, logs). false (the default) believes none: a client could otherwise pick its own address.
   */
  readonly trustProxy: boolean | number | string;
  readonly logLevel: string;
  /** BullMQ lock duration and stalled-check interval: how soon a killed worker's jobs run again. */
  readonly jobLockMs: number;
  /** First retry delay of a failed payout attempt; doubles each attempt. */
  readonly payoutBackoffMs: number;
  /** How long anonymous GraphQL reads are served from the response cache; 0 turns it off. */
  readonly publicCacheSeconds: number;
  /** Days a village order waits at the station (from its arrival) before the goods go back. */
  readonly pickupDays: number;
  /** How often village orders past their pickup days are returned; 0 turns the schedule off. */
  readonly pickupReturnIntervalSeconds: number;
  /** Whether GraphQL answers introspection (__schema, __type); off by default in production. */
  readonly graphqlIntrospection: boolean;
  /** Bearer token for /metrics and the health details; unset, /metrics is refused to everyone. */
  readonly metricsToken?: string;
}

export class ConfigValidationError extends Error {}

/** TRUST_PROXY as Express takes it: a boolean, a hop count, or a list of addresses and subnets. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  const v = value?.trim();
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/**
 * In production a secret must be one nobody else can know or guess: not a value this project ever
 * committed or published (the first docker-compose.yml's, the README's, the demo seed's passwords), not
 * a stand-in ("change-me"), and not weak by zxcvbn's estimate. Elsewhere tokens and accounts are
 * throwaway, and the tests use fixed secrets.
 */
function refuseWeakSecrets(parsed: EnvironmentVariables): void {
  const lines: string[] = [];
  const jwt = parsed.JWT_SECRET && weakSecretReason(parsed.JWT_SECRET, TOKEN_SECRET_RULE);
  if (jwt) lines.push(`JWT_SECRET ${jwt}`);
  const admin = parsed.ADMIN_PASSWORD && weakSecretReason(parsed.ADMIN_PASSWORD, ADMIN_PASSWORD_RULE);
  if (admin) lines.push(`ADMIN_PASSWORD ${admin}`);
  if (lines.length > 0) throw new ConfigValidationError(`invalid configuration (NODE_ENV=production):\n  ${lines.join('\n  ')}`);
}

/** Reads and validates the environment; throws ConfigValidationError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(EnvironmentVariables, { ...env }, { enableImplicitConversion: false });
  const errors = validateSync(parsed, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new ConfigValidationError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const nodeEnv = (parsed.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (nodeEnv === 'production' && !parsed.JWT_SECRET) {
    throw new ConfigValidationError('invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (parsed.DATABASE_POOLER === 'transaction' && (!parsed.DATABASE_URL || !parsed.REDIS_URL)) {
    throw new ConfigValidationError(
      'invalid configuration:\n  DATABASE_POOLER=transaction needs DATABASE_URL (the pooler) and REDIS_URL: the embedded database has ' +
        'no pooler, and BullMQ\'s PostgreSQL backend waits for jobs with LISTEN, which a transaction pooler cannot carry',
    );
  }
  if (nodeEnv === 'production') refuseWeakSecrets(parsed);
  if (parsed.REDIS_CLUSTER === 'true' && !parsed.REDIS_URL) {
    throw new ConfigValidationError('invalid configuration:\n  REDIS_CLUSTER: needs REDIS_URL to name at least one node of the cluster');
  }
  if (parsed.REDIS_URL) {
    for (const node of parsed.REDIS_URL.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!/^rediss?:\/\/[^\s]+$/.test(node)) {
        throw new ConfigValidationError(`invalid configuration:\n  REDIS_URL: ${node.replace(/:[^:@/]*@/, ':***@')} is not a redis:// URL`);
      }
    }
    if (parsed.REDIS_CLUSTER !== 'true' && parsed.REDIS_URL.includes(',')) {
      throw new ConfigValidationError('invalid configuration:\n  REDIS_URL: several nodes need REDIS_CLUSTER=true');
    }
  }
  if ((parsed.ADMIN_EMAIL === undefined) !== (parsed.ADMIN_PASSWORD === undefined)) {
    throw new ConfigValidationError('invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD go together');
  }
  return {
    nodeEnv,
    port: parsed.PORT ?? 3000,
    databaseUrl: parsed.DATABASE_URL,
    databasePoolSize: parsed.DATABASE_POOL_SIZE ?? 20,
    databaseReplicaUrl: parsed.DATABASE_REPLICA_URL,
    databasePooler: parsed.DATABASE_POOLER ?? 'none',
    dataDir: parsed.DATA_DIR ?? './.data',
    redisUrl: parsed.REDIS_URL,
    redisCluster: parsed.REDIS_CLUSTER === 'true',
    jwtSecret: parsed.JWT_SECRET,
    jwtTtlSeconds: parsed.JWT_TTL_SECONDS ?? 12 * 3600,
    adminEmail: parsed.ADMIN_EMAIL,
    adminPassword: parsed.ADMIN_PASSWORD,
    worker: parsed.WORKER ?? 'embedded',
    workerConcurrency: parsed.WORKER_CONCURRENCY ?? 8,
    payoutWorkerConcurrency: parsed.PAYOUT_WORKER_CONCURRENCY ?? 256,
    platformFeeBps: parsed.PLATFORM_FEE_BPS ?? 300,
    settlementHoldbackHours: parsed.SETTLEMENT_HOLDBACK_HOURS ?? 72,
    settlementIntervalMinutes: parsed.SETTLEMENT_INTERVAL_MINUTES ?? 60,
    loanServicingIntervalMinutes: parsed.LOAN_SERVICING_INTERVAL_MINUTES ?? 60,
    payoutMaxAttempts: parsed.PAYOUT_MAX_ATTEMPTS ?? 5,
    payoutProvider: parsed.PAYOUT_PROVIDER ?? 'sandbox',
    sandboxFailureRate: parsed.SANDBOX_FAILURE_RATE ?? 0,
    sandboxLatencyMs: parsed.SANDBOX_LATENCY_MS ?? 0,
    queuePrefix: parsed.QUEUE_PREFIX ?? 'market',
    passwordHashCost: parsed.PASSWORD_HASH_COST ?? (nodeEnv === 'test' ? 10 : 16),
    routingRetryIntervalSeconds: parsed.ROUTING_RETRY_INTERVAL_SECONDS ?? 120,
    payoutRelayIntervalSeconds: parsed.PAYOUT_RELAY_INTERVAL_SECONDS ?? 60,
    rateLimitLoginPerMinute: parsed.RATE_LIMIT_LOGIN_PER_MINUTE ?? 10,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    logLevel: parsed.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    jobLockMs: parsed.JOB_LOCK_MS ?? 30000,
    payoutBackoffMs: parsed.PAYOUT_BACKOFF_MS ?? 2000,
    publicCacheSeconds: parsed.PUBLIC_CACHE_SECONDS ?? (nodeEnv === 'test' ? 0 : 2),
    pickupDays: parsed.PICKUP_DAYS ?? 14,
    pickupReturnIntervalSeconds: parsed.PICKUP_RETURN_INTERVAL_SECONDS ?? 300,
    graphqlIntrospection: parsed.GRAPHQL_INTROSPECTION ? parsed.GRAPHQL_INTROSPECTION === 'true' : nodeEnv !== 'production',
    metricsToken: parsed.METRICS_TOKEN,
  };
}
