import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, badInput, decodeCursor, forbidden, inTransaction, isId, notFound } from '@app/platform';
import { HouseholdSales } from '@app/orders';
import { FinancePolicy } from './access/finance.policy';
import { creditScore, RepaymentHistory } from './domain/credit-score';
import { CreditAssessment } from './entities/credit-assessment.entity';
import { householdFacts } from '@app/registry';

export interface AssessmentInput {
  householdId: string;
  labourers: number;
  landMu: number;
  otherDebtsFen: number;
}

const DAY_MS = 86_400_000;

/** Credit assessments: recorded with their score (domain/credit-score.ts), kept as a history. */
@Injectable()
export class CreditAssessmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: FinancePolicy,
    private readonly sales: HouseholdSales,
  ) {}

  /** Records an assessment (operators serving the village, officials of the county), scored now. */
  async record(actor: Actor, input: AssessmentInput): Promise<CreditAssessment> {
    return inTransaction(this.dataSource, async (tx) => {
      const household = await householdFacts(tx.manager, input.householdId, 'input.householdId');
      await this.policy.assertFieldOfficer(actor, household, tx.manager);
      const now = new Date();
      const salesNetFen = await this.sales.deliveredNetSince(household.id, new Date(now.getTime() - 365 * DAY_MS), tx.manager);
      const history = await this.repaymentHistory(tx.manager, household.id, now);
      const { score, grade, reasons } = creditScore({ salesNetFen, labourers: input.labourers, landMu: input.landMu, otherDebtsFen: input.otherDebtsFen, history });
      return tx.manager.getRepository(CreditAssessment).save({
        householdId: household.id,
        countyId: household.countyId,
        villageId: household.villageId,
        labourers: input.labourers,
        landMu: input.landMu,
        otherDebtsFen: input.otherDebtsFen,
        salesNetFen,
        score,
        grade,
        reasons,
        recordedBy: actor.userId,
      });
    });
  }

  /** The household's loan history as the repayment part reads it. */
  async repaymentHistory(manager: EntityManager, householdId: string, now: Date): Promise<RepaymentHistory> {
    const [row]: Array<{ defaulted: boolean; borrowed: boolean; repaid: boolean; late: number }> = await manager.query(
      `SELECT bool_or(l.status = 'DEFAULTED') IS TRUE AS defaulted,
              bool_or(l.disbursed_at IS NOT NULL) IS TRUE AS borrowed,
              bool_or(l.status = 'CLOSED') IS TRUE AS repaid,
              (SELECT count(*)::int FROM loan_instalments i JOIN loans l2 ON l2.id = i.loan_id
                WHERE l2.household_id = $1 AND i.due_on IS NOT NULL
                  AND i.due_on >= ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - interval '24 months'
                  AND COALESCE((i.paid_at AT TIME ZONE 'Asia/Shanghai')::date, ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date) - i.due_on > 30) AS late
         FROM loans l WHERE l.household_id = $1`,
      [householdId, now],
    );
    return { everDefaulted: row.defaulted, everBorrowed: row.borrowed, repaidALoan: row.repaid, lateInstalments24m: row.late };
  }

  /** The latest assessment of a household, or null. */
  async latest(manager: EntityManager, householdId: string): Promise<CreditAssessment | null> {
    return manager.getRepository(CreditAssessment).findOne({ where: { householdId }, order: { id: 'DESC' } });
  }

  /** A household's assessments, newest first (keyset pages), for those who may read its credit data. */
  async history(actor: Actor, householdId: string, limit: number, after: string | null): Promise<{ rows: CreditAssessment[]; count: () => Promise<number> }> {
    const household = await householdFacts(this.dataSource.manager, householdId, 'householdId');
    if (!(await this.policy.mayRead(actor, household))) throw forbidden('You may not read this household\'s credit data');
    const cursor = decodeCursor(after, ['id']);
    if (cursor && !isId(String(cursor[0]))) throw badInput('after', 'not a cursor this list gave out');
    const qb = this.dataSource.getRepository(CreditAssessment).createQueryBuilder('a').where('a.household_id = :householdId', { householdId });
    if (cursor) qb.andWhere('a.id < :after', { after: String(cursor[0]) });
    const rows = await qb.orderBy('a.id', 'DESC').take(limit + 1).getMany();
    return { rows, count: () => this.dataSource.getRepository(CreditAssessment).countBy({ householdId }) };
  }

  async byId(id: string): Promise<CreditAssessment> {
    const row = isId(id) ? await this.dataSource.getRepository(CreditAssessment).findOneBy({ id }) : null;
    if (!row) throw notFound('Credit assessment', id);
    return row;
  }
}
