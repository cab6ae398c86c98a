import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { APPLY, ASSESS, balances, createLender, Lender, LOAN, makeDue, ok, trialBalanced } from './finance-fixtures';
import { waitFor, writeDeliveredOrder } from './payouts-fixtures';

/*
 * A three-exemption loan over HTTP, from assessment to CLOSED, repaid out of three settlements and one
 * cash payment, every figure hand-computed (World stations charge 500 bps, the platform 300 bps):
 *
 * Assessment of poorA after a sale of 100 x 100 yuan (gross 1,000,000, net 920,000 fen = 9,200 yuan):
 *   sales floor(9200 / 250) = 36; labour 2 x 10 = 20; land floor(6.5) = 6; never borrowed 15;
 *   debts 2,500 yuan -> -2; score 75, grade AA (line 30,000 yuan).
 * The county sets a 70% subsidy. Loan 1,200,000 fen over 3 months at 4.35%:
 *   principal 400,000 a month; interest floor(outstanding x 435 / 120000): 4350, 2900, 1450;
 *   county's share floor(70%): 3045, 2030, 1015; household's interest 1305, 870, 435;
 *   the household owes 401,305, 400,870, 400,435.
 * Settlement 0 (no consent yet): payout 920,000, nothing withheld.
 * Settlement 1, instalment 1 due, sale net 460,000: withheld 401,305, payout 58,695.
 * Settlement 2, instalment 2 due, sale net 276,000: withheld all of it (interest 870 first, then
 *   principal 275,130): a payout of 0, PAID at once.
 * Cash 100,000 at the station: principal of instalment 2 (124,870 left -> 24,870 left).
 * Settlement 3, instalment 3 due, sale net 552,000: withheld 24,870 + 400,435 = 425,305, payout 126,695.
 * The loan is CLOSED; loan:principal balances to 0; the lender's interest revenue is 4350+2900+1450 = 8700.
 */
describe('a three-exemption loan over HTTP, from assessment to CLOSED', () => {
  let api: TestApi;
  let world: World;
  let lender: Lender;
  let loanId: string;
  const admin = () => world.users.admin.token;
  const sale = (quantity: number) => writeDeliveredOrder(api.db.pool, world, [{ householdId: world.households.poorA, stationId: world.stations.main, quantity, unitPriceFen: 10_000 }]);
  const settle = () => ok(api, `mutation { runSettlement { payoutsCreated amountFen } }`, {}, admin());
  const lastPayoutOf = async (householdId: string) =>
    (await api.db.pool.query(`SELECT amount_fen::int AS amount, status FROM payouts WHERE household_id = $1 ORDER BY id DESC LIMIT 1`, [householdId])).rows[0];

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
    lender = await createLender(api, world, '涉县农村信用合作联社', [world.county.id]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('the county credit policy: the defaults until an official sets one; another county\'s official is FORBIDDEN', async () => {
    const q = `query ($c: ID!) { creditPolicy(countyId: $c) { isDefault annualRateBps subsidyShareBps fundCoverageBps linesFen { AAA AA A B C } } }`;
    expect((await ok(api, q, { c: world.county.id }, world.users.official.token)).creditPolicy).toEqual({
      isDefault: true,
      annualRateBps: 435,
      subsidyShareBps: 10000,
      fundCoverageBps: 7000,
      linesFen: { AAA: 5_000_000, AA: 3_000_000, A: 2_000_000, B: 1_000_000, C: 0 },
    });
    const input = { countyId: world.county.id, lineAaaFen: 5_000_000, lineAaFen: 3_000_000, lineAFen: 2_000_000, lineBFen: 1_000_000, lineCFen: 0, annualRateBps: 435, subsidyShareBps: 7000, fundCoverageBps: 7000 };
    const set = `mutation ($input: SetCreditPolicyInput!) { setCreditPolicy(input: $input) { isDefault subsidyShareBps } }`;
    const refused = await api.gql(set, { input }, world.users.otherOfficial.token);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await ok(api, set, { input }, world.users.official.token)).setCreditPolicy).toEqual({ isDefault: false, subsidyShareBps: 7000 });
    await ok(api, `mutation ($input: TopUpCountyFundInput!) { topUpCountyFund(input: $input) { subsidyBalanceFen } }`, { input: { countyId: world.county.id, fund: 'SUBSIDY', amountFen: 10_000 } }, world.users.official.token);
  });

  it('assesses poorA: the credit score with its reasons, the sales read from its delivered allocations', async () => {
    await sale(100);
    const a = (await ok(api, ASSESS, { input: { householdId: world.households.poorA, labourers: 2, landMu: 6.5, otherDebtsFen: 250_000 } }, world.users.operator.token)).recordCreditAssessment;
    expect(a.salesNetFen).toBe(920_000);
    expect(a.reasons.map((r: { part: string; points: number }) => [r.part, r.points])).toEqual([
      ['SALES', 36],
      ['LABOUR', 20],
      ['LAND', 6],
      ['REPAYMENT', 15],
      ['OTHER_DEBTS', -2],
    ]);
    expect([a.score, a.grade]).toEqual([75, 'AA']);
    // Settlement 0: no consent, nothing owed: the whole net is paid out.
    await settle();
    expect(await lastPayoutOf(world.households.poorA)).toEqual({ amount: 920_000, status: expect.any(String) });
  });

  it('refuses applications that break the rules, each with its reason', async () => {
    const refusal = async (input: Record<string, unknown>) => {
      const r = await api.gql(APPLY, { input: { purpose: '购买化肥', termMonths: 12, ...input } }, world.users.official.token);
      expect(r.data).toBeNull();
      return r.errors!.map((e) => ({ code: e.extensions?.code, field: e.extensions?.field, message: e.message }))[0];
    };
    expect(await refusal({ householdId: world.households.poorA, amountFen: 3_000_001 })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.amountFen', message: expect.stringContaining('AA credit line of 3000000 fen') });
    expect(await refusal({ householdId: world.households.poorB, amountFen: 100_000 })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.householdId', message: 'The household has no credit assessment' });
    await ok(api, ASSESS, { input: { householdId: world.households.notRegistered, labourers: 2, landMu: 10, otherDebtsFen: 0 } }, world.users.official.token);
    expect((await refusal({ householdId: world.households.notRegistered, amountFen: 100_000 })).message).toContain('registered-poor');
    // poorB: no sales, no labour, 3 mu, never borrowed: 0 + 0 + 3 + 15 = 18, C.
    await ok(api, ASSESS, { input: { householdId: world.households.poorB, labourers: 0, landMu: 3, otherDebtsFen: 0 } }, world.users.official.token);
    expect((await refusal({ householdId: world.households.poorB, amountFen: 100_000 })).message).toBe("The household's credit grade is C; a loan needs A or better");
    const other = await api.gql(APPLY, { input: { householdId: world.households.other, amountFen: 100_000, termMonths: 12, purpose: 'x' } }, world.users.official.token);
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await api.db.pool.query('SELECT count(*)::int AS n FROM loans')).toMatchObject({ rows: [{ n: 0 }] });
  });

  it('a lender of another county may not approve; the lender of the county approves, and it is paid out exactly once', async () => {
    const applied = (await ok(api, APPLY, { input: { householdId: world.households.poorA, amountFen: 1_200_000, termMonths: 3, purpose: '花椒种植' } }, world.users.operator.token)).applyForLoan;
    expect(applied).toMatchObject({ status: 'SUBMITTED', grade: 'AA' });
    loanId = applied.id;
    const stranger = await createLender(api, world, '魏县农村信用合作联社', [world.otherCounty.id]);
    const refused = await api.gql(`mutation ($id: ID!) { approveLoan(id: $id) { status } }`, { id: loanId }, stranger.user.token);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await api.gql(LOAN, { id: loanId }, stranger.user.token)).errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect((await api.gql(LOAN, { id: loanId }, world.users.buyer.token)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    await ok(api, `mutation ($id: ID!) { approveLoan(id: $id) { status } }`, { id: loanId }, lender.user.token);
    const again = await api.gql(`mutation ($id: ID!) { approveLoan(id: $id) { status } }`, { id: loanId }, lender.user.token);
    expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_STATE']);
    await waitFor(async () => (await ok(api, LOAN, { id: loanId }, lender.user.token)).loan.status === 'DISBURSED', 20_000, 'the disbursement');
    const loan = (await ok(api, LOAN, { id: loanId }, lender.user.token)).loan;
    expect(loan.outstandingPrincipalFen).toBe(1_200_000);
    expect(loan.instalments.map((i: any) => [i.principalFen, i.interestFen, i.subsidyFen, i.householdDueFen])).toEqual([
      [400_000, 4350, 3045, 401_305],
      [400_000, 2900, 2030, 400_870],
      [400_000, 1450, 1015, 400_435],
    ]);
    expect(loan.instalments.every((i: any) => /^\d{4}-\d{2}-\d{2}$/.test(i.dueOn))).toBe(true);
    const transfers = await api.db.pool.query(`SELECT amount_fen::int AS amount FROM sandbox_transfers WHERE idempotency_key = $1`, [`loan:${loanId}`]);
    expect(transfers.rows).toEqual([{ amount: 1_200_000 }]);
    expect(await balances(api, `loan:principal:${loanId}`)).toEqual({ [`loan:principal:${loanId}`]: 1_200_000 });
  });

  it('withholds across three settlements and a cash payment, to the fen, and closes the loan', async () => {
    await ok(api, `mutation ($h: ID!) { setWithholdingConsent(householdId: $h, consented: true) { consented } }`, { h: world.households.poorA }, world.users.operator.token);

    await makeDue(api, loanId, 1, 3);
    await ok(api, `mutation { runLoanServicing { subsidiesPaid subsidyFen } }`, {}, admin());
    await sale(50);
    await settle();
    expect(await lastPayoutOf(world.households.poorA)).toMatchObject({ amount: 58_695 });

    await makeDue(api, loanId, 2, 2);
    await sale(30);
    await settle();
    expect(await lastPayoutOf(world.households.poorA)).toEqual({ amount: 0, status: 'PAID' });
    let loan = (await ok(api, LOAN, { id: loanId }, admin())).loan;
    expect(loan.instalments[1]).toMatchObject({ paidInterestFen: 870, paidPrincipalFen: 275_130, paidAt: null });

    const cash = await ok(api, `mutation ($input: RecordCashRepaymentInput!) { recordCashRepayment(input: $input) { outstandingPrincipalFen status } }`, { input: { loanId, amountFen: 100_000 } }, world.users.operator.token);
    expect(cash.recordCashRepayment).toEqual({ outstandingPrincipalFen: 1_200_000 - 400_000 - 275_130 - 100_000, status: 'DISBURSED' });

    await makeDue(api, loanId, 3, 1);
    await sale(60);
    await settle();
    expect(await lastPayoutOf(world.households.poorA)).toMatchObject({ amount: 126_695 });
    await ok(api, `mutation { runLoanServicing { subsidiesPaid } }`, {}, admin());

    loan = (await ok(api, LOAN, { id: loanId }, admin())).loan;
    expect(loan.status).toBe('CLOSED');
    expect(loan.outstandingPrincipalFen).toBe(0);
    expect(loan.instalments.map((i: any) => [i.paidPrincipalFen, i.paidInterestFen, i.subsidyPaid, i.paidAt !== null])).toEqual([
      [400_000, 1305, true, true],
      [400_000, 870, true, true],
      [400_000, 435, true, true],
    ]);
    expect(await balances(api, `loan:principal:${loanId}`)).toEqual({ [`loan:principal:${loanId}`]: 0 });
    expect(await balances(api, `revenue:interest:`)).toEqual({ [`revenue:interest:${lender.institutionId}`]: -8700 });
    expect(await balances(api, `fund:subsidy:`)).toEqual({ [`fund:subsidy:${world.county.id}`]: 10_000 + 3045 + 2030 + 1015 });
    expect(await balances(api, `cash:station:`)).toEqual({ [`cash:station:${world.stations.main}`]: 100_000 });
    // The household's payable: credited its nets, debited its payouts and what was withheld: nothing left.
    await waitFor(async () => (await api.db.pool.query(`SELECT 1 FROM payouts WHERE status <> 'PAID'`)).rows.length === 0, 20_000, 'every payout paid');
    expect(await balances(api, `payable:household:${world.households.poorA}`)).toEqual({ [`payable:household:${world.households.poorA}`]: 0 });
    const funds = (await ok(api, `query ($c: ID!) { countyFunds(countyId: $c) { subsidyBalanceFen subsidyPaidFen } }`, { c: world.county.id }, world.users.official.token)).countyFunds;
    expect(funds).toEqual({ subsidyBalanceFen: 10_000 - 6090, subsidyPaidFen: 6090 });
    await trialBalanced(api, world);
    const repaid = await api.db.pool.query(`SELECT source, principal_fen::int AS p, interest_fen::int AS i FROM loan_repayments WHERE loan_id = $1 ORDER BY id`, [loanId]);
    expect(repaid.rows).toEqual([
      { source: 'WITHHELD', p: 400_000, i: 1305 },
      { source: 'WITHHELD', p: 275_130, i: 870 },
      { source: 'CASH', p: 100_000, i: 0 },
      { source: 'WITHHELD', p: 424_870, i: 435 },
    ]);
  });

  it('keeps the history of assessments; the repayment part now counts the repaid loan', async () => {
    const a = (await ok(api, ASSESS, { input: { householdId: world.households.poorA, labourers: 2, landMu: 6.5, otherDebtsFen: 250_000 } }, world.users.official.token)).recordCreditAssessment;
    expect(a.reasons.find((r: { part: string }) => r.part === 'REPAYMENT').points).toBe(30);
    const history = (await ok(api, `query ($h: ID!) { creditAssessments(householdId: $h, first: 10) { totalCount edges { node { score grade } } } }`, { h: world.households.poorA }, lender.user.token)).creditAssessments;
    expect(history.totalCount).toBe(2);
    const buyer = await api.gql(`query ($h: ID!) { creditAssessments(householdId: $h) { totalCount } }`, { h: world.households.poorA }, world.users.buyer.token);
    expect(buyer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it("lenders see the households of their counties with the personal data officials see; nobody else's, and buyers no credit data", async () => {
    const list = `query ($c: ID) { households(countyId: $c, first: 100) { totalCount edges { node { id headName registryNumber payoutAccountMasked } } } }`;
    const mine = (await ok(api, list, { c: world.county.id }, lender.user.token)).households;
    expect(mine.totalCount).toBe(5);
    expect(mine.edges.find((e: any) => e.node.id === world.households.poorA).node).toMatchObject({ headName: '王秀英', registryNumber: 'SX-0001', payoutAccountMasked: expect.stringMatching(/^\*+\d{4}$/) });
    expect((await api.gql(list, { c: world.otherCounty.id }, lender.user.token)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const viaLoan = (await ok(api, `query ($id: ID!) { loan(id: $id) { household { headName } } }`, { id: loanId }, lender.user.token)).loan;
    expect(viaLoan.household.headName).toBe('王秀英');
    const stranger = await createLender(api, world, '魏县信用社二', [world.otherCounty.id]);
    // Another county's household is out of the stranger's scope: null, as for an id that names none.
    const seen = (await ok(api, `query ($id: ID!) { household(id: $id) { headName registryNumber povertyStatus } }`, { id: world.households.poorA }, stranger.user.token)).household;
    expect(seen).toBeNull();
    const own = (await ok(api, `query ($id: ID!) { household(id: $id) { headName registryNumber } }`, { id: world.households.poorA }, lender.user.token)).household;
    expect(own).toEqual({ headName: '王秀英', registryNumber: 'SX-0001' });
    expect((await api.gql(`query ($c: ID!) { loans(countyId: $c) { totalCount } }`, { c: world.county.id }, world.users.buyer.token)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await ok(api, `query { loans { totalCount } }`, {}, stranger.user.token)).loans.totalCount).toBe(0);
    expect((await ok(api, `query { loans { totalCount } }`, {}, lender.user.token)).loans.totalCount).toBe(1);
  });
});

