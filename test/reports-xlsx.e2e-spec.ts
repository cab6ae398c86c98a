import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { createLender, Lender } from './finance-fixtures';
import { createGoods } from './goods-fixtures';
import { ImpactDriver } from './impact-fixtures';
import { atStation, COLLECT, ok } from './village-orders-fixtures';

// The reports officials hand upward as spreadsheets people read (issue 20): each read back with
// exceljs and checked against the API's GraphQL answer for the same parameters.

interface Sheet {
  title: string;
  header: string[];
  rows: unknown[][];
  totals: unknown[];
  formats: string[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const yuan = (fen: number) => Number((fen / 100).toFixed(2));
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

async function readSheet(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const sheet = workbook.worksheets[0];
  const width = sheet.getRow(2).cellCount;
  const values = (n: number) => Array.from({ length: width }, (_, i) => sheet.getCell(n, i + 1).value ?? null);
  const last = sheet.rowCount;
  const rows: unknown[][] = [];
  for (let n = 3; n < last; n++) rows.push(values(n));
  const header = values(2) as string[];
  return {
    title: String(sheet.getCell(1, 1).value),
    header,
    rows,
    totals: values(last),
    formats: header.map((_, i) => sheet.getCell(last, i + 1).numFmt),
  };
}

describe('reports as XLSX', () => {
  let api: TestApi;
  let world: World;
  let d: ImpactDriver;
  let lender: Lender;

  async function download(path: string, token?: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
    const response = await fetch(`${api.url}/reports/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async function sheetOf(path: string, token: string): Promise<Sheet> {
    const r = await download(path, token);
    expect({ path, status: r.status, type: r.type }).toEqual({ path, status: 200, type: XLSX });
    return readSheet(r.bytes);
  }

  beforeAll(async () => {
    api = await startTestApi({ logLevel: 'error', rateLimitLoginPerMinute: 0 });
    world = await createWorld(api.db.pool, api.config);
    d = new ImpactDriver(api, world);
    const { stations, households } = world;
    // Prices that leave odd fen, so that yuan with two decimals is tested.
    await d.sell([{ listingId: await d.listing(stations.main, households.poorA, 2555), quantity: 3 }]);
    await d.sell([{ listingId: await d.listing(stations.main, households.plain, 1999), quantity: 1 }]);
    await d.sell([{ listingId: await d.listing(stations.other, households.other, 501), quantity: 7 }]);
    lender = await createLender(api, world, '涉县农村信用合作联社', [world.county.id]);
    // Three whole order journeys: under the full suite's load they take longer than a hook's default minute.
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  it('impact by village: title, Chinese headers, yuan per village as impactByVillage, impactSummary as the totals row', async () => {
    const sheet = await sheetOf('impact.xlsx', world.users.official.token);
    expect(sheet.title).toMatch(/^扶贫成效（按村）　县：涉县 She　期间：全部时间　制表时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/);
    expect(sheet.header).toEqual(['村代码', '村', '乡镇', '贫困村', '订单数', '销售额（元）', '农户收入（净额，元）', '贫困户增收（元）', '已到账打款（元）', '带动农户数', '带动建档立卡贫困户数']);
    const r = await api.gql(
      `query ($f: ImpactFilter) {
        impactByVillage(filter: $f, first: 100) { edges { node { village { code name } ordersCount grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen paidOutFen householdsReached registeredPoorHouseholdsReached } } }
        impactSummary(filter: $f) { ordersCount grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen paidOutFen householdsReached registeredPoorHouseholdsReached } }`,
      { f: { countyId: world.county.id } },
      world.users.official.token,
    );
    expect(r.errors).toBeUndefined();
    const nodes = (r.data!.impactByVillage as any).edges.map((e: any) => e.node);
    expect(nodes.length).toBe(2);
    expect(sheet.rows.map((row) => [row[0], row[1], ...row.slice(4)])).toEqual(
      nodes.map((n: any) => [n.village.code, n.village.name, n.ordersCount, yuan(n.grossSalesFen), yuan(n.supplierIncomeFen), yuan(n.incomeToRegisteredPoorFen), yuan(n.paidOutFen), n.householdsReached, n.registeredPoorHouseholdsReached]),
    );
    expect(sheet.rows.map((row) => row[3])).toEqual(['是', '否']);
    const s = r.data!.impactSummary as any;
    expect(sheet.totals).toEqual(['合计', null, null, null, s.ordersCount, yuan(s.grossSalesFen), yuan(s.supplierIncomeFen), yuan(s.incomeToRegisteredPoorFen), yuan(s.paidOutFen), s.householdsReached, s.registeredPoorHouseholdsReached]);
    // 3 x 25.55 + 19.99 = 96.64 yuan, written as the number 96.64 with a two-decimal format.
    expect(sheet.totals[5]).toBe(96.64);
    expect(sheet.formats.slice(5, 9)).toEqual(['#,##0.00', '#,##0.00', '#,##0.00', '#,##0.00']);

    // An operator's station, and a range in the title.
    const station = await sheetOf('impact.xlsx?from=2020-01-01&to=2099-01-01', world.users.otherOperator.token);
    expect(station.title).toMatch(/^扶贫成效（按村，本服务站）　县：魏县 Wei　期间：2020-01-01 至 2099-01-01　/);
    expect(station.rows.map((row) => row[5])).toEqual([35.07]);
  });

  it('training outcomes: one row per programme as trainingOutcomes, sessions and trainees summed', async () => {
    const p = await ok(api, `mutation { createTrainingProgramme(input: { name: "电商培训", topic: "e-commerce" }) { id } }`, {}, world.users.official.token);
    const heldOn = new Date(Date.now() - 10 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const s = await ok(api, `mutation ($input: RecordTrainingSessionInput!) { recordTrainingSession(input: $input) { id } }`, {
      input: { programmeId: p.createTrainingProgramme.id, stationId: world.stations.main, heldOn, trainer: '王老师', topic: '网店开设' },
    }, world.users.official.token);
    await ok(api, `mutation ($input: RecordAttendanceInput!) { recordTrainingAttendance(input: $input) { id } }`, {
      input: { sessionId: s.recordTrainingSession.id, householdIds: [world.households.poorA, world.households.plain] },
    }, world.users.official.token);

    const outcomes = (await ok(api, `query ($c: ID) { trainingOutcomes(countyId: $c) { programmeName sessions trainees registeredPoorTrainees traineesFirstSellingWithin180Days supplierNetBeforeFen supplierNetAfterFen } }`,
      { c: world.county.id }, world.users.official.token)).trainingOutcomes;
    expect(outcomes).toHaveLength(1);
    const sheet = await sheetOf('training-outcomes.xlsx', world.users.official.token);
    expect(sheet.title).toMatch(/^技能培训成效　县：涉县 She　/);
    expect(sheet.header[0]).toBe('培训项目');
    expect(sheet.rows).toEqual(outcomes.map((o: any) => ['电商培训', '涉县 She', o.sessions, o.trainees, o.registeredPoorTrainees, o.traineesFirstSellingWithin180Days, yuan(o.supplierNetBeforeFen), yuan(o.supplierNetAfterFen)]));
    expect(sheet.rows[0].slice(2, 4)).toEqual([1, 2]);
    expect(sheet.totals).toEqual(['合计', null, ...sheet.rows[0].slice(2)]);
    // The admin's named county gives the same rows.
    expect((await sheetOf(`training-outcomes.xlsx?countyId=${world.county.id}`, world.users.admin.token)).rows).toEqual(sheet.rows);
  });

  it('two-way flow: the months of twoWayFlow, upward and downward, summed', async () => {
    const fertiliser = await createGoods(api.db.pool, world.merchants.main, { title: '复合肥', kind: 'FARM_INPUT', priceFen: 12_345, stock: 50 });
    const order = await atStation(api, world, fertiliser, 2, 4_000);
    await ok(api, COLLECT, { id: order.id, code: order.code }, world.users.operator.token);
    const month = thisMonth();
    const from = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    const flow = (await ok(api, `query ($c: ID!, $from: String, $to: String) { twoWayFlow(countyId: $c, from: $from, to: $to) {
      months { month upwardOrders upwardSalesFen downwardOrders downwardSalesFen farmInputFen registeredPoorFarmInputFen } } }`,
      { c: world.county.id, from, to: month }, world.users.official.token)).twoWayFlow;
    const sheet = await sheetOf(`two-way-flow.xlsx?countyId=${world.county.id}&from=${from}&to=${month}`, world.users.official.token);
    expect(sheet.title).toMatch(new RegExp(`^双向流通　县：涉县 She　期间：${from} 至 ${month}　`));
    expect(sheet.header).toEqual(['月份', '农产品上行订单数', '农产品上行销售额（元）', '工业品下行代购订单数', '工业品下行销售额（元）', '其中农资（元）', '建档立卡贫困户购农资（元）']);
    expect(sheet.rows).toHaveLength(13);
    expect(sheet.rows).toEqual(flow.months.map((m: any) => [m.month, m.upwardOrders, yuan(m.upwardSalesFen), m.downwardOrders, yuan(m.downwardSalesFen), yuan(m.farmInputFen), yuan(m.registeredPoorFarmInputFen)]));
    const sum = (k: string) => flow.months.reduce((a: number, m: any) => a + m[k], 0);
    expect(sheet.totals).toEqual(['合计', sum('upwardOrders'), yuan(sum('upwardSalesFen')), sum('downwardOrders'), yuan(sum('downwardSalesFen')), yuan(sum('farmInputFen')), yuan(sum('registeredPoorFarmInputFen'))]);
    expect(sheet.totals.slice(2, 6)).toEqual([96.64, 1, 246.9, 246.9]);
    // An official may leave their county out; the months default as in GraphQL.
    expect((await sheetOf('two-way-flow.xlsx', world.users.official.token)).rows.length).toBe(12);
  });

  it('finance: creditReport per month, flows summed, balances and rates of the last month', async () => {
    const q = async (sql: string, params: unknown[]) => String((await api.db.pool.query(sql, params)).rows[0].id);
    const assessment = await q(
      `INSERT INTO credit_assessments (household_id, county_id, village_id, labourers, land_mu, other_debts_fen, sales_net_fen, score, grade, reasons, recorded_by)
       VALUES ($1, $2, $3, 2, 5, 0, 0, 60, 'A', '[]', $4) RETURNING id`,
      [world.households.poorA, world.county.id, world.villages.poor, world.users.official.id],
    );
    const loan = (household: string, amount: number, at: string) =>
      q(
        `INSERT INTO loans (household_id, county_id, village_id, amount_fen, term_months, purpose, assessment_id, grade, registered_poor, annual_rate_bps, subsidy_share_bps,
                            recommended_by, institution_id, disbursed_at, disbursement_status, status)
         VALUES ($1, $2, $3, $4, 10, 'x', $5, 'A', true, 435, 10000, $6, $7, $8, 'PAID', 'DISBURSED') RETURNING id`,
        [household, world.county.id, world.villages.poor, amount, assessment, world.users.official.id, lender.institutionId, at],
      );
    const first = await loan(world.households.poorA, 500_001, '2026-01-10T10:00:00+08:00');
    await loan(world.households.poorB, 300_050, '2026-02-01T10:00:00+08:00');
    await api.db.pool.query(`INSERT INTO loan_repayments (loan_id, household_id, county_id, source, principal_fen, interest_fen, created_at) VALUES ($1, $2, $3, 'CASH', 100000, 533, '2026-02-15T10:00:00+08:00')`, [first, world.households.poorA, world.county.id]);
    await api.db.pool.query(`INSERT INTO fund_movements (county_id, fund, kind, amount_fen, created_at) VALUES ($1, 'RISK', 'TOP_UP', 1000000, '2026-01-01T10:00:00+08:00'), ($1, 'SUBSIDY', 'SUBSIDY', -1201, '2026-02-10T10:00:00+08:00')`, [world.county.id]);

    const months = (await ok(api, `query ($c: ID!, $from: String, $to: String) { creditReport(countyId: $c, from: $from, to: $to) {
      month loansDisbursed disbursedFen disbursedToRegisteredPoorFen outstandingPrincipalFen repaidFen overdueRateBps defaultRateBps fundPaidFen fundBalanceFen subsidyPaidFen } }`,
      { c: world.county.id, from: '2026-01', to: '2026-03' }, world.users.official.token)).creditReport;
    for (const token of [world.users.official.token, lender.user.token]) {
      const sheet = await sheetOf(`finance.xlsx?countyId=${world.county.id}&from=2026-01&to=2026-03`, token);
      expect(sheet.title).toMatch(/^金融精准扶贫(（本机构贷款）)?　县：涉县 She　期间：2026-01 至 2026-03　/);
      expect(sheet.header.slice(0, 3)).toEqual(['月份', '放款笔数', '放款金额（元）']);
      expect(sheet.rows).toEqual(months.map((m: any) => [m.month, m.loansDisbursed, yuan(m.disbursedFen), yuan(m.disbursedToRegisteredPoorFen), yuan(m.outstandingPrincipalFen), yuan(m.repaidFen),
        m.overdueRateBps / 10_000, m.defaultRateBps / 10_000, yuan(m.fundPaidFen), yuan(m.fundBalanceFen), yuan(m.subsidyPaidFen)]));
      const last = months[months.length - 1];
      expect(sheet.totals).toEqual(['合计', 2, 8000.51, 8000.51, yuan(last.outstandingPrincipalFen), 1005.33, 0, 0, 0, 10000, 12.01]);
      expect(sheet.formats[6]).toBe('0.00%');
    }
  });

  it('refuses callers without access and bad parameters with the contract codes, never a 500', async () => {
    const cases: Array<[string, string | undefined, number, Record<string, string>]> = [
      ['impact.xlsx', undefined, 401, { code: 'UNAUTHENTICATED' }],
      ['impact.xlsx', world.users.buyer.token, 403, { code: 'FORBIDDEN' }],
      [`impact.xlsx?countyId=${world.otherCounty.id}`, world.users.official.token, 403, { code: 'FORBIDDEN' }],
      ['impact.xlsx?from=2025-02-30', world.users.official.token, 400, { code: 'BAD_USER_INPUT', field: 'from' }],
      ['impact.xlsx?countyId=1&countyId=2', world.users.admin.token, 400, { code: 'BAD_USER_INPUT', field: 'countyId' }],
      ['training-outcomes.xlsx', undefined, 401, { code: 'UNAUTHENTICATED' }],
      ['training-outcomes.xlsx', world.users.operator.token, 403, { code: 'FORBIDDEN' }],
      [`training-outcomes.xlsx?countyId=${world.otherCounty.id}`, world.users.official.token, 403, { code: 'FORBIDDEN' }],
      ['training-outcomes.xlsx?countyId=x1', world.users.admin.token, 400, { code: 'BAD_USER_INPUT', field: 'countyId' }],
      ['two-way-flow.xlsx', undefined, 401, { code: 'UNAUTHENTICATED' }],
      [`two-way-flow.xlsx?countyId=${world.otherCounty.id}`, world.users.official.token, 403, { code: 'FORBIDDEN' }],
      ['two-way-flow.xlsx', world.users.admin.token, 400, { code: 'BAD_USER_INPUT', field: 'countyId' }],
      [`two-way-flow.xlsx?countyId=${world.county.id}&from=2025-13`, world.users.official.token, 400, { code: 'BAD_USER_INPUT', field: 'from' }],
      [`two-way-flow.xlsx?countyId=${world.county.id}&from=2025-05&to=2025-01`, world.users.official.token, 400, { code: 'BAD_USER_INPUT', field: 'to' }],
      ['finance.xlsx', undefined, 401, { code: 'UNAUTHENTICATED' }],
      [`finance.xlsx?countyId=${world.county.id}`, world.users.operator.token, 403, { code: 'FORBIDDEN' }],
      [`finance.xlsx?countyId=${world.otherCounty.id}`, world.users.official.token, 403, { code: 'FORBIDDEN' }],
      [`finance.xlsx?countyId=${world.otherCounty.id}`, lender.user.token, 403, { code: 'FORBIDDEN' }],
      ['finance.xlsx', world.users.admin.token, 400, { code: 'BAD_USER_INPUT', field: 'countyId' }],
      [`finance.xlsx?countyId=${world.county.id}&from=2026-1`, world.users.official.token, 400, { code: 'BAD_USER_INPUT', field: 'from' }],
      [`finance.xlsx?countyId=${world.county.id}&to=2026-01&to=2026-02`, world.users.official.token, 400, { code: 'BAD_USER_INPUT', field: 'to' }],
    ];
    for (const [path, token, status, error] of cases) {
      const r = await download(path, token);
      expect({ path, status: r.status }).toEqual({ path, status });
      expect(JSON.parse(r.bytes.toString('utf8')).error).toMatchObject(error);
    }
  });
});
