// The fulfilment state machine and the order status it implies (docs/design.md, "Fulfilment"). Who may
// take a step is the caller's concern; this only says which steps exist.

export type FulfillmentStatus =
  | 'UNROUTED'
  | 'ROUTED'
  | 'ACCEPTED'
  | 'COLLECTED'
  | 'SHIPPED'
  | 'DELIVERED'
  | 'CANCELLED';

export type OrderStatus = 'PLACED' | 'IN_FULFILLMENT' | 'DELIVERED' | 'CANCELLED';

export type FulfillmentAction = 'route' | 'accept' | 'collect' | 'ship' | 'deliver' | 'cancel';

// Once shipped the produce is on its way and the household is owed; cancelling stops before that.
const CANCELLABLE: ReadonlySet<FulfillmentStatus> = new Set<FulfillmentStatus>([
  'UNROUTED',
  'ROUTED',
  'ACCEPTED',
  'COLLECTED',
]);

const FORWARD: Readonly<Record<Exclude<FulfillmentAction, 'cancel'>, readonly [FulfillmentStatus, FulfillmentStatus]>> = {
  route: ['UNROUTED', 'ROUTED'],
  accept: ['ROUTED', 'ACCEPTED'],
  collect: ['ACCEPTED', 'COLLECTED'],
  ship: ['COLLECTED', 'SHIPPED'],
  deliver: ['SHIPPED', 'DELIVERED'],
};

/** The status a fulfilment moves to under `action`, or null when the move is not allowed (the caller's INVALID_STATE). */
export function nextStatus(current: FulfillmentStatus, action: FulfillmentAction): FulfillmentStatus | null {
  if (action === 'cancel') return CANCELLABLE.has(current) ? 'CANCELLED' : null;
  // Own-property check so that an unexpected action string (e.g. 'toString') cannot reach the prototype.
  if (!Object.prototype.hasOwnProperty.call(FORWARD, action)) return null;
  const [from, to] = FORWARD[action];
  return current === from ? to : null;
}

/** True while no fulfilment of the order is SHIPPED or DELIVERED and not all are already CANCELLED (false for an empty list). */
export function canCancelOrder(statuses: FulfillmentStatus[]): boolean {
  let allCancelled = true;
  for (const s of statuses) {
    if (s === 'SHIPPED' || s === 'DELIVERED') return false;
    if (s !== 'CANCELLED') allCancelled = false;
  }
  return !allCancelled;
}

/** The order status implied by its fulfilments: CANCELLED if all are, DELIVERED if all are, PLACED while all are UNROUTED or ROUTED, else IN_FULFILLMENT; RangeError on an empty list. */
export function deriveOrderStatus(statuses: FulfillmentStatus[]): OrderStatus {
  // Every order has at least one fulfilment; an empty list means the caller read the wrong rows.
  if (statuses.length === 0) throw new RangeError('an order has at least one fulfilment');
  if (statuses.every((s) => s === 'CANCELLED')) return 'CANCELLED';
  if (statuses.every((s) => s === 'DELIVERED')) return 'DELIVERED';
  if (statuses.every((s) => s === 'UNROUTED' || s === 'ROUTED')) return 'PLACED';
  return 'IN_FULFILLMENT';
}
