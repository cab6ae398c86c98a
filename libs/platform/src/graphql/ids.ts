import { isId } from '@app/kernel';
import { badInput, notFound } from '@app/kernel';

// The one id rule is the kernel's (ID_PATTERN, isId); here a refusal becomes the contract's error.
export { ID_PATTERN, isId } from '@app/kernel';

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
