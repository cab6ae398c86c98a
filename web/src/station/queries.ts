import { gql, uploadFile } from '../shared/api';

export type WorkStatus = 'ROUTED' | 'ACCEPTED' | 'COLLECTED' | 'SHIPPED';

export interface Fulfilment {
  id: string;
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  updatedAt: string;
  order: {
    id: string;
    placedAt: string;
    shippingAddress: { recipient: string; phone: string; province: string; city: string; line1: string } | null;
    pickupStation: { name: string } | null;
  };
  lines: Array<{ id: string; quantity: number; listing: { id: string; title: string; unit: string } }>;
}

export interface WorkGroup {
  totalCount: number;
  items: Fulfilment[];
}

export type Work = Record<WorkStatus, WorkGroup>;

const FULFILMENT = `id status carrier trackingNumber updatedAt
  order { id placedAt shippingAddress { recipient phone province city line1 } pickupStation { name } }
  lines { id quantity listing { id title unit } }`;

// One query a status, sent together: the server prices a list by its page size, and the four in one
// operation would pass its cost limit. Each list is oldest first, the order to work them in.
const WORK = `query Work($stationId: ID!, $status: FulfillmentStatus!) {
  stationFulfillments(stationId: $stationId, status: $status, first: 50) { totalCount edges { node { ${FULFILMENT} } } }
}`;

interface Connection {
  totalCount: number;
  edges: Array<{ node: Fulfilment }>;
}

const STATUSES: WorkStatus[] = ['ROUTED', 'ACCEPTED', 'COLLECTED', 'SHIPPED'];

export async function fetchWork(stationId: string, token: string): Promise<Work> {
  const groups = await Promise.all(
    STATUSES.map(async (status) => {
      const data = await gql<{ stationFulfillments: Connection }>(WORK, { stationId, status }, token);
      return { totalCount: data.stationFulfillments.totalCount, items: data.stationFulfillments.edges.map((e) => e.node) };
    }),
  );
  return { ROUTED: groups[0], ACCEPTED: groups[1], COLLECTED: groups[2], SHIPPED: groups[3] };
}

export async function accept(id: string, token: string): Promise<Fulfilment> {
  const data = await gql<{ acceptFulfillment: Fulfilment }>(`mutation Accept($id: ID!) { acceptFulfillment(id: $id) { ${FULFILMENT} } }`, { id }, token);
  return data.acceptFulfillment;
}

export async function markCollected(id: string, token: string): Promise<Fulfilment> {
  const data = await gql<{ markCollected: Fulfilment }>(`mutation Collected($id: ID!) { markCollected(id: $id) { ${FULFILMENT} } }`, { id }, token);
  return data.markCollected;
}

export async function markShipped(fulfillmentId: string, carrier: string, trackingNumber: string, token: string): Promise<Fulfilment> {
  const data = await gql<{ markShipped: Fulfilment }>(
    `mutation Shipped($input: ShipInput!) { markShipped(input: $input) { ${FULFILMENT} } }`,
    { input: { fulfillmentId, carrier, trackingNumber } },
    token,
  );
  return data.markShipped;
}

export interface Listing {
  id: string;
  title: string;
  unit: string;
  priceFen: number;
  status: string;
  category: string;
  description: string;
  available: number;
  originVillage: { id: string; name: string };
  photos: ListingPhoto[];
}

export interface ListingPhoto {
  id: string;
  url: string;
  srcset: string;
  width: number;
  height: number;
}

const LISTING = `id title unit priceFen status category description available originVillage { id name } photos { id url srcset width height }`;

/** Adds a photo to a listing (multipart upload; the server checks, resizes and re-encodes it). */
export function uploadPhoto(listingId: string, file: File, token: string): Promise<ListingPhoto> {
  return uploadFile<ListingPhoto>(`/listings/${encodeURIComponent(listingId)}/photos`, 'photo', file, token);
}

export async function fetchListings(stationId: string, token: string): Promise<{ items: Listing[]; total: number }> {
  const data = await gql<{ listings: { totalCount: number; edges: Array<{ node: Listing }> } }>(
    `query Listings($filter: ListingFilter) { listings(filter: $filter, first: 100) { totalCount edges { node { ${LISTING} } } } }`,
    { filter: { stationId } },
    token,
  );
  return { items: data.listings.edges.map((e) => e.node), total: data.listings.totalCount };
}

export async function addSupply(listingId: string, householdId: string, quantity: number, token: string): Promise<Listing> {
  const data = await gql<{ addSupply: Listing }>(
    `mutation AddSupply($listingId: ID!, $supply: SupplyLotInput!) { addSupply(listingId: $listingId, supply: $supply) { ${LISTING} } }`,
    { listingId, supply: { householdId, quantity } },
    token,
  );
  return data.addSupply;
}

export interface Household {
  id: string;
  headName: string | null;
  registryNumber: string | null;
  povertyStatus: string;
}

/** The village's households for the supply picker (a village has some hundreds at most). */
export async function fetchHouseholds(villageId: string, token: string): Promise<Household[]> {
  const out: Household[] = [];
  let after: string | null = null;
  do {
    const data: { households: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Household }> } } = await gql(
      `query Households($villageId: ID, $after: String) {
        households(villageId: $villageId, first: 100, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { id headName registryNumber povertyStatus } }
        }
      }`,
      { villageId, after },
      token,
    );
    out.push(...data.households.edges.map((e) => e.node));
    after = data.households.pageInfo.hasNextPage ? data.households.pageInfo.endCursor : null;
  } while (after && out.length < 1000);
  return out;
}

export async function fetchStations(token: string): Promise<Array<{ id: string; name: string }>> {
  const data = await gql<{ stations: Array<{ id: string; name: string }> }>(`query { stations { id name } }`, {}, token);
  return data.stations;
}

// ---- the console beyond the first page: listings, the station, households, payouts, village orders, credit

export interface StationInfo {
  id: string;
  name: string;
  dailyCapacity: number;
  commissionBps: number;
  active: boolean;
  county: { id: string; name: string };
  servedVillages: Array<{ id: string; name: string; povertyStricken: boolean }>;
}

export async function fetchStation(id: string, token: string): Promise<StationInfo> {
  const data = await gql<{ station: StationInfo }>(
    `query Station($id: ID!) { station(id: $id) { id name dailyCapacity commissionBps active county { id name } servedVillages { id name povertyStricken } } }`,
    { id },
    token,
  );
  return data.station;
}

export interface ListingInput {
  title: string;
  category: string;
  description: string;
  priceFen: number;
  unit: string;
  originVillageId: string;
  allocationPolicy: 'PRECISION' | 'FIFO';
  publish: boolean;
  supply: Array<{ householdId: string; quantity: number }>;
}

export async function createListing(input: ListingInput, token: string): Promise<Listing> {
  const data = await gql<{ createListing: Listing }>(`mutation Create($input: CreateListingInput!) { createListing(input: $input) { ${LISTING} } }`, { input }, token);
  return data.createListing;
}

export async function updateListing(id: string, input: Partial<{ title: string; category: string; description: string; priceFen: number; status: string }>, token: string): Promise<Listing> {
  const data = await gql<{ updateListing: Listing }>(`mutation Update($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { ${LISTING} } }`, { id, input }, token);
  return data.updateListing;
}

export async function removePhoto(id: string, token: string): Promise<Listing> {
  const data = await gql<{ removeListingPhoto: Listing }>(`mutation RemovePhoto($id: ID!) { removeListingPhoto(id: $id) { ${LISTING} } }`, { id }, token);
  return data.removeListingPhoto;
}

export interface SlipLine {
  id: string;
  quantity: number;
  listing: { id: string; title: string; unit: string };
  allocations: Array<{ quantity: number; household: { id: string; headName: string | null; registryNumber: string | null; village: { name: string } } }> | null;
}

/**
 * The fulfilment's lines with the households they are collected from. Read through the order's lines
 * (the operator sees the allocations of its own station's fulfilments), kept to this fulfilment's;
 * the order's fulfilments with their lines and allocations would cost more than the API allows.
 */
export async function fetchSlip(orderId: string, lineIds: string[], token: string): Promise<SlipLine[]> {
  const data = await gql<{ order: { lines: SlipLine[] } | null }>(
    `query Slip($id: ID!) { order(id: $id) { lines { id quantity listing { id title unit }
      allocations { quantity household { id headName registryNumber village { name } } } } } }`,
    { id: orderId },
    token,
  );
  return (data.order?.lines ?? []).filter((l) => lineIds.includes(l.id));
}

export interface HouseholdRow extends Household {
  members: number;
  payoutAccountMasked: string | null;
  village: { id: string; name: string };
  incomeAgainstPovertyLine: { supplierNetFen: number; perMemberFen: number; reachesLine: boolean } | null;
}

const HOUSEHOLD = `id headName registryNumber povertyStatus members payoutAccountMasked village { id name }
  incomeAgainstPovertyLine { supplierNetFen perMemberFen reachesLine }`;

export async function fetchHouseholdRows(villageId: string, token: string): Promise<{ items: HouseholdRow[]; total: number }> {
  const data = await gql<{ households: { totalCount: number; edges: Array<{ node: HouseholdRow }> } }>(
    `query HouseholdRows($villageId: ID) { households(villageId: $villageId, first: 50) { totalCount edges { node { ${HOUSEHOLD} } } } }`,
    { villageId },
    token,
  );
  return { items: data.households.edges.map((e) => e.node), total: data.households.totalCount };
}

export async function registerHousehold(input: { villageId: string; headName: string; members: number; payoutAccount: string; registryNumber?: string }, token: string): Promise<HouseholdRow> {
  const data = await gql<{ registerHousehold: HouseholdRow }>(`mutation Register($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { ${HOUSEHOLD} } }`, { input }, token);
  return data.registerHousehold;
}

export interface Payout {
  id: string;
  amountFen: number;
  status: string;
  createdAt: string;
  paidAt: string | null;
  payeeKind: string;
  household: { id: string; headName: string | null; registryNumber: string | null } | null;
}

export async function fetchPayouts(token: string, householdId?: string): Promise<Payout[]> {
  const data = await gql<{ payouts: { edges: Array<{ node: Payout }> } }>(
    `query Payouts($householdId: ID) { payouts(first: 50, householdId: $householdId) { edges { node { id amountFen status createdAt paidAt payeeKind household { id headName registryNumber } } } } }`,
    householdId ? { householdId } : {},
    token,
  );
  return data.payouts.edges.map((e) => e.node);
}

export interface ShopListing {
  id: string;
  title: string;
  unit: string;
  priceFen: number;
  available: number;
  station: { name: string };
}

export async function searchListings(search: string, token: string): Promise<ShopListing[]> {
  const data = await gql<{ listings: { edges: Array<{ node: ShopListing }> } }>(
    `query Search($filter: ListingFilter) { listings(filter: $filter, first: 20) { edges { node { id title unit priceFen available station { name } } } } }`,
    { filter: { status: 'ACTIVE', ...(search ? { search } : {}) } },
    token,
  );
  return data.listings.edges.map((e) => e.node);
}

export async function placeAssistedOrder(stationId: string, lines: Array<{ listingId: string; quantity: number }>, paymentToken: string, idempotencyKey: string, token: string): Promise<{ id: string; totalFen: number }> {
  const data = await gql<{ placeOrder: { id: string; totalFen: number } }>(
    `mutation Assisted($input: PlaceOrderInput!) { placeOrder(input: $input) { id totalFen } }`,
    { input: { idempotencyKey, lines, pickupStationId: stationId, paymentToken } },
    token,
  );
  return data.placeOrder;
}

export interface GoodsItem {
  id: string;
  title: string;
  unit: string;
  priceFen: number;
  stock: number;
  kind: string;
}

export async function fetchGoods(search: string, token: string): Promise<GoodsItem[]> {
  const data = await gql<{ goods: { edges: Array<{ node: GoodsItem }> } }>(
    `query Goods($filter: GoodsFilterInput) { goods(filter: $filter, first: 30) { edges { node { id title unit priceFen stock kind } } } }`,
    { filter: { inStockOnly: true, ...(search ? { search } : {}) } },
    token,
  );
  return data.goods.edges.map((e) => e.node);
}

export interface VillageOrder {
  id: string;
  status: string;
  totalFen: number;
  depositFen: number;
  balanceDueFen: number;
  placedAt: string;
  pickupDueAt: string | null;
  villagerName: string | null;
  household: { id: string; headName: string | null } | null;
  village: { name: string };
  lines: Array<{ id: string; title: string; quantity: number; lineTotalFen: number }>;
}

const VILLAGE_ORDER = `id status totalFen depositFen balanceDueFen placedAt pickupDueAt villagerName household { id headName } village { name }
  lines { id title quantity lineTotalFen }`;

export async function fetchVillageOrders(stationId: string, token: string): Promise<VillageOrder[]> {
  const data = await gql<{ villageOrders: { edges: Array<{ node: VillageOrder }> } }>(
    `query VillageOrders($filter: VillageOrderFilterInput) { villageOrders(filter: $filter, first: 50) { edges { node { ${VILLAGE_ORDER} } } } }`,
    { filter: { stationId } },
    token,
  );
  return data.villageOrders.edges.map((e) => e.node);
}

export async function placeVillageOrder(
  input: { householdId?: string; villageId?: string; villagerName?: string; depositFen: number; lines: Array<{ goodsId: string; quantity: number }> },
  token: string,
): Promise<{ pickupCode: string; villageOrder: VillageOrder }> {
  const data = await gql<{ placeVillageOrder: { pickupCode: string; villageOrder: VillageOrder } }>(
    `mutation PlaceVillageOrder($input: PlaceVillageOrderInput!) { placeVillageOrder(input: $input) { pickupCode villageOrder { ${VILLAGE_ORDER} } } }`,
    { input },
    token,
  );
  return data.placeVillageOrder;
}

export async function villageOrderStep(step: 'receiveVillageOrder' | 'cancelVillageOrder', id: string, token: string): Promise<VillageOrder> {
  const data = await gql<Record<string, VillageOrder>>(`mutation Step($id: ID!) { ${step}(id: $id) { ${VILLAGE_ORDER} } }`, { id }, token);
  return data[step];
}

export async function collectVillageOrder(id: string, pickupCode: string, token: string): Promise<VillageOrder> {
  const data = await gql<{ collectVillageOrder: VillageOrder }>(`mutation Collect($id: ID!, $code: String!) { collectVillageOrder(id: $id, pickupCode: $code) { ${VILLAGE_ORDER} } }`, { id, code: pickupCode }, token);
  return data.collectVillageOrder;
}

export interface CashPosition {
  takenFen: number;
  remittedFen: number;
  onHandFen: number;
}

export async function fetchCash(stationId: string, token: string): Promise<CashPosition> {
  const data = await gql<{ stationCashPosition: CashPosition }>(`query Cash($id: ID!) { stationCashPosition(stationId: $id) { takenFen remittedFen onHandFen } }`, { id: stationId }, token);
  return data.stationCashPosition;
}

export async function remitCash(stationId: string, amountFen: number, token: string): Promise<CashPosition> {
  const data = await gql<{ remitStationCash: { position: CashPosition } }>(
    `mutation Remit($amount: Fen!, $id: ID) { remitStationCash(amountFen: $amount, stationId: $id) { position { takenFen remittedFen onHandFen } } }`,
    { amount: amountFen, id: stationId },
    token,
  );
  return data.remitStationCash.position;
}

export interface Assessment {
  id: string;
  score: number;
  grade: string;
  assessedAt: string;
  validUntil: string;
  reasons: Array<{ part: string; points: number; detail: string }>;
}

export interface Loan {
  id: string;
  amountFen: number;
  termMonths: number;
  purpose: string;
  status: string;
  grade: string;
  createdAt: string;
  outstandingPrincipalFen: number;
  rejectionReason: string | null;
}

const ASSESSMENT = `id score grade assessedAt validUntil reasons { part points detail }`;
const LOAN = `id amountFen termMonths purpose status grade createdAt outstandingPrincipalFen rejectionReason`;

export async function fetchCredit(householdId: string, token: string): Promise<{ assessments: Assessment[]; loans: Loan[] }> {
  const data = await gql<{ creditAssessments: { edges: Array<{ node: Assessment }> }; loans: { edges: Array<{ node: Loan }> } }>(
    `query Credit($id: ID!) { creditAssessments(householdId: $id, first: 10) { edges { node { ${ASSESSMENT} } } }
      loans(householdId: $id, first: 10) { edges { node { ${LOAN} } } } }`,
    { id: householdId },
    token,
  );
  return { assessments: data.creditAssessments.edges.map((e) => e.node), loans: data.loans.edges.map((e) => e.node) };
}

export async function recordAssessment(input: { householdId: string; labourers: number; landMu: number; otherDebtsFen: number }, token: string): Promise<Assessment> {
  const data = await gql<{ recordCreditAssessment: Assessment }>(`mutation Assess($input: RecordCreditAssessmentInput!) { recordCreditAssessment(input: $input) { ${ASSESSMENT} } }`, { input }, token);
  return data.recordCreditAssessment;
}

export async function applyForLoan(input: { householdId: string; amountFen: number; termMonths: number; purpose: string }, token: string): Promise<Loan> {
  const data = await gql<{ applyForLoan: Loan }>(`mutation Apply($input: ApplyForLoanInput!) { applyForLoan(input: $input) { ${LOAN} } }`, { input }, token);
  return data.applyForLoan;
}

export async function recordRepayment(loanId: string, amountFen: number, token: string): Promise<Loan> {
  const data = await gql<{ recordCashRepayment: Loan }>(`mutation Repay($input: RecordCashRepaymentInput!) { recordCashRepayment(input: $input) { ${LOAN} } }`, { input: { loanId, amountFen } }, token);
  return data.recordCashRepayment;
}
