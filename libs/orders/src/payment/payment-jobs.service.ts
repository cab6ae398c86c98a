import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toFen } from '@app/kernel';
import { QueueService, Tx } from '@app/platform';
import { PAYMENT_GATEWAY, PaymentGateway } from './payment-gateway';

interface JobRow {
  id: string;
  order_id: string;
  kind: 'CAPTURE' | 'REFUND';
  status: 'PENDING' | 'DONE';
  authorisation: string;
  amount_fen: string;
}

const CAPTURE_BATCH = 500;
const MAX_ERROR_LENGTH = 1_000;
/** Captures asked for within this long share one job. */
const CAPTURE_DEBOUNCE_MS = 20;

export const refundJobId = (orderId: string) => `refund-${orderId}`;

/**
 * The payments outbox (payment_jobs) worked off at the gateway. Rows are written in the transaction of
 * what caused them (an order: CAPTURE; its cancellation: REFUND); the queue drives the work after the
 * commit, and the relay puts back what the queue lost. Every gateway operation is idempotent per
 * authorisation, so running a job twice (a worker that died, a relay racing a retry) moves money once.
 */
@Injectable()
export class PaymentJobsService {
  private readonly logger = new Logger('Payments');
  private captureRequested = false;
  private sweeping: Promise<number> | null = null;
  private sweepAgain = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly queue: QueueService,
  ) {}

  /** An order committed with a CAPTURE row: ask for a capture run soon (requests close together share one). */
  requestCapture(): void {
    if (this.captureRequested) return;
    this.captureRequested = true;
    setTimeout(() => {
      this.captureRequested = false;
      // The relay's run catches up if the queue is unreachable now.
      this.queue.enqueue('payment.capture', {}).catch((e: Error) => this.logger.warn(`could not enqueue payment.capture: ${e.message}`));
    }, CAPTURE_DEBOUNCE_MS).unref();
  }

  /** Writes the REFUND row in the cancelling transaction and queues its job once that commits. */
  async refundInTransaction(tx: Tx, orderId: string, authorisation: string, amountFen: number): Promise<void> {
    await tx.manager.query(
      `INSERT INTO payment_jobs (order_id, kind, authorisation, amount_fen) VALUES ($1, 'REFUND', $2, $3) ON CONFLICT (order_id, kind) DO NOTHING`,
      [orderId, authorisation, amountFen],
    );
    tx.afterCommit(() =>
      this.queue
        .enqueue('payment.refund', { orderId }, { jobId: refundJobId(orderId) })
        .catch((e: Error) => this.logger.warn(`could not enqueue the refund of order ${orderId} (${e.message}); the relay will`)),
    );
  }

  /**
   * Captures every PENDING capture, in batches; one sweep at a time per process (a request during a
   * sweep makes it go round once more). Returns how many it captured.
   */
  captureDue(): Promise<number> {
    if (this.sweeping) {
      this.sweepAgain = true;
      return this.sweeping;
    }
    this.sweeping = (async () => {
      let total = 0;
      try {
        do {
          this.sweepAgain = false;
          for (;;) {
            const rows: JobRow[] = await this.dataSource.query(
              `SELECT id::text, order_id::text, kind, status, authorisation, amount_fen::text FROM payment_jobs
                WHERE kind = 'CAPTURE' AND status = 'PENDING' ORDER BY id LIMIT $1`,
              [CAPTURE_BATCH],
            );
            if (rows.length === 0) break;
            const results = await Promise.allSettled(rows.map((r) => this.gateway.capture(r.authorisation, toFen(r.amount_fen))));
            const failed = rows.flatMap((r, i) => (results[i].status === 'rejected' ? [{ row: r, error: (results[i] as PromiseRejectedResult).reason }] : []));
            await this.markDone(rows.filter((_, i) => results[i].status === 'fulfilled').map((r) => r.id));
            await this.recordFailures(failed);
            total += rows.length - failed.length;
            if (failed.length > 0) break; // leave them to the next run rather than spin
          }
        } while (this.sweepAgain);
      } finally {
        this.sweeping = null;
      }
      return total;
    })();
    return this.sweeping;
  }

  /**
   * Refunds a cancelled order: its capture first if still pending (capture is idempotent, so a capture
   * run racing this one captures once), then the refund. Throws when the gateway fails (the queue
   * retries with backoff; the relay re-queues a refund whose job gave up). 'done' when already refunded.
   */
  async refund(orderId: string): Promise<'refunded' | 'already-done' | 'nothing'> {
    const rows: JobRow[] = await this.dataSource.query(
      `SELECT id::text, order_id::text, kind, status, authorisation, amount_fen::text FROM payment_jobs WHERE order_id = $1`,
      [orderId],
    );
    const refund = rows.find((r) => r.kind === 'REFUND');
    if (!refund) return 'nothing';
    if (refund.status === 'DONE') return 'already-done';
    try {
      const capture = rows.find((r) => r.kind === 'CAPTURE');
      if (capture && capture.status === 'PENDING') {
        await this.gateway.capture(capture.authorisation, toFen(capture.amount_fen));
        await this.markDone([capture.id]);
      }
      await this.gateway.refund(refund.authorisation, toFen(refund.amount_fen));
      await this.markDone([refund.id]);
      return 'refunded';
    } catch (error) {
      await this.recordFailures([{ row: refund, error }]).catch(() => undefined);
      throw error;
    }
  }

  /** Refund rows still PENDING, for the relay (each with its job id). */
  async pendingRefunds(): Promise<string[]> {
    const rows: Array<{ order_id: string }> = await this.dataSource.query(
      `SELECT order_id::text FROM payment_jobs WHERE kind = 'REFUND' AND status = 'PENDING' ORDER BY id`,
    );
    return rows.map((r) => r.order_id);
  }

  async hasPendingCaptures(): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM payment_jobs WHERE kind = 'CAPTURE' AND status = 'PENDING' LIMIT 1`);
    return rows.length > 0;
  }

  private async markDone(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE payment_jobs SET status = 'DONE', done_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[]) AND status = 'PENDING'`,
      [ids],
    );
  }

  private async recordFailures(failed: Array<{ row: JobRow; error: unknown }>): Promise<void> {
    if (failed.length === 0) return;
    const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR_LENGTH);
    await this.dataSource.query(
      `UPDATE payment_jobs j SET attempts = j.attempts + 1, last_error = f.message
         FROM unnest($1::bigint[], $2::text[]) AS f(id, message) WHERE j.id = f.id AND j.status = 'PENDING'`,
      [failed.map((f) => f.row.id), failed.map((f) => message(f.error))],
    );
    for (const f of failed) this.logger.warn(`payment ${f.row.kind.toLowerCase()} of order ${f.row.order_id} failed: ${message(f.error)}`);
  }
}
