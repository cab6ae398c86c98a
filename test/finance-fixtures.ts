import { expect } from '@jest/globals';
import { signAccessToken } from '@app/auth';
import { TestApi, World, WorldUser } from '@app/testing';
import { waitFor } from './payouts-fixtures';

/** Runs a GraphQL operation that must succeed, and answers its data. */
export async function ok<T = Record<string, any>>(api: TestApi, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const r = await api.gql<T>(query, variables, token);
  if (r.errors) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

export interface Lender {
  institutionId: string;
  user: WorldUser;
}

/** A LENDER user (created by the admin over the API) attached to a new institution lending in `countyIds`. */
export async function createLender(api: TestApi, world: World, name: string, countyIds: string[]): Promise<Lender> {
  const email = `lender-${Math.random().toString(36).slice(2, 8)}@coop.cn`;
  const admin = world.users.admin.token;
  const user = (await ok(api, `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: 'long-enough-password', displayName: name, role: 'LENDER' } }, admin)).createUser;
  const institution = (await ok(api, `mutation ($input: CreateLendingInstitutionInput!) { createLendingInstitution(input: $input) { id } }`, { input: { name, countyIds } }, admin)).createLendingInstitution;
  await ok(api, `mutation ($i: ID!, $u: ID!) { addLenderOfficer(institutionId: $i, userId: $u) { id } }`, { i: institution.id, u: user.id }, admin);
  return { institutionId: institution.id, user: { id: user.id, email, token: signAccessToken(api.config.jwtSecret!, user.id, 'LENDER', 3600) } };
}

export const ASSESS = `mutation ($input: RecordCreditAssessmentInput!) { recordCreditAssessment(input: $input) { id score grade salesNetFen reasons { part points detail } validUntil } }`;
export const APPLY = `mutation ($input: ApplyForLoanInput!) { applyForLoan(input: $input) { id status grade amountFen } }`;
export const LOAN = `query ($id: ID!) { loan(id: $id) { id status outstandingPrincipalFen disbursementStatus fundCoveredFen lenderLossFen
  instalments { seq dueOn principalFen interestFen subsidyFen householdDueFen paidPrincipalFen paidInterestFen subsidyPaid paidAt } } }`;

/** Assesses, applies, approves and waits for the disbursement: answers the DISBURSED loan's id. */
export async function disbursedLoan(
  api: TestApi,
  world: World,
  lender: Lender,
  householdId: string,
  assessment: { labourers: number; landMu: number; otherDebtsFen: number },
  loan: { amountFen: number; termMonths: number },
  recommender = world.users.official.token,
): Promise<string> {
  await ok(api, ASSESS, { input: { householdId, ...assessment } }, recommender);
  const applied = (await ok(api, APPLY, { input: { householdId, purpose: '花椒种植', ...loan } }, recommender)).applyForLoan;
  await ok(api, `mutation ($id: ID!) { approveLoan(id: $id) { status } }`, { id: applied.id }, lender.user.token);
  await waitFor(async () => (await ok(api, LOAN, { id: applied.id }, world.users.admin.token)).loan.status === 'DISBURSED', 20_000, `loan ${applied.id} disbursed`);
  return applied.id as string;
}

/** Makes instalment `seq` of a loan fall due `daysAgo` days ago (Asia/Shanghai day), as time passing would. */
export async function makeDue(api: TestApi, loanId: string, seq: number, daysAgo: number): Promise<void> {
  await api.db.pool.query(
    `UPDATE loan_instalments SET due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - $3::int WHERE loan_id = $1 AND seq = $2`,
    [loanId, seq, daysAgo],
  );
}

/** The balance (debits - credits) of every account whose code starts with `prefix`. */
export async function balances(api: TestApi, prefix: string): Promise<Record<string, number>> {
  const { rows } = await api.db.pool.query(
    `SELECT account, (sum(debit_fen) - sum(credit_fen))::text AS balance FROM journal_lines WHERE account LIKE $1 GROUP BY account ORDER BY account`,
    [`${prefix}%`],
  );
  return Object.fromEntries(rows.map((r) => [r.account, Number(r.balance)]));
}

export async function trialBalanced(api: TestApi, world: World): Promise<void> {
  const tb = (await ok(api, `{ trialBalance { balanced totalDebitsFen totalCreditsFen } }`, {}, world.users.admin.token)).trialBalance;
  expect(tb.balanced).toBe(true);
  expect(tb.totalDebitsFen).toBe(tb.totalCreditsFen);
}
