import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, FenScalar } from '@app/platform';
import { PovertyStatus } from '@app/registry';
import { FulfillmentStatus, OrderStatus } from '../entities/enums';
import { ShippingAddress } from '../entities/order.entity';
import { AllocationData, FulfillmentData, OrderData, OrderLineData } from '../order-data';

registerEnumType(OrderStatus, { name: 'OrderStatus' });
registerEnumType(FulfillmentStatus, { name: 'FulfillmentStatus' });

@ObjectType('Address')
export class AddressType {
  @Field() recipient: string;
  @Field() phone: string;
  @Field() province: string;
  @Field() city: string;
  @Field() line1: string;
  @Field(() => String, { nullable: true }) postalCode: string | null;
}

/** Units of a line taken from one household's lot. `household` is a field resolver. */
@ObjectType('Allocation')
export class AllocationType implements AllocationData {
  @Field(() => ID) id: string;
  @Field(() => Int) quantity: number;
  @Field(() => FenScalar) grossFen: number;
  @Field(() => FenScalar) stationCommissionFen: number;
  @Field(() => FenScalar) platformFeeFen: number;
  @Field(() => FenScalar) supplierNetFen: number;
  @Field(() => PovertyStatus, { description: "The household's registry status when the order was placed." })
  povertyStatusAtSale: PovertyStatus;
  householdId: string;
  orderLineId: string;
  fulfillmentId: string;
}

/**
 * listing and allocations are field resolvers. A line reached through a fulfilment carries that
 * fulfilment's id, and then shows only the allocations that fulfilment collects.
 */
@ObjectType('OrderLine')
export class OrderLineType implements OrderLineData {
  @Field(() => ID) id: string;
  @Field(() => Int) quantity: number;
  @Field(() => FenScalar) unitPriceFen: number;
  @Field(() => FenScalar) lineTotalFen: number;
  orderId: string;
  listingId: string;
  viaFulfillmentId?: string;
}

/** order, station and lines are field resolvers. */
@ObjectType('Fulfillment')
export class FulfillmentType implements FulfillmentData {
  @Field(() => ID) id: string;
  @Field(() => FulfillmentStatus) status: FulfillmentStatus;
  @Field(() => String, { nullable: true }) carrier: string | null;
  @Field(() => String, { nullable: true }) trackingNumber: string | null;
  @Field() updatedAt: Date;
  orderId: string;
  stationId: string | null;
  /** Set when the lines are already known (a fresh placement), sparing the loader. */
  lines?: OrderLineType[];
}

/** buyer, lines, fulfillments and pickupStation are field resolvers (preloaded after a placement). */
@ObjectType('Order')
export class OrderType implements OrderData {
  @Field(() => ID) id: string;
  @Field(() => OrderStatus) status: OrderStatus;
  @Field(() => FenScalar) totalFen: number;
  @Field(() => AddressType, { nullable: true }) shippingAddress: ShippingAddress | null;
  @Field() placedAt: Date;
  buyerId: string;
  pickupStationId: string | null;
  lines?: OrderLineType[];
  fulfillments?: FulfillmentType[];
}

@ObjectType('OrderConnection')
export class OrderConnection extends ConnectionType(OrderType, 'Order') {}

@ObjectType('FulfillmentConnection')
export class FulfillmentConnection extends ConnectionType(FulfillmentType, 'Fulfillment') {}
