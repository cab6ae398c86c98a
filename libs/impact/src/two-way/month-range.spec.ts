import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { civilMonth } from '@app/kernel';
import { addMonths, monthsBetween } from './month-range';

describe('month range', () => {
  it('adds months across years', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2025-11')).toEqual([]);
  });

  it('adding then subtracting is the identity, and the range has the months between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 100 }), (y, mo, n) => {
        const m = `${y}-${String(mo).padStart(2, '0')}`;
        expect(addMonths(addMonths(m, n), -n)).toBe(m);
        expect(monthsBetween(m, addMonths(m, n))).toHaveLength(n + 1);
      }),
    );
  });

  it('takes the month in Asia/Shanghai', () => {
    expect(civilMonth(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02');
    expect(civilMonth(new Date('2026-01-31T15:59:59Z'))).toBe('2026-01');
  });
});
