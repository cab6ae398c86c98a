import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const PICKUP_MAX_FAILURES = 5;
export const PICKUP_LOCK_MS = 15 * 60 * 1000;
export const PICKUP_CODE = /^\d{6}$/;

/** A fresh six-digit code (uniform over 000000-999999). */
export function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * The stored form: a per-order salt and an HMAC keyed by the server's secret. A slow hash would cost
 * what placing an order costs many times over; the pepper keeps a copied table from being enough to
 * try the million codes offline, and the lock below stops trying them online.
 */
export function hashPickupCode(code: string, secret: string, salt = randomBytes(12).toString('base64url')): string {
  return `${salt}$${createHmac('sha256', secret).update(`${salt}:${code}`).digest('hex')}`;
}

export function pickupCodeMatches(code: string, stored: string, secret: string): boolean {
  const [salt] = stored.split('$');
  const expected = Buffer.from(hashPickupCode(code, secret, salt));
  const actual = Buffer.from(stored);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface PickupGuard {
  failures: number;
  lockedUntil: Date | null;
}

export type PickupVerdict =
  | { outcome: 'locked'; retryAfterMs: number }
  | { outcome: 'wrong'; next: PickupGuard; triesLeft: number }
  | { outcome: 'ok'; next: PickupGuard };

/**
 * One pickup attempt: refused while locked; a wrong code counts, and the fifth wrong one in a row locks
 * the pickup for 15 minutes (the count starts again after the lock); the right code clears the count.
 */
export function pickupAttempt(guard: PickupGuard, now: Date, correct: boolean): PickupVerdict {
  if (guard.lockedUntil && guard.lockedUntil.getTime() > now.getTime()) {
    return { outcome: 'locked', retryAfterMs: guard.lockedUntil.getTime() - now.getTime() };
  }
  if (correct) return { outcome: 'ok', next: { failures: 0, lockedUntil: null } };
  const failures = guard.failures + 1;
  if (failures >= PICKUP_MAX_FAILURES) return { outcome: 'wrong', next: { failures: 0, lockedUntil: new Date(now.getTime() + PICKUP_LOCK_MS) }, triesLeft: 0 };
  return { outcome: 'wrong', next: { failures, lockedUntil: null }, triesLeft: PICKUP_MAX_FAILURES - failures };
}
