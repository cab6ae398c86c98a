import { Injectable } from '@nestjs/common';
import { civilMonth, toFen } from '@app/kernel';
import { Actor, badInput, isId, ReportReads, Role } from '@app/platform';
import { FinancePolicy } from './access/finance.policy';

export interface CreditMonth {
  month: string;
  loansDisbursed: number;
  disbursedFen: number;
  disbursedToRegisteredPoorFen: number;
  outstandingPrincipalFen: number;
  repaidFen: number;
  overdueRateBps: number;
  defaultRateBps: number;
  fundPaidFen: number;
  fundBalanceFen: number;
  subsidyPaidFen: number;
}

const MAX_MONTHS = 120;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Credit figures per county and Asia/Shanghai month (docs/design.md, "Finance"): loans disbursed (and to
 * registered-poor households), outstanding principal at the month's end, repaid in the month, the
 * overdue rate at the month's end (loans with an instalment unpaid more than 30 days, of the loans
 * being repaid), the default rate (loans defaulted by then, of the loans disbursed by then), the risk
 * fund paid in the month and its balance at the end, and the subsidy paid. A lender sees its own
 * institution's loans (the county's funds alike).
 */
@Injectable()
export class CreditReportService {
  constructor(
    private readonly reads: ReportReads,
    private readonly policy: FinancePolicy,
  ) {}

  async months(actor: Actor, countyId: string, from: string | null, to: string | null): Promise<CreditMonth[]> {
    if (!isId(countyId)) throw badInput('countyId', 'countyId is not an id');
    await this.policy.assertCountyReader(actor, countyId);
    const institution = actor.role === Role.LENDER ? (await this.policy.lenderScope(actor)).institutionId : null;
    if (from != null && !MONTH.test(from)) throw badInput('from', 'from must be a month, YYYY-MM');
    if (to != null && !MONTH.test(to)) throw badInput('to', 'to must be a month, YYYY-MM');
    const last = to ?? civilMonth(new Date());
    let first = from;
    if (first == null) {
      const [row]: Array<{ m: string | null }> = await this.reads.query(
        `SELECT to_char(min(disbursed_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m FROM loans WHERE county_id = $1 AND ($2::bigint IS NULL OR institution_id = $2)`,
        [countyId, institution],
      );
      first = row.m ?? last;
    }
    if (first > last) throw badInput('from', 'from must not be after to');
    const span = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5)) - Number(first.slice(5)) + 1;
    if (span > MAX_MONTHS) throw badInput('from', `at most ${MAX_MONTHS} months at once`);
    const rows: Array<Record<string, string>> = await this.reads.query(
      `WITH bounds AS (
         SELECT to_char(m, 'YYYY-MM') AS month, (m AT TIME ZONE 'Asia/Shanghai') AS s, ((m + interval '1 month') AT TIME ZONE 'Asia/Shanghai') AS e,
                (m + interval '1 month')::date AS end_day
           FROM generate_series(($2 || '-01')::timestamp, ($3 || '-01')::timestamp, interval '1 month') AS m
       ), l AS (
         SELECT * FROM loans WHERE county_id = $1 AND ($4::bigint IS NULL OR institution_id = $4) AND disbursed_at IS NOT NULL
       )
       SELECT b.month,
         (SELECT count(*) FROM l WHERE l.disbursed_at >= b.s AND l.disbursed_at < b.e)::text AS loans_disbursed,
         (SELECT COALESCE(sum(amount_fen), 0) FROM l WHERE l.disbursed_at >= b.s AND l.disbursed_at < b.e)::text AS disbursed,
         (SELECT COALESCE(sum(amount_fen), 0) FROM l WHERE l.registered_poor AND l.disbursed_at >= b.s AND l.disbursed_at < b.e)::text AS disbursed_poor,
         ((SELECT COALESCE(sum(amount_fen), 0) FROM l WHERE l.disbursed_at < b.e)
          - (SELECT COALESCE(sum(r.principal_fen), 0) FROM loan_repayments r JOIN l ON l.id = r.loan_id WHERE r.created_at < b.e)
          - (SELECT COALESCE(sum(fund_covered_fen + lender_loss_fen), 0) FROM l WHERE l.defaulted_at < b.e))::text AS outstanding,
         (SELECT COALESCE(sum(r.principal_fen + r.interest_fen), 0) FROM loan_repayments r JOIN l ON l.id = r.loan_id WHERE r.created_at >= b.s AND r.created_at < b.e)::text AS repaid,
         (SELECT count(*) FROM l WHERE l.disbursed_at < b.e AND (l.closed_at IS NULL OR l.closed_at >= b.e) AND (l.defaulted_at IS NULL OR l.defaulted_at >= b.e))::text AS active,
         (SELECT count(DISTINCT l.id) FROM l JOIN loan_instalments i ON i.loan_id = l.id
           WHERE l.disbursed_at < b.e AND (l.closed_at IS NULL OR l.closed_at >= b.e) AND (l.defaulted_at IS NULL OR l.defaulted_at >= b.e)
             AND i.due_on < b.end_day - 31 AND (i.paid_at IS NULL OR i.paid_at >= b.e))::text AS overdue,
         (SELECT count(*) FROM l WHERE l.disbursed_at < b.e)::text AS disbursed_ever,
         (SELECT count(*) FROM l WHERE l.defaulted_at < b.e)::text AS defaulted_ever,
         (SELECT COALESCE(-sum(amount_fen), 0) FROM fund_movements f WHERE f.county_id = $1 AND f.kind = 'DEFAULT' AND f.created_at >= b.s AND f.created_at < b.e)::text AS fund_paid,
         (SELECT COALESCE(sum(amount_fen), 0) FROM fund_movements f WHERE f.county_id = $1 AND f.fund = 'RISK' AND f.created_at < b.e)::text AS fund_balance,
         (SELECT COALESCE(-sum(amount_fen), 0) FROM fund_movements f WHERE f.county_id = $1 AND f.kind = 'SUBSIDY' AND f.created_at >= b.s AND f.created_at < b.e)::text AS subsidy_paid
       FROM bounds b ORDER BY b.month`,
      [countyId, first, last, institution],
    );
    const rate = (part: string, whole: string) => (Number(whole) === 0 ? 0 : Math.floor((Number(part) * 10_000) / Number(whole)));
    return rows.map((r) => ({
      month: r.month,
      loansDisbursed: Number(r.loans_disbursed),
      disbursedFen: toFen(r.disbursed),
      disbursedToRegisteredPoorFen: toFen(r.disbursed_poor),
      outstandingPrincipalFen: toFen(r.outstanding),
      repaidFen: toFen(r.repaid),
      overdueRateBps: rate(r.overdue, r.active),
      defaultRateBps: rate(r.defaulted_ever, r.disbursed_ever),
      fundPaidFen: toFen(r.fund_paid),
      fundBalanceFen: toFen(r.fund_balance),
      subsidyPaidFen: toFen(r.subsidy_paid),
    }));
  }
}
