// The admin console's GraphQL: geography, stations, users, settlement and the ledger. Every call goes
// through the shared `gql`, so an error keeps its code and field for the form that made it.
import { gql } from '../shared/api';
import type { Role } from '../shared/session';

export interface County {
  id: string;
  code: string;
  name: string;
  nationalPovertyCounty: boolean;
}
export interface Village {
  id: string;
  code: string;
  name: string;
  povertyStricken: boolean;
}
export interface Township {
  id: string;
  name: string;
  villages: Village[];
}
export interface Station {
  id: string;
  name: string;
  dailyCapacity: number;
  commissionBps: number;
  active: boolean;
  village: { id: string; name: string };
}
export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabledAt: string | null;
  station: { id: string; name: string } | null;
  county: { id: string; name: string } | null;
}
export interface SettlementRun {
  id: string;
  ranAt: string;
  payoutsCreated: number;
  amountFen: number;
}
export interface FailedPayout {
  id: string;
  payeeKind: 'HOUSEHOLD' | 'STATION' | 'MERCHANT';
  amountFen: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  household: { headName: string | null } | null;
  station: { name: string } | null;
  merchant: { name: string } | null;
}
export interface TrialBalance {
  balanced: boolean;
  totalDebitsFen: number;
  totalCreditsFen: number;
  accounts: Array<{ code: string; debitsFen: number; creditsFen: number }>;
}
export interface Page<T> {
  items: T[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

type Conn<T> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: T }> };
const pageOf = <T>(c: Conn<T>): Page<T> => ({ items: c.edges.map((e) => e.node), totalCount: c.totalCount, endCursor: c.pageInfo.endCursor, hasNextPage: c.pageInfo.hasNextPage });
const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';

export async function fetchCounties(token: string): Promise<County[]> {
  return (await gql<{ counties: County[] }>(`{ counties { id code name nationalPovertyCounty } }`, {}, token)).counties;
}

export async function fetchTownships(countyId: string, token: string): Promise<Township[]> {
  const data = await gql<{ county: { townships: Township[] } | null }>(
    `query ($id: ID!) { county(id: $id) { townships { id name villages { id code name povertyStricken } } } }`,
    { id: countyId },
    token,
  );
  return data.county?.townships ?? [];
}

export async function createCounty(input: { code: string; name: string; nationalPovertyCounty: boolean }, token: string): Promise<County> {
  return (await gql<{ createCounty: County }>(`mutation ($input: CreateCountyInput!) { createCounty(input: $input) { id code name nationalPovertyCounty } }`, { input }, token)).createCounty;
}

export async function createTownship(input: { countyId: string; name: string }, token: string): Promise<{ id: string; name: string }> {
  return (await gql<{ createTownship: { id: string; name: string } }>(`mutation ($input: CreateTownshipInput!) { createTownship(input: $input) { id name } }`, { input }, token)).createTownship;
}

export async function createVillage(input: { townshipId: string; code: string; name: string; povertyStricken: boolean }, token: string): Promise<Village> {
  return (await gql<{ createVillage: Village }>(`mutation ($input: CreateVillageInput!) { createVillage(input: $input) { id code name povertyStricken } }`, { input }, token)).createVillage;
}

const STATION = 'id name dailyCapacity commissionBps active village { id name }';

export async function fetchStations(countyId: string, token: string): Promise<Station[]> {
  return (await gql<{ stations: Station[] }>(`query ($c: ID) { stations(countyId: $c) { ${STATION} } }`, { c: countyId }, token)).stations;
}

export async function createStation(
  input: { name: string; villageId: string; servedVillageIds: string[]; dailyCapacity: number; commissionBps: number },
  token: string,
): Promise<Station> {
  return (await gql<{ createStation: Station }>(`mutation ($input: CreateStationInput!) { createStation(input: $input) { ${STATION} } }`, { input }, token)).createStation;
}

export async function updateStation(id: string, input: { dailyCapacity?: number; commissionBps?: number; active?: boolean }, token: string): Promise<Station> {
  return (await gql<{ updateStation: Station }>(`mutation ($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { ${STATION} } }`, { id, input }, token)).updateStation;
}

const USER = 'id email displayName role disabledAt station { id name } county { id name }';

export async function fetchUsers(role: Role | null, after: string | null, token: string): Promise<Page<User>> {
  const data = await gql<{ users: Conn<User> }>(
    `query ($role: Role, $after: String) { users(role: $role, first: 20, after: $after) { ${PAGE} edges { node { ${USER} } } } }`,
    { role, after },
    token,
  );
  return pageOf(data.users);
}

export async function createUser(
  input: { email: string; displayName: string; role: Role; password: string; countyId?: string; stationId?: string },
  token: string,
): Promise<User> {
  return (await gql<{ createUser: User }>(`mutation ($input: CreateUserInput!) { createUser(input: $input) { ${USER} } }`, { input }, token)).createUser;
}

export type UserAction = 'disableUser' | 'enableUser' | 'endUserSessions';

export async function userAction(action: UserAction, id: string, token: string): Promise<User> {
  return (await gql<Record<UserAction, User>>(`mutation ($id: ID!) { ${action}(id: $id) { ${USER} } }`, { id }, token))[action];
}

const RUN = 'id ranAt payoutsCreated amountFen';

export async function fetchRuns(token: string): Promise<SettlementRun[]> {
  return pageOf((await gql<{ settlementRuns: Conn<SettlementRun> }>(`{ settlementRuns(first: 10) { ${PAGE} edges { node { ${RUN} } } } }`, {}, token)).settlementRuns).items;
}

export async function runSettlement(token: string): Promise<SettlementRun> {
  return (await gql<{ runSettlement: SettlementRun }>(`mutation { runSettlement { ${RUN} } }`, {}, token)).runSettlement;
}

const PAYOUT = 'id payeeKind amountFen attempts lastError createdAt household { headName } station { name } merchant { name }';

export async function fetchFailedPayouts(after: string | null, token: string): Promise<Page<FailedPayout>> {
  const data = await gql<{ payouts: Conn<FailedPayout> }>(
    `query ($after: String) { payouts(status: FAILED, first: 20, after: $after) { ${PAGE} edges { node { ${PAYOUT} } } } }`,
    { after },
    token,
  );
  return pageOf(data.payouts);
}

export async function retryPayout(id: string, token: string): Promise<{ id: string; status: string }> {
  return (await gql<{ retryPayout: { id: string; status: string } }>(`mutation ($id: ID!) { retryPayout(id: $id) { id status } }`, { id }, token)).retryPayout;
}

export async function fetchTrialBalance(token: string): Promise<TrialBalance> {
  return (await gql<{ trialBalance: TrialBalance }>(`{ trialBalance { balanced totalDebitsFen totalCreditsFen accounts { code debitsFen creditsFen } } }`, {}, token)).trialBalance;
}
