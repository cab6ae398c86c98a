import { gql } from '../shared/api';

export interface ImpactFilter {
  countyId?: string;
  stationId?: string;
  from?: string;
  to?: string;
}

export interface ImpactSummary {
  ordersCount: number;
  grossSalesFen: number;
  supplierIncomeFen: number;
  incomeToRegisteredPoorFen: number;
  paidOutFen: number;
  villagesReached: number;
  povertyStrickenVillagesReached: number;
  householdsReached: number;
  registeredPoorHouseholdsReached: number;
}

export interface ImpactPoint {
  periodStart: string;
  supplierIncomeFen: number;
  incomeToRegisteredPoorFen: number;
  villagesReached: number;
  cumulativeVillagesReached: number;
}

export interface VillageRow {
  villageId: string;
  name: string;
  code: string;
  township: string;
  povertyStricken: boolean;
  householdsReached: number;
  registeredPoorHouseholdsReached: number;
  grossSalesFen: number;
  supplierIncomeFen: number;
  incomeToRegisteredPoorFen: number;
}

export interface Place {
  id: string;
  name: string;
}

const REPORT = `query Impact($filter: ImpactFilter) {
  impactSummary(filter: $filter) {
    ordersCount grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen paidOutFen
    villagesReached povertyStrickenVillagesReached householdsReached registeredPoorHouseholdsReached
  }
  impactSeries(filter: $filter, interval: MONTH) {
    periodStart supplierIncomeFen incomeToRegisteredPoorFen villagesReached cumulativeVillagesReached
  }
}`;

export async function fetchReport(filter: ImpactFilter, token: string): Promise<{ summary: ImpactSummary; series: ImpactPoint[] }> {
  const data = await gql<{ impactSummary: ImpactSummary; impactSeries: ImpactPoint[] }>(REPORT, { filter }, token);
  return { summary: data.impactSummary, series: data.impactSeries };
}

const VILLAGES = `query Villages($filter: ImpactFilter, $after: String) {
  impactByVillage(filter: $filter, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      village { id code name povertyStricken township { name } }
      householdsReached registeredPoorHouseholdsReached grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen
    } }
  }
}`;

interface VillageImpactNode {
  village: { id: string; code: string; name: string; povertyStricken: boolean; township: { name: string } };
  householdsReached: number;
  registeredPoorHouseholdsReached: number;
  grossSalesFen: number;
  supplierIncomeFen: number;
  incomeToRegisteredPoorFen: number;
}

interface VillageImpactPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: VillageImpactNode }>;
}

/** Villages fetched for the table: a county has a few hundred; past this the CSV has them all. */
export const VILLAGE_LIMIT = 500;

/**
 * The villages of the report, largest supplier income first, up to VILLAGE_LIMIT (the table sorts
 * and pages them in the browser); `total` is how many there are in all.
 */
export async function fetchVillages(filter: ImpactFilter, token: string): Promise<{ rows: VillageRow[]; total: number }> {
  const rows: VillageRow[] = [];
  let after: string | null = null;
  let total = 0;
  do {
    const data: { impactByVillage: VillageImpactPage } = await gql(VILLAGES, { filter, after }, token);
    const page = data.impactByVillage;
    total = page.totalCount;
    for (const { node } of page.edges) {
      rows.push({
        villageId: node.village.id,
        name: node.village.name,
        code: node.village.code,
        township: node.village.township.name,
        povertyStricken: node.village.povertyStricken,
        householdsReached: node.householdsReached,
        registeredPoorHouseholdsReached: node.registeredPoorHouseholdsReached,
        grossSalesFen: node.grossSalesFen,
        supplierIncomeFen: node.supplierIncomeFen,
        incomeToRegisteredPoorFen: node.incomeToRegisteredPoorFen,
      });
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && rows.length < VILLAGE_LIMIT);
  return { rows, total };
}

export async function fetchCounties(token: string): Promise<Place[]> {
  const data = await gql<{ counties: Place[] }>(`query { counties { id name } }`, {}, token);
  return data.counties;
}

export async function fetchStations(countyId: string | undefined, token: string): Promise<Place[]> {
  const data = await gql<{ stations: Place[] }>(`query Stations($countyId: ID) { stations(countyId: $countyId) { id name } }`, { countyId: countyId ?? null }, token);
  return [...data.stations].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The CSV export's URL for the same filter (the endpoint takes the same names as ImpactFilter). */
export function csvUrl(filter: ImpactFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  return `/reports/impact.csv?${params.toString()}`;
}
