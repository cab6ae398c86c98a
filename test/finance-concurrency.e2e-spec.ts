import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { APPLY, ASSESS, balances, createLender, disbursedLoan, Lender, LOAN, makeDue, ok, trialBalanced } from './finance-fixtures';
import { waitFor, writeDeliveredOrder } from './payouts-fixtures';

/*
 * Withholding under concurrency, and a disbursement that pays exactly once whatever crashes.
 * The Wei County household `other` (registered poor) borrows 600,000 fen over 2 months (300,000 a
 * month, interest fully subsidised by default); it consents to withholding.
 */
describe('concurrent settlements and cash repayments, and disbursement exactly once', () => {
  let api: TestApi;
  let world: World;
  let lender: Lender;
  let loanId: string;
  const admin = () => world.users.admin.token;
  const sale = (quantity: number) => writeDeliveredOrder(api.db.pool, world, [{ householdId: world.households.other, stationId: world.stations.other, quantity, unitPriceFen: 10_000 }]);
  const settle = () => api.gql(`mutation { runSettlement { payoutsCreated } }`, {}, admin());
  const withheld = async () => Number((await api.db.pool.query(`SELECT COALESCE(sum(principal_fen + interest_fen), 0) AS n FROM loan_repayments WHERE source = 'WITHHELD'`)).rows[0].n);

  beforeAll(async () => {
    api = await startTestApi({ payoutRelayIntervalSeconds: 1 });
    world = await createWorld(api.db.pool, api.config);
    lender = await createLender(api, world, '邯郸农商银行', [world.county.id, world.otherCounty.id]);
    await sale(100);
    await ok(api, `mutation { runSettlement { payoutsCreated } }`, {}, admin());
    // 36 + 10 + 2 + 15 = 63: A.
    loanId = await disbursedLoan(api, world, lender, world.households.other, { labourers: 1, landMu: 2, otherDebtsFen: 0 }, { amountFen: 600_000, termMonths: 2 }, world.users.otherOfficial.token);
    await ok(api, `mutation ($h: ID!) { setWithholdingConsent(householdId: $h, consented: true) { consented } }`, { h: world.households.other }, world.users.otherOperator.token);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('five settlements at once withhold a due instalment once: all 184,000 fen of the sale, a payout of 0', async () => {
    await makeDue(api, loanId, 1, 1);
    await sale(20); // net 184,000 < 300,000 owed
    const results = await Promise.all(Array.from({ length: 5 }, settle));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(await withheld()).toBe(184_000);
    const payouts = await api.db.pool.query(`SELECT amount_fen::int AS amount, status FROM payouts WHERE household_id = $1 ORDER BY id`, [world.households.other]);
    expect(payouts.rows).toEqual([{ amount: 920_000, status: expect.any(String) }, { amount: 0, status: 'PAID' }]);
  });

  it('settlements and cash repayments at once: every fen applied once, no instalment overpaid, the books balanced', async () => {
    await sale(50); // net 460,000
    const cash = () =>
      api.gql(`mutation ($input: RecordCashRepaymentInput!) { recordCashRepayment(input: $input) { status } }`, { input: { loanId, amountFen: 50_000 } }, world.users.otherOperator.token);
    const results = await Promise.all([settle(), cash(), settle(), cash(), settle()]);
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const loan = (await ok(api, LOAN, { id: loanId }, admin())).loan;
    const repaid = Number((await api.db.pool.query(`SELECT sum(principal_fen) AS n FROM loan_repayments WHERE loan_id = $1`, [loanId])).rows[0].n);
    const paidOnInstalments = loan.instalments.reduce((s: number, i: any) => s + i.paidPrincipalFen, 0);
    expect(paidOnInstalments).toBe(repaid);
    expect(loan.outstandingPrincipalFen).toBe(600_000 - repaid);
    // Instalment 1 (116,000 left) is paid first, by whichever came first; 100,000 of cash was taken in all.
    expect(loan.instalments[0].paidPrincipalFen).toBe(300_000);
    expect(repaid).toBe(184_000 + 100_000 + (await withheld()) - 184_000);
    // The household's second settlement: what was not withheld was paid out.
    const secondPayout = Number((await api.db.pool.query(`SELECT amount_fen FROM payouts WHERE household_id = $1 ORDER BY id DESC LIMIT 1`, [world.households.other])).rows[0].amount_fen);
    expect(secondPayout + (await withheld()) - 184_000).toBe(460_000);
    expect(await balances(api, `loan:principal:${loanId}`)).toEqual({ [`loan:principal:${loanId}`]: 600_000 - repaid });
    await trialBalanced(api, world);
  });

  it('a disbursement whose transfer went through before a crash is recorded, not paid again', async () => {
    // Apply and approve, then stand in for a worker that transferred and died before recording it:
    // the transfer exists under the loan's key, the loan is still APPROVED and PROCESSING.
    await writeDeliveredOrder(api.db.pool, world, [{ householdId: world.households.poorA, stationId: world.stations.main, quantity: 20, unitPriceFen: 10_000 }]);
    // floor(1840 / 250) = 7 + 20 + 10 + 15 = 52: A.
    await ok(api, ASSESS, { input: { householdId: world.households.poorA, labourers: 2, landMu: 10, otherDebtsFen: 0 } }, world.users.official.token);
    const applied = (await ok(api, APPLY, { input: { householdId: world.households.poorA, amountFen: 100_000, termMonths: 10, purpose: '化肥' } }, world.users.official.token)).applyForLoan;
    const account = (await api.db.pool.query(`SELECT payout_account FROM households WHERE id = $1`, [world.households.poorA])).rows[0].payout_account;
    await api.db.pool.query(`INSERT INTO sandbox_transfers (idempotency_key, account, amount_fen) VALUES ($1, $2, 100000)`, [`loan:${applied.id}`, account]);
    await ok(api, `mutation ($id: ID!) { approveLoan(id: $id) { status } }`, { id: applied.id }, lender.user.token);
    await waitFor(async () => (await ok(api, LOAN, { id: applied.id }, admin())).loan.status === 'DISBURSED', 20_000, 'the disbursement');
    expect((await api.db.pool.query(`SELECT count(*)::int AS n FROM sandbox_transfers WHERE idempotency_key = $1`, [`loan:${applied.id}`])).rows[0].n).toBe(1);
    // No second transfer under any other key either: the household received the loan once.
    expect((await api.db.pool.query(`SELECT count(*)::int AS n FROM sandbox_transfers WHERE account = $1 AND amount_fen = 100000`, [account])).rows[0].n).toBe(1);
    expect(await balances(api, `loan:principal:${applied.id}`)).toEqual({ [`loan:principal:${applied.id}`]: 100_000 });
  });

  it('an approved loan whose job the queue lost (Redis flushed) is disbursed by the relay', async () => {
    // Approved in the database with no job in the queue: what an enqueue lost after the commit leaves.
    const { rows } = await api.db.pool.query(
      `INSERT INTO loans (household_id, county_id, village_id, amount_fen, term_months, purpose, assessment_id, grade, registered_poor, annual_rate_bps, subsidy_share_bps, recommended_by, status, institution_id, disbursement_status)
       SELECT $1, county_id, village_id, 100000, 10, '农具', (SELECT max(id) FROM credit_assessments), 'A', true, 435, 10000, $2, 'APPROVED', $3, 'PENDING'
         FROM households WHERE id = $1 RETURNING id::text`,
      [world.households.poorB, world.users.official.id, lender.institutionId],
    );
    await api.db.pool.query(
      `INSERT INTO loan_instalments (loan_id, seq, principal_fen, interest_fen, subsidy_fen) SELECT $1, s, 10000, 0, 0 FROM generate_series(1, 10) AS s`,
      [rows[0].id],
    );
    await waitFor(async () => (await ok(api, LOAN, { id: rows[0].id }, admin())).loan.status === 'DISBURSED', 20_000, 'the relayed disbursement');
    expect((await api.db.pool.query(`SELECT count(*)::int AS n FROM sandbox_transfers WHERE idempotency_key = $1`, [`loan:${rows[0].id}`])).rows[0].n).toBe(1);
    await trialBalanced(api, world);
  });
});
