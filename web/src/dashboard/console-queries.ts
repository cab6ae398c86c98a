// The county console's operations: the registry, villages, stations, payouts and the reports, as the
// contract names them (schema.gql). Money stays integer fen; instants stay ISO 8601 strings.
import { gql } from '../shared/api';

export type PovertyStatus = 'REGISTERED_POOR' | 'NOT_REGISTERED' | 'EXITED';
export type PovertyCategory = 'GENERAL' | 'MINIMUM_SUBSISTENCE' | 'FIVE_GUARANTEE';
export type PayoutStatus = 'PENDING' | 'PROCESSING' | 'PAID' | 'FAILED';

export const STATUSES: PovertyStatus[] = ['REGISTERED_POOR', 'NOT_REGISTERED', 'EXITED'];
export const CATEGORIES: PovertyCategory[] = ['GENERAL', 'MINIMUM_SUBSISTENCE', 'FIVE_GUARANTEE'];
export const PAYOUT_STATUSES: PayoutStatus[] = ['FAILED', 'PAID', 'PENDING', 'PROCESSING'];

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: T }>;
}

function page<T>(c: Connection<T>): Page<T> {
  return { nodes: c.edges.map((e) => e.node), totalCount: c.totalCount, endCursor: c.pageInfo.endCursor, hasNextPage: c.pageInfo.hasNextPage };
}

// ---------- geography ----------

export interface VillageEntry {
  id: string;
  effectiveAt: string;
  povertyStricken: boolean;
  recordedAt: string;
  recordedBy: { displayName: string } | null;
}

export interface CountyVillage {
  id: string;
  code: string;
  name: string;
  povertyStricken: boolean;
  township: string;
}

export interface CountyInfo {
  id: string;
  name: string;
  povertyLineFen: number;
  villages: CountyVillage[];
}

// Without the villages' histories: a county's hundreds of villages times their entries cost more
// than a query may (query-cost.ts); the page asks one village's history when it is opened.
const COUNTY = `query County($id: ID!) { county(id: $id) {
  id name povertyLineFen
  townships { name villages { id code name povertyStricken } }
} }`;

const collator = new Intl.Collator('zh-CN');

/** The county with its villages (township, then village code). */
export async function fetchCounty(id: string, token: string): Promise<CountyInfo | null> {
  type Raw = { id: string; name: string; povertyLineFen: number; townships: Array<{ name: string; villages: Array<Omit<CountyVillage, 'township'>> }> };
  const data = await gql<{ county: Raw | null }>(COUNTY, { id }, token);
  if (!data.county) return null;
  const villages = data.county.townships.flatMap((t) => t.villages.map((v) => ({ ...v, township: t.name })));
  villages.sort((a, b) => collator.compare(a.township, b.township) || a.code.localeCompare(b.code));
  return { id: data.county.id, name: data.county.name, povertyLineFen: data.county.povertyLineFen, villages };
}

/** A village's exits and re-entries, oldest first. */
export async function fetchVillageHistory(id: string, token: string): Promise<VillageEntry[]> {
  const data = await gql<{ village: { povertyHistory: VillageEntry[] } | null }>(
    `query ($id: ID!) { village(id: $id) { povertyHistory { id effectiveAt povertyStricken recordedAt recordedBy { displayName } } } }`,
    { id },
    token,
  );
  return data.village?.povertyHistory ?? [];
}

export async function setVillagePovertyStatus(input: { villageId: string; povertyStricken: boolean; effectiveAt?: string }, token: string): Promise<void> {
  await gql(`mutation ($input: SetVillagePovertyStatusInput!) { setVillagePovertyStatus(input: $input) { id povertyStricken } }`, { input }, token);
}

// ---------- households ----------

export interface StatusEntry {
  id: string;
  status: PovertyStatus;
  category: PovertyCategory | null;
  effectiveAt: string;
  recordedAt: string;
  recordedBy: { displayName: string } | null;
}

export interface HouseholdRow {
  id: string;
  registryNumber: string | null;
  headName: string | null;
  members: number;
  povertyStatus: PovertyStatus;
  povertyCategory: PovertyCategory | null;
  village: { id: string; name: string };
}

export interface HouseholdDetail extends HouseholdRow {
  payoutAccountMasked: string | null;
  village: { id: string; name: string; code: string; township: { name: string } };
  statusHistory: StatusEntry[] | null;
  incomeAgainstPovertyLine: { supplierNetFen: number; perMemberFen: number; povertyLineFen: number; reachesLine: boolean; from: string; to: string } | null;
}

const HOUSEHOLD_ROW = `id registryNumber headName members povertyStatus povertyCategory village { id name }`;

export interface HouseholdFilter {
  villageId?: string;
  povertyStatus?: PovertyStatus;
  /** A whole registry number or the start of the head's name. */
  search?: string;
}

export const HOUSEHOLD_PAGE = 20;

export async function fetchHouseholds(countyId: string, filter: HouseholdFilter, after: string | null, token: string): Promise<Page<HouseholdRow>> {
  const data = await gql<{ households: Connection<HouseholdRow> }>(
    `query Households($countyId: ID, $villageId: ID, $povertyStatus: PovertyStatus, $search: String, $first: Int, $after: String) {
      households(countyId: $countyId, villageId: $villageId, povertyStatus: $povertyStatus, search: $search, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { ${HOUSEHOLD_ROW} } }
      } }`,
    { countyId, villageId: filter.villageId ?? null, povertyStatus: filter.povertyStatus ?? null, search: filter.search ?? null, first: HOUSEHOLD_PAGE, after },
    token,
  );
  return page(data.households);
}

const HOUSEHOLD_DETAIL = `${HOUSEHOLD_ROW} payoutAccountMasked
  village { id name code township { name } }
  statusHistory { id status category effectiveAt recordedAt recordedBy { displayName } }
  incomeAgainstPovertyLine { supplierNetFen perMemberFen povertyLineFen reachesLine from to }`;

export async function fetchHousehold(id: string, token: string): Promise<HouseholdDetail | null> {
  const data = await gql<{ household: HouseholdDetail | null }>(`query Household($id: ID!) { household(id: $id) { ${HOUSEHOLD_DETAIL} } }`, { id }, token);
  return data.household;
}

export async function setPovertyStatus(input: { householdId: string; status: PovertyStatus; category: PovertyCategory | null; effectiveAt?: string }, token: string): Promise<void> {
  await gql(`mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { id } }`, { input }, token);
}

export interface RegisterInput {
  villageId: string;
  headName: string;
  members: number;
  payoutAccount: string;
  registryNumber?: string;
}

export async function registerHousehold(input: RegisterInput, token: string): Promise<string> {
  const data = await gql<{ registerHousehold: { id: string } }>(`mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, { input }, token);
  return data.registerHousehold.id;
}

export interface ImportReport {
  created: number;
  updated: number;
  rejected: Array<{ line: number; reason: string }>;
}

export async function importHouseholds(countyId: string, csv: string, token: string): Promise<ImportReport> {
  const data = await gql<{ importHouseholds: ImportReport }>(
    `mutation ($countyId: ID!, $csv: String!) { importHouseholds(countyId: $countyId, csv: $csv) { created updated rejected { line reason } } }`,
    { countyId, csv },
    token,
  );
  return data.importHouseholds;
}

// ---------- stations ----------

export interface StationRow {
  id: string;
  name: string;
  active: boolean;
  commissionBps: number;
  dailyCapacity: number;
  village: { name: string };
  servedVillages: Array<{ id: string; name: string }>;
}

const STATION = `id name active commissionBps dailyCapacity village { name } servedVillages { id name }`;

export async function fetchCountyStations(countyId: string, token: string): Promise<StationRow[]> {
  const data = await gql<{ stations: StationRow[] }>(`query ($countyId: ID) { stations(countyId: $countyId) { ${STATION} } }`, { countyId }, token);
  return data.stations;
}

export async function updateStation(id: string, input: { dailyCapacity?: number; commissionBps?: number; active?: boolean }, token: string): Promise<StationRow> {
  const data = await gql<{ updateStation: StationRow }>(`mutation ($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { ${STATION} } }`, { id, input }, token);
  return data.updateStation;
}

// ---------- payouts ----------

export interface PayoutRow {
  id: string;
  amountFen: number;
  status: PayoutStatus;
  attempts: number;
  createdAt: string;
  paidAt: string | null;
  lastError: string | null;
  payeeKind: 'HOUSEHOLD' | 'STATION' | 'MERCHANT';
  household: { id: string; headName: string | null; village: { name: string } } | null;
  station: { name: string } | null;
  merchant: { name: string } | null;
}

export const PAYOUT_PAGE = 25;

export async function fetchPayouts(status: PayoutStatus | undefined, after: string | null, token: string): Promise<Page<PayoutRow>> {
  const data = await gql<{ payouts: Connection<PayoutRow> }>(
    `query Payouts($status: PayoutStatus, $first: Int, $after: String) {
      payouts(status: $status, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id amountFen status attempts createdAt paidAt lastError payeeKind
          household { id headName village { name } } station { name } merchant { name } } }
      } }`,
    { status: status ?? null, first: PAYOUT_PAGE, after },
    token,
  );
  return page(data.payouts);
}

// ---------- reports ----------

export interface TrainingOutcome {
  programmeId: string;
  programmeName: string;
  sessions: number;
  trainees: number;
  registeredPoorTrainees: number;
  traineesFirstSellingWithin180Days: number;
  supplierNetBeforeFen: number;
  supplierNetAfterFen: number;
}

export async function fetchTrainingOutcomes(countyId: string, token: string): Promise<TrainingOutcome[]> {
  const data = await gql<{ trainingOutcomes: TrainingOutcome[] }>(
    `query ($countyId: ID) { trainingOutcomes(countyId: $countyId) {
      programmeId programmeName sessions trainees registeredPoorTrainees traineesFirstSellingWithin180Days supplierNetBeforeFen supplierNetAfterFen } }`,
    { countyId },
    token,
  );
  return data.trainingOutcomes;
}

export interface PovertyLineSummary {
  povertyLineFen: number;
  registeredPoorHouseholds: number;
  registeredPoorEarningAboveLine: number;
  registeredPoorEarningAboveLineShare: number;
}

export interface VillageLineRow {
  village: { id: string; name: string; township: { name: string } };
  registeredPoorHouseholds: number;
  registeredPoorEarningAboveLine: number;
  registeredPoorEarningAboveLineShare: number;
}

/** The county's line and how many of its registered-poor households earned above it in the last 365 days. */
export async function fetchPovertyLine(countyId: string, token: string): Promise<{ summary: PovertyLineSummary; villages: VillageLineRow[] }> {
  const data = await gql<{
    county: { povertyLineFen: number } | null;
    impactSummary: Omit<PovertyLineSummary, 'povertyLineFen'>;
    impactByVillage: Connection<VillageLineRow>;
  }>(
    `query ($countyId: ID!, $filter: ImpactFilter) {
      county(id: $countyId) { povertyLineFen }
      impactSummary(filter: $filter) { registeredPoorHouseholds registeredPoorEarningAboveLine registeredPoorEarningAboveLineShare }
      impactByVillage(filter: $filter, first: 100) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { village { id name township { name } } registeredPoorHouseholds registeredPoorEarningAboveLine registeredPoorEarningAboveLineShare } } }
    }`,
    { countyId, filter: { countyId } },
    token,
  );
  return {
    summary: { povertyLineFen: data.county?.povertyLineFen ?? 0, ...data.impactSummary },
    villages: page(data.impactByVillage).nodes,
  };
}

export async function setCountyPovertyLine(countyId: string, povertyLineFen: number, token: string): Promise<void> {
  await gql(`mutation ($input: SetCountyPovertyLineInput!) { setCountyPovertyLine(input: $input) { id povertyLineFen } }`, { input: { countyId, povertyLineFen } }, token);
}

export interface FlowRow {
  month: string;
  stationId: string | null;
  upwardOrders: number;
  upwardSalesFen: number;
  downwardOrders: number;
  downwardSalesFen: number;
  farmInputFen: number;
  registeredPoorFarmInputFen: number;
}

export async function fetchTwoWayFlow(countyId: string, from: string | null, to: string | null, token: string): Promise<{ from: string; to: string; months: FlowRow[] }> {
  const data = await gql<{ twoWayFlow: { from: string; to: string; months: FlowRow[] } }>(
    `query ($countyId: ID!, $from: String, $to: String) { twoWayFlow(countyId: $countyId, from: $from, to: $to) {
      from to months { month stationId upwardOrders upwardSalesFen downwardOrders downwardSalesFen farmInputFen registeredPoorFarmInputFen } } }`,
    { countyId, from, to },
    token,
  );
  return data.twoWayFlow;
}

export interface CountyFunds {
  riskBalanceFen: number;
  riskPaidFen: number;
  subsidyBalanceFen: number;
  subsidyPaidFen: number;
}

export async function fetchCountyFunds(countyId: string, token: string): Promise<CountyFunds> {
  const data = await gql<{ countyFunds: CountyFunds }>(`query ($countyId: ID!) { countyFunds(countyId: $countyId) { riskBalanceFen riskPaidFen subsidyBalanceFen subsidyPaidFen } }`, { countyId }, token);
  return data.countyFunds;
}
