import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyPassword } from '@app/auth';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { DEMO_USERS, seedDemo } from './demo-seed';

/** Every table the demo seed writes, with a digest of its rows: equal digests mean nothing changed. */
async function state(db: TestDatabase): Promise<Record<string, string>> {
  const tables = ['counties', 'townships', 'villages', 'stations', 'station_villages', 'households', 'poverty_status_history', 'users', 'listings', 'supply_lots', 'merchants', 'goods', 'village_orders', 'village_order_lines', 'village_order_months', 'journal_lines', 'training_programmes', 'training_sessions', 'training_attendances', 'village_poverty_history', 'lending_institutions', 'credit_assessments', 'loans', 'loan_instalments', 'loan_repayments', 'county_funds', 'fund_movements'];
  const result: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS digest FROM ${t} x`);
    result[t] = `${rows[0].n}:${rows[0].digest}`;
  }
  return result;
}

describe('the Handan demo seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('loads the demo set: the 18 counties, the poverty table\'s proportions, She County stations and one login per role', async () => {
    const summary = await seedDemo(db.pool, { passwordHashCost: 10 });
    expect(summary).toMatchObject({ counties: 18, townships: 18, villages: 78, stations: 13, users: 5 });
    const national = await db.pool.query(`SELECT code FROM counties WHERE national_poverty_county ORDER BY code`);
    expect(national.rows.map((r) => r.code)).toEqual(['130425', '130426', '130432', '130434']);
    // Daming: 31,978 general / 23,174 minimum subsistence / 2,018 five-guarantee, scaled to 300 households.
    const daming = await db.pool.query(
      `SELECT poverty_category, count(*)::int AS n FROM households h JOIN counties c ON c.id = h.county_id
       WHERE c.code = '130425' AND h.poverty_status = 'REGISTERED_POOR' GROUP BY 1 ORDER BY 1`,
    );
    expect(daming.rows).toEqual([
      { poverty_category: 'GENERAL', n: 168 },
      { poverty_category: 'MINIMUM_SUBSISTENCE', n: 122 },
      { poverty_category: 'FIVE_GUARANTEE', n: 10 },
    ]);
    const linzhangFive = await db.pool.query(
      `SELECT count(*)::int AS n FROM households h JOIN counties c ON c.id = h.county_id WHERE c.code = '130423' AND h.poverty_category = 'FIVE_GUARANTEE'`,
    );
    expect(linzhangFive.rows[0].n).toBe(1);
    // Every She County village is served; the cached status equals the latest history entry everywhere.
    const unserved = await db.pool.query(
      `SELECT count(*)::int AS n FROM villages v JOIN counties c ON c.id = v.county_id WHERE c.code = '130426' AND NOT EXISTS (SELECT 1 FROM station_villages sv WHERE sv.village_id = v.id)`,
    );
    expect(unserved.rows[0].n).toBe(0);
    const drift = await db.pool.query(
      `SELECT count(*)::int AS n FROM households h JOIN LATERAL (SELECT status, category FROM poverty_status_history p WHERE p.household_id = h.id AND p.effective_at <= now()
         ORDER BY effective_at DESC, id DESC LIMIT 1) l ON true WHERE l.status IS DISTINCT FROM h.poverty_status OR l.category IS DISTINCT FROM h.poverty_category`,
    );
    expect(drift.rows[0].n).toBe(0);
    for (const u of DEMO_USERS) {
      const { rows } = await db.pool.query('SELECT role, password_hash FROM users WHERE email = $1', [u.email]);
      expect(rows[0].role).toBe(u.role);
      expect(await verifyPassword(rows[0].password_hash, u.password)).toBe(true);
    }
  });

  it("gives the downward flow life: the park's merchants and goods, a year of village orders, balanced books, the rollup matching the orders", async () => {
    const merchants = await db.pool.query(`SELECT m.name, count(g.id)::int AS goods FROM merchants m JOIN goods g ON g.merchant_id = m.id GROUP BY m.name ORDER BY m.name`);
    expect(merchants.rows).toHaveLength(3);
    const titles = (await db.pool.query(`SELECT string_agg(title, ' ') AS t FROM goods`)).rows[0].t;
    for (const word of ['复合肥', '种子', '手机', '油']) expect(titles).toContain(word);
    const months = await db.pool.query(
      `SELECT count(DISTINCT month)::int AS months, sum(collected_count)::int AS n, sum(collected_fen)::bigint::text AS fen, sum(poor_farm_input_fen)::bigint::text AS poor FROM village_order_months`,
    );
    expect(months.rows[0].months).toBeGreaterThanOrEqual(11);
    const collected = await db.pool.query(`SELECT count(*)::int AS n, sum(total_fen)::bigint::text AS fen FROM village_orders WHERE status = 'COLLECTED'`);
    expect(months.rows[0]).toMatchObject({ n: collected.rows[0].n, fen: collected.rows[0].fen });
    expect(Number(months.rows[0].poor)).toBeGreaterThan(0);
    const statuses = (await db.pool.query(`SELECT DISTINCT status::text FROM village_orders ORDER BY 1`)).rows.map((r) => r.status);
    expect(statuses).toEqual(expect.arrayContaining(['COLLECTED', 'RETURNED', 'CANCELLED']));
    const books = await db.pool.query(`SELECT sum(debit_fen)::text AS d, sum(credit_fen)::text AS c, sum(debit_fen - credit_fen) FILTER (WHERE account = 'escrow')::text AS escrow FROM journal_lines`);
    expect(books.rows[0].d).toBe(books.rows[0].c);
    // Escrow holds exactly the deposits of orders still waiting (AT_STATION).
    const waiting = await db.pool.query(`SELECT COALESCE(sum(deposit_fen), 0)::text AS d FROM village_orders WHERE status = 'AT_STATION'`);
    expect(String(-Number(books.rows[0].escrow ?? 0))).toBe(waiting.rows[0].d);
    const negative = await db.pool.query(`SELECT count(*)::int AS n FROM goods WHERE stock < 0`);
    expect(negative.rows[0].n).toBe(0);
  });

  it("gives the credit cooperative a year of loans: most repaid, a few overdue, one default the risk fund paid 70% of, balanced books", async () => {
    const statuses = await db.pool.query(`SELECT status::text, count(*)::int AS n FROM loans GROUP BY 1 ORDER BY 1`);
    expect(Object.fromEntries(statuses.rows.map((r) => [r.status, r.n]))).toEqual({ CLOSED: 24, DISBURSED: 18, OVERDUE: 3, DEFAULTED: 1, SUBMITTED: 2 });
    const [defaulted] = (await db.pool.query(`SELECT fund_covered_fen::int AS covered, lender_loss_fen::int AS loss FROM loans WHERE status = 'DEFAULTED'`)).rows;
    expect(defaulted.covered).toBe(Math.floor(((defaulted.covered + defaulted.loss) * 7000) / 10000));
    const books = await db.pool.query(`SELECT sum(debit_fen)::text AS d, sum(credit_fen)::text AS c FROM journal_lines`);
    expect(books.rows[0].d).toBe(books.rows[0].c);
    // Every loan's principal account balances to what is outstanding on it.
    const mismatched = await db.pool.query(
      `SELECT l.id FROM loans l LEFT JOIN (SELECT account, sum(debit_fen - credit_fen) AS b FROM journal_lines WHERE account LIKE 'loan:principal:%' GROUP BY account) j ON j.account = 'loan:principal:' || l.id
        WHERE l.disbursed_at IS NOT NULL AND COALESCE(j.b, 0) <> l.outstanding_principal_fen`,
    );
    expect(mismatched.rows).toEqual([]);
    const funds = (await db.pool.query(`SELECT risk_balance_fen::int AS risk, risk_paid_fen::int AS paid FROM county_funds`)).rows[0];
    expect(funds.risk + funds.paid).toBe(30_000_000);
  });

  it("holds She County's training over the past year, with attendance from the stations' villages, and two village exits", async () => {
    const { rows } = await db.pool.query(
      `SELECT count(DISTINCT s.id)::int AS sessions, count(DISTINCT s.station_id)::int AS stations, count(*)::int AS attendances,
              bool_and(s.held_on > (now() AT TIME ZONE 'Asia/Shanghai')::date - 366 AND s.held_on <= (now() AT TIME ZONE 'Asia/Shanghai')::date) AS within_year,
              bool_and(h.county_id = s.county_id AND c.code = '130426') AS she_households
         FROM training_sessions s JOIN training_attendances a ON a.session_id = s.id JOIN households h ON h.id = a.household_id JOIN counties c ON c.id = s.county_id`,
    );
    expect(rows[0]).toMatchObject({ sessions: 24, within_year: true, she_households: true });
    expect(rows[0].stations).toBeGreaterThan(5);
    expect(rows[0].attendances).toBeGreaterThan(24 * 7);
    const exits = await db.pool.query(`SELECT count(*)::int AS n, bool_and(NOT v.poverty_stricken AND v.designated_poverty_stricken) AS exited FROM village_poverty_history p JOIN villages v ON v.id = p.village_id`);
    expect(exits.rows[0]).toEqual({ n: 2, exited: true });
  });

  it('changes nothing when run again', async () => {
    const before = await state(db);
    const again = await seedDemo(db.pool, { passwordHashCost: 10 });
    expect(again.added).toEqual({ counties: 0, townships: 0, villages: 0, stations: 0, households: 0, users: 0, listings: 0, merchants: 0, goods: 0, villageOrders: 0, trainingSessions: 0, trainingAttendances: 0, villageExits: 0, loans: 0, creditAssessments: 0 });
    expect(await state(db)).toEqual(before);
  });
});
