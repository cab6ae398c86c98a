/**
 * What an id argument must look like: a positive bigint of at most 18 digits, so it always fits the
 * database's bigint (a 19-digit one may not) and a malformed id is refused before any query.
 */
export const ID_PATTERN = /^[1-9][0-9]{0,17}$/;

export const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);
