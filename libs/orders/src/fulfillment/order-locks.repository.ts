import { EntityManager } from 'typeorm';
import { deriveOrderStatus, FulfillmentStatus as StatusName } from '../domain/fulfillment-state';
import { FulfillmentStatus, OrderStatus } from '../entities/enums';
import { OrderData } from '../order-data';
import { toFen } from '@app/kernel';

// Every change to an order's fulfilments (a step, a cancellation, a routing retry) locks the order row
// first, then the fulfilments: concurrent changes to one order queue up in the same lock order, and the
// order status derived from all its fulfilments is never computed from a stale sibling.

export interface LockedOrder extends OrderData {
  paymentReference: string;
}

export interface LockedFulfillment {
  id: string;
  orderId: string;
  stationId: string | null;
  status: FulfillmentStatus;
}

/** The order, locked; null when there is none. */
export async function lockOrder(manager: EntityManager, orderId: string): Promise<LockedOrder | null> {
  const [row] = await manager.query(
    `SELECT id::text, buyer_id::text, status, total_fen, shipping_address, pickup_station_id::text, placed_at, payment_reference
       FROM orders WHERE id = $1 FOR UPDATE`,
    [orderId],
  );
  return row ? toLockedOrder(row) : null;
}

/** The order of a fulfilment, locked, then the fulfilment, locked; null when there is no such fulfilment. */
export async function lockFulfillment(manager: EntityManager, fulfillmentId: string): Promise<{ order: LockedOrder; fulfillment: LockedFulfillment } | null> {
  const [orderRow] = await manager.query(
    `SELECT id::text, buyer_id::text, status, total_fen, shipping_address, pickup_station_id::text, placed_at, payment_reference
       FROM orders WHERE id = (SELECT order_id FROM fulfillments WHERE id = $1) FOR UPDATE`,
    [fulfillmentId],
  );
  if (!orderRow) return null;
  const [f] = await manager.query(`SELECT id::text, order_id::text, station_id::text, status FROM fulfillments WHERE id = $1 FOR UPDATE`, [fulfillmentId]);
  return { order: toLockedOrder(orderRow), fulfillment: { id: f.id, orderId: f.order_id, stationId: f.station_id, status: f.status } };
}

/** Sets the order's status from all its fulfilments (call with the order locked); returns it. */
export async function refreshOrderStatus(manager: EntityManager, orderId: string): Promise<OrderStatus> {
  const rows: Array<{ status: StatusName }> = await manager.query(`SELECT status FROM fulfillments WHERE order_id = $1`, [orderId]);
  const status = deriveOrderStatus(rows.map((r) => r.status)) as OrderStatus;
  await manager.query(`UPDATE orders SET status = $2::order_status, updated_at = now() WHERE id = $1 AND status <> $2::order_status`, [orderId, status]);
  return status;
}

function toLockedOrder(r: {
  id: string;
  buyer_id: string;
  status: OrderStatus;
  total_fen: string;
  shipping_address: OrderData['shippingAddress'];
  pickup_station_id: string | null;
  placed_at: Date;
  payment_reference: string;
}): LockedOrder {
  return {
    id: r.id,
    buyerId: r.buyer_id,
    status: r.status,
    totalFen: toFen(r.total_fen),
    shippingAddress: r.shipping_address,
    pickupStationId: r.pickup_station_id,
    placedAt: r.placed_at,
    paymentReference: r.payment_reference,
  };
}
