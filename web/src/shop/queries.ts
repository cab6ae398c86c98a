// The shop's GraphQL: browse and read listings, place and follow orders, register. Every money
// figure is integer fen; the where-the-money-goes split comes from the server's fee rules.
import { gql } from '../shared/api';
import type { Session } from '../shared/session';

export interface Photo {
  url: string;
  srcset: string;
  width: number;
  height: number;
}

export interface ListingCard {
  id: string;
  title: string;
  unit: string;
  category: string;
  priceFen: number;
  available: number;
  povertyAlleviation: boolean;
  originVillage: { id: string; name: string; povertyStricken: boolean; township: { name: string }; county: { id: string; name: string; nationalPovertyCounty: boolean } };
  station: { id: string; name: string };
  photos: Photo[];
}

export interface ListingDetail extends ListingCard {
  description: string;
  status: string;
  priceSplit: { priceFen: number; householdsFen: number; stationCommissionFen: number; platformFeeFen: number; stationCommissionBps: number; platformFeeBps: number };
  station: { id: string; name: string; village: { name: string } };
}

const CARD = `id title unit category priceFen available povertyAlleviation
  originVillage { id name povertyStricken township { name } county { id name nationalPovertyCounty } }
  station { id name } photos { url srcset width height }`;

export interface BrowseQuery {
  q?: string;
  county?: string;
  village?: string;
  category?: string;
  badge?: boolean;
  min?: number | null;
  max?: number | null;
  sort?: 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC';
  after?: string;
}

export const PAGE_SIZE = 12;

export async function browse(query: BrowseQuery): Promise<{ items: ListingCard[]; total: number; endCursor: string | null; hasNextPage: boolean }> {
  const filter: Record<string, unknown> = {};
  if (query.q) filter.search = query.q;
  if (query.county) filter.countyId = query.county;
  if (query.village) filter.villageId = query.village;
  if (query.category) filter.category = query.category;
  if (query.badge) filter.povertyAlleviationOnly = true;
  if (query.min != null) filter.minPriceFen = query.min;
  if (query.max != null) filter.maxPriceFen = query.max;
  const data = await gql<{ listings: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; edges: Array<{ node: ListingCard }> } }>(
    `query Browse($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {
      listings(filter: $filter, sort: $sort, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } edges { node { ${CARD} } } }
    }`,
    { filter, sort: query.sort ?? 'NEWEST', first: PAGE_SIZE, after: query.after ?? null },
  );
  return { items: data.listings.edges.map((e) => e.node), total: data.listings.totalCount, ...data.listings.pageInfo };
}

export interface Place {
  id: string;
  name: string;
}

export interface CountyPlaces extends Place {
  townships: Array<{ id: string; name: string; villages: Place[] }>;
}

export async function fetchFilters(): Promise<{ counties: Place[]; categories: string[] }> {
  const data = await gql<{ counties: Place[]; listingCategories: string[] }>(`query Filters { counties { id name } listingCategories }`);
  return { counties: data.counties, categories: data.listingCategories };
}

export async function fetchVillages(countyId: string): Promise<CountyPlaces | null> {
  const data = await gql<{ county: CountyPlaces | null }>(`query Villages($id: ID!) { county(id: $id) { id name townships { id name villages { id name } } } }`, { id: countyId });
  return data.county;
}

export async function fetchListing(id: string): Promise<ListingDetail | null> {
  const data = await gql<{ listing: ListingDetail | null }>(
    `query Listing($id: ID!) { listing(id: $id) { ${CARD} description status station { id name village { name } }
      priceSplit { priceFen householdsFen stationCommissionFen platformFeeFen stationCommissionBps platformFeeBps } } }`,
    { id },
  );
  return data.listing;
}

export interface Station {
  id: string;
  name: string;
  village: { name: string };
}

/** The stations that may hand an order over: for pickup at the station. */
export async function fetchStations(): Promise<Station[]> {
  const data = await gql<{ stations: Array<Station & { active: boolean }> }>(`query Stations { stations { id name active village { name } } }`);
  return data.stations.filter((s) => s.active);
}

export interface Address {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  line1: string;
  postalCode?: string;
}

export interface Fulfilment {
  id: string;
  status: 'UNROUTED' | 'ROUTED' | 'ACCEPTED' | 'COLLECTED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
  carrier: string | null;
  trackingNumber: string | null;
  updatedAt: string;
  station: { id: string; name: string } | null;
  lines: Array<{ id: string; quantity: number; listing: { id: string; title: string; unit: string } }>;
}

export interface Order {
  id: string;
  status: 'PLACED' | 'IN_FULFILLMENT' | 'DELIVERED' | 'CANCELLED';
  placedAt: string;
  totalFen: number;
  shippingAddress: Address | null;
  pickupStation: { id: string; name: string } | null;
  lines: Array<{ id: string; quantity: number; unitPriceFen: number; lineTotalFen: number; listing: { id: string; title: string; unit: string } }>;
  fulfillments: Fulfilment[];
}

const ORDER = `id status placedAt totalFen shippingAddress { recipient phone province city line1 postalCode } pickupStation { id name }
  lines { id quantity unitPriceFen lineTotalFen listing { id title unit } }
  fulfillments { id status carrier trackingNumber updatedAt station { id name } lines { id quantity listing { id title unit } } }`;

export interface PlaceOrderInput {
  idempotencyKey: string;
  lines: Array<{ listingId: string; quantity: number }>;
  paymentToken: string;
  shippingAddress?: Address;
  pickupStationId?: string;
}

export async function placeOrder(input: PlaceOrderInput, session: Session): Promise<Order> {
  const data = await gql<{ placeOrder: Order }>(`mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER} } }`, { input }, session.token);
  return data.placeOrder;
}

export async function fetchOrder(id: string, session: Session): Promise<Order | null> {
  const data = await gql<{ order: Order | null }>(`query Order($id: ID!) { order(id: $id) { ${ORDER} } }`, { id }, session.token);
  return data.order;
}

export async function fetchMyOrders(session: Session): Promise<Order[]> {
  const data = await gql<{ myOrders: { edges: Array<{ node: Order }> } }>(`query MyOrders { myOrders(first: 50) { edges { node { ${ORDER} } } } }`, {}, session.token);
  return data.myOrders.edges.map((e) => e.node);
}

export async function confirmDelivery(fulfillmentId: string, session: Session): Promise<void> {
  await gql(`mutation Confirm($id: ID!) { confirmDelivery(fulfillmentId: $id) { id status } }`, { id: fulfillmentId }, session.token);
}

export async function cancelOrder(id: string, session: Session): Promise<Order> {
  const data = await gql<{ cancelOrder: Order }>(`mutation Cancel($id: ID!) { cancelOrder(id: $id) { ${ORDER} } }`, { id }, session.token);
  return data.cancelOrder;
}

export async function registerBuyer(input: { displayName: string; email: string; password: string }): Promise<Session> {
  const data = await gql<{ registerBuyer: Session }>(
    `mutation Register($input: RegisterBuyerInput!) { registerBuyer(input: $input) { token user { id email displayName role station { id name } county { id name } } } }`,
    { input },
  );
  return data.registerBuyer;
}
