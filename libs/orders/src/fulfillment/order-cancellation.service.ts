import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { returnStockSql } from '@app/catalog';
import { LedgerService, orderCancelled } from '@app/ledger';
import { Actor, DomainEvents, forbidden, inTransaction, invalidState, notFound, Role } from '@app/platform';
import { canCancelOrder, FulfillmentStatus } from '../domain/fulfillment-state';
import { OrderStatus } from '../entities/enums';
import { OrderData } from '../order-data';
import { PaymentJobsService } from '../payment/payment-jobs.service';
import { mayReadOrder } from '../query/order-access.policy';
import { RoutingRetryRequests } from '../routing/routing-retry-requests.service';
import { lockOrder } from './order-locks.repository';

/**
 * cancelOrder (docs/design.md, "Fulfilment"): by the buyer (or an admin) while no fulfilment is SHIPPED.
 * The units go back to the very lots they came from, the stations' slots of the day are released, the
 * payment is refunded in the ledger, every fulfilment becomes CANCELLED.
 */
@Injectable()
export class OrderCancellationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentJobsService,
    private readonly ledger: LedgerService,
    private readonly events: DomainEvents,
    private readonly retries: RoutingRetryRequests,
  ) {}

  async cancelOrder(actor: Actor, orderId: string): Promise<OrderData> {
    return inTransaction(this.dataSource, async (tx) => {
      const order = await lockOrder(tx.manager, orderId);
      if (!order) throw notFound('Order', orderId, 'id');
      const fulfillments: Array<{ id: string; stationId: string | null; status: FulfillmentStatus }> = await tx.manager.query(
        `SELECT id::text, station_id::text AS "stationId", status FROM fulfillments WHERE order_id = $1 ORDER BY id FOR UPDATE`,
        [orderId],
      );
      if (!mayReadOrder(actor, order, fulfillments)) throw notFound('Order', orderId, 'id');
      if (actor.role !== Role.ADMIN && order.buyerId !== actor.userId) throw forbidden('Only the buyer cancels an order');
      if (!canCancelOrder(fulfillments.map((f) => f.status))) {
        throw invalidState(
          order.status === OrderStatus.CANCELLED ? `Order ${orderId} is already cancelled` : `Order ${orderId} has shipped; it can no longer be cancelled`,
        );
      }

      // Back to the lots the units came from; a cancelled fulfilment no longer counts against its
      // station's capacity for the day it took; the households' income of the day drops by the nets.
      // One statement, locking lots, slots and incomes in the order placement does (the listings,
      // locked by the catalog's trigger, come last).
      const [{ released }] = await tx.manager.query(
        `WITH restore AS (
           ${returnStockSql('SELECT lot_id, sum(quantity)::int AS q FROM allocations WHERE order_id = $1 GROUP BY lot_id ORDER BY lot_id')}
         ), release AS (
           UPDATE station_day_loads d SET routed = GREATEST(d.routed - x.n, 0)
             FROM (SELECT station_id, routed_day, count(*)::int AS n FROM fulfillments
                    WHERE order_id = $1 AND station_id IS NOT NULL AND routed_day IS NOT NULL AND status <> 'CANCELLED'
                    GROUP BY station_id, routed_day) x
            WHERE d.station_id = x.station_id AND d.day = x.routed_day
           RETURNING d.station_id
         ), income AS (
           UPDATE household_income_days b SET net_fen = b.net_fen - x.net
             FROM (SELECT household_id, (placed_at AT TIME ZONE 'Asia/Shanghai')::date AS day, sum(supplier_net_fen) AS net
                     FROM allocations WHERE order_id = $1 GROUP BY 1, 2 ORDER BY 1) x
            WHERE b.household_id = x.household_id AND b.day = x.day
           RETURNING b.household_id
         )
         SELECT (SELECT count(*) FROM restore)::int AS restored, (SELECT count(*) FROM release)::int AS released,
                (SELECT count(*) FROM income)::int AS incomes`,
        [orderId],
      );
      await tx.manager.query(`UPDATE fulfillments SET status = 'CANCELLED', updated_at = now() WHERE order_id = $1 AND status <> 'CANCELLED'`, [orderId]);
      await tx.manager.query(`UPDATE orders SET status = 'CANCELLED', updated_at = now() WHERE id = $1`, [orderId]);
      await this.ledger.post(tx, orderCancelled({ orderId, totalFen: order.totalFen }));
      // The refund is written with the cancellation (outbox) and done by a job once it commits: retried
      // until the gateway takes it, re-queued by the relay if the queue loses it.
      await this.payments.refundInTransaction(tx, orderId, order.paymentReference, order.totalFen);
      await this.events.emit(tx, 'order.cancelled', { orderId });
      if (released > 0) this.retries.request(tx);
      const { paymentReference: _, ...rest } = order;
      return { ...rest, status: OrderStatus.CANCELLED };
    });
  }
}
