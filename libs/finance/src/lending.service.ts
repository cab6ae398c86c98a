import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, badInput, conflict, inTransaction, isId, notFound, pgErrorCode, Role, Tx } from '@app/platform';
import { AccountService } from '@app/auth';
import { FundKind as LedgerFundKind, fundToppedUp, LedgerService } from '@app/ledger';
import { GeographyService } from '@app/registry';
import { FinancePolicy } from './access/finance.policy';
import { CreditPolicy, DEFAULT_CREDIT_POLICY } from './domain/credit-policy';
import { CountyCreditPolicy, CountyFund } from './entities/credit-policy.entity';
import { FundKind } from './entities/enums';
import { FundMovement } from './entities/fund-movement.entity';
import { LendingInstitution, LendingInstitutionCounty } from './entities/lending-institution.entity';

export interface InstitutionRow {
  id: string;
  name: string;
  countyIds: string[];
}

export interface PolicyInput {
  lineAaaFen: number;
  lineAaFen: number;
  lineAFen: number;
  lineBFen: number;
  lineCFen: number;
  annualRateBps: number;
  subsidyShareBps: number;
  fundCoverageBps: number;
}

/** Lending institutions and their officers, county credit policies and county funds. */
@Injectable()
export class LendingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: FinancePolicy,
    private readonly ledger: LedgerService,
    private readonly accounts: AccountService,
    private readonly geography: GeographyService,
  ) {}

  /** A new institution lending in these counties (admins). CONFLICT when the name is taken. */
  async createInstitution(name: string, countyIds: string[]): Promise<InstitutionRow> {
    const unique = [...new Set(countyIds)];
    return inTransaction(this.dataSource, async (tx) => {
      await this.assertCounties(tx.manager, unique, 'input.countyIds');
      let institution: LendingInstitution;
      try {
        institution = await tx.manager.getRepository(LendingInstitution).save({ name });
      } catch (error) {
        if (pgErrorCode(error) === '23505') throw conflict('A lending institution of this name exists already', 'input.name');
        throw error;
      }
      await tx.manager.getRepository(LendingInstitutionCounty).insert(unique.map((countyId) => ({ institutionId: institution.id, countyId })));
      return { id: String(institution.id), name: institution.name, countyIds: unique };
    });
  }

  /** Attaches a LENDER user to an institution (admins); BAD_USER_INPUT for a user of another role. */
  async addOfficer(institutionId: string, userId: string): Promise<InstitutionRow> {
    return inTransaction(this.dataSource, async (tx) => {
      const institution = await this.institution(tx.manager, institutionId);
      const user = await this.accounts.user(userId);
      if (!user) throw notFound('User', userId, 'userId');
      if (user.role !== Role.LENDER) throw badInput('userId', `Only a LENDER user can be an officer of a lending institution; this user is ${user.role}`);
      await tx.manager.query(
        `INSERT INTO lender_officers (user_id, institution_id) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET institution_id = EXCLUDED.institution_id`,
        [userId, institution.id],
      );
      return institution;
    });
  }

  /** Institutions: all for admins, its own for a lender. */
  async institutions(actor: Actor): Promise<InstitutionRow[]> {
    const only = actor.role === Role.LENDER ? (await this.policy.lenderScope(actor)).institutionId : null;
    const rows: Array<{ id: string; name: string; county_ids: string[] | null }> = await this.dataSource.query(
      `SELECT i.id::text, i.name, array_agg(c.county_id::text ORDER BY c.county_id) FILTER (WHERE c.county_id IS NOT NULL) AS county_ids
         FROM lending_institutions i LEFT JOIN lending_institution_counties c ON c.institution_id = i.id
        WHERE $1::bigint IS NULL OR i.id = $1 GROUP BY i.id ORDER BY i.name, i.id LIMIT 1000`,
      [only],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, countyIds: r.county_ids ?? [] }));
  }

  /** The county's credit policy, the defaults (DEFAULT_CREDIT_POLICY) where officials have set none. */
  async creditPolicy(countyId: string, manager?: EntityManager): Promise<CreditPolicy & { isDefault: boolean }> {
    const row = isId(countyId) ? await (manager ?? this.dataSource.manager).getRepository(CountyCreditPolicy).findOneBy({ countyId }) : null;
    if (!row) return { ...DEFAULT_CREDIT_POLICY, isDefault: true };
    return {
      linesFen: { AAA: row.lineAaaFen, AA: row.lineAaFen, A: row.lineAFen, B: row.lineBFen, C: row.lineCFen },
      annualRateBps: row.annualRateBps,
      subsidyShareBps: row.subsidyShareBps,
      fundCoverageBps: row.fundCoverageBps,
      isDefault: false,
    };
  }

  /** Officials of the county (and admins) set its credit policy. */
  async setCreditPolicy(actor: Actor, countyId: string, input: PolicyInput): Promise<CreditPolicy & { isDefault: boolean }> {
    await this.assertCounties(this.dataSource.manager, [countyId], 'input.countyId');
    this.policy.assertCountyOfficial(actor, countyId);
    await this.dataSource.getRepository(CountyCreditPolicy).upsert({ countyId, ...input }, ['countyId']);
    return this.creditPolicy(countyId);
  }

  /** The county's funds (zero until topped up). */
  async funds(countyId: string, manager?: EntityManager): Promise<CountyFund> {
    const row = isId(countyId) ? await (manager ?? this.dataSource.manager).getRepository(CountyFund).findOneBy({ countyId }) : null;
    return row ?? Object.assign(new CountyFund(), { countyId, riskBalanceFen: 0, subsidyBalanceFen: 0, riskPaidFen: 0, subsidyPaidFen: 0 });
  }

  /** A top-up of the county's risk or subsidy fund by its officials: balance and ledger entry together. */
  async topUp(actor: Actor, countyId: string, fund: FundKind, amountFen: number): Promise<CountyFund> {
    await this.assertCounties(this.dataSource.manager, [countyId], 'input.countyId');
    this.policy.assertCountyOfficial(actor, countyId);
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw badInput('input.amountFen', 'amountFen must be a positive whole number of fen');
    return inTransaction(this.dataSource, async (tx) => {
      await this.lockFunds(tx, countyId);
      const column = fund === FundKind.RISK ? 'risk_balance_fen' : 'subsidy_balance_fen';
      await tx.manager.query(`UPDATE county_funds SET ${column} = ${column} + $2 WHERE county_id = $1`, [countyId, amountFen]);
      const movement = await tx.manager.getRepository(FundMovement).save({ countyId, fund, kind: 'TOP_UP' as const, amountFen, loanId: null, recordedBy: actor.userId });
      await this.ledger.post(tx, fundToppedUp({ movementId: String(movement.id), countyId, fund: fund as unknown as LedgerFundKind, amountFen }));
      return this.funds(countyId, tx.manager);
    });
  }

  /** The county's funds row, created if missing, locked for the rest of the transaction. */
  async lockFunds(tx: Tx, countyId: string): Promise<CountyFund> {
    await tx.manager.query(`INSERT INTO county_funds (county_id) VALUES ($1) ON CONFLICT (county_id) DO NOTHING`, [countyId]);
    const [row] = await tx.manager.getRepository(CountyFund).find({ where: { countyId }, lock: { mode: 'pessimistic_write' } });
    return row;
  }

  private async institution(manager: EntityManager, id: string): Promise<InstitutionRow> {
    const rows: Array<{ id: string; name: string; county_ids: string[] | null }> = isId(id)
      ? await manager.query(
          `SELECT i.id::text, i.name, array_agg(c.county_id::text ORDER BY c.county_id) FILTER (WHERE c.county_id IS NOT NULL) AS county_ids
             FROM lending_institutions i LEFT JOIN lending_institution_counties c ON c.institution_id = i.id WHERE i.id = $1 GROUP BY i.id`,
          [id],
        )
      : [];
    if (rows.length === 0) throw notFound('Lending institution', id, 'institutionId');
    return { id: rows[0].id, name: rows[0].name, countyIds: rows[0].county_ids ?? [] };
  }

  private async assertCounties(manager: EntityManager, countyIds: string[], field: string): Promise<void> {
    const bad = countyIds.find((c) => !isId(c));
    if (bad) throw notFound('County', bad, field);
    if (countyIds.length === 0) return;
    const found = await this.geography.existingCountyIds(countyIds, manager);
    const missing = countyIds.find((c) => !found.has(c));
    if (missing) throw notFound('County', missing, field);
  }
}

