import { expect } from '@jest/globals';
import { GqlResult, TestApi, World } from '@app/testing';

export const VO_FIELDS = `id status villagerName totalFen depositFen balanceDueFen stationCommissionFen platformFeeFen merchantNetFen pickupDueAt pickupLockedUntil
  station { id } merchant { id } household { id } lines { goodsId title kind quantity unitPriceFen lineTotalFen }`;
export const PLACE = `mutation ($input: PlaceVillageOrderInput!) { placeVillageOrder(input: $input) { pickupCode villageOrder { ${VO_FIELDS} } } }`;
export const SHIP = `mutation ($id: ID!) { shipVillageOrder(id: $id) { id status } }`;
export const RECEIVE = `mutation ($id: ID!) { receiveVillageOrder(id: $id) { id status pickupDueAt } }`;
export const COLLECT = `mutation ($id: ID!, $code: String!) { collectVillageOrder(id: $id, pickupCode: $code) { id status collectedAt } }`;
export const CANCEL = `mutation ($id: ID!) { cancelVillageOrder(id: $id) { id status } }`;
export const REMIT = `mutation ($amount: Fen!, $stationId: ID) { remitStationCash(amountFen: $amount, stationId: $stationId) { id amountFen position { takenFen remittedFen onHandFen } } }`;
export const CASH = `query ($id: ID!) { stationCashPosition(stationId: $id) { takenFen remittedFen onHandFen } }`;

/** The data of a call that must succeed. */
export async function ok<T = any>(api: TestApi, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const r: GqlResult = await api.gql(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data as T;
}

/** Places a village order for a household of the main station's poor village. */
export async function placeFor(api: TestApi, world: World, lines: Array<{ goodsId: string; quantity: number }>, depositFen: number, householdId = world.households.poorA) {
  return api.gql(PLACE, { input: { householdId, lines, depositFen } }, world.users.operator.token);
}

/** Places, ships and receives: an order waiting AT_STATION. Returns its id and code. */
export async function atStation(api: TestApi, world: World, goodsId: string, quantity: number, depositFen: number): Promise<{ id: string; code: string; totalFen: number }> {
  const placed = (await placeFor(api, world, [{ goodsId, quantity }], depositFen)).data!.placeVillageOrder;
  await ok(api, SHIP, { id: placed.villageOrder.id }, world.users.merchant.token);
  await ok(api, RECEIVE, { id: placed.villageOrder.id }, world.users.operator.token);
  return { id: placed.villageOrder.id, code: placed.pickupCode, totalFen: placed.villageOrder.totalFen };
}

export async function trialBalance(api: TestApi, world: World): Promise<{ balanced: boolean; accounts: Map<string, number> }> {
  const tb = (await ok(api, `{ trialBalance { balanced totalDebitsFen totalCreditsFen accounts { code debitsFen creditsFen } } }`, {}, world.users.admin.token)).trialBalance;
  expect(tb.totalDebitsFen).toBe(tb.totalCreditsFen);
  return { balanced: tb.balanced, accounts: new Map(tb.accounts.map((a: { code: string; debitsFen: number; creditsFen: number }) => [a.code, a.debitsFen - a.creditsFen])) };
}
