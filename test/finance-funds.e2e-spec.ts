import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { ASSESS, balances, createLender, disbursedLoan, Lender, LOAN, makeDue, ok, trialBalanced } from './finance-fixtures';
import { writeDeliveredOrder } from './payouts-fixtures';

/*
 * Loans going bad, and the county's risk compensation fund (70% coverage by default):
 * the fund holds 1,000,000 fen. poorA's loan of 1,000,000 fen defaults with nothing repaid: the fund
 * pays 700,000 (70%), the lender loses 300,000, the fund keeps 300,000. poorB's loan of 1,000,000 then
 * defaults: 70% would be 700,000 but the fund holds 300,000: it pays 300,000, the lender loses 700,000.
 */
describe('overdue and defaulted loans, and the risk fund', () => {
  let api: TestApi;
  let world: World;
  let lender: Lender;
  let loanA: string;
  let loanB: string;
  const servicing = () => ok(api, `mutation { runLoanServicing { overdue defaulted fundPaidFen } }`, {}, world.users.admin.token);
  const statusOf = async (id: string) => (await ok(api, LOAN, { id }, world.users.admin.token)).loan;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
    lender = await createLender(api, world, '涉县农村信用合作联社', [world.county.id]);
    await writeDeliveredOrder(api.db.pool, world, [
      { householdId: world.households.poorA, stationId: world.stations.main, quantity: 100, unitPriceFen: 10_000 },
      { householdId: world.households.poorB, stationId: world.stations.main, quantity: 40, unitPriceFen: 10_000 },
    ]);
    await ok(api, `mutation ($input: TopUpCountyFundInput!) { topUpCountyFund(input: $input) { riskBalanceFen } }`, { input: { countyId: world.county.id, fund: 'RISK', amountFen: 1_000_000 } }, world.users.official.token);
    // poorA: 36 + 20 + 6 + 15 = 77 (AA); poorB: floor(3680 / 250) = 14 + 20 + 10 + 15 = 59 (A).
    loanA = await disbursedLoan(api, world, lender, world.households.poorA, { labourers: 2, landMu: 6.5, otherDebtsFen: 0 }, { amountFen: 1_000_000, termMonths: 10 });
    loanB = await disbursedLoan(api, world, lender, world.households.poorB, { labourers: 2, landMu: 10, otherDebtsFen: 0 }, { amountFen: 1_000_000, termMonths: 10 });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('30 days late is not yet overdue; 31 days is OVERDUE; paid back, it is not', async () => {
    await makeDue(api, loanA, 1, 30);
    expect((await servicing()).runLoanServicing.overdue).toBe(0);
    expect((await statusOf(loanA)).status).toBe('DISBURSED');
    await makeDue(api, loanA, 1, 31);
    expect((await servicing()).runLoanServicing).toMatchObject({ overdue: 1, defaulted: 0 });
    expect((await statusOf(loanA)).status).toBe('OVERDUE');
  });

  it('at 90 days the loan DEFAULTS: the fund pays 70% of the outstanding principal, the lender loses the rest', async () => {
    await makeDue(api, loanA, 1, 89);
    expect((await servicing()).runLoanServicing.defaulted).toBe(0);
    await makeDue(api, loanA, 1, 90);
    expect((await servicing()).runLoanServicing).toMatchObject({ defaulted: 1, fundPaidFen: 700_000 });
    expect(await statusOf(loanA)).toMatchObject({ status: 'DEFAULTED', outstandingPrincipalFen: 0, fundCoveredFen: 700_000, lenderLossFen: 300_000 });
    const funds = (await ok(api, `query ($c: ID!) { countyFunds(countyId: $c) { riskBalanceFen riskPaidFen } }`, { c: world.county.id }, lender.user.token)).countyFunds;
    expect(funds).toEqual({ riskBalanceFen: 300_000, riskPaidFen: 700_000 });
    expect(await balances(api, `loan:principal:${loanA}`)).toEqual({ [`loan:principal:${loanA}`]: 0 });
    expect(await balances(api, 'loss:lender:')).toEqual({ [`loss:lender:${lender.institutionId}`]: 300_000 });
    await trialBalanced(api, world);
    // Servicing again changes nothing.
    expect((await servicing()).runLoanServicing).toMatchObject({ defaulted: 0, fundPaidFen: 0 });
  });

  it('a fund too small pays what it holds, never more; the lender loses the rest', async () => {
    await makeDue(api, loanB, 1, 120);
    expect((await servicing()).runLoanServicing).toMatchObject({ defaulted: 1, fundPaidFen: 300_000 });
    expect(await statusOf(loanB)).toMatchObject({ status: 'DEFAULTED', fundCoveredFen: 300_000, lenderLossFen: 700_000 });
    const funds = (await ok(api, `query ($c: ID!) { countyFunds(countyId: $c) { riskBalanceFen riskPaidFen } }`, { c: world.county.id }, world.users.official.token)).countyFunds;
    expect(funds).toEqual({ riskBalanceFen: 0, riskPaidFen: 1_000_000 });
    expect(await balances(api, 'loss:lender:')).toEqual({ [`loss:lender:${lender.institutionId}`]: 1_000_000 });
    await trialBalanced(api, world);
  });

  it('a default costs the household 60 points on its next assessment', async () => {
    const a = (await ok(api, ASSESS, { input: { householdId: world.households.poorA, labourers: 2, landMu: 6.5, otherDebtsFen: 0 } }, world.users.official.token)).recordCreditAssessment;
    // 36 + 20 + 6 - 60 = 2: C.
    expect([a.score, a.grade]).toEqual([2, 'C']);
  });
});

describe('the credit report per county and month', () => {
  let api: TestApi;
  let world: World;
  let lender: Lender;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
    lender = await createLender(api, world, '涉县农村信用合作联社', [world.county.id]);
  });
  afterAll(async () => {
    await api?.close();
  });

  /*
   * Two loans, disbursed (by the rows' dates) in January and February 2026; the January one repaid
   * 100,000 principal and 500 interest in February and defaulted in April (the fund paid 280,000 of
   * its 400,000 outstanding); the February one has an instalment due on 2026-03-01, unpaid: more than
   * 30 days late at the end of April (61 days), not at the end of March (30 days).
   */
  it('disbursed, outstanding, repaid, overdue and default rates, fund and subsidy, month by month', async () => {
    const q = async (sql: string, params: unknown[]) => String((await api.db.pool.query(sql, params)).rows[0].id);
    const assessment = await q(
      `INSERT INTO credit_assessments (household_id, county_id, village_id, labourers, land_mu, other_debts_fen, sales_net_fen, score, grade, reasons, recorded_by)
       VALUES ($1, $2, $3, 2, 5, 0, 0, 60, 'A', '[]', $4) RETURNING id`,
      [world.households.poorA, world.county.id, world.villages.poor, world.users.official.id],
    );
    const loan = (household: string, amount: number, disbursedAt: string, extra: string, extraValues: unknown[]) =>
      q(
        `INSERT INTO loans (household_id, county_id, village_id, amount_fen, term_months, purpose, assessment_id, grade, registered_poor, annual_rate_bps, subsidy_share_bps,
                            recommended_by, institution_id, disbursed_at, disbursement_status, status${extra ? ', ' + extra.split('=')[0] : ''})
         VALUES ($1, $2, $3, $4, 10, 'x', $5, 'A', true, 435, 10000, $6, $7, $8, 'PAID', ${extraValues.length ? "'DEFAULTED'" : "'DISBURSED'"}${extra ? ', ' + extra.split('=')[1] : ''})
         RETURNING id`,
        [household, world.county.id, world.villages.poor, amount, assessment, world.users.official.id, lender.institutionId, disbursedAt, ...extraValues],
      );
    const first = await loan(world.households.poorA, 500_000, '2026-01-10T10:00:00+08:00', 'defaulted_at, fund_covered_fen, lender_loss_fen=$9, $10, $11', ['2026-04-20T10:00:00+08:00', 280_000, 120_000]);
    const second = await loan(world.households.poorB, 300_000, '2026-02-01T10:00:00+08:00', '', []);
    await api.db.pool.query(`INSERT INTO loan_repayments (loan_id, household_id, county_id, source, principal_fen, interest_fen, created_at) VALUES ($1, $2, $3, 'CASH', 100000, 500, '2026-02-15T10:00:00+08:00')`, [first, world.households.poorA, world.county.id]);
    await api.db.pool.query(`INSERT INTO loan_instalments (loan_id, seq, due_on, principal_fen, interest_fen, subsidy_fen) VALUES ($1, 1, '2026-03-01', 30000, 0, 0)`, [second]);
    await api.db.pool.query(
      `INSERT INTO fund_movements (county_id, fund, kind, amount_fen, created_at) VALUES ($1, 'RISK', 'TOP_UP', 1000000, '2026-01-01T10:00:00+08:00'), ($1, 'SUBSIDY', 'SUBSIDY', -1200, '2026-02-10T10:00:00+08:00')`,
      [world.county.id],
    );
    await api.db.pool.query(`INSERT INTO fund_movements (county_id, fund, kind, amount_fen, loan_id, created_at) VALUES ($1, 'RISK', 'DEFAULT', -280000, $2, '2026-04-20T10:00:00+08:00')`, [world.county.id, first]);

    const report = `query ($c: ID!, $from: String, $to: String) { creditReport(countyId: $c, from: $from, to: $to) {
      month loansDisbursed disbursedFen disbursedToRegisteredPoorFen outstandingPrincipalFen repaidFen overdueRateBps defaultRateBps fundPaidFen fundBalanceFen subsidyPaidFen } }`;
    const months = (await ok(api, report, { c: world.county.id, to: '2026-04' }, world.users.official.token)).creditReport;
    expect(months).toEqual([
      { month: '2026-01', loansDisbursed: 1, disbursedFen: 500_000, disbursedToRegisteredPoorFen: 500_000, outstandingPrincipalFen: 500_000, repaidFen: 0, overdueRateBps: 0, defaultRateBps: 0, fundPaidFen: 0, fundBalanceFen: 1_000_000, subsidyPaidFen: 0 },
      { month: '2026-02', loansDisbursed: 1, disbursedFen: 300_000, disbursedToRegisteredPoorFen: 300_000, outstandingPrincipalFen: 700_000, repaidFen: 100_500, overdueRateBps: 0, defaultRateBps: 0, fundPaidFen: 0, fundBalanceFen: 1_000_000, subsidyPaidFen: 1200 },
      { month: '2026-03', loansDisbursed: 0, disbursedFen: 0, disbursedToRegisteredPoorFen: 0, outstandingPrincipalFen: 700_000, repaidFen: 0, overdueRateBps: 0, defaultRateBps: 0, fundPaidFen: 0, fundBalanceFen: 1_000_000, subsidyPaidFen: 0 },
      { month: '2026-04', loansDisbursed: 0, disbursedFen: 0, disbursedToRegisteredPoorFen: 0, outstandingPrincipalFen: 300_000, repaidFen: 0, overdueRateBps: 10_000, defaultRateBps: 5000, fundPaidFen: 280_000, fundBalanceFen: 720_000, subsidyPaidFen: 0 },
    ]);
    expect((await ok(api, report, { c: world.county.id, from: '2026-04', to: '2026-04' }, lender.user.token)).creditReport).toHaveLength(1);
    for (const token of [world.users.otherOfficial.token, world.users.buyer.token, world.users.operator.token]) {
      expect((await api.gql(report, { c: world.county.id }, token)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect((await api.gql(report, { c: world.county.id, from: '2026-13' }, world.users.official.token)).errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'from' }]);
  });
});

describe("reconciling the registry with a lender's list", () => {
  let api: TestApi;
  let world: World;
  let lender: Lender;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
    lender = await createLender(api, world, '涉县农村信用合作联社', [world.county.id]);
  });
  afterAll(async () => {
    await api?.close();
  });

  /*
   * The registry (She County, REGISTERED_POOR): poorA (SX-0001) and poorB (SX-0002), both in the poor
   * village. The lender's file: SX-0001 (both), SX-0003 (a household not registered poor: lender only,
   * poor village), SX-9999 in the plain village (lender only), SX-8888 with an unknown village code
   * (unmatched), and refused lines: a repeat of SX-0001, an empty head name, a village of Wei County.
   */
  it('per village: on both lists, registry only, lender only, and the unmatched rows; bad lines refused with their number', async () => {
    const csv = [
      'village_code,registry_number,head_name',
      '130426100201,SX-0001,王秀英',
      '130426100201,SX-0003,张伟',
      '130426100202,SX-9999,赵六',
      '999999999999,SX-8888,钱七',
      '130426100201,SX-0001,王秀英',
      '130426100201,SX-7777,',
      '130434100201,WX-0001,赵磊',
    ].join('\n');
    const upload = `mutation ($csv: String!) { uploadLenderList(csv: $csv) { accepted unmatched rejected { line reason } } }`;
    const report = (await ok(api, upload, { csv }, lender.user.token)).uploadLenderList;
    expect(report).toEqual({
      accepted: 3,
      unmatched: 1,
      rejected: [
        { line: 6, reason: 'registry_number SX-0001 repeats line 2' },
        { line: 7, reason: 'head_name must have 1 to 100 characters' },
        { line: 8, reason: 'village_code 130434100201 lies in a county your institution does not lend in' },
      ],
    });
    const q = `query ($c: ID!, $i: ID!) { reconciliation(countyId: $c, institutionId: $i) { unmatchedRows villages { village { code } onBoth registryOnly lenderOnly } } }`;
    const r = (await ok(api, q, { c: world.county.id, i: lender.institutionId }, world.users.official.token)).reconciliation;
    expect(r).toEqual({
      unmatchedRows: 1,
      villages: [
        { village: { code: '130426100201' }, onBoth: 1, registryOnly: 1, lenderOnly: 1 },
        { village: { code: '130426100202' }, onBoth: 0, registryOnly: 0, lenderOnly: 1 },
      ],
    });
    const rows = `query ($c: ID!, $i: ID!, $k: ReconciliationKind!) { reconciliationRows(countyId: $c, institutionId: $i, kind: $k) { totalCount edges { node { line registryNumber headName household { headName } } } } }`;
    const onlyRegistry = (await ok(api, rows, { c: world.county.id, i: lender.institutionId, k: 'REGISTRY_ONLY' }, lender.user.token)).reconciliationRows;
    expect(onlyRegistry.edges.map((e: any) => e.node)).toEqual([{ line: null, registryNumber: null, headName: null, household: { headName: '李建国' } }]);
    const unmatched = (await ok(api, rows, { c: world.county.id, i: lender.institutionId, k: 'UNMATCHED' }, world.users.official.token)).reconciliationRows;
    expect(unmatched.edges.map((e: any) => e.node)).toEqual([{ line: 5, registryNumber: 'SX-8888', headName: '钱七', household: null }]);
    // Operators, buyers and another county's official never see it.
    for (const token of [world.users.operator.token, world.users.buyer.token, world.users.otherOfficial.token]) {
      expect((await api.gql(q, { c: world.county.id, i: lender.institutionId }, token)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    // A new upload replaces the list; a file without the columns is refused whole.
    expect((await api.gql(upload, { csv: 'registry_number,head_name\nSX-1,x' }, lender.user.token)).errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'csv' }]);
    expect((await ok(api, upload, { csv: 'registry_number,head_name,village_code\nSX-0002,李建国,130426100201\n' }, lender.user.token)).uploadLenderList).toEqual({ accepted: 1, unmatched: 0, rejected: [] });
    expect((await ok(api, q, { c: world.county.id, i: lender.institutionId }, lender.user.token)).reconciliation.villages).toEqual([
      { village: { code: '130426100201' }, onBoth: 1, registryOnly: 1, lenderOnly: 0 },
    ]);
  });
});
