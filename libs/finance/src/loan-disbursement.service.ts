import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { civilDay, toFen } from '@app/kernel';
import { AppConfig, APP_CONFIG, inTransaction, QueueService } from '@app/platform';
import { LedgerService, loanDisbursed } from '@app/ledger';
import { PAYOUT_PROVIDER, PayoutProvider } from '@app/payouts';
import { householdPayoutAccount } from '@app/registry';
import { addMonths } from './domain/loan-schedule';
import { disbursementJobId } from './loan.service';

const MAX_ERROR_LENGTH = 1_000;

/**
 * Pays an approved loan out to the household's payout account through the payout provider, exactly
 * once: the provider's idempotency key is `loan:<id>`, so a job that runs again after a crash between
 * the transfer and the update gets the first transfer back; DISBURSED, the due dates and the ledger
 * entry are written together, once (a conditional update and the ledger's unique (kind, reference)).
 */
@Injectable()
export class LoanDisbursementService {
  private readonly logger = new Logger('LoanDisbursement');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYOUT_PROVIDER) private readonly provider: PayoutProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: LedgerService,
    private readonly queue: QueueService,
  ) {}

  /** The body of a 'loan.disburse' job; throws when the attempt failed (the queue retries it). */
  async process(loanId: string, lastAttempt: boolean): Promise<'disbursed' | 'already-done'> {
    const claimed: Array<{ amount_fen: string; household_id: string }> = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE loans SET disbursement_status = 'PROCESSING', disbursement_attempts = disbursement_attempts + 1, updated_at = now()
          WHERE id = $1 AND status = 'APPROVED' AND disbursement_status IN ('PENDING', 'PROCESSING')
         RETURNING amount_fen, household_id
       ) SELECT amount_fen::text, household_id::text FROM claimed`,
      [loanId],
    );
    if (claimed.length === 0) return 'already-done';
    const account = (await householdPayoutAccount(this.dataSource.manager, claimed[0].household_id))!;
    let reference: string;
    try {
      ({ reference } = await this.provider.transfer(`loan:${loanId}`, account, toFen(claimed[0].amount_fen)));
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
      await this.dataSource.query(
        `UPDATE loans SET disbursement_status = $2::disbursement_status, disbursement_error = $3, updated_at = now() WHERE id = $1 AND status = 'APPROVED' AND disbursement_status = 'PROCESSING'`,
        [loanId, lastAttempt ? 'FAILED' : 'PENDING', message],
      );
      if (lastAttempt) this.logger.warn(`loan ${loanId}: disbursement FAILED: ${message}`);
      throw error;
    }
    await inTransaction(this.dataSource, async (tx) => {
      const now = new Date();
      const done: Array<{ amount_fen: string }> = await tx.manager.query(
        `WITH done AS (
           UPDATE loans SET status = 'DISBURSED', disbursement_status = 'PAID', disbursement_reference = $2, disbursement_error = NULL,
                            disbursed_at = $3, outstanding_principal_fen = amount_fen, updated_at = now()
            WHERE id = $1 AND status = 'APPROVED'
           RETURNING amount_fen
         ) SELECT amount_fen::text FROM done`,
        [loanId, reference, now],
      );
      if (done.length === 0) return;
      // Equal instalments each month on the day of disbursement (Asia/Shanghai).
      const day = civilDay(now);
      const instalments: Array<{ seq: number }> = await tx.manager.query('SELECT seq FROM loan_instalments WHERE loan_id = $1 ORDER BY seq', [loanId]);
      await tx.manager.query(
        `UPDATE loan_instalments i SET due_on = d.due_on FROM unnest($2::int[], $3::date[]) AS d(seq, due_on) WHERE i.loan_id = $1 AND i.seq = d.seq`,
        [loanId, instalments.map((i) => i.seq), instalments.map((i) => addMonths(day, i.seq))],
      );
      await this.ledger.post(tx, loanDisbursed({ loanId, amountFen: toFen(done[0].amount_fen) }));
    });
    return 'disbursed';
  }

  /**
   * Re-queues the disbursements of approved loans the queue has lost (PENDING, or PROCESSING untouched
   * for longer than a job lock). The job id is the loan's, so a job still present is never doubled.
   */
  async relay(): Promise<number> {
    const present = await this.queue.pendingJobIds('loan.disburse');
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id::text FROM loans WHERE status = 'APPROVED'
          AND (disbursement_status = 'PENDING' OR (disbursement_status = 'PROCESSING' AND updated_at < now() - $1::int * interval '1 millisecond'))
        ORDER BY id`,
      [this.config.jobLockMs],
    );
    const missing = rows.filter((r) => !present.has(disbursementJobId(r.id)));
    for (const m of missing) {
      const stale = await this.queue.getJob('loan.disburse', disbursementJobId(m.id));
      if (stale) await stale.remove().catch(() => undefined);
    }
    await this.queue.enqueueBulk('loan.disburse', missing.map((m) => ({ payload: { loanId: m.id }, options: { jobId: disbursementJobId(m.id) } })));
    if (missing.length > 0) this.logger.warn(`relay: re-queued ${missing.length} loan disbursement(s)`);
    return missing.length;
  }
}
