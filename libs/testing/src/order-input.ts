/** The buyer's address the tests ship to. */
export const TEST_ADDRESS = { recipient: '张三', phone: '13800138000', province: '北京市', city: '北京市', line1: '朝阳区建国路 1 号', postalCode: '100020' };

export interface OrderInputOptions {
  /** A fresh one when not given (each call is a new order). */
  idempotencyKey?: string;
  /** TEST_ADDRESS unless given, or unless the order is for pickup. */
  shippingAddress?: unknown;
  pickupStationId?: string | null;
  paymentToken?: string;
}

let seq = 0;

/** The one PlaceOrderInput the tests build: the lines, a fresh idempotency key, TEST_ADDRESS, the sandbox card. */
export function placeOrderInput(lines: ReadonlyArray<{ listingId: string; quantity: number }>, options: OrderInputOptions = {}): Record<string, unknown> {
  const input: Record<string, unknown> = {
    idempotencyKey: options.idempotencyKey ?? `k-${process.pid}-${++seq}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    lines,
    paymentToken: options.paymentToken ?? 'tok_visa',
  };
  if ('pickupStationId' in options) input.pickupStationId = options.pickupStationId;
  if ('shippingAddress' in options) input.shippingAddress = options.shippingAddress;
  else if (!('pickupStationId' in options)) input.shippingAddress = TEST_ADDRESS;
  return input;
}
