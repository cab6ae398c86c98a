import { Actor, Role } from '@app/platform';
import { FulfillmentData, OrderData } from '../order-data';

// Who may see an order (docs/design.md, "Access"): its buyer, admins, and the operators of the
// stations that work it (a fulfilment routed to them) or hand it over (its pickup station). Anyone else
// is told the order does not exist (NOT_FOUND), so order ids cannot be probed.

function operatesOneOf(actor: Actor, stationIds: Array<string | null>): boolean {
  return actor.role === Role.STATION_OPERATOR && actor.stationId !== null && stationIds.includes(actor.stationId);
}

/** The buyer, an admin, or an operator of a station with a fulfilment in it or of its pickup station. */
export function mayReadOrder(actor: Actor, order: Pick<OrderData, 'buyerId' | 'pickupStationId'>, fulfillments: Array<Pick<FulfillmentData, 'stationId'>>): boolean {
  if (actor.role === Role.ADMIN || order.buyerId === actor.userId) return true;
  return operatesOneOf(actor, [order.pickupStationId, ...fulfillments.map((f) => f.stationId)]);
}

/**
 * Which households supplied an order, fulfilment by fulfilment: admins all of them ('all'); an
 * operator only the allocations of the fulfilments routed to its own station (another station's
 * suppliers are not its business, even in an order they share); anyone else none (null).
 */
export function readableAllocations(actor: Actor | null, fulfillments: Array<Pick<FulfillmentData, 'id' | 'stationId'>>): 'all' | Set<string> | null {
  if (!actor) return null;
  if (actor.role === Role.ADMIN) return 'all';
  const own = fulfillments.filter((f) => operatesOneOf(actor, [f.stationId])).map((f) => f.id);
  return own.length > 0 ? new Set(own) : null;
}
