import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Allocation } from '../entities/allocation.entity';
import { Fulfillment } from '../entities/fulfillment.entity';
import { OrderLine } from '../entities/order-line.entity';
import { Order } from '../entities/order.entity';
import { AllocationData, FulfillmentData, OrderData, OrderLineData } from '../order-data';

export const toOrderData = (o: Order): OrderData => ({
  id: o.id,
  buyerId: o.buyerId,
  status: o.status,
  totalFen: o.totalFen,
  shippingAddress: o.shippingAddress,
  pickupStationId: o.pickupStationId,
  placedAt: o.placedAt,
});

export const toOrderLineData = (l: OrderLine): OrderLineData => ({
  id: l.id,
  orderId: l.orderId,
  listingId: l.listingId,
  quantity: l.quantity,
  unitPriceFen: l.unitPriceFen,
  lineTotalFen: l.lineTotalFen,
});

export const toFulfillmentData = (f: Fulfillment): FulfillmentData => ({
  id: f.id,
  orderId: f.orderId,
  stationId: f.stationId,
  status: f.status,
  carrier: f.carrier,
  trackingNumber: f.trackingNumber,
  updatedAt: f.updatedAt,
});

export const toAllocationData = (a: Allocation): AllocationData => ({
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

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrderData | null> {
    const order = await manager.getRepository(Order).findOneBy({ id });
    return order && toOrderData(order);
  }

  async findByIdempotencyKey(buyerId: string, idempotencyKey: string): Promise<OrderData | null> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ buyerId, idempotencyKey });
    return order && toOrderData(order);
  }

  async findFulfillment(id: string, manager: EntityManager = this.dataSource.manager): Promise<FulfillmentData | null> {
    const f = await manager.getRepository(Fulfillment).findOneBy({ id });
    return f && toFulfillmentData(f);
  }
}
