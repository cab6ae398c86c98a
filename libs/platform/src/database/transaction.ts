import { DataSource, EntityManager } from 'typeorm';

type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** A database transaction in progress, with work to run once it has committed. */
export interface Tx {
  readonly manager: EntityManager;
  /** Runs after the commit (enqueue a job, publish an event); never when the transaction rolls back. */
  afterCommit(work: () => unknown): void;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Runs `work` in one transaction: all of it commits or none of it does. Serialization failures and
 * deadlocks are retried (the work must be safe to run again), so they never reach a client.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (tx: Tx) => Promise<T>,
  options: { isolation?: IsolationLevel; retries?: number; onAfterCommitError?: (error: unknown) => void } = {},
): Promise<T> {
  const retries = options.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    const hooks: Array<() => unknown> = [];
    try {
      const run = (manager: EntityManager) => work({ manager, afterCommit: (hook) => hooks.push(hook) });
      // READ COMMITTED is PostgreSQL's default: naming it would cost a SET TRANSACTION round trip on
      // every transaction (TypeORM sends it as a statement of its own).
      const result = options.isolation && options.isolation !== 'READ COMMITTED' ? await dataSource.transaction(options.isolation, run) : await dataSource.transaction(run);
      for (const hook of hooks) {
        try {
          await hook();
        } catch (error) {
          options.onAfterCommitError?.(error);
        }
      }
      return result;
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (attempt < retries && code && RETRYABLE.has(code)) {
        await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
        continue;
      }
      throw error;
    }
  }
}

/** The PostgreSQL error code of a failed query, if it is one. */
export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
}

/** The constraint a failed query violated, if any. */
export function pgConstraint(error: unknown): string | undefined {
  const e = error as { constraint?: string; driverError?: { constraint?: string } };
  return e?.driverError?.constraint ?? e?.constraint;
}
