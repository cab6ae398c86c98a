import { isId } from './ids';

/** An opaque cursor for keyset pagination: the sort key values of the last row, then its id. */
export function encodeCursor(values: ReadonlyArray<string | number | null>): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * What each value of a cursor must be: `id` (the one id rule of ./ids), `int` (a safe integer),
 * `string`, or `scalar` (a string, a number or null, checked by the caller).
 */
export type CursorPart = 'id' | 'int' | 'string' | 'scalar';

const PART_CHECKS: Record<CursorPart, (v: unknown) => boolean> = {
  id: isId,
  int: (v) => Number.isSafeInteger(v),
  string: (v) => typeof v === 'string',
  scalar: (v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
};

/**
 * The values encoded by encodeCursor, each checked against its part of `shape` (so a cursor's ids obey
 * the same rule as id arguments); undefined when the text is not such a cursor.
 */
export function cursorValues(cursor: string, shape: readonly CursorPart[]): Array<string | number | null> | undefined {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === shape.length && values.every((v, i) => PART_CHECKS[shape[i]](v))) {
      return values as Array<string | number | null>;
    }
  } catch {
    // not JSON: not a cursor
  }
  return undefined;
}
