import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toFen } from '@app/kernel';
import { Actor, badInput, decodeCursor, forbidden, GraphQLContext, idOrNotFound, notFound, Page, pageSize, Role, toPage } from '@app/platform';
import { FulfillmentStatus, OrderStatus } from '../entities/enums';
import { FulfillmentData, OrderData } from '../order-data';
import { mayReadOrder } from './order-access.policy';
import { OrderLoaders } from './order-loaders.service';

interface OrderRow {
  id: string;
  buyer_id: string;
  status: OrderStatus;
  total_fen: string;
  shipping_address: OrderData['shippingAddress'];
  pickup_station_id: string | null;
  placed_at: Date;
  placed_key: string;
}

interface FulfillmentRow {
  id: string;
  order_id: string;
  station_id: string | null;
  status: FulfillmentStatus;
  carrier: string | null;
  tracking_number: string | null;
  updated_at: Date;
}

/** placed_at as PostgreSQL prints it (full microseconds), the first key of a myOrders cursor. */
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

const toOrder = (r: OrderRow): OrderData => ({
  id: r.id,
  buyerId: r.buyer_id,
  status: r.status,
  totalFen: toFen(r.total_fen),
  shippingAddress: r.shipping_address,
  pickupStationId: r.pickup_station_id,
  placedAt: r.placed_at,
});

const toFulfillment = (r: FulfillmentRow): FulfillmentData => ({
  id: r.id,
  orderId: r.order_id,
  stationId: r.station_id,
  status: r.status,
  carrier: r.carrier,
  trackingNumber: r.tracking_number,
  updatedAt: r.updated_at,
});

/** The read side: one order, a buyer's orders, a station's fulfilments (keyset pages). */
@Injectable()
export class OrderQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: OrderLoaders,
  ) {}

  /** The order if the actor may see it; NOT_FOUND otherwise, as for an id that names no order. */
  async order(context: GraphQLContext, actor: Actor, id: string): Promise<OrderData> {
    const order = await this.loaders.order(context, idOrNotFound(id, 'Order', 'id'));
    if (!order) throw notFound('Order', id, 'id');
    if (!mayReadOrder(actor, order, await this.loaders.fulfillmentsOfOrder(context, id))) throw notFound('Order', id, 'id');
    return order;
  }

  /** The actor's own orders, newest first. */
  async myOrders(actor: Actor, first: number | null | undefined, after: string | null | undefined): Promise<Page<OrderData>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['string', 'id']);
    const params: unknown[] = [actor.userId, limit + 1];
    let where = '';
    if (cursor) {
      if (!TIMESTAMP_PATTERN.test(cursor[0] as string)) throw badInput('after', 'not a cursor this list gave out');
      params.push(cursor[0], cursor[1]);
      where = 'AND (placed_at, id) < ($3::timestamptz, $4::bigint)';
    }
    const rows: OrderRow[] = await this.dataSource.query(
      `SELECT id::text, buyer_id::text, status, total_fen, shipping_address, pickup_station_id::text, placed_at, placed_at::text AS placed_key
         FROM orders WHERE buyer_id = $1 ${where}
        ORDER BY placed_at DESC, id DESC LIMIT $2`,
      params,
    );
    return toPage(rows, limit, (r) => [r.placed_key, r.id], toOrder, () => this.count(`SELECT count(*) FROM orders WHERE buyer_id = $1`, [actor.userId]));
  }

  /** A station's fulfilments, oldest first (the order to work them in): its operators and admins. */
  async stationFulfillments(
    actor: Actor,
    stationId: string,
    status: FulfillmentStatus | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<FulfillmentData>> {
    if (actor.role !== Role.ADMIN && !(actor.role === Role.STATION_OPERATOR && actor.stationId === stationId)) {
      throw forbidden('Only the operators of this station may list its fulfilments');
    }
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    idOrNotFound(stationId, 'Station', 'stationId');
    const filters = ['station_id = $1'];
    const params: unknown[] = [stationId];
    if (status) {
      params.push(status);
      filters.push(`status = $${params.length}`);
    }
    const countFilters = [...filters];
    const countParams = [...params];
    if (cursor) {
      params.push(cursor[0]);
      filters.push(`id > $${params.length}`);
    }
    params.push(limit + 1);
    const rows: FulfillmentRow[] = await this.dataSource.query(
      `SELECT id::text, order_id::text, station_id::text, status, carrier, tracking_number, updated_at
         FROM fulfillments WHERE ${filters.join(' AND ')} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, limit, (r) => [r.id], toFulfillment, () =>
      this.count(`SELECT count(*) FROM fulfillments WHERE ${countFilters.join(' AND ')}`, countParams),
    );
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    const [{ count }] = await this.dataSource.query(sql, params);
    return Number(count);
  }
}
