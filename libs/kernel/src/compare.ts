import { idValue } from './ids';

/** The one bigint comparator: -1, 0 or 1, for Array#sort and for chaining with `||`. */
export function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two decimal ids in numeric order ("9" before "10"); RangeError on a string that is not one. */
export function compareIds(a: string, b: string): number {
  return compareBigint(idValue(a), idValue(b));
}

// JS `<` on strings compares UTF-16 code units, which puts astral characters (surrogate pairs) before
// U+E000..U+FFFF; shifting the first differing unit restores code point order without decoding.
function fixupCodeUnit(u: number): number {
  if (u >= 0xe000) return u - 0x800;
  if (u >= 0xd800) return u + 0x2000;
  return u;
}

/** Strings in Unicode code point order (PostgreSQL's "C" collation), never locale-dependent. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixupCodeUnit(x) - fixupCodeUnit(y);
  }
  return a.length - b.length;
}
