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

const LISTING = `id title unit priceFen status available originVillage { id name } photos { id url srcset width height }`;

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
