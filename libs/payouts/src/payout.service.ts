import { Injectable, Logger, Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEvents, inTransaction, invalidState, notFound, QueueService } from '@app/platform';
import { LedgerService, Payee, payoutPaid } from '@app/ledger';
import { householdPayoutAccountSql } from '@app/registry';
import { Batcher, ItemResult } from './batcher';
import { PayoutStatus } from './domain/enums';
import { PayoutData } from './domain/payout';
import { PayoutRow, toPayout } from './payout-row';
import { householdAllocationsOf } from './payout-links';
import { payoutJobId } from './payout-job-id';
import { PAYOUT_PROVIDER, PayoutProvider } from './provider/payout-provider';

/** One run of a payout job: which round it belongs to and whether a failure now is the last one. */
export interface PayoutAttempt {
  payoutId: string;
  /** The admin-retry round the job was queued for; a job of an older round is stale and does nothing. */
  round: number;
  /** True when this attempt failing leaves no retry: the payout becomes FAILED. */
  lastAttempt: boolean;
}

export type PayoutOutcome = 'paid' | 'already-done';

interface ClaimedPayout {
  id: string;
  retries: number;
  payee_kind: 'HOUSEHOLD' | 'STATION' | 'MERCHANT';
  station_id: string | null;
  amount_fen: string;
  payout_account: string | null;
}

interface Transferred {
  payoutId: string;
  reference: string;
}

const MAX_ERROR_LENGTH = 1_000;
/** Payout jobs that share one claim, one provider round and one PAID transaction (see Batcher). */
const BATCH_SIZE = 100;
const BATCHES_IN_FLIGHT = 4;

const attemptKey = (payoutId: string, round: number) => `${payoutId}:${round}`;

/**
 * Pays payouts through the provider, exactly once each: the provider is called with the idempotency key
 * `payout:<id>`, so a job that runs again after a crash (between the transfer and the database update)
 * gets the first transfer back rather than paying twice; PAID is recorded with its ledger entry in one
 * transaction, and only once (a conditional update, and the ledger's unique (kind, reference)).
 *
 * The queue runs many payout jobs at once; their attempts are grouped (Batcher) so that a group costs
 * one claim statement, one provider round and one PAID transaction instead of one each per payout.
 * Every job still gets its own outcome: one payout's failure fails only its job.
 */
@Injectable()
export class PayoutService {
  private readonly logger = new Logger('Payouts');
  private readonly batcher = new Batcher<PayoutAttempt, PayoutOutcome>((attempts) => this.processBatch(attempts), BATCH_SIZE, BATCHES_IN_FLIGHT);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYOUT_PROVIDER) private readonly provider: PayoutProvider,
    private readonly ledger: LedgerService,
    private readonly events: DomainEvents,
    private readonly queue: QueueService,
  ) {}

  /** How many payouts there are in each status (the operations metrics). */
  async countsByStatus(): Promise<Array<{ status: PayoutStatus; count: number }>> {
    const rows: Array<{ status: PayoutStatus; n: string }> = await this.dataSource.query('SELECT status, count(*) AS n FROM payouts GROUP BY status');
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }

  /** The body of a payout job. Throws when the attempt failed (the queue retries it with backoff). */
  process(attempt: PayoutAttempt): Promise<PayoutOutcome> {
    return this.batcher.submit(attempt);
  }

  private async processBatch(attempts: PayoutAttempt[]): Promise<Array<ItemResult<PayoutOutcome>>> {
    const claimed = await this.claim(attempts);
    // Stations have no payout account in the schema yet: the sandbox is paid to `station:<id>`.
    const transfers = await Promise.all(
      attempts.map(async (attempt): Promise<{ payout?: ClaimedPayout; reference?: string; error?: unknown }> => {
        const payout = claimed.get(attemptKey(attempt.payoutId, attempt.round));
        if (!payout) return {};
        const account = payout.payee_kind === 'STATION' ? `station:${payout.station_id}` : payout.payout_account!;
        try {
          const { reference } = await this.provider.transfer(`payout:${payout.id}`, account, Number(payout.amount_fen));
          return { payout, reference };
        } catch (error) {
          return { payout, error };
        }
      }),
    );

    const failed = attempts.flatMap((attempt, i) => (transfers[i].error === undefined ? [] : [{ attempt, error: transfers[i].error }]));
    const failureRecorded = failed.length > 0 ? this.recordFailures(failed).then(() => undefined, (e: unknown) => e) : Promise.resolve(undefined);
    const done = transfers.flatMap((t) => (t.reference ? [{ payoutId: t.payout!.id, reference: t.reference }] : []));
    const [paidErrors, recordError] = await Promise.all([this.markPaid(done), failureRecorded]);

    return attempts.map((attempt, i): ItemResult<PayoutOutcome> => {
      const t = transfers[i];
      if (!t.payout) return { ok: true, value: 'already-done' };
      if (t.error !== undefined) return { ok: false, error: recordError ?? t.error };
      const error = paidErrors.get(t.payout.id);
      return error === undefined ? { ok: true, value: 'paid' } : { ok: false, error };
    });
  }

  /**
   * PENDING (or PROCESSING, when a job runs again after its worker died) -> PROCESSING, one more
   * attempt, in one statement for the batch. A payout absent from the answer has nothing to do (PAID,
   * FAILED, or the job is of a stale round).
   */
  private async claim(attempts: PayoutAttempt[]): Promise<Map<string, ClaimedPayout>> {
    const rows: ClaimedPayout[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE payouts p SET status = 'PROCESSING', attempts = p.attempts + 1, updated_at = now()
           FROM (SELECT DISTINCT id, round FROM unnest($1::bigint[], $2::int[]) AS t(id, round)) r
          WHERE p.id = r.id AND p.retries = r.round AND p.status IN ('PENDING', 'PROCESSING')
         RETURNING p.id, p.retries, p.payee_kind, p.household_id, p.station_id, p.amount_fen, p.payout_account
       )
       -- The account fixed at settlement; the household's own only for a payout written without one.
       SELECT c.id::text, c.retries, c.payee_kind, c.station_id::text, c.amount_fen::text, COALESCE(c.payout_account, ${householdPayoutAccountSql('c.household_id')}) AS payout_account
         FROM claimed c`,
      [attempts.map((a) => a.payoutId), attempts.map((a) => a.round)],
    );
    return new Map(rows.map((r) => [attemptKey(r.id, r.retries), r]));
  }

  /**
   * The transfers are done: PAID, their ledger entries and the 'payout.paid' events, in one transaction
   * for the batch; should it fail, each payout gets a transaction of its own, so that one bad payout
   * fails only its own job. Returns the errors by payout id.
   */
  private async markPaid(done: Transferred[]): Promise<Map<string, unknown>> {
    const errors = new Map<string, unknown>();
    if (done.length === 0) return errors;
    try {
      await this.markPaidTogether(done);
    } catch (batchError) {
      if (done.length === 1) errors.set(done[0].payoutId, batchError);
      else {
        for (const one of done) await this.markPaidTogether([one]).catch((e: unknown) => errors.set(one.payoutId, e));
      }
    }
    return errors;
  }

  private async markPaidTogether(done: Transferred[]): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      // Whatever the status (a concurrent run may have recorded a failure): the money has moved.
      // Payouts already PAID (by another run of the same payout) are left alone.
      const paid: Array<{ id: string; payee_kind: string; household_id: string | null; station_id: string | null; merchant_id: string | null; amount_fen: string }> = await tx.manager.query(
        `WITH paid AS (
           UPDATE payouts p SET status = 'PAID', provider_reference = r.reference, paid_at = now(), last_error = NULL, updated_at = now()
             FROM (SELECT DISTINCT ON (id) id, reference FROM unnest($1::bigint[], $2::text[]) AS t(id, reference) ORDER BY id) r
            WHERE p.id = r.id AND p.status <> 'PAID'
           RETURNING p.id, p.payee_kind, p.household_id, p.station_id, p.merchant_id, p.amount_fen
         )
         SELECT id::text, payee_kind, household_id::text, station_id::text, merchant_id::text, amount_fen::text FROM paid ORDER BY id`,
        [done.map((d) => d.payoutId), done.map((d) => d.reference)],
      );
      await this.ledger.postAll(
        tx,
        paid.map((p) => {
          const payee: Payee =
            p.payee_kind === 'HOUSEHOLD'
              ? { kind: 'HOUSEHOLD', householdId: p.household_id! }
              : p.payee_kind === 'MERCHANT'
                ? { kind: 'MERCHANT', merchantId: p.merchant_id! }
                : { kind: 'STATION', stationId: p.station_id! };
          return payoutPaid({ payoutId: p.id, payee, amountFen: Number(p.amount_fen) });
        }),
      );
      const allocations = await householdAllocationsOf(tx, paid.map((p) => p.id));
      for (const p of paid) await this.events.emit(tx, 'payout.paid', { payoutId: p.id, householdAllocationIds: allocations.get(p.id) ?? [] });
    });
  }

  /** Failed attempts: back to PENDING to await the retry, or FAILED after the last one; one statement. */
  private async recordFailures(failed: Array<{ attempt: PayoutAttempt; error: unknown }>): Promise<void> {
    const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
    await this.dataSource.query(
      `UPDATE payouts p SET status = r.status::payout_status, last_error = r.message, updated_at = now()
         FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[]) AS r(id, round, message, status)
        WHERE p.id = r.id AND p.retries = r.round AND p.status = 'PROCESSING'`,
      [
        failed.map((f) => f.attempt.payoutId),
        failed.map((f) => f.attempt.round),
        failed.map((f) => message(f.error)),
        failed.map((f) => (f.attempt.lastAttempt ? PayoutStatus.FAILED : PayoutStatus.PENDING)),
      ],
    );
    for (const f of failed) if (f.attempt.lastAttempt) this.logger.warn(`payout ${f.attempt.payoutId} FAILED: ${message(f.error)}`);
  }

  /**
   * An admin's retry of a FAILED payout (INVALID_STATE otherwise): PENDING with a fresh set of
   * attempts, queued under a new job id (the failed job's id is still kept by the queue).
   */
  async retry(payoutId: string): Promise<PayoutData> {
    return inTransaction(this.dataSource, async (tx) => {
      // (UPDATE ... RETURNING is wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count].)
      const rows: Array<PayoutRow & { retries: number }> = await tx.manager.query(
        `WITH retried AS (
           UPDATE payouts SET status = 'PENDING', attempts = 0, retries = retries + 1, updated_at = now()
            WHERE id = $1 AND status = 'FAILED'
           RETURNING *
         )
         SELECT * FROM retried`,
        [payoutId],
      );
      const row = rows[0];
      if (!row) {
        const existing: Array<{ status: string }> = await tx.manager.query(`SELECT status FROM payouts WHERE id = $1`, [payoutId]);
        if (existing.length === 0) throw notFound('Payout', payoutId, 'id');
        throw invalidState(`Only a FAILED payout can be retried; payout ${payoutId} is ${existing[0].status}`);
      }
      tx.afterCommit(() =>
        this.queue
          .enqueue('payout.process', { payoutId }, { jobId: payoutJobId(payoutId, row.retries) })
          .catch((e: Error) => this.logger.warn(`payout ${payoutId}: queueing the retry failed (${e.message}); the relay will queue it`)),
      );
      return toPayout(row);
    });
  }
}
