import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { toFen } from '@app/kernel';
import { byKeys, GraphQLContext, groupByKeys, loader } from '@app/platform';
import { Allocation } from '../entities/allocation.entity';
import { Fulfillment } from '../entities/fulfillment.entity';
import { OrderLine } from '../entities/order-line.entity';
import { Order } from '../entities/order.entity';
import { AllocationData, FulfillmentData, OrderData, OrderLineData } from '../order-data';
import { toAllocationData, toFulfillmentData, toOrderLineData, toOrderData } from './order-reader.service';

/** Per-request batched lookups behind the order field resolvers: a page of orders costs one query per relation. */
@Injectable()
export class OrderLoaders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  order(context: GraphQLContext, id: string): Promise<OrderData | null> {
    return loader(context, 'orders.order', () =>
      new DataLoader<string, OrderData | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Order).findBy({ id: In([...ids]) })).map(toOrderData), (o) => o.id),
      ),
    ).load(id);
  }

  /** The order's lines, in line order. */
  linesOfOrder(context: GraphQLContext, orderId: string): Promise<OrderLineData[]> {
    return loader(context, 'orders.linesOfOrder', () =>
      new DataLoader<string, OrderLineData[]>(async (ids) => {
        const rows = await this.dataSource.getRepository(OrderLine).find({ where: { orderId: In([...ids]) }, order: { id: 'ASC' } });
        return groupByKeys(ids, rows.map(toOrderLineData), (l) => l.orderId);
      }),
    ).load(orderId);
  }

  /** The order's fulfilments, oldest first. */
  fulfillmentsOfOrder(context: GraphQLContext, orderId: string): Promise<FulfillmentData[]> {
    return loader(context, 'orders.fulfillmentsOfOrder', () =>
      new DataLoader<string, FulfillmentData[]>(async (ids) => {
        const rows = await this.dataSource.getRepository(Fulfillment).find({ where: { orderId: In([...ids]) }, order: { id: 'ASC' } });
        return groupByKeys(ids, rows.map(toFulfillmentData), (f) => f.orderId);
      }),
    ).load(orderId);
  }

  /** The lines a fulfilment collects (those with an allocation in it), each marked as seen through it. */
  linesOfFulfillment(context: GraphQLContext, fulfillmentId: string): Promise<OrderLineData[]> {
    return loader(context, 'orders.linesOfFulfillment', () =>
      new DataLoader<string, OrderLineData[]>(async (ids) => {
        const rows: Array<{ fulfillment_id: string; id: string; order_id: string; listing_id: string; quantity: number; unit_price_fen: string; line_total_fen: string }> =
          await this.dataSource.query(
            `SELECT l.fulfillment_id::text, l.id::text, l.order_id::text, l.listing_id::text, l.quantity, l.unit_price_fen, l.line_total_fen
               FROM (SELECT DISTINCT a.fulfillment_id, l.*
                       FROM allocations a JOIN order_lines l ON l.id = a.order_line_id
                      WHERE a.fulfillment_id = ANY($1::bigint[])) l
              ORDER BY l.id`,
            [ids],
          );
        const lines = rows.map((r) => ({
          viaFulfillmentId: r.fulfillment_id,
          id: r.id,
          orderId: r.order_id,
          listingId: r.listing_id,
          quantity: r.quantity,
          unitPriceFen: toFen(r.unit_price_fen),
          lineTotalFen: toFen(r.line_total_fen),
        }));
        return groupByKeys(ids, lines, (l) => l.viaFulfillmentId);
      }),
    ).load(fulfillmentId);
  }

  /** A line's allocations; seen through a fulfilment, only that fulfilment's. */
  allocationsOfLine(context: GraphQLContext, lineId: string, viaFulfillmentId?: string): Promise<AllocationData[]> {
    return loader(context, 'orders.allocationsOfLine', () =>
      new DataLoader<string, AllocationData[]>(async (ids) => {
        const rows = await this.dataSource.getRepository(Allocation).find({ where: { orderLineId: In([...ids]) }, order: { id: 'ASC' } });
        return groupByKeys(ids, rows.map(toAllocationData), (a) => a.orderLineId);
      }),
    )
      .load(lineId)
      .then((all) => (viaFulfillmentId === undefined ? all : all.filter((a) => a.fulfillmentId === viaFulfillmentId)));
  }
}
