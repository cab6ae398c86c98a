import { civilDay } from '@app/kernel';
import { fundToppedUp, loanDefaulted, loanDisbursed, loanRepaid, loanSubsidyPaid, Posting, writeJournal } from '@app/ledger';
import { creditScore } from '../../libs/finance/src/domain/credit-score';
import { addMonths, loanSchedule } from '../../libs/finance/src/domain/loan-schedule';
import { defaultSplit } from '../../libs/finance/src/domain/repayment';
import { DemoSeedContext } from './demo-listings';

const INSTITUTION = '涉县农村信用合作联社';
const SHE = '130426';
const BORROWERS = 24;
const DAY = 86_400_000;


/**
 * The financial services' demo data, inside the demo seed's transaction: She County's rural credit
 * cooperative as a lender (its officer the demo LENDER login), the county's risk and subsidy funds,
 * and for 24 registered-poor households a small loan repaid two years ago, an assessment scored by the
 * credit score (libs/finance/src/domain/credit-score.ts) a year ago, and a year-old three-exemption loan: most repaid on time at the
 * station, three overdue, one defaulted (the risk fund paying 70%), two new applications waiting for
 * the lender. Every movement is a balanced ledger entry built by the ledger's posting recipes; the
 * demo has no marketplace sales for these households, so repayments are cash at the station.
 * Idempotent: nothing is written when the cooperative exists.
 */
export async function seedDemoFinance(context: DemoSeedContext, lenderEmail: string): Promise<{ loans: number; assessments: number }> {
  const { client } = context;
  if ((await client.query('SELECT 1 FROM lending_institutions WHERE name = $1', [INSTITUTION])).rows.length > 0) return { loans: 0, assessments: 0 };
  const countyId = context.counties.get(SHE)!;
  const one = async (sql: string, params: unknown[]) => String((await client.query(sql, params)).rows[0].id);
  const institutionId = await one('INSERT INTO lending_institutions (name) VALUES ($1) RETURNING id', [INSTITUTION]);
  await client.query('INSERT INTO lending_institution_counties (institution_id, county_id) VALUES ($1, $2)', [institutionId, countyId]);
  await client.query('INSERT INTO lender_officers (user_id, institution_id) VALUES ($1, $2)', [context.users.get(lenderEmail)!, institutionId]);
  const officialId = context.users.get('official.she@handan.demo') ?? context.users.values().next().value!;
  const entries: Posting[] = [];
  const now = new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  // The county's funds, topped up 13 months ago.
  let risk = 30_000_000;
  let subsidy = 2_000_000;
  for (const [fund, amount] of [['RISK', risk], ['SUBSIDY', subsidy]] as const) {
    const id = await one(`INSERT INTO fund_movements (county_id, fund, kind, amount_fen, recorded_by, created_at) VALUES ($1, $2, 'TOP_UP', $3, $4, $5) RETURNING id`, [countyId, fund, amount, officialId, ago(400)]);
    entries.push(fundToppedUp({ movementId: id, countyId, fund, amountFen: amount }));
  }
  let riskPaid = 0;
  let subsidyPaid = 0;

  const households: Array<{ id: string; village_id: string; station_id: string }> = (
    await client.query(
      `SELECT h.id::text, h.village_id::text, (SELECT min(sv.station_id)::text FROM station_villages sv WHERE sv.village_id = h.village_id) AS station_id
         FROM households h WHERE h.county_id = $1 AND h.poverty_status = 'REGISTERED_POOR'
          AND EXISTS (SELECT 1 FROM station_villages sv WHERE sv.village_id = h.village_id)
        ORDER BY h.id LIMIT $2`,
      [countyId, BORROWERS],
    )
  ).rows;

  const today = civilDay(now);
  let loans = 0;
  /** Writes a disbursed loan with its schedule from `disbursedAt`; pays instalments 1..paidUpTo in cash at their due date. */
  const loan = async (h: (typeof households)[number], assessmentId: string, grade: string, amount: number, term: number, disbursedAt: Date, paidUpTo: number) => {
    const schedule = loanSchedule(amount, term, 435, 10_000);
    const start = civilDay(disbursedAt);
    const loanId = await one(
      `INSERT INTO loans (household_id, county_id, village_id, institution_id, amount_fen, term_months, purpose, status, assessment_id, grade, registered_poor,
                          annual_rate_bps, subsidy_share_bps, recommended_by, decided_at, disbursement_status, disbursement_reference, disbursed_at, outstanding_principal_fen, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, '花椒、核桃种植', 'DISBURSED', $7, $8, true, 435, 10000, $9, $10, 'PAID', 'demo', $10, $5, $10) RETURNING id`,
      [h.id, countyId, h.village_id, institutionId, amount, term, assessmentId, grade, officialId, disbursedAt],
    );
    loans++;
    entries.push(loanDisbursed({ loanId, amountFen: amount }));
    let repaid = 0;
    for (const s of schedule) {
      const dueOn = addMonths(start, s.seq);
      const due = dueOn <= today;
      const paid = s.seq <= paidUpTo && due;
      await client.query(
        `INSERT INTO loan_instalments (loan_id, seq, due_on, principal_fen, interest_fen, subsidy_fen, paid_principal_fen, paid_interest_fen, subsidy_paid_at, paid_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9)`,
        [loanId, s.seq, dueOn, s.principalFen, s.interestFen, s.subsidyFen, paid ? s.principalFen : 0, due ? `${dueOn}T10:00:00+08:00` : null, paid ? `${dueOn}T10:00:00+08:00` : null],
      );
      if (due && s.subsidyFen > 0) {
        subsidy -= s.subsidyFen;
        subsidyPaid += s.subsidyFen;
        await client.query(`INSERT INTO fund_movements (county_id, fund, kind, amount_fen, loan_id, created_at) VALUES ($1, 'SUBSIDY', 'SUBSIDY', $2, $3, $4)`, [countyId, -s.subsidyFen, loanId, `${dueOn}T10:00:00+08:00`]);
        entries.push(loanSubsidyPaid({ loanId, seq: s.seq, countyId, lenderId: institutionId, amountFen: s.subsidyFen }));
      }
      if (paid) {
        repaid += s.principalFen;
        const repaymentId = await one(
          `INSERT INTO loan_repayments (loan_id, household_id, county_id, source, station_id, principal_fen, interest_fen, created_at) VALUES ($1, $2, $3, 'CASH', $4, $5, 0, $6) RETURNING id`,
          [loanId, h.id, countyId, h.station_id, s.principalFen, `${dueOn}T10:00:00+08:00`],
        );
        entries.push(
          loanRepaid({ repaymentId, source: { kind: 'CASH', stationId: h.station_id }, loanId, lenderId: institutionId, principalFen: s.principalFen, interestFen: 0 }),
        );
      }
    }
    const closed = repaid === amount;
    await client.query(`UPDATE loans SET outstanding_principal_fen = $2, status = $3::loan_status, closed_at = $4 WHERE id = $1`, [loanId, amount - repaid, closed ? 'CLOSED' : 'DISBURSED', closed ? now : null]);
    return { loanId, outstanding: amount - repaid };
  };

  let assessments = 0;
  for (const [k, h] of households.entries()) {
    const oldAssessment = await one(
      `INSERT INTO credit_assessments (household_id, county_id, village_id, labourers, land_mu, other_debts_fen, sales_net_fen, score, grade, reasons, recorded_by, assessed_at)
       VALUES ($1, $2, $3, 2, 6, 0, 0, 41, 'B', $4, $5, $6) RETURNING id`,
      [h.id, countyId, h.village_id, JSON.stringify(creditScore({ salesNetFen: 0, labourers: 2, landMu: 6, otherDebtsFen: 0, history: { everDefaulted: false, everBorrowed: false, repaidALoan: false, lateInstalments24m: 0 } }).reasons), officialId, ago(800)],
    );
    // Two years ago: a small loan, repaid on time.
    await loan(h, oldAssessment, 'B', 300_000, 3, ago(790), 3);
    // A year ago: assessed again (a repaid loan now counts 30), then a three-exemption loan.
    const input = { salesNetFen: 0, labourers: 1 + (k % 2), landMu: 8 + (k % 5), otherDebtsFen: (k % 4) * 100_000, history: { everDefaulted: false, everBorrowed: true, repaidALoan: true, lateInstalments24m: 0 } };
    const score = creditScore(input);
    const assessmentId = await one(
      `INSERT INTO credit_assessments (household_id, county_id, village_id, labourers, land_mu, other_debts_fen, sales_net_fen, score, grade, reasons, recorded_by, assessed_at)
       VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10, $11) RETURNING id`,
      [h.id, countyId, h.village_id, input.labourers, input.landMu, input.otherDebtsFen, score.score, score.grade, JSON.stringify(score.reasons), officialId, ago(k >= 22 ? 20 : 370)],
    );
    assessments += 2;
    const amount = 500_000 + (k % 4) * 300_000;
    if (k >= 22) {
      // Applications waiting for the lender.
      await client.query(
        `INSERT INTO loans (household_id, county_id, village_id, amount_fen, term_months, purpose, assessment_id, grade, registered_poor, annual_rate_bps, subsidy_share_bps, recommended_by)
         VALUES ($1, $2, $3, $4, 12, '购买化肥和花椒苗', $5, $6, true, 435, 10000, $7)`,
        [h.id, countyId, h.village_id, amount, assessmentId, score.grade, officialId],
      );
      loans++;
      continue;
    }
    const disbursedAt = ago(360 - k * 5);
    const months = Math.floor((now.getTime() - disbursedAt.getTime()) / (30.5 * DAY));
    if (k === 21) {
      // Paid three instalments, then nothing: defaulted, the risk fund paying 70% of what was left.
      const { loanId, outstanding } = await loan(h, assessmentId, score.grade, amount, 12, disbursedAt, 3);
      const { coveredFen, lossFen } = defaultSplit(outstanding, 7_000, risk);
      risk -= coveredFen;
      riskPaid += coveredFen;
      const defaultedAt = ago(60);
      await client.query(`INSERT INTO fund_movements (county_id, fund, kind, amount_fen, loan_id, created_at) VALUES ($1, 'RISK', 'DEFAULT', $2, $3, $4)`, [countyId, -coveredFen, loanId, defaultedAt]);
      entries.push(loanDefaulted({ loanId, countyId, lenderId: institutionId, coveredFen, lossFen }));
      await client.query(
        `UPDATE loans SET status = 'DEFAULTED', outstanding_principal_fen = 0, defaulted_at = $2, overdue_at = $2, fund_covered_fen = $3, lender_loss_fen = $4 WHERE id = $1`,
        [loanId, defaultedAt, coveredFen, lossFen],
      );
    } else if (k >= 18) {
      // Behind by two instalments: OVERDUE.
      const { loanId } = await loan(h, assessmentId, score.grade, amount, 12, disbursedAt, months - 2);
      await client.query(`UPDATE loans SET status = 'OVERDUE', overdue_at = $2 WHERE id = $1`, [loanId, ago(20)]);
    } else {
      await loan(h, assessmentId, score.grade, amount, 12, disbursedAt, months);
    }
  }
  await client.query(
    `INSERT INTO county_funds (county_id, risk_balance_fen, subsidy_balance_fen, risk_paid_fen, subsidy_paid_fen) VALUES ($1, $2, $3, $4, $5)`,
    [countyId, risk, subsidy, riskPaid, subsidyPaid],
  );
  // The ledger's entries, in one statement of the ledger's own, in the seed's transaction.
  await writeJournal(async (sql, params) => (await client.query(sql, params)).rows, entries);
  return { loans, assessments };
}
