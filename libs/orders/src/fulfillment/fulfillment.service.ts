import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toFen } from '@app/kernel';
import { fulfillmentDelivered, LedgerService } from '@app/ledger';
import { Actor, DomainEvents, forbidden, inTransaction, invalidState, notFound, Role, Tx } from '@app/platform';
import { FulfillmentAction, nextStatus } from '../domain/fulfillment-state';
import { FulfillmentData } from '../order-data';
import { mayReadOrder } from '../query/order-access.policy';
import { OrderReader } from '../query/order-reader.service';
import { LockedFulfillment, lockFulfillment, LockedOrder, refreshOrderStatus } from './order-locks.repository';

type Step = Exclude<FulfillmentAction, 'route' | 'cancel'>;

/**
 * The fulfilment steps (docs/design.md, "Fulfilment"): accept, collect and ship by the operators of the
 * fulfilment's station; confirm delivery by the order's buyer or, for a pickup order, the operators of
 * the pickup station; admins may take any step. A step from the wrong status is INVALID_STATE. Someone
 * who may not see the order is told it does not exist (NOT_FOUND); someone who may see it but not take
 * the step is FORBIDDEN.
 */
@Injectable()
export class FulfillmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly events: DomainEvents,
    private readonly reader: OrderReader,
  ) {}

  accept(actor: Actor, fulfillmentId: string): Promise<FulfillmentData> {
    return this.step(actor, fulfillmentId, 'accept', 'id');
  }

  markCollected(actor: Actor, fulfillmentId: string): Promise<FulfillmentData> {
    return this.step(actor, fulfillmentId, 'collect', 'id');
  }

  markShipped(actor: Actor, fulfillmentId: string, carrier: string, trackingNumber: string): Promise<FulfillmentData> {
    return this.step(actor, fulfillmentId, 'ship', 'input.fulfillmentId', { carrier, trackingNumber });
  }

  confirmDelivery(actor: Actor, fulfillmentId: string): Promise<FulfillmentData> {
    return this.step(actor, fulfillmentId, 'deliver', 'fulfillmentId');
  }

  private async step(actor: Actor, fulfillmentId: string, step: Step, field: string, shipment?: { carrier: string; trackingNumber: string }): Promise<FulfillmentData> {
    return inTransaction(this.dataSource, async (tx) => {
      const locked = await lockFulfillment(tx.manager, fulfillmentId);
      if (!locked) throw notFound('Fulfillment', fulfillmentId, field);
      const { order, fulfillment } = locked;
      const siblings: Array<{ stationId: string | null }> = await tx.manager.query(`SELECT station_id::text AS "stationId" FROM fulfillments WHERE order_id = $1`, [order.id]);
      if (!mayReadOrder(actor, order, siblings)) throw notFound('Fulfillment', fulfillmentId, field);
      if (!mayTake(actor, step, order, fulfillment)) throw forbidden(forbiddenMessage(step));
      const next = nextStatus(fulfillment.status, step);
      if (next === null) throw invalidState(`Fulfillment ${fulfillmentId} is ${fulfillment.status}; it cannot be ${PAST[step]} now`);

      const [[updated]] = await tx.manager.query(
        `UPDATE fulfillments
            SET status = $2::fulfillment_status, updated_at = now(),
                carrier = COALESCE($3, carrier), tracking_number = COALESCE($4, tracking_number),
                delivered_at = CASE WHEN $2::fulfillment_status = 'DELIVERED' THEN now() ELSE delivered_at END
          WHERE id = $1
         RETURNING delivered_at`,
        [fulfillmentId, next, shipment?.carrier ?? null, shipment?.trackingNumber ?? null],
      );
      if (step === 'deliver') await this.delivered(tx, order, fulfillmentId, updated.delivered_at);
      await refreshOrderStatus(tx.manager, order.id);
      return (await this.reader.findFulfillment(fulfillmentId, tx.manager))!;
    });
  }

  /** Escrow pays out to each party of each allocation (one entry per fulfilment), then the listeners run. */
  private async delivered(tx: Tx, order: LockedOrder, fulfillmentId: string, deliveredAt: Date): Promise<void> {
    const rows: Array<{ household_id: string; listing_station_id: string; gross_fen: string; station_commission_fen: string; platform_fee_fen: string; supplier_net_fen: string }> =
      await tx.manager.query(
        `SELECT household_id::text, listing_station_id::text, gross_fen, station_commission_fen, platform_fee_fen, supplier_net_fen
           FROM allocations WHERE fulfillment_id = $1 ORDER BY id`,
        [fulfillmentId],
      );
    const allocations = rows.map((r) => ({
      householdId: r.household_id,
      listingStationId: r.listing_station_id,
      grossFen: toFen(r.gross_fen),
      supplierNetFen: toFen(r.supplier_net_fen),
      stationCommissionFen: toFen(r.station_commission_fen),
      platformFeeFen: toFen(r.platform_fee_fen),
    }));
    await this.ledger.post(tx, fulfillmentDelivered({ fulfillmentId, allocations }));
    await this.events.emit(tx, 'fulfillment.delivered', { fulfillmentId, orderId: order.id, deliveredAt });
  }
}

const PAST: Record<Step, string> = { accept: 'accepted', collect: 'collected', ship: 'shipped', deliver: 'confirmed delivered' };

function mayTake(actor: Actor, step: Step, order: LockedOrder, fulfillment: LockedFulfillment): boolean {
  if (actor.role === Role.ADMIN) return true;
  const operatorOf = (stationId: string | null) => actor.role === Role.STATION_OPERATOR && stationId !== null && actor.stationId === stationId;
  if (step === 'deliver') return order.buyerId === actor.userId || operatorOf(order.pickupStationId);
  return operatorOf(fulfillment.stationId);
}

function forbiddenMessage(step: Step): string {
  return step === 'deliver'
    ? "Only the order's buyer (or, for a pickup order, its pickup station) confirms delivery"
    : "Only the operators of the fulfilment's station take this step";
}
