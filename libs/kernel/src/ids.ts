/**
 * The one id rule: a positive bigint of at most 18 digits, so it always fits the database's bigint (a
 * 19-digit one may not, and PostgreSQL then fails the whole statement) and a malformed id is refused
 * before any query. Every id that comes from outside (GraphQL arguments and input fields, cursors, the
 * report's query parameters) goes through this pattern; the platform turns a refusal into the
 * contract's error (libs/platform/src/graphql/ids.ts).
 */
export const ID_PATTERN = /^[1-9][0-9]{0,17}$/;

export const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

/**
 * An id the code already holds (a row's, as PostgreSQL sends a bigint: decimal digits) as a bigint, for
 * numeric ordering ("10" after "9"); RangeError on anything else. Leading zeros are tolerated, so
 * "007" and "7" name the same row.
 */
export function idValue(id: string, what = 'id'): bigint {
  if (typeof id !== 'string' || !/^[0-9]+$/.test(id)) {
    throw new RangeError(`${what} must be a decimal integer string, got ${JSON.stringify(id)}`);
  }
  return BigInt(id);
}
