import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Allocation } from '../entities/allocation.entity';
import { Fulfillment } from '../entities/fulfillment.entity';
import { OrderLine } from '../entities/order-line.entity';
import { Order } from '../entities/order.entity';
import { AllocationType, FulfillmentType, OrderLineType, OrderType } from '../graphql/order.types';

export const toOrderType = (o: Order): OrderType => ({
  id: o.id,
  buyerId: o.buyerId,
  status: o.status,
  totalFen: o.totalFen,
  shippingAddress: o.shippingAddress,
  pickupStationId: o.pickupStationId,
  placedAt: o.placedAt,
});

export const toOrderLineType = (l: OrderLine): OrderLineType => ({
  id: l.id,
  orderId: l.orderId,
  listingId: l.listingId,
  quantity: l.quantity,
  unitPriceFen: l.unitPriceFen,
  lineTotalFen: l.lineTotalFen,
});

export const toFulfillmentType = (f: Fulfillment): FulfillmentType => ({
  id: f.id,
  orderId: f.orderId,
  stationId: f.stationId,
  status: f.status,
  carrier: f.carrier,
  trackingNumber: f.trackingNumber,
  updatedAt: f.updatedAt,
});

export const toAllocationType = (a: Allocation): AllocationType => ({
  id: a.id,
  orderLineId: a.orderLineId,
  fulfillmentId: a.fulfillmentId,
  householdId: a.householdId,
  quantity: a.quantity,
  grossFen: a.grossFen,
  stationCommissionFen: a.stationCommissionFen,
  platformFeeFen: a.platformFeeFen,
  supplierNetFen: a.supplierNetFen,
  povertyStatusAtSale: a.povertyStatusAtSale,
});

/** Single reads of orders outside GraphQL's per-request loaders (mutations, idempotent repeats). */
@Injectable()
export class OrderReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrderType | null> {
    const order = await manager.getRepository(Order).findOneBy({ id });
    return order && toOrderType(order);
  }

  async findByIdempotencyKey(buyerId: string, idempotencyKey: string): Promise<OrderType | null> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ buyerId, idempotencyKey });
    return order && toOrderType(order);
  }

  async findFulfillment(id: string, manager: EntityManager = this.dataSource.manager): Promise<FulfillmentType | null> {
    const f = await manager.getRepository(Fulfillment).findOneBy({ id });
    return f && toFulfillmentType(f);
  }
}
