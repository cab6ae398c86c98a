import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, badInput, forbidden, inTransaction, isId, notFound, Role, Tx } from '@app/platform';
import { LedgerService, repaymentLines } from '@app/ledger';
import { HouseholdWithholding, OwedToHousehold, SettlementWithholding } from '@app/payouts';
import { FinancePolicy } from './access/finance.policy';
import { daysBetween, shanghaiDate } from './domain/loan-schedule';
import { AppliedRepayment, applyRepayment, OwedInstalment, repaidStatus } from './domain/repayment';
import { RepaymentSource } from './entities/enums';
import { Loan } from './entities/loan.entity';

type Source = { kind: 'WITHHELD'; householdId: string } | { kind: 'CASH'; stationId: string; recordedBy: string };

interface LockedLoan {
  id: string;
  institution_id: string;
  county_id: string;
  status: string;
}

/**
 * Repayments: withheld from a household's sales at settlement (plugged into payouts' settlement as its
 * HouseholdWithholding), or paid in cash at a station. Both apply the money oldest instalment first,
 * interest before principal, under a lock on the household's loans, and book each loan's part as one
 * balanced ledger entry.
 */
@Injectable()
export class LoanRepaymentService implements HouseholdWithholding, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly withholding: SettlementWithholding,
    private readonly ledger: LedgerService,
    private readonly policy: FinancePolicy,
  ) {}

  onModuleInit(): void {
    this.withholding.use(this);
  }

  /** Households with consent that owe on an instalment already due, on a loan being repaid. */
  async householdsOwing(tx: Tx): Promise<string[]> {
    const rows: Array<{ household_id: string }> = await tx.manager.query(
      `SELECT DISTINCT l.household_id::text
         FROM loan_instalments i
         JOIN loans l ON l.id = i.loan_id
         JOIN withholding_consents c ON c.household_id = l.household_id AND c.consented
        WHERE i.paid_at IS NULL AND i.due_on <= $1::date AND l.status IN ('DISBURSED', 'OVERDUE')`,
      [shanghaiDate(new Date())],
    );
    return rows.map((r) => r.household_id);
  }

  /** Settlement's withholding: for each household, what it owes on due instalments, up to what it is owed. */
  async withhold(tx: Tx, owed: OwedToHousehold[]): Promise<Map<string, number>> {
    const withheld = new Map<string, number>();
    for (const o of [...owed].sort((a, b) => (BigInt(a.householdId) < BigInt(b.householdId) ? -1 : 1))) {
      const used = await this.apply(tx, o.householdId, o.amountFen, { kind: 'WITHHELD', householdId: o.householdId }, true);
      if (used > 0) withheld.set(o.householdId, used);
    }
    return withheld;
  }

  /**
   * Cash paid at the station by an operator of a station serving the household's village: applied to
   * the loan's household's instalments in order (due ones first, then the next), at most what it owes.
   */
  async cash(actor: Actor, loanId: string, amountFen: number): Promise<Loan> {
    if (actor.role !== Role.STATION_OPERATOR || !actor.stationId) throw forbidden('Cash repayments are recorded by station operators');
    return inTransaction(this.dataSource, async (tx) => {
      const loan = isId(loanId) ? await tx.manager.getRepository(Loan).findOneBy({ id: loanId }) : null;
      if (!loan) throw notFound('Loan', loanId, 'input.loanId');
      await this.policy.assertFieldOfficer(actor, loan, tx.manager);
      if (!['DISBURSED', 'OVERDUE'].includes(loan.status)) throw badInput('input.loanId', `Loan ${loan.id} is ${loan.status}: nothing is being repaid on it`);
      const owed: Array<{ n: string }> = await tx.manager.query(
        `SELECT COALESCE(sum(principal_fen - paid_principal_fen + interest_fen - subsidy_fen - paid_interest_fen), 0)::text AS n FROM loan_instalments WHERE loan_id = $1`,
        [loan.id],
      );
      if (amountFen > Number(owed[0].n)) throw badInput('input.amountFen', `The loan's household owes ${owed[0].n} fen on it; ${amountFen} fen is more`);
      await this.apply(tx, loan.householdId, amountFen, { kind: 'CASH', stationId: actor.stationId!, recordedBy: actor.userId }, false, loan.id);
      return (await tx.manager.getRepository(Loan).findOneBy({ id: loan.id }))!;
    });
  }

  /**
   * Applies up to `availableFen` to the household's loans being repaid (only `loanId`'s when given),
   * due instalments only when `dueOnly`; returns the fen used.
   */
  private async apply(tx: Tx, householdId: string, availableFen: number, source: Source, dueOnly: boolean, loanId?: string): Promise<number> {
    const today = shanghaiDate(new Date());
    const loans: LockedLoan[] = await tx.manager.query(
      `SELECT id::text, institution_id::text, county_id::text, status FROM loans
        WHERE household_id = $1 AND status IN ('DISBURSED', 'OVERDUE') AND ($2::bigint IS NULL OR id = $2)
        ORDER BY id FOR UPDATE`,
      [householdId, loanId ?? null],
    );
    if (loans.length === 0) return 0;
    const rows: Array<{ loan_id: string; seq: number; due_on: string; interest: string; principal: string }> = await tx.manager.query(
      `SELECT loan_id::text, seq, to_char(due_on, 'YYYY-MM-DD') AS due_on,
              (interest_fen - subsidy_fen - paid_interest_fen)::text AS interest, (principal_fen - paid_principal_fen)::text AS principal
         FROM loan_instalments
        WHERE loan_id = ANY($1::bigint[]) AND paid_at IS NULL AND due_on IS NOT NULL AND (NOT $2 OR due_on <= $3::date)`,
      [loans.map((l) => l.id), dueOnly, today],
    );
    const owed: OwedInstalment[] = rows.map((r) => ({ loanId: r.loan_id, seq: r.seq, dueOn: r.due_on, interestOwedFen: Number(r.interest), principalOwedFen: Number(r.principal) }));
    const { applied, usedFen } = applyRepayment(owed, availableFen);
    if (usedFen === 0) return 0;
    await this.record(tx, loans, owed, applied, source, today);
    return usedFen;
  }

  private async record(tx: Tx, loans: LockedLoan[], owed: OwedInstalment[], applied: AppliedRepayment[], source: Source, today: string): Promise<void> {
    const fully = applied.filter((a) => {
      const o = owed.find((x) => x.loanId === a.loanId && x.seq === a.seq)!;
      return a.interestFen === o.interestOwedFen && a.principalFen === o.principalOwedFen;
    });
    await tx.manager.query(
      `UPDATE loan_instalments i
          SET paid_interest_fen = i.paid_interest_fen + a.interest, paid_principal_fen = i.paid_principal_fen + a.principal,
              paid_at = CASE WHEN a.done THEN now() ELSE i.paid_at END
         FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::bigint[], $5::bool[]) AS a(loan_id, seq, interest, principal, done)
        WHERE i.loan_id = a.loan_id AND i.seq = a.seq`,
      [
        applied.map((a) => a.loanId),
        applied.map((a) => a.seq),
        applied.map((a) => a.interestFen),
        applied.map((a) => a.principalFen),
        applied.map((a) => fully.includes(a)),
      ],
    );
    for (const loan of loans) {
      const mine = applied.filter((a) => a.loanId === loan.id);
      if (mine.length === 0) continue;
      const principalFen = mine.reduce((s, a) => s + a.principalFen, 0);
      const interestFen = mine.reduce((s, a) => s + a.interestFen, 0);
      const [repayment]: Array<{ id: string; household_id: string }> = await tx.manager.query(
        `INSERT INTO loan_repayments (loan_id, household_id, county_id, source, station_id, recorded_by, principal_fen, interest_fen)
         SELECT id, household_id, county_id, $2, $3, $4, $5, $6 FROM loans WHERE id = $1 RETURNING id::text, household_id::text`,
        [loan.id, source.kind === 'WITHHELD' ? RepaymentSource.WITHHELD : RepaymentSource.CASH, source.kind === 'CASH' ? source.stationId : null, source.kind === 'CASH' ? source.recordedBy : null, principalFen, interestFen],
      );
      await this.ledger.post(
        tx,
        source.kind === 'WITHHELD' ? 'LOAN_REPAID_WITHHELD' : 'LOAN_REPAID_CASH',
        repayment.id,
        repaymentLines(source.kind === 'WITHHELD' ? { kind: 'WITHHELD', householdId: repayment.household_id } : { kind: 'CASH', stationId: source.stationId }, loan.id, loan.institution_id, principalFen, interestFen),
      );
      const unpaid: Array<{ due_on: string }> = await tx.manager.query(
        `SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM loan_instalments WHERE loan_id = $1 AND paid_at IS NULL`,
        [loan.id],
      );
      const status = repaidStatus(unpaid.map((u) => u.due_on), today, daysBetween);
      // A repayment never defaults a loan (servicing does, with the fund's payment): at worst it stays OVERDUE.
      const next = status === 'DEFAULTED' ? 'OVERDUE' : status;
      await tx.manager.query(
        `UPDATE loans SET outstanding_principal_fen = outstanding_principal_fen - $2, status = $3::loan_status,
                          closed_at = CASE WHEN $3 = 'CLOSED' THEN now() ELSE closed_at END, updated_at = now()
          WHERE id = $1`,
        [loan.id, principalFen, next],
      );
    }
  }
}
