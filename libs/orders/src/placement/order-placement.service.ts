import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ListingStatus } from '@app/catalog';
import { commissionProblem } from '@app/stations';
import { orderPlaced } from '@app/ledger';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  badInput,
  DomainError,
  ErrorCode,
  forbidden,
  inTransaction,
  notFound,
  pgErrorCode,
  PreparedSql,
  PreparedStatements,
  Role,
} from '@app/platform';
import { MAX_ORDER_TOTAL_FEN, orderTotalFen, OrderPlan, planOrder } from '../domain/order-plan';
import { FulfillmentStatus, OrderStatus } from '../entities/enums';
import { ShippingAddress } from '../entities/order.entity';
import { FulfillmentData, OrderData, OrderLineData } from '../order-data';
import { PlaceOrderInput } from '../graphql/order.inputs';
import { PAYMENT_GATEWAY, PaymentGateway } from '../payment/payment-gateway';
import { PaymentJobsService } from '../payment/payment-jobs.service';
import { OrderReader } from '../query/order-reader.service';
import { lockLots, PlacementSnapshot, readSnapshot, STALE_PLAN, writeOrder } from './placement.repository';

/** Optimistic attempts before the lots are locked up front; stale slots may still need a few more. */
const OPTIMISTIC_ATTEMPTS = 2;
const MAX_ATTEMPTS = 10;

/**
 * placeOrder (docs/design.md, "Placing an order"): validation, payment capture, allocation, routing and the
 * ledger entry, all or nothing. Optimistic: the plan is made from an unlocked snapshot and written by
 * one statement with conditional updates, so the hot rows (a listing's lots, a station's day load) are
 * held only while that statement commits, and an order costs two round trips. A stale snapshot makes
 * the statement fail whole (OR409) and the order is re-planned, with the lots locked first after a
 * couple of tries. Under concurrency the PRECISION ranking uses the recent incomes committed when the
 * snapshot was read.
 */
@Injectable()
export class OrderPlacementService {
  private readonly logger = new Logger('Orders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly reader: OrderReader,
    private readonly statements: PreparedStatements,
    private readonly payments: PaymentJobsService,
  ) {}

  /**
   * Places the order, or returns the buyer's earlier order with the same idempotency key. The payment
   * is authorised before the write and captured only once the order has committed (by a capture job
   * whose outbox row the write itself inserts, so a crash after the commit still captures); an
   * authorisation that no committed order uses is voided, whatever ended the attempt.
   */
  async placeOrder(actor: Actor, input: PlaceOrderInput): Promise<OrderData> {
    const destination = checkDestination(actor, input);
    const listingIds = input.lines.map((l) => l.listingId);
    const hold: PaymentHold = { authorisation: null, amountFen: 0, placed: false };
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const result =
            attempt < OPTIMISTIC_ATTEMPTS
              ? await this.attempt(this.statements.autocommit, actor, input, destination, hold)
              : // The snapshot keeps going stale (a contended listing): lock its lots first, then plan and write.
                await inTransaction(this.dataSource, async (tx) => {
                  const sql = this.statements.inTransaction(tx.manager);
                  await lockLots(sql, listingIds);
                  return this.attempt(sql, actor, input, destination, hold);
                });
          // Committed: the authorisation is the order's now, and its capture is due.
          if (result.placed) {
            hold.placed = true;
            this.payments.requestCapture();
          }
          return result.order;
        } catch (error) {
          const code = pgErrorCode(error);
          // A stale plan, or (outside inTransaction's own retries) a deadlock: plan again from a new snapshot.
          if ((code === STALE_PLAN || code === '40P01' || code === '40001') && attempt + 1 < MAX_ATTEMPTS) continue;
          if (code === STALE_PLAN) throw new DomainError(ErrorCode.CONFLICT, 'Stock or station capacity kept changing; try again');
          // The same key raced in: the unique index made this one wait for the winner, which has committed.
          if (code === '23505' && (error as { table?: string }).table === 'orders') {
            const existing = await this.reader.findByIdempotencyKey(actor.userId, input.idempotencyKey);
            if (existing) return existing;
          }
          throw error;
        }
      }
    } finally {
      if (hold.authorisation !== null && !hold.placed) await this.release(hold.authorisation);
    }
  }

  /** The hold for `amountFen`: the attempt before's if it was for the same amount, else a new one (the old voided). */
  private async authorise(hold: PaymentHold, token: string, amountFen: number): Promise<string> {
    if (hold.authorisation !== null && hold.amountFen === amountFen) return hold.authorisation;
    if (hold.authorisation !== null) {
      const old = hold.authorisation;
      hold.authorisation = null;
      await this.release(old);
    }
    hold.authorisation = await this.gateway.authorise({ token, amountFen });
    hold.amountFen = amountFen;
    return hold.authorisation;
  }

  /** Voids a hold no order uses. A failure is logged, not thrown: the gateway lets an unused hold lapse. */
  private async release(authorisation: string): Promise<void> {
    await this.gateway.void(authorisation).catch((e: Error) => this.logger.warn(`voiding ${authorisation} failed: ${e.message}`));
  }

  /**
   * Two statements: the snapshot, then (after checks, payment and planning in memory) the write, which
   * is all-or-nothing by itself. Run in autocommit mode, or inside a transaction that locked the lots.
   */
  private async attempt(sql: PreparedSql, actor: Actor, input: PlaceOrderInput, destination: Destination, hold: PaymentHold): Promise<{ order: OrderData; placed: boolean }> {
    const snapshot = await readSnapshot(sql, {
      buyerId: actor.userId,
      idempotencyKey: input.idempotencyKey,
      listingIds: input.lines.map((l) => l.listingId),
      pickupStationId: destination.pickupStationId,
    });
    if (snapshot.existingOrderId !== null) return { order: (await this.reader.findById(snapshot.existingOrderId))!, placed: false };
    checkListings(snapshot, input, this.config.platformFeeBps);
    checkPickupStation(snapshot, destination);

    const totalFen = orderTotal(snapshot, input);
    const orderId = snapshot.newOrderId!;
    const outcome = planOrder(
      { listings: snapshot.listings, lots: snapshot.lots, recentNetFen: snapshot.recentNetFen, stations: snapshot.stations, platformFeeBps: this.config.platformFeeBps },
      input.lines,
    );
    if (!outcome.ok) {
      throw new DomainError(ErrorCode.INSUFFICIENT_STOCK, `Not enough stock for line ${outcome.lineIndex + 1}`, `input.lines.${outcome.lineIndex}.quantity`);
    }
    // Held, not taken: the capture follows the commit (the write inserts its outbox row).
    const paymentReference = await this.authorise(hold, input.paymentToken, totalFen);
    const plan = outcome.plan;
    const written = await writeOrder(sql, {
      orderId,
      placedAt: snapshot.nowText,
      buyerId: actor.userId,
      idempotencyKey: input.idempotencyKey,
      shippingAddress: destination.shippingAddress,
      pickupStationId: destination.pickupStationId,
      paymentReference,
      plan,
      // The ledger's ORDER_PLACED entry, written in the same statement as the order.
      placed: orderPlaced({ orderId, totalFen: plan.totalFen }),
    });
    return { order: toPlacedOrder(orderId, actor.userId, snapshot.now, destination, plan, written.lineIds, written.fulfillmentIds), placed: true };
  }
}

/** The placing call's authorisation at the gateway, carried across the attempts of the loop. */
interface PaymentHold {
  authorisation: string | null;
  amountFen: number;
  /** An order committed with it: it will be captured, never voided. */
  placed: boolean;
}

interface Destination {
  shippingAddress: ShippingAddress | null;
  pickupStationId: string | null;
}

/** Exactly one of address and pickup station; station operators order only for pickup at their own station. */
function checkDestination(actor: Actor, input: PlaceOrderInput): Destination {
  const address = input.shippingAddress ?? null;
  const pickupStationId = input.pickupStationId ?? null;
  if ((address === null) === (pickupStationId === null)) {
    throw badInput('input.shippingAddress', 'Give exactly one of shippingAddress and pickupStationId');
  }
  if (actor.role === Role.STATION_OPERATOR && (pickupStationId === null || pickupStationId !== actor.stationId)) {
    throw forbidden('Station operators place assisted orders for pickup at their own station');
  }
  const seen = new Map<string, number>();
  input.lines.forEach((line, i) => {
    if (seen.has(line.listingId)) throw badInput(`input.lines.${i}.listingId`, `Listing ${line.listingId} is already on line ${seen.get(line.listingId)! + 1}`);
    seen.set(line.listingId, i);
  });
  const shippingAddress: ShippingAddress | null = address && {
    recipient: address.recipient,
    phone: address.phone,
    province: address.province,
    city: address.city,
    line1: address.line1,
    postalCode: address.postalCode ?? null,
  };
  return { shippingAddress, pickupStationId };
}

/**
 * Every listing exists and is on sale; a sold-out one is a stock problem, not a state problem. A
 * station whose rate leaves the supplier less than nothing (set before the rate was checked, or a fee
 * raised since) cannot sell until the rate is fixed.
 */
function checkListings(snapshot: PlacementSnapshot, input: PlaceOrderInput, platformFeeBps: number): void {
  input.lines.forEach((line, i) => {
    const listing = snapshot.listings.get(line.listingId);
    const field = `input.lines.${i}.listingId`;
    if (!listing) throw notFound('Listing', line.listingId, field);
    if (listing.status === ListingStatus.SOLD_OUT) {
      throw new DomainError(ErrorCode.INSUFFICIENT_STOCK, `Listing ${listing.id} is sold out`, `input.lines.${i}.quantity`);
    }
    if (listing.status !== ListingStatus.ACTIVE) {
      throw new DomainError(ErrorCode.INVALID_STATE, `Listing ${listing.id} is not on sale (${listing.status})`, field);
    }
    const problem = commissionProblem(listing.commissionBps, platformFeeBps);
    if (problem) throw new DomainError(ErrorCode.INVALID_STATE, `Listing ${listing.id} is not on sale: its station's ${problem}`, field);
  });
}

function checkPickupStation(snapshot: PlacementSnapshot, destination: Destination): void {
  if (destination.pickupStationId === null) return;
  if (!snapshot.pickupStation) throw notFound('Station', destination.pickupStationId, 'input.pickupStationId');
  if (!snapshot.pickupStation.active) {
    throw new DomainError(ErrorCode.INVALID_STATE, `Station ${destination.pickupStationId} is not active`, 'input.pickupStationId');
  }
}

/** The order's total, at most MAX_ORDER_TOTAL_FEN (BAD_USER_INPUT beyond: split it into several orders). */
function orderTotal(snapshot: PlacementSnapshot, input: PlaceOrderInput): number {
  let total: number;
  try {
    total = orderTotalFen(input.lines.map((l) => ({ quantity: l.quantity, unitPriceFen: snapshot.listings.get(l.listingId)!.priceFen })));
  } catch {
    total = Infinity;
  }
  if (total > MAX_ORDER_TOTAL_FEN) {
    throw badInput('input.lines', `An order may come to at most ${MAX_ORDER_TOTAL_FEN / 100} yuan (${MAX_ORDER_TOTAL_FEN} fen); split it into several orders`);
  }
  return total;
}

/** The order as the mutation returns it, lines and fulfilments included, with no further query. */
function toPlacedOrder(
  orderId: string,
  buyerId: string,
  placedAt: Date,
  destination: Destination,
  plan: OrderPlan,
  lineIds: string[],
  fulfillmentIds: string[],
): OrderData {
  const lines: OrderLineData[] = plan.lines.map((l, i) => ({
    id: lineIds[i],
    orderId,
    listingId: l.listingId,
    quantity: l.quantity,
    unitPriceFen: l.unitPriceFen,
    lineTotalFen: l.lineTotalFen,
  }));
  const fulfillments: FulfillmentData[] = plan.fulfillments.map((f, i) => {
    const lineIndexes = new Set(plan.allocations.filter((a) => a.fulfillmentIndex === i).map((a) => a.lineIndex));
    return {
      id: fulfillmentIds[i],
      orderId,
      stationId: f.stationId,
      status: f.stationId === null ? FulfillmentStatus.UNROUTED : FulfillmentStatus.ROUTED,
      carrier: null,
      trackingNumber: null,
      updatedAt: placedAt,
      lines: [...lineIndexes].sort((a, b) => a - b).map((li) => ({ ...lines[li], viaFulfillmentId: fulfillmentIds[i] })),
    };
  });
  return {
    id: orderId,
    buyerId,
    status: OrderStatus.PLACED,
    totalFen: plan.totalFen,
    shippingAddress: destination.shippingAddress,
    pickupStationId: destination.pickupStationId,
    placedAt,
    lines,
    fulfillments,
  };
}
