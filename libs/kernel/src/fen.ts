/**
 * A fen amount in the code: a number while it is a safe integer (every single price, line, order and
 * payout is far below 2^53), a bigint for sums that may pass it (the ledger's, the reports').
 */
export type FenAmount = number | bigint;

const DECIMAL = /^-?\d+$/;
const MIN = BigInt(Number.MIN_SAFE_INTEGER);
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The one fen conversion for sums: a bigint sum as PostgreSQL sends it (text), a bigint computed in
 * the code, or a number, exactly: a number while it is a safe integer, a bigint beyond. null is 0 (the
 * sum of no rows). RangeError on a fraction, a non-integer text or an unsafe number (which has already
 * lost digits: sum it as bigint instead).
 */
export function fenSum(value: string | number | bigint | null | undefined): FenAmount {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'bigint') return value >= MIN && value <= MAX ? Number(value) : value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`fen amount ${value} is not an exact integer (sum it as bigint)`);
    return value;
  }
  if (typeof value !== 'string' || !DECIMAL.test(value)) throw new RangeError(`fen amount ${String(value).slice(0, 40)} is not an integer`);
  return fenSum(BigInt(value));
}

/**
 * One amount (a price, a line, an order, a payout, a household's or a fund's balance) as a number for
 * arithmetic, exactly: never a bare `Number()` of a database bigint or a bigint sum. RangeError when it
 * is not an integer or is beyond a safe integer. null is 0 (the sum of no rows).
 */
export function toFen(value: string | number | bigint | null | undefined): number {
  const n = fenSum(value);
  if (typeof n === 'bigint') throw new RangeError(`fen amount ${n} is beyond a safe integer`);
  return n;
}
