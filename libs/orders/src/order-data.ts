import { PovertyStatus } from '@app/registry';
import { FulfillmentStatus, OrderStatus } from './entities/enums';
import { ShippingAddress } from './entities/order.entity';

// Orders as the orders domain answers them (services and loaders return these; the GraphQL classes in
// graphql/order.types.ts implement them). Here rather than in domain/: they carry the entities' enums
// and the registry's PovertyStatus, which the pure rules in domain/ spell as string unions.

/** Units of a line taken from one household's lot. */
export interface AllocationData {
  id: string;
  quantity: number;
  grossFen: number;
  stationCommissionFen: number;
  platformFeeFen: number;
  supplierNetFen: number;
  /** The household's registry status when the order was placed. */
  povertyStatusAtSale: PovertyStatus;
  householdId: string;
  orderLineId: string;
  fulfillmentId: string;
}

/** A line of an order; reached through a fulfilment, it carries that fulfilment's id. */
export interface OrderLineData {
  id: string;
  quantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
  orderId: string;
  listingId: string;
  viaFulfillmentId?: string;
}

export interface FulfillmentData {
  id: string;
  status: FulfillmentStatus;
  carrier: string | null;
  trackingNumber: string | null;
  updatedAt: Date;
  orderId: string;
  stationId: string | null;
  /** Set when the lines are already known (a fresh placement). */
  lines?: OrderLineData[];
}

export interface OrderData {
  id: string;
  status: OrderStatus;
  totalFen: number;
  shippingAddress: ShippingAddress | null;
  placedAt: Date;
  buyerId: string;
  pickupStationId: string | null;
  /** Set when already known (a fresh placement). */
  lines?: OrderLineData[];
  fulfillments?: FulfillmentData[];
}
