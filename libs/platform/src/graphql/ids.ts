import { badInput, notFound } from '../errors/domain-error';

/**
 * The one id rule: a positive bigint of at most 18 digits, so it always fits the database's bigint (a
 * 19-digit one may not, and PostgreSQL then fails the whole statement) and a malformed id is refused
 * before any query. Every id that comes from outside (GraphQL arguments and input fields, cursors, the
 * report's query parameters) goes through this pattern, through one of the helpers below.
 */
export const ID_PATTERN = /^[1-9][0-9]{0,17}$/;

export const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

/** An id that must name a row: one that cannot name any is NOT_FOUND, as for an unknown id. */
export function idOrNotFound(value: unknown, what: string, field: string): string {
  if (!isId(value)) throw notFound(what, typeof value === 'string' ? clip(value) : undefined, field);
  return value;
}

/** A filter's id: anything but an id is the caller's mistake (BAD_USER_INPUT naming the field). */
export function idOrBadInput(value: unknown, field: string, name = field): string {
  if (!isId(value)) throw badInput(field, `${name} is not an id`);
  return value;
}

/** An optional filter id: null when absent (null, undefined or, from a query string, empty). */
export function optionalId(value: unknown, field: string, name = field): string | null {
  if (value === null || value === undefined || value === '') return null;
  return idOrBadInput(value, field, name);
}

/** Echoes a bad id in a message without letting a megabyte of it through. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
