import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { currentActor } from '../context/request-context';
import { poolOptions } from './data-source';

/** How long after a caller's write its reports come from the primary (read-your-writes). */
export const READ_YOUR_WRITES_MS = 5_000;
/** A replica further behind than this is not read; its lag is asked at most this often. */
export const MAX_REPLICA_LAG_MS = 5_000;
const LAG_CHECK_MS = 1_000;
/** After a replica error, the primary serves for this long before the replica is tried again. */
const REPLICA_BACKOFF_MS = 5_000;

/** Where one report read went (for tests and logs). */
export type ReadTarget = 'replica' | 'primary';

/**
 * The reports' reads (impact, and any report that can bear a few seconds of lag): from the streaming
 * replica at DATABASE_REPLICA_URL when one is set, else the primary. The primary serves instead when
 * the caller wrote in the last READ_YOUR_WRITES_MS (what they just changed shows at once), when the
 * replica is more than MAX_REPLICA_LAG_MS behind, and when it fails or cannot be reached (the read
 * runs again on the primary: a replica outage is never the caller's error).
 *
 * A plain pg pool rather than TypeORM's `replication` option: TypeORM connects every replica at start
 * and fails the start when one is down, while a report replica must be optional at every moment.
 * Writes are noted per process (RecordWritesPlugin): behind several API processes, route a caller's
 * requests to one of them (sticky sessions) for read-your-writes across them.
 */
@Injectable()
export class ReportReads implements OnApplicationShutdown {
  private readonly logger = new Logger('ReportReads');
  private readonly replica?: Pool;
  private readonly lastWrite = new Map<string, number>();
  private lag: { at: number; ok: boolean } = { at: 0, ok: false };
  private replicaDownUntil = 0;
  /** Where the last read went: tests and the replica's health metric read it. */
  lastTarget: ReadTarget = 'primary';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly primary: DataSource,
  ) {
    if (config.databaseReplicaUrl) {
      this.replica = new Pool({
        ...poolOptions(Math.max(2, Math.ceil(config.databasePoolSize / 2)), config.databasePooler),
        connectionString: config.databaseReplicaUrl,
        application_name: 'marketplace-reports',
        connectionTimeoutMillis: 1_000,
      });
      this.replica.on('error', (error) => this.logger.warn(`idle replica connection lost: ${error.message}`));
    }
  }

  /** Notes that `userId` changed something: their reports read the primary for a while. */
  noteWrite(userId: string): void {
    const now = Date.now();
    this.lastWrite.set(userId, now);
    if (this.lastWrite.size > 10_000) {
      for (const [id, at] of this.lastWrite) if (now - at > READ_YOUR_WRITES_MS) this.lastWrite.delete(id);
    }
  }

  /** Runs one read-only statement of a report where it should go for the caller of this request. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as TypeORM's query() gives them
  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.replica && (await this.replicaUsable(currentActor()?.userId ?? null))) {
      try {
        const result = await this.replica.query(sql, params);
        this.lastTarget = 'replica';
        return result.rows as T[];
      } catch (error) {
        // A read can run again anywhere: the primary answers what the replica could not (down, or a
        // statement cancelled by a conflict with recovery); a statement's own error recurs there.
        if (isConnectionError(error)) {
          this.replicaDownUntil = Date.now() + REPLICA_BACKOFF_MS;
          this.logger.warn(`replica unreachable (${(error as Error).message}): reports read the primary`);
        }
      }
    }
    this.lastTarget = 'primary';
    return this.primary.query(sql, params);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.replica?.end();
  }

  private async replicaUsable(readerId: string | null): Promise<boolean> {
    const now = Date.now();
    if (now < this.replicaDownUntil) return false;
    if (readerId && now - (this.lastWrite.get(readerId) ?? 0) < READ_YOUR_WRITES_MS) return false;
    if (now - this.lag.at >= LAG_CHECK_MS) this.lag = { at: now, ok: await this.lagWithinBounds() };
    return this.lag.ok;
  }

  /** Caught up (all it received is replayed), or its last replayed transaction is recent enough. */
  private async lagWithinBounds(): Promise<boolean> {
    try {
      const { rows: [row] } = await this.replica!.query(
        `SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                     ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000, 1e12) END AS lag_ms`,
      );
      const ok = Number(row.lag_ms) <= MAX_REPLICA_LAG_MS;
      if (!ok) this.logger.warn(`replica ${Math.round(Number(row.lag_ms))} ms behind: reports read the primary`);
      return ok;
    } catch (error) {
      this.replicaDownUntil = Date.now() + REPLICA_BACKOFF_MS;
      this.logger.warn(`replica unreachable (${(error as Error).message}): reports read the primary`);
      return false;
    }
  }
}

/** A failure of the connection (refused, reset, timed out, shut down), not of the statement. */
function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e.code && /^(08|57P0[1-3])/.test(e.code)) return true; // connection exception; admin/crash shutdown
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(e.code)) return true;
  return /timeout|terminated|connect/i.test(e.message ?? '');
}
