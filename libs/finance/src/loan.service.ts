import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, badInput, decodeCursor, inTransaction, invalidState, isId, notFound, QueueService, Tx } from '@app/platform';
import { FinancePolicy } from './access/finance.policy';
import { CreditAssessmentService } from './credit-assessment.service';
import { CreditGrade } from './domain/credit-score';
import { refusalOf } from './domain/eligibility';
import { loanSchedule } from './domain/loan-schedule';
import { DisbursementStatus, LoanStatus } from './entities/enums';
import { Loan, LoanInstalment, WithholdingConsent } from './entities/loan.entity';
import { householdFacts } from '@app/registry';
import { LendingService } from './lending.service';

export interface LoanApplication {
  householdId: string;
  amountFen: number;
  termMonths: number;
  purpose: string;
}

export interface LoanFilter {
  countyId?: string | null;
  householdId?: string | null;
  status?: LoanStatus | null;
}

/** Job id of a loan's disbursement: one per loan, so a repeat enqueue is a no-op. */
export const disbursementJobId = (loanId: string) => `loan-${loanId}`;

/** Loans from application to the lender's decision; withholding consent. */
@Injectable()
export class LoanService {
  private readonly logger = new Logger('Loans');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: FinancePolicy,
    private readonly assessments: CreditAssessmentService,
    private readonly lending: LendingService,
    private readonly queue: QueueService,
  ) {}

  /**
   * An application recommended by an operator or official of the household; refused (BAD_USER_INPUT on
   * the field at fault, with the reason) unless the three-exemption rules of domain/eligibility.ts hold.
   */
  async apply(actor: Actor, input: LoanApplication): Promise<Loan> {
    return inTransaction(this.dataSource, async (tx) => {
      const household = await householdFacts(tx.manager, input.householdId, 'input.householdId');
      await this.policy.assertFieldOfficer(actor, household, tx.manager);
      // Every instalment carries principal, so each one is paid off and the loan can close.
      if (input.amountFen < input.termMonths * 100) throw badInput('input.amountFen', 'A loan repays at least 1 yuan of principal a month: amountFen must be at least 100 x termMonths');
      await this.lockHousehold(tx, household.id);
      const assessment = await this.assessments.latest(tx.manager, household.id);
      const policy = await this.lending.creditPolicy(household.countyId, tx.manager);
      const refusal = refusalOf({
        povertyStatus: household.povertyStatus,
        assessment: assessment && { grade: assessment.grade as CreditGrade, labourers: assessment.labourers, assessedAt: assessment.assessedAt },
        now: new Date(),
        outstandingPrincipalFen: await this.committedPrincipal(tx.manager, household.id, null),
        amountFen: input.amountFen,
        policy,
      });
      if (refusal) throw badInput(`input.${refusal.field}`, refusal.reason);
      return tx.manager.getRepository(Loan).save({
        householdId: household.id,
        countyId: household.countyId,
        villageId: household.villageId,
        amountFen: input.amountFen,
        termMonths: input.termMonths,
        purpose: input.purpose,
        status: LoanStatus.SUBMITTED,
        assessmentId: assessment!.id,
        grade: assessment!.grade,
        registeredPoor: true,
        annualRateBps: policy.annualRateBps,
        subsidyShareBps: policy.subsidyShareBps,
        recommendedBy: actor.userId,
      });
    });
  }

  /**
   * A lender of the county approves: the rules are checked again (the household or its assessment may
   * have changed), the schedule is written and the disbursement queued (after the commit).
   */
  async approve(actor: Actor, loanId: string): Promise<Loan> {
    return inTransaction(this.dataSource, async (tx) => {
      const loan = await this.lockLoan(tx, loanId);
      const institutionId = await this.policy.assertLenderOf(actor, loan.countyId, tx.manager);
      if (loan.status !== LoanStatus.SUBMITTED) throw invalidState(`Only a SUBMITTED loan can be approved; loan ${loan.id} is ${loan.status}`);
      await this.lockHousehold(tx, loan.householdId);
      const household = await householdFacts(tx.manager, loan.householdId, 'id');
      const assessment = await this.assessments.latest(tx.manager, household.id);
      const policy = await this.lending.creditPolicy(household.countyId, tx.manager);
      const refusal = refusalOf({
        povertyStatus: household.povertyStatus,
        assessment: assessment && { grade: assessment.grade as CreditGrade, labourers: assessment.labourers, assessedAt: assessment.assessedAt },
        now: new Date(),
        outstandingPrincipalFen: await this.committedPrincipal(tx.manager, household.id, loan.id),
        amountFen: loan.amountFen,
        policy,
      });
      if (refusal) throw invalidState(`The loan can no longer be approved: ${refusal.reason}`);
      const schedule = loanSchedule(loan.amountFen, loan.termMonths, loan.annualRateBps, loan.subsidyShareBps);
      await tx.manager.getRepository(LoanInstalment).insert(schedule.map((s) => ({ loanId: loan.id, seq: s.seq, dueOn: null, principalFen: s.principalFen, interestFen: s.interestFen, subsidyFen: s.subsidyFen })));
      Object.assign(loan, { status: LoanStatus.APPROVED, institutionId, decidedBy: actor.userId, decidedAt: new Date(), disbursementStatus: DisbursementStatus.PENDING });
      await tx.manager.getRepository(Loan).save(loan);
      tx.afterCommit(() =>
        this.queue
          .enqueue('loan.disburse', { loanId: loan.id }, { jobId: disbursementJobId(loan.id) })
          .catch((e: Error) => this.logger.warn(`loan ${loan.id}: queueing the disbursement failed (${e.message}); the relay will queue it`)),
      );
      return loan;
    });
  }

  /** A lender of the county rejects a SUBMITTED loan, with its reason. */
  async reject(actor: Actor, loanId: string, reason: string): Promise<Loan> {
    return inTransaction(this.dataSource, async (tx) => {
      const loan = await this.lockLoan(tx, loanId);
      const institutionId = await this.policy.assertLenderOf(actor, loan.countyId, tx.manager);
      if (loan.status !== LoanStatus.SUBMITTED) throw invalidState(`Only a SUBMITTED loan can be rejected; loan ${loan.id} is ${loan.status}`);
      Object.assign(loan, { status: LoanStatus.REJECTED, institutionId, decidedBy: actor.userId, decidedAt: new Date(), rejectionReason: reason });
      return tx.manager.getRepository(Loan).save(loan);
    });
  }

  /** The household's consent (or its withdrawal) to repay from its sales at settlement. */
  async setConsent(actor: Actor, householdId: string, consented: boolean): Promise<WithholdingConsent> {
    const household = await householdFacts(this.dataSource.manager, householdId, 'householdId');
    await this.policy.assertFieldOfficer(actor, household);
    await this.dataSource.getRepository(WithholdingConsent).upsert({ householdId: household.id, consented, recordedBy: actor.userId }, ['householdId']);
    return (await this.dataSource.getRepository(WithholdingConsent).findOneBy({ householdId: household.id }))!;
  }

  async consent(householdId: string): Promise<boolean> {
    return (await this.dataSource.getRepository(WithholdingConsent).findOneBy({ householdId }))?.consented ?? false;
  }

  /** A loan the actor may read; NOT_FOUND otherwise (as if it did not exist). */
  async loan(actor: Actor, id: string): Promise<Loan> {
    const loan = isId(id) ? await this.dataSource.getRepository(Loan).findOneBy({ id }) : null;
    if (!loan || !(await this.policy.mayRead(actor, loan))) throw notFound('Loan', id, 'id');
    return loan;
  }

  /** Loans the actor may read, newest first. */
  async list(actor: Actor, filter: LoanFilter, limit: number, after: string | null): Promise<{ rows: Loan[]; count: () => Promise<number> }> {
    for (const field of ['countyId', 'householdId'] as const) {
      if (filter[field] != null && !isId(filter[field]!)) throw badInput(field, `${field} is not an id`);
    }
    const cursor = decodeCursor(after, ['id']);
    if (cursor && !isId(String(cursor[0]))) throw badInput('after', 'not a cursor this list gave out');
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [await this.policy.listScope(actor, param)];
    if (filter.countyId) where.push(`t.county_id = ${param(filter.countyId)}`);
    if (filter.householdId) where.push(`t.household_id = ${param(filter.householdId)}`);
    if (filter.status) where.push(`t.status = ${param(filter.status)}`);
    const countWhere = [...where];
    const countParams = [...params];
    if (cursor) where.push(`t.id < ${param(String(cursor[0]))}`);
    const ids: Array<{ id: string }> = await this.dataSource.query(`SELECT t.id::text FROM loans t WHERE ${where.join(' AND ')} ORDER BY t.id DESC LIMIT ${limit + 1}`, params);
    const rows = ids.length ? await this.dataSource.getRepository(Loan).createQueryBuilder('l').whereInIds(ids.map((r) => r.id)).orderBy('l.id', 'DESC').getMany() : [];
    return {
      rows,
      count: async () => (await this.dataSource.query(`SELECT count(*)::int AS n FROM loans t WHERE ${countWhere.join(' AND ')}`, countParams))[0].n as number,
    };
  }

  async instalments(loanId: string): Promise<LoanInstalment[]> {
    return this.dataSource.getRepository(LoanInstalment).find({ where: { loanId }, order: { seq: 'ASC' } });
  }

  /**
   * Principal the household owes or is promised: outstanding on disbursed loans, and the amounts of
   * loans submitted or approved but not yet paid out (but `except`).
   */
  private async committedPrincipal(manager: EntityManager, householdId: string, except: string | null): Promise<number> {
    const [row]: Array<{ n: string }> = await manager.query(
      `SELECT COALESCE(sum(CASE WHEN status IN ('SUBMITTED', 'APPROVED') THEN amount_fen ELSE outstanding_principal_fen END), 0)::text AS n
         FROM loans WHERE household_id = $1 AND status IN ('SUBMITTED', 'APPROVED', 'DISBURSED', 'OVERDUE') AND ($2::bigint IS NULL OR id <> $2)`,
      [householdId, except],
    );
    return Number(row.n);
  }

  /** Serialises a household's applications and approvals, so two never both fit under one line. */
  private async lockHousehold(tx: Tx, householdId: string): Promise<void> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock('loans'::regclass::oid::int, $1::int)`, [Number(BigInt(householdId) % 2147483647n)]);
  }

  private async lockLoan(tx: Tx, loanId: string): Promise<Loan> {
    const loan = isId(loanId) ? await tx.manager.getRepository(Loan).findOne({ where: { id: loanId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!loan) throw notFound('Loan', loanId, 'id');
    return loan;
  }
}

