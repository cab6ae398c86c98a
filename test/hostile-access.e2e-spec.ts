import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { signAccessToken } from '@app/auth';
import { createWorld, GqlResult, startTestApi, TEST_JWT_SECRET, TEST_PASSWORD, TestApi, World } from '@app/testing';
import { ADDRESS, createListing, placeOrder } from './orders-fixtures';
import { createGoods } from './goods-fixtures';
import { changedTables, fingerprint } from './hostile-fixtures';

/** A lending institution of the World's county with a LENDER officer, and a SUBMITTED loan of poorA, written as rows. */
async function createLenderRows(pool: import('pg').Pool, world: World): Promise<Pick<Fixtures, 'institutionId' | 'lender' | 'loanId'>> {
  const q = async (sql: string, params: unknown[]) => String((await pool.query(sql, params)).rows[0].id);
  const institutionId = await q(`INSERT INTO lending_institutions (name) VALUES ('涉县农村信用合作联社') RETURNING id`, []);
  await pool.query(`INSERT INTO lending_institution_counties (institution_id, county_id) VALUES ($1, $2)`, [institutionId, world.county.id]);
  const lenderId = await q(`INSERT INTO users (email, password_hash, display_name, role) VALUES ('lender@test.cn', 'x', '信贷员', 'LENDER') RETURNING id`, []);
  await pool.query(`INSERT INTO lender_officers (user_id, institution_id) VALUES ($1, $2)`, [lenderId, institutionId]);
  const assessmentId = await q(
    `INSERT INTO credit_assessments (household_id, county_id, village_id, labourers, land_mu, other_debts_fen, sales_net_fen, score, grade, reasons, recorded_by)
     VALUES ($1, $2, $3, 2, 5, 0, 0, 40, 'B', '[]', $4) RETURNING id`,
    [world.households.poorA, world.county.id, world.villages.poor, world.users.official.id],
  );
  const loanId = await q(
    `INSERT INTO loans (household_id, county_id, village_id, amount_fen, term_months, purpose, assessment_id, grade, registered_poor, annual_rate_bps, subsidy_share_bps, recommended_by)
     VALUES ($1, $2, $3, 100000, 6, '化肥', $4, 'A', true, 435, 10000, $5) RETURNING id`,
    [world.households.poorA, world.county.id, world.villages.poor, assessmentId, world.users.official.id],
  );
  return { institutionId, lender: { id: lenderId, token: signAccessToken(TEST_JWT_SECRET, lenderId, 'LENDER', 3600) }, loanId };
}

/*
 * Who may call what, from the outside. Every mutation of the contract is called by every role that may
 * not call it (FORBIDDEN) and by nobody (UNAUTHENTICATED), generated from one table; then the
 * cross-tenant cases (another buyer's order, another station's fulfilment, another county's registry)
 * and forged, expired and orphaned tokens. Every refusal carries its code and changes no row anywhere.
 */

type RoleName = 'ADMIN' | 'STATION_OPERATOR' | 'COUNTY_OFFICIAL' | 'BUYER' | 'MERCHANT' | 'LENDER';
const ROLES: RoleName[] = ['ADMIN', 'STATION_OPERATOR', 'COUNTY_OFFICIAL', 'BUYER', 'MERCHANT', 'LENDER'];

interface Fixtures {
  world: World;
  listingId: string;
  otherListingId: string;
  orderId: string;
  fulfillmentId: string;
  payoutId: string;
  goodsId: string;
  /** A lending institution of the World's county, its LENDER officer, and a SUBMITTED loan of poorA. */
  institutionId: string;
  lender: { id: string; token: string };
  loanId: string;
  villageOrderId: string;
}

/**
 * Every mutation of the contract with the roles its resolver admits (docs/design.md's "Access";
 * `anyone` for the two that anonymous callers use) and a call that is valid in every other respect.
 */
const MUTATIONS: Record<string, { roles: RoleName[] | 'anyone'; call: (f: Fixtures) => [string, Record<string, unknown>] }> = {
  registerBuyer: {
    roles: 'anyone',
    call: () => [`mutation ($input: RegisterBuyerInput!) { registerBuyer(input: $input) { token } }`, { input: { email: 'x@x.cn', password: 'long-enough-password', displayName: 'x' } }],
  },
  login: { roles: 'anyone', call: () => [`mutation { login(email: "buyer@test.cn", password: "${TEST_PASSWORD}") { token } }`, {}] },
  createUser: {
    roles: ['ADMIN'],
    call: () => [`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email: 'new@x.cn', password: 'long-enough-password', displayName: 'x', role: 'ADMIN' } }],
  },
  changePassword: {
    roles: ['ADMIN', 'STATION_OPERATOR', 'COUNTY_OFFICIAL', 'BUYER', 'MERCHANT', 'LENDER'],
    call: () => [
      `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`,
      { input: { currentPassword: TEST_PASSWORD, newPassword: 'another-long-password' } },
    ],
  },
  disableUser: { roles: ['ADMIN'], call: (f) => [`mutation ($id: ID!) { disableUser(id: $id) { id } }`, { id: f.world.users.buyer.id }] },
  enableUser: { roles: ['ADMIN'], call: (f) => [`mutation ($id: ID!) { enableUser(id: $id) { id } }`, { id: f.world.users.buyer.id }] },
  endUserSessions: { roles: ['ADMIN'], call: (f) => [`mutation ($id: ID!) { endUserSessions(id: $id) { id } }`, { id: f.world.users.buyer.id }] },
  createCounty: {
    roles: ['ADMIN'],
    call: () => [`mutation ($input: CreateCountyInput!) { createCounty(input: $input) { id } }`, { input: { code: '130481', name: '武安', nationalPovertyCounty: false } }],
  },
  createTownship: {
    roles: ['ADMIN'],
    call: (f) => [`mutation ($input: CreateTownshipInput!) { createTownship(input: $input) { id } }`, { input: { countyId: f.world.county.id, name: '新镇' } }],
  },
  createVillage: {
    roles: ['ADMIN'],
    call: (f) => [
      `mutation ($input: CreateVillageInput!) { createVillage(input: $input) { id } }`,
      { input: { townshipId: f.world.township.id, code: '130426100299', name: '新村', povertyStricken: true } },
    ],
  },
  createStation: {
    roles: ['ADMIN'],
    call: (f) => [
      `mutation ($input: CreateStationInput!) { createStation(input: $input) { id } }`,
      { input: { name: '新站', villageId: f.world.villages.plain, servedVillageIds: [f.world.villages.plain], dailyCapacity: 10, commissionBps: 500 } },
    ],
  },
  updateStation: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL'],
    call: (f) => [`mutation ($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { id } }`, { id: f.world.stations.main, input: { dailyCapacity: 1 } }],
  },
  registerHousehold: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL', 'STATION_OPERATOR'],
    call: (f) => [
      `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
      { input: { villageId: f.world.villages.poor, headName: '新户', members: 3, payoutAccount: '6228480000001111' } },
    ],
  },
  setPovertyStatus: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL'],
    call: (f) => [`mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { id } }`, { input: { householdId: f.world.households.poorA, status: 'EXITED' } }],
  },
  createTrainingProgramme: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL'],
    call: () => [`mutation { createTrainingProgramme(input: { name: "培训", topic: "e-commerce" }) { id } }`, {}],
  },
  recordTrainingSession: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL', 'STATION_OPERATOR'],
    call: (f) => [
      `mutation ($input: RecordTrainingSessionInput!) { recordTrainingSession(input: $input) { id } }`,
      { input: { programmeId: '1', stationId: f.world.stations.main, heldOn: '2025-01-01', trainer: '王', topic: '网店' } },
    ],
  },
  recordTrainingAttendance: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL', 'STATION_OPERATOR'],
    call: (f) => [`mutation ($input: RecordAttendanceInput!) { recordTrainingAttendance(input: $input) { id } }`, { input: { sessionId: '1', householdIds: [f.world.households.poorA] } }],
  },
  setCountyPovertyLine: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL'],
    call: (f) => [`mutation ($input: SetCountyPovertyLineInput!) { setCountyPovertyLine(input: $input) { id } }`, { input: { countyId: f.world.county.id, povertyLineFen: 500000 } }],
  },
  setVillagePovertyStatus: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL'],
    call: (f) => [
      `mutation ($input: SetVillagePovertyStatusInput!) { setVillagePovertyStatus(input: $input) { id } }`,
      { input: { villageId: f.world.villages.poor, povertyStricken: false } },
    ],
  },
  importHouseholds: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL'],
    call: (f) => [
      `mutation ($countyId: ID!, $csv: String!) { importHouseholds(countyId: $countyId, csv: $csv) { created } }`,
      {
        countyId: f.world.county.id,
        csv: 'registry_number,head_name,members,village_code,poverty_status,poverty_category,payout_account,effective_date\nSX-9001,新户,3,130426100201,REGISTERED_POOR,GENERAL,6228480000009001,2024-01-01\n',
      },
    ],
  },
  createListing: {
    roles: ['STATION_OPERATOR'],
    call: (f) => [
      `mutation ($input: CreateListingInput!) { createListing(input: $input) { id } }`,
      {
        input: { title: '小米', description: '', category: 'grain', unit: 'kg', priceFen: 900, originVillageId: f.world.villages.poor, supply: [{ householdId: f.world.households.poorA, quantity: 5 }] },
      },
    ],
  },
  updateListing: {
    roles: ['STATION_OPERATOR', 'ADMIN'],
    call: (f) => [`mutation ($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id } }`, { id: f.listingId, input: { priceFen: 1 } }],
  },
  removeListingPhoto: {
    roles: ['STATION_OPERATOR', 'ADMIN'],
    call: () => [`mutation ($id: ID!) { removeListingPhoto(id: $id) { id } }`, { id: '1' }],
  },
  addSupply: {
    roles: ['STATION_OPERATOR', 'ADMIN'],
    call: (f) => [
      `mutation ($id: ID!, $supply: SupplyLotInput!) { addSupply(listingId: $id, supply: $supply) { id } }`,
      { id: f.listingId, supply: { householdId: f.world.households.poorB, quantity: 5 } },
    ],
  },
  placeOrder: {
    roles: ['BUYER', 'STATION_OPERATOR'],
    call: (f) => [
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
      { input: { idempotencyKey: 'hostile-1', lines: [{ listingId: f.listingId, quantity: 1 }], shippingAddress: ADDRESS, paymentToken: 'tok' } },
    ],
  },
  cancelOrder: { roles: ['BUYER', 'STATION_OPERATOR', 'ADMIN'], call: (f) => [`mutation ($id: ID!) { cancelOrder(id: $id) { id } }`, { id: f.orderId }] },
  acceptFulfillment: { roles: ['STATION_OPERATOR', 'ADMIN'], call: (f) => [`mutation ($id: ID!) { acceptFulfillment(id: $id) { id } }`, { id: f.fulfillmentId }] },
  markCollected: { roles: ['STATION_OPERATOR', 'ADMIN'], call: (f) => [`mutation ($id: ID!) { markCollected(id: $id) { id } }`, { id: f.fulfillmentId }] },
  markShipped: {
    roles: ['STATION_OPERATOR', 'ADMIN'],
    call: (f) => [`mutation ($input: ShipInput!) { markShipped(input: $input) { id } }`, { input: { fulfillmentId: f.fulfillmentId, carrier: '顺丰', trackingNumber: 'SF1' } }],
  },
  confirmDelivery: { roles: ['BUYER', 'STATION_OPERATOR', 'ADMIN'], call: (f) => [`mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { id } }`, { id: f.fulfillmentId }] },
  runSettlement: { roles: ['ADMIN'], call: () => [`mutation { runSettlement { payoutsCreated } }`, {}] },
  retryPayout: { roles: ['ADMIN'], call: (f) => [`mutation ($id: ID!) { retryPayout(id: $id) { id } }`, { id: f.payoutId }] },
  createMerchant: {
    roles: ['ADMIN'],
    call: (f) => [`mutation ($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }`, { input: { name: '新商户', countyId: f.world.county.id, payoutAccount: '6228480000005555' } }],
  },
  createGoods: {
    roles: ['MERCHANT'],
    call: () => [`mutation ($input: CreateGoodsInput!) { createGoods(input: $input) { id } }`, { input: { title: '化肥', kind: 'FARM_INPUT', unit: '袋', priceFen: 100, stock: 1 } }],
  },
  updateGoods: { roles: ['MERCHANT', 'ADMIN'], call: (f) => [`mutation ($id: ID!, $input: UpdateGoodsInput!) { updateGoods(id: $id, input: $input) { id } }`, { id: f.goodsId, input: { priceFen: 1 } }] },
  addGoodsStock: { roles: ['MERCHANT', 'ADMIN'], call: (f) => [`mutation ($id: ID!) { addGoodsStock(goodsId: $id, quantity: 1) { id } }`, { id: f.goodsId }] },
  placeVillageOrder: {
    roles: ['STATION_OPERATOR'],
    call: (f) => [
      `mutation ($input: PlaceVillageOrderInput!) { placeVillageOrder(input: $input) { pickupCode } }`,
      { input: { householdId: f.world.households.poorA, lines: [{ goodsId: f.goodsId, quantity: 1 }], depositFen: 100 } },
    ],
  },
  shipVillageOrder: { roles: ['MERCHANT', 'ADMIN'], call: (f) => [`mutation ($id: ID!) { shipVillageOrder(id: $id) { id } }`, { id: f.villageOrderId }] },
  receiveVillageOrder: { roles: ['STATION_OPERATOR', 'ADMIN'], call: (f) => [`mutation ($id: ID!) { receiveVillageOrder(id: $id) { id } }`, { id: f.villageOrderId }] },
  collectVillageOrder: {
    roles: ['STATION_OPERATOR', 'ADMIN'],
    call: (f) => [`mutation ($id: ID!) { collectVillageOrder(id: $id, pickupCode: "123456") { id } }`, { id: f.villageOrderId }],
  },
  cancelVillageOrder: { roles: ['STATION_OPERATOR', 'ADMIN'], call: (f) => [`mutation ($id: ID!) { cancelVillageOrder(id: $id) { id } }`, { id: f.villageOrderId }] },
  remitStationCash: {
    roles: ['STATION_OPERATOR', 'ADMIN'],
    call: (f) => [`mutation ($id: ID) { remitStationCash(amountFen: 100, stationId: $id) { id } }`, { id: f.world.stations.main }],
  },
  createLendingInstitution: {
    roles: ['ADMIN'],
    call: (f) => [`mutation ($input: CreateLendingInstitutionInput!) { createLendingInstitution(input: $input) { id } }`, { input: { name: '新信用社', countyIds: [f.world.county.id] } }],
  },
  addLenderOfficer: {
    roles: ['ADMIN'],
    call: (f) => [`mutation ($i: ID!, $u: ID!) { addLenderOfficer(institutionId: $i, userId: $u) { id } }`, { i: f.institutionId, u: f.lender.id }],
  },
  setCreditPolicy: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL'],
    call: (f) => [
      `mutation ($input: SetCreditPolicyInput!) { setCreditPolicy(input: $input) { isDefault } }`,
      { input: { countyId: f.world.county.id, lineAaaFen: 1, lineAaFen: 1, lineAFen: 1, lineBFen: 1, lineCFen: 0, annualRateBps: 1, subsidyShareBps: 0, fundCoverageBps: 0 } },
    ],
  },
  topUpCountyFund: {
    roles: ['ADMIN', 'COUNTY_OFFICIAL'],
    call: (f) => [`mutation ($input: TopUpCountyFundInput!) { topUpCountyFund(input: $input) { riskBalanceFen } }`, { input: { countyId: f.world.county.id, fund: 'RISK', amountFen: 100 } }],
  },
  recordCreditAssessment: {
    roles: ['STATION_OPERATOR', 'COUNTY_OFFICIAL'],
    call: (f) => [
      `mutation ($input: RecordCreditAssessmentInput!) { recordCreditAssessment(input: $input) { id } }`,
      { input: { householdId: f.world.households.poorA, labourers: 2, landMu: 5, otherDebtsFen: 0 } },
    ],
  },
  applyForLoan: {
    roles: ['STATION_OPERATOR', 'COUNTY_OFFICIAL'],
    call: (f) => [`mutation ($input: ApplyForLoanInput!) { applyForLoan(input: $input) { id } }`, { input: { householdId: f.world.households.poorA, amountFen: 100_000, termMonths: 6, purpose: '化肥' } }],
  },
  approveLoan: { roles: ['LENDER'], call: (f) => [`mutation ($id: ID!) { approveLoan(id: $id) { id } }`, { id: f.loanId }] },
  rejectLoan: { roles: ['LENDER'], call: (f) => [`mutation ($id: ID!) { rejectLoan(id: $id, reason: "no") { id } }`, { id: f.loanId }] },
  setWithholdingConsent: {
    roles: ['STATION_OPERATOR', 'COUNTY_OFFICIAL'],
    call: (f) => [`mutation ($h: ID!) { setWithholdingConsent(householdId: $h, consented: true) { consented } }`, { h: f.world.households.poorA }],
  },
  recordCashRepayment: {
    roles: ['STATION_OPERATOR'],
    call: (f) => [`mutation ($input: RecordCashRepaymentInput!) { recordCashRepayment(input: $input) { id } }`, { input: { loanId: f.loanId, amountFen: 100 } }],
  },
  runLoanServicing: { roles: ['ADMIN'], call: () => [`mutation { runLoanServicing { defaulted } }`, {}] },
  uploadLenderList: {
    roles: ['LENDER'],
    call: () => [`mutation ($csv: String!) { uploadLenderList(csv: $csv) { accepted } }`, { csv: 'registry_number,head_name,village_code\nSX-0001,王秀英,130426100201\n' }],
  },
};

/** [mutation, caller] for every call the table refuses: each role not admitted, and nobody. */
const REFUSED: Array<[string, RoleName | 'nobody']> = Object.entries(MUTATIONS).flatMap(([name, { roles }]) =>
  roles === 'anyone' ? [] : [...ROLES.filter((r) => !roles.includes(r)).map((r): [string, RoleName] => [name, r]), [name, 'nobody'] as [string, 'nobody']],
);

const codesOf = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);

describe('hostile callers', () => {
  let api: TestApi;
  let f: Fixtures;
  const tokenOf = (role: RoleName | 'nobody'): string | undefined =>
    ({ ADMIN: f.world.users.admin.token, STATION_OPERATOR: f.world.users.operator.token, COUNTY_OFFICIAL: f.world.users.official.token, BUYER: f.world.users.buyer.token, MERCHANT: f.world.users.merchant.token, LENDER: f.lender.token, nobody: undefined })[role];

  beforeAll(async () => {
    api = await startTestApi({ rateLimitLoginPerMinute: 0 });
    const world = await createWorld(api.db.pool, api.config);
    const listing = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 1500,
      lots: [{ householdId: world.households.poorA, quantity: 20 }],
    });
    const other = await createListing(api.db.pool, {
      stationId: world.stations.other,
      originVillageId: world.villages.other,
      countyId: world.otherCounty.id,
      priceFen: 700,
      lots: [{ householdId: world.households.other, quantity: 20 }],
    });
    const placed = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 2 }]);
    expect(placed.errors).toBeUndefined();
    const order = (placed.data as any).placeOrder;
    const { rows } = await api.db.pool.query(
      `INSERT INTO payouts (payee_kind, household_id, county_id, amount_fen, status, attempts, last_error) VALUES ('HOUSEHOLD', $1, $2, 1000, 'FAILED', 5, 'refused') RETURNING id::text`,
      [world.households.poorA, world.county.id],
    );
    const goodsId = await createGoods(api.db.pool, world.merchants.main);
    const lender = await createLenderRows(api.db.pool, world);
    const vo = await api.gql(
      `mutation ($input: PlaceVillageOrderInput!) { placeVillageOrder(input: $input) { villageOrder { id } } }`,
      { input: { householdId: world.households.poorA, lines: [{ goodsId, quantity: 1 }], depositFen: 500 } },
      world.users.operator.token,
    );
    expect(vo.errors).toBeUndefined();
    const villageOrderId: string = (vo.data as any).placeVillageOrder.villageOrder.id;
    f = { world, listingId: listing.id, otherListingId: other.id, orderId: order.id, fulfillmentId: order.fulfillments[0].id, payoutId: rows[0].id, goodsId, villageOrderId, ...lender };
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Runs the call and checks that it changed no row anywhere. */
  async function refusedWithoutChange(query: string, variables: Record<string, unknown>, token?: string): Promise<GqlResult> {
    const before = await fingerprint(api.db.pool);
    const r = await api.gql(query, variables, token);
    expect(changedTables(before, await fingerprint(api.db.pool))).toEqual([]);
    return r;
  }

  it('the table covers every mutation the server has', async () => {
    const r = await api.gql(`{ __schema { mutationType { fields { name } } } }`);
    const names = (r.data as any).__schema.mutationType.fields.map((x: { name: string }) => x.name).sort();
    expect(Object.keys(MUTATIONS).sort()).toEqual(names);
    expect(REFUSED.length).toBeGreaterThan(60);
  });

  it.each(REFUSED)('%s called by %s: refused (FORBIDDEN, or UNAUTHENTICATED for nobody), nothing changed', async (name, caller) => {
    const [query, variables] = MUTATIONS[name].call(f);
    const r = await refusedWithoutChange(query, variables, tokenOf(caller));
    expect(r.status).toBe(200);
    expect(r.data).toBeNull();
    expect(codesOf(r)).toEqual([caller === 'nobody' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
  });

  describe('across tenants', () => {
    const ORDER = `query ($id: ID!) { order(id: $id) { id totalFen buyer { email } shippingAddress { recipient phone } } }`;

    it("a buyer cannot read, cancel or confirm another buyer's order: NOT_FOUND, as if it did not exist", async () => {
      const stranger = f.world.users.otherBuyer.token;
      const read = await refusedWithoutChange(ORDER, { id: f.orderId }, stranger);
      expect(read.data).toEqual({ order: null });
      expect(read.errors!.map((e) => e.extensions)).toEqual([{ code: 'NOT_FOUND', field: 'id' }]);
      expect(JSON.stringify(read)).not.toContain(ADDRESS.phone);
      const unknown = await api.gql(ORDER, { id: '999999999' }, stranger);
      expect(unknown.errors![0].message.replace('999999999', f.orderId)).toBe(read.errors![0].message);
      const mine = await api.gql(`{ myOrders { totalCount edges { node { id } } } }`, {}, stranger);
      expect((mine.data as any).myOrders).toEqual({ totalCount: 0, edges: [] });
      expect(codesOf(await refusedWithoutChange(`mutation ($id: ID!) { cancelOrder(id: $id) { id } }`, { id: f.orderId }, stranger))).toEqual(['NOT_FOUND']);
      expect(codesOf(await refusedWithoutChange(`mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { id } }`, { id: f.fulfillmentId }, stranger))).toEqual(['NOT_FOUND']);
      // Its own buyer reads it.
      expect(((await api.gql(ORDER, { id: f.orderId }, f.world.users.buyer.token)).data as any).order.id).toBe(f.orderId);
    });

    it.each([
      ['acceptFulfillment', `mutation ($id: ID!) { acceptFulfillment(id: $id) { id } }`],
      ['markCollected', `mutation ($id: ID!) { markCollected(id: $id) { id } }`],
      ['markShipped', `mutation ($id: ID!) { markShipped(input: { fulfillmentId: $id, carrier: "x", trackingNumber: "y" }) { id } }`],
      ['confirmDelivery', `mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { id } }`],
    ])("an operator cannot work another station's fulfilment (%s): NOT_FOUND, nothing changed", async (_name, mutation) => {
      for (const operator of [f.world.users.otherOperator, f.world.users.secondOperator]) {
        expect(codesOf(await refusedWithoutChange(mutation, { id: f.fulfillmentId }, operator.token))).toEqual(['NOT_FOUND']);
      }
    });

    it("an operator cannot list another station's fulfilments, change its listings or supply, or register households in villages it does not serve", async () => {
      const stranger = f.world.users.otherOperator.token;
      expect(codesOf(await refusedWithoutChange(`query ($s: ID!) { stationFulfillments(stationId: $s) { totalCount } }`, { s: f.world.stations.main }, stranger))).toEqual(['FORBIDDEN']);
      for (const [name, { call }] of Object.entries(MUTATIONS).filter(([n]) => ['updateListing', 'addSupply', 'registerHousehold', 'createListing'].includes(n))) {
        const [query, variables] = call(f);
        expect([name, codesOf(await refusedWithoutChange(query, variables, stranger))]).toEqual([name, ['FORBIDDEN']]);
      }
      // Nor place an assisted order for pickup at another station.
      const [query, variables] = MUTATIONS.placeOrder.call(f);
      const pickup = { input: { ...(variables.input as object), shippingAddress: null, pickupStationId: f.world.stations.main, idempotencyKey: 'assisted-elsewhere' } };
      expect(codesOf(await refusedWithoutChange(query, pickup, stranger))).toEqual(['FORBIDDEN']);
    });

    it("an official cannot read another county's households, nor change its registry or stations", async () => {
      const stranger = f.world.users.otherOfficial.token;
      const LIST = `query ($c: ID, $v: ID) { households(countyId: $c, villageId: $v) { totalCount edges { node { id headName } } } }`;
      expect(codesOf(await refusedWithoutChange(LIST, { c: f.world.county.id }, stranger))).toEqual(['FORBIDDEN']);
      expect(codesOf(await refusedWithoutChange(LIST, { v: f.world.villages.poor }, stranger))).toEqual(['FORBIDDEN']);
      const own = await api.gql(LIST, {}, stranger);
      expect((own.data as any).households).toEqual({ totalCount: 1, edges: [{ node: { id: f.world.households.other, headName: '赵磊' } }] });
      // Not even its status or size: another county's household reads as one that does not exist.
      const one = await api.gql(`query ($id: ID!) { household(id: $id) { id registryNumber headName payoutAccountMasked members povertyStatus statusHistory { id } } }`, { id: f.world.households.poorA }, stranger);
      expect(one).toMatchObject({ data: { household: null } });
      expect(one.errors).toBeUndefined();
      for (const name of ['setPovertyStatus', 'setVillagePovertyStatus', 'setCountyPovertyLine', 'importHouseholds', 'registerHousehold', 'updateStation']) {
        const [query, variables] = MUTATIONS[name].call(f);
        expect([name, codesOf(await refusedWithoutChange(query, variables, stranger))]).toEqual([name, ['FORBIDDEN']]);
      }
      expect(codesOf(await refusedWithoutChange(`query ($c: ID!) { impactSummary(filter: { countyId: $c }) { ordersCount } }`, { c: f.world.county.id }, stranger))).toEqual(['FORBIDDEN']);
      // Payouts are scoped rather than refused: the other county's payout is not in the official's list.
      const PAYOUTS = `query ($s: ID, $h: ID) { payouts(stationId: $s, householdId: $h) { totalCount edges { node { id } } } }`;
      for (const filter of [{}, { s: f.world.stations.main }, { h: f.world.households.poorA }]) {
        const r = await refusedWithoutChange(PAYOUTS, filter, stranger);
        if (r.errors) expect(codesOf(r)).toEqual(['FORBIDDEN']);
        else expect(r.data).toEqual({ payouts: { totalCount: 0, edges: [] } });
      }
      expect(((await api.gql(PAYOUTS, {}, f.world.users.official.token)).data as any).payouts.totalCount).toBe(1);
    });

    it('a buyer never sees supply lots, allocations or households’ personal data', async () => {
      const buyer = f.world.users.buyer.token;
      const r = await api.gql(
        `query ($id: ID!, $l: ID!) { order(id: $id) { lines { allocations { id } } } listing(id: $l) { supply { id } } }`,
        { id: f.orderId, l: f.listingId },
        buyer,
      );
      expect(r.errors).toBeUndefined();
      expect((r.data as any).order.lines).toEqual([{ allocations: null }]);
      expect((r.data as any).listing.supply).toBeNull();
      const h = await api.gql(`query ($id: ID!) { household(id: $id) { registryNumber headName payoutAccountMasked povertyStatus } }`, { id: f.world.households.poorA }, buyer);
      expect(h.data?.household ?? null).toBeNull();
      expect(codesOf(h)).toEqual(['FORBIDDEN']);
      expect(codesOf(await api.gql(`{ households { totalCount } }`, {}, buyer))).toEqual(['FORBIDDEN']);
      expect(codesOf(await api.gql(`{ trialBalance { balanced } }`, {}, buyer))).toEqual(['FORBIDDEN']);
    });
  });

  describe('tokens', () => {
    const adminClaims = () => ({ sub: f.world.users.admin.id, role: 'ADMIN' });
    const b64 = (x: object) => Buffer.from(JSON.stringify(x)).toString('base64url');
    const tokens: Array<[string, () => string | Promise<string>]> = [
      ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...adminClaims(), exp: Math.floor(Date.now() / 1000) + 3600 })}.`],
      ['alg none with a signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...adminClaims(), exp: Math.floor(Date.now() / 1000) + 3600 })}.c2lnbmF0dXJl`],
      ['a wrong signature', () => jwt.sign({ role: 'ADMIN' }, 'another-secret-that-is-long-enough-for-hs256', { subject: f.world.users.admin.id, expiresIn: 3600 })],
      ['a tampered payload', () => {
        const [h, , s] = f.world.users.buyer.token.split('.');
        return `${h}.${b64({ ...adminClaims(), exp: Math.floor(Date.now() / 1000) + 3600 })}.${s}`;
      }],
      ['HS512 with the right secret', () => jwt.sign({ role: 'ADMIN' }, TEST_JWT_SECRET, { algorithm: 'HS512', subject: f.world.users.admin.id, expiresIn: 3600 })],
      ['an expired one', () => jwt.sign({ role: 'ADMIN', exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, { subject: f.world.users.admin.id })],
      ['one without a subject', () => jwt.sign({ role: 'ADMIN' }, TEST_JWT_SECRET, { expiresIn: 3600 })],
      ['one of a user id that never existed', () => signAccessToken(TEST_JWT_SECRET, '987654321', 'ADMIN', 3600)],
      ['one of a deleted user', async () => {
        const { rows } = await api.db.pool.query(`INSERT INTO users (email, password_hash, display_name, role) VALUES ('gone@x.cn', 'x', 'gone', 'ADMIN') RETURNING id::text`);
        const token = signAccessToken(TEST_JWT_SECRET, rows[0].id, 'ADMIN', 3600);
        await api.db.pool.query('DELETE FROM users WHERE id = $1', [rows[0].id]);
        return token;
      }],
      ['one of a disabled user', async () => {
        const { rows } = await api.db.pool.query(`INSERT INTO users (email, password_hash, display_name, role, disabled_at) VALUES ('disabled@x.cn', 'x', 'x', 'ADMIN', now()) RETURNING id::text`);
        return signAccessToken(TEST_JWT_SECRET, rows[0].id, 'ADMIN', 3600);
      }],
      ['one issued before its sessions were ended (a password change, an admin)', async () => {
        const { rows } = await api.db.pool.query(`INSERT INTO users (email, password_hash, display_name, role) VALUES ('ended@x.cn', 'x', 'x', 'ADMIN') RETURNING id::text`);
        const token = signAccessToken(TEST_JWT_SECRET, rows[0].id, 'ADMIN', 3600, 0);
        await api.db.pool.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [rows[0].id]);
        return token;
      }],
      ['garbage', () => 'not.a.token'],
      ['an empty string after Bearer', () => ' '],
    ];

    it.each(tokens)('%s: UNAUTHENTICATED for a query anyone may make and for an admin mutation, nothing changed', async (_what, make) => {
      const token = await make();
      const me = await refusedWithoutChange(`{ me { id } counties { id } }`, {}, token);
      expect(codesOf(me)).toContain('UNAUTHENTICATED');
      expect(codesOf(me).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
      const [query, variables] = MUTATIONS.createCounty.call(f);
      const create = await refusedWithoutChange(query, variables, token);
      expect(create.data).toBeNull();
      expect(codesOf(create)).toEqual(['UNAUTHENTICATED']);
    });

    it("takes a role change at once: a buyer's old token carries no admin rights once the account is demoted", async () => {
      const { rows } = await api.db.pool.query(`INSERT INTO users (email, password_hash, display_name, role) VALUES ('demoted@x.cn', 'x', 'x', 'ADMIN') RETURNING id::text`);
      const token = signAccessToken(TEST_JWT_SECRET, rows[0].id, 'ADMIN', 3600);
      await api.db.pool.query(`UPDATE users SET role = 'BUYER' WHERE id = $1`, [rows[0].id]);
      const [query, variables] = MUTATIONS.createCounty.call(f);
      expect(codesOf(await refusedWithoutChange(query, variables, token))).toEqual(['FORBIDDEN']);
    });
  });
});
