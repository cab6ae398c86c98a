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
