import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { civilDay, daysBetween, toFen } from '@app/kernel';
import { inTransaction } from '@app/platform';
import { LedgerService, loanDefaulted, loanSubsidyPaid } from '@app/ledger';
import { defaultSplit, repaidStatus } from './domain/repayment';
import { FundKind } from './entities/enums';
import { LendingService } from './lending.service';

export interface ServicingResult {
  subsidiesPaid: number;
  subsidyFen: number;
  overdue: number;
  defaulted: number;
  fundPaidFen: number;
}

const CHUNK = 500;

/**
 * The scheduled side of loans (every LOAN_SERVICING_INTERVAL_MINUTES): the county's subsidised share of
 * each instalment that has fallen due is paid from its subsidy fund; loans with an instalment more than
 * 30 days late become OVERDUE, and at 90 days DEFAULTED, when the county's risk fund pays its coverage
 * share of the outstanding principal (never more than it holds) and the lender loses the rest. Each
 * step is idempotent: a run that dies half-way is finished by the next.
 */
@Injectable()
export class LoanServicingService {
  private readonly logger = new Logger('LoanServicing');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly lending: LendingService,
  ) {}

  async run(now = new Date()): Promise<ServicingResult> {
    const today = civilDay(now);
    const result: ServicingResult = { subsidiesPaid: 0, subsidyFen: 0, overdue: 0, defaulted: 0, fundPaidFen: 0 };
    await this.paySubsidies(today, result);
    await this.moveLate(today, result);
    if (result.subsidiesPaid + result.overdue + result.defaulted > 0) this.logger.log(`servicing: ${JSON.stringify(result)}`);
    return result;
  }

  private async paySubsidies(today: string, result: ServicingResult): Promise<void> {
    for (;;) {
      const done = await inTransaction(this.dataSource, async (tx) => {
        const due: Array<{ loan_id: string; seq: number; subsidy_fen: string; county_id: string; institution_id: string }> = await tx.manager.query(
          `SELECT i.loan_id::text, i.seq, i.subsidy_fen::text, l.county_id::text, l.institution_id::text
             FROM loan_instalments i JOIN loans l ON l.id = i.loan_id
            WHERE i.subsidy_paid_at IS NULL AND i.due_on <= $1::date AND l.status IN ('DISBURSED', 'OVERDUE', 'CLOSED')
            ORDER BY i.loan_id, i.seq LIMIT ${CHUNK} FOR UPDATE OF i SKIP LOCKED`,
          [today],
        );
        if (due.length === 0) return 0;
        await tx.manager.query(
          `UPDATE loan_instalments i SET subsidy_paid_at = now() FROM unnest($1::bigint[], $2::int[]) AS d(loan_id, seq) WHERE i.loan_id = d.loan_id AND i.seq = d.seq`,
          [due.map((d) => d.loan_id), due.map((d) => d.seq)],
        );
        const paying = due.filter((d) => toFen(d.subsidy_fen) > 0);
        const byCounty = new Map<string, number>();
        for (const d of paying) byCounty.set(d.county_id, (byCounty.get(d.county_id) ?? 0) + toFen(d.subsidy_fen));
        for (const [countyId, fen] of [...byCounty].sort()) {
          await this.lending.lockFunds(tx, countyId);
          await tx.manager.query(`UPDATE county_funds SET subsidy_balance_fen = subsidy_balance_fen - $2, subsidy_paid_fen = subsidy_paid_fen + $2 WHERE county_id = $1`, [countyId, fen]);
        }
        if (paying.length > 0) {
          await tx.manager.query(
            `INSERT INTO fund_movements (county_id, fund, kind, amount_fen, loan_id) SELECT c, 'SUBSIDY', 'SUBSIDY', -a, l FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS t(c, a, l)`,
            [paying.map((d) => d.county_id), paying.map((d) => d.subsidy_fen), paying.map((d) => d.loan_id)],
          );
          await this.ledger.postAll(
            tx,
            paying.map((d) => loanSubsidyPaid({ loanId: d.loan_id, seq: d.seq, countyId: d.county_id, lenderId: d.institution_id, amountFen: toFen(d.subsidy_fen) })),
          );
        }
        result.subsidiesPaid += paying.length;
        result.subsidyFen += paying.reduce((s, d) => s + toFen(d.subsidy_fen), 0);
        return due.length;
      });
      if (done < CHUNK) return;
    }
  }

  private async moveLate(today: string, result: ServicingResult): Promise<void> {
    // Loans whose oldest unpaid instalment is more than 30 days late, or an OVERDUE one no longer late.
    const candidates: Array<{ id: string }> = await this.dataSource.query(
      `SELECT l.id::text FROM loans l
        WHERE l.status IN ('DISBURSED', 'OVERDUE')
          AND (l.status = 'OVERDUE' OR EXISTS (SELECT 1 FROM loan_instalments i WHERE i.loan_id = l.id AND i.paid_at IS NULL AND i.due_on < $1::date - 30))
        ORDER BY l.id`,
      [today],
    );
    for (const { id } of candidates) {
      await inTransaction(this.dataSource, async (tx) => {
        const [loan]: Array<{ id: string; status: string; county_id: string; institution_id: string; outstanding: string }> = await tx.manager.query(
          `SELECT id::text, status, county_id::text, institution_id::text, outstanding_principal_fen::text AS outstanding FROM loans WHERE id = $1 FOR UPDATE`,
          [id],
        );
        if (!loan || !['DISBURSED', 'OVERDUE'].includes(loan.status)) return;
        const unpaid: Array<{ due_on: string }> = await tx.manager.query(`SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM loan_instalments WHERE loan_id = $1 AND paid_at IS NULL`, [id]);
        const status = repaidStatus(unpaid.map((u) => u.due_on), today, daysBetween);
        if (status === 'DEFAULTED') {
          const outstanding = toFen(loan.outstanding);
          const funds = await this.lending.lockFunds(tx, loan.county_id);
          const policy = await this.lending.creditPolicy(loan.county_id, tx.manager);
          const { coveredFen, lossFen } = defaultSplit(outstanding, policy.fundCoverageBps, funds.riskBalanceFen);
          await tx.manager.query(
            `UPDATE county_funds SET risk_balance_fen = risk_balance_fen - $2, risk_paid_fen = risk_paid_fen + $2 WHERE county_id = $1`,
            [loan.county_id, coveredFen],
          );
          if (coveredFen > 0) {
            await tx.manager.query(`INSERT INTO fund_movements (county_id, fund, kind, amount_fen, loan_id) VALUES ($1, $2, 'DEFAULT', $3, $4)`, [loan.county_id, FundKind.RISK, -coveredFen, id]);
          }
          if (outstanding > 0) await this.ledger.post(tx, loanDefaulted({ loanId: id, countyId: loan.county_id, lenderId: loan.institution_id, coveredFen, lossFen }));
          await tx.manager.query(
            `UPDATE loans SET status = 'DEFAULTED', defaulted_at = now(), overdue_at = COALESCE(overdue_at, now()), outstanding_principal_fen = 0,
                              fund_covered_fen = $2, lender_loss_fen = $3, updated_at = now() WHERE id = $1`,
            [id, coveredFen, lossFen],
          );
          result.defaulted++;
          result.fundPaidFen += coveredFen;
        } else if (status !== loan.status && status !== 'CLOSED') {
          await tx.manager.query(`UPDATE loans SET status = $2::loan_status, overdue_at = CASE WHEN $2 = 'OVERDUE' THEN now() ELSE overdue_at END, updated_at = now() WHERE id = $1`, [id, status]);
          if (status === 'OVERDUE') result.overdue++;
        }
      });
    }
  }
}
