import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { civilDay, daysBetween, toFen } from '@app/kernel';
import { Actor, badInput, forbidden, inTransaction, isId, notFound, Role, Tx } from '@app/platform';
import { LedgerService, loanRepaid } from '@app/ledger';
import { HouseholdWithholding, OwedToHousehold, SettlementWithholding } from '@app/payouts';
import { FinancePolicy } from './access/finance.policy';

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
      [civilDay(new Date())],
    );
    return rows.map((r) => r.household_id);
  }

  /**
   * Settlement's withholding: for each household, what it owes on due instalments, up to what it is
   * owed. Set-based (a few statements whatever the number of households), so that settling 10,000
   * borrowers costs about what settling them without loans does.
   */
  async withhold(tx: Tx, owed: OwedToHousehold[]): Promise<Map<string, number>> {
    const used = await this.applyMany(tx, owed.map((o) => ({ householdId: o.householdId, availableFen: o.amountFen, source: { kind: 'WITHHELD' as const, householdId: o.householdId } })), true);
    for (const [householdId, fen] of used) if (fen === 0) used.delete(householdId);
    return used;
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

  /** Applies up to `availableFen` to one household's loans (only `loanId`'s when given); returns the fen used. */
  private async apply(tx: Tx, householdId: string, availableFen: number, source: Source, dueOnly: boolean, loanId?: string): Promise<number> {
    return (await this.applyMany(tx, [{ householdId, availableFen, source }], dueOnly, loanId)).get(householdId) ?? 0;
  }

  /**
   * Applies money to the households' loans being repaid, oldest instalment first, interest before
   * principal (due instalments only when `dueOnly`): the loans locked in id order, the instalments,
   * repayments, ledger entries and loan states each written in one statement for all of them.
   */
  private async applyMany(tx: Tx, requests: Array<{ householdId: string; availableFen: number; source: Source }>, dueOnly: boolean, loanId?: string): Promise<Map<string, number>> {
    const usedBy = new Map<string, number>();
    if (requests.length === 0) return usedBy;
    const today = civilDay(new Date());
    const loans: Array<LockedLoan & { household_id: string }> = await tx.manager.query(
      `SELECT id::text, household_id::text, institution_id::text, county_id::text, status FROM loans
        WHERE household_id = ANY($1::bigint[]) AND status IN ('DISBURSED', 'OVERDUE') AND ($2::bigint IS NULL OR id = $2)
        ORDER BY id FOR UPDATE`,
      [requests.map((r) => r.householdId), loanId ?? null],
    );
    if (loans.length === 0) return usedBy;
    const rows: Array<{ loan_id: string; seq: number; due_on: string; interest: string; principal: string }> = await tx.manager.query(
      `SELECT loan_id::text, seq, to_char(due_on, 'YYYY-MM-DD') AS due_on,
              (interest_fen - subsidy_fen - paid_interest_fen)::text AS interest, (principal_fen - paid_principal_fen)::text AS principal
         FROM loan_instalments WHERE loan_id = ANY($1::bigint[]) AND paid_at IS NULL AND due_on IS NOT NULL`,
      [loans.map((l) => l.id)],
    );
    const householdOf = new Map(loans.map((l) => [l.id, l.household_id]));
    const owedBy = new Map<string, OwedInstalment[]>();
    const rowsOf = new Map<string, typeof rows>();
    for (const r of rows) {
      const o: OwedInstalment = { loanId: r.loan_id, seq: r.seq, dueOn: r.due_on, interestOwedFen: toFen(r.interest), principalOwedFen: toFen(r.principal) };
      const h = householdOf.get(r.loan_id)!;
      const list = owedBy.get(h) ?? [];
      list.push(o);
      owedBy.set(h, list);
      const mine = rowsOf.get(r.loan_id) ?? [];
      mine.push(r);
      rowsOf.set(r.loan_id, mine);
    }
    const applied: Array<AppliedRepayment & { done: boolean }> = [];
    const sourceOf = new Map<string, Source>();
    for (const req of requests) {
      const owed = owedBy.get(req.householdId) ?? [];
      const { applied: mine, usedFen } = applyRepayment(dueOnly ? owed.filter((o) => o.dueOn <= today) : owed, req.availableFen);
      usedBy.set(req.householdId, usedFen);
      sourceOf.set(req.householdId, req.source);
      for (const a of mine) {
        const o = owed.find((x) => x.loanId === a.loanId && x.seq === a.seq)!;
        applied.push({ ...a, done: a.interestFen === o.interestOwedFen && a.principalFen === o.principalOwedFen });
      }
    }
    if (applied.length === 0) return usedBy;
    await tx.manager.query(
      `UPDATE loan_instalments i
          SET paid_interest_fen = i.paid_interest_fen + a.interest, paid_principal_fen = i.paid_principal_fen + a.principal,
              paid_at = CASE WHEN a.done THEN now() ELSE i.paid_at END
         FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::bigint[], $5::bool[]) AS a(loan_id, seq, interest, principal, done)
        WHERE i.loan_id = a.loan_id AND i.seq = a.seq`,
      [applied.map((a) => a.loanId), applied.map((a) => a.seq), applied.map((a) => a.interestFen), applied.map((a) => a.principalFen), applied.map((a) => a.done)],
    );
    // Per loan: one repayment row, one ledger entry, its new state.
    const appliedOf = new Map<string, typeof applied>();
    for (const a of applied) {
      const list = appliedOf.get(a.loanId) ?? [];
      list.push(a);
      appliedOf.set(a.loanId, list);
    }
    const perLoan = loans.flatMap((loan) => {
      const mine = appliedOf.get(loan.id) ?? [];
      if (mine.length === 0) return [];
      const paidOff = new Set(mine.filter((a) => a.done).map((a) => a.seq));
      const unpaid = (rowsOf.get(loan.id) ?? []).filter((r) => !paidOff.has(r.seq)).map((r) => r.due_on);
      // A repayment never defaults a loan (servicing does, with the fund's payment): at worst it stays OVERDUE.
      const status = repaidStatus(unpaid, today, daysBetween);
      return [{ loan, source: sourceOf.get(loan.household_id)!, principalFen: mine.reduce((s, a) => s + a.principalFen, 0), interestFen: mine.reduce((s, a) => s + a.interestFen, 0), status: status === 'DEFAULTED' ? 'OVERDUE' : status }];
    });
    const cash = (s: Source) => (s.kind === 'CASH' ? s : null);
    const inserted: Array<{ id: string; loan_id: string }> = await tx.manager.query(
      `INSERT INTO loan_repayments (loan_id, household_id, county_id, source, station_id, recorded_by, principal_fen, interest_fen)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::repayment_source[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
       RETURNING id::text, loan_id::text`,
      [
        perLoan.map((p) => p.loan.id),
        perLoan.map((p) => p.loan.household_id),
        perLoan.map((p) => p.loan.county_id),
        perLoan.map((p) => (p.source.kind === 'WITHHELD' ? RepaymentSource.WITHHELD : RepaymentSource.CASH)),
        perLoan.map((p) => cash(p.source)?.stationId ?? null),
        perLoan.map((p) => cash(p.source)?.recordedBy ?? null),
        perLoan.map((p) => p.principalFen),
        perLoan.map((p) => p.interestFen),
      ],
    );
    const repaymentOf = new Map(inserted.map((r) => [r.loan_id, r.id]));
    // Withheld repayments' entries first, then cash ones (the order they were always written in).
    await this.ledger.postAll(
      tx,
      (['WITHHELD', 'CASH'] as const).flatMap((kind) =>
        perLoan
          .filter((p) => p.source.kind === kind)
          .map((p) =>
            loanRepaid({
              repaymentId: repaymentOf.get(p.loan.id)!,
              source: p.source.kind === 'WITHHELD' ? { kind: 'WITHHELD', householdId: p.loan.household_id } : { kind: 'CASH', stationId: p.source.stationId },
              loanId: p.loan.id,
              lenderId: p.loan.institution_id,
              principalFen: p.principalFen,
              interestFen: p.interestFen,
            }),
          ),
      ),
    );
    await tx.manager.query(
      `UPDATE loans l SET outstanding_principal_fen = l.outstanding_principal_fen - u.principal, status = u.status::loan_status,
                          closed_at = CASE WHEN u.status = 'CLOSED' THEN now() ELSE l.closed_at END, updated_at = now()
         FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(id, principal, status)
        WHERE l.id = u.id`,
      [perLoan.map((p) => p.loan.id), perLoan.map((p) => p.principalFen), perLoan.map((p) => p.status)],
    );
    return usedBy;
  }
}
