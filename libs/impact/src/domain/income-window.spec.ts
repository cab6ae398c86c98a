import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { incomeWindow, reachesLine } from './income-window';

describe('incomeWindow', () => {
  it('covers the 365 days before the instant: partial head, whole days, partial tail', () => {
    const w = incomeWindow(new Date('2025-12-31T10:30:00+08:00'));
    expect(w.from.toISOString()).toBe(new Date('2024-12-31T10:30:00+08:00').toISOString());
    expect(w.head).toEqual({ from: new Date('2024-12-31T10:30:00+08:00'), to: new Date('2025-01-01T00:00:00+08:00') });
    expect([w.firstDay, w.endDay]).toEqual(['2025-01-01', '2025-12-31']);
    expect(w.tail).toEqual({ from: new Date('2025-12-31T00:00:00+08:00'), to: new Date('2025-12-31T10:30:00+08:00') });
  });

  it('has empty partial days when the instant is a Shanghai midnight', () => {
    const w = incomeWindow(new Date('2026-01-01T00:00:00+08:00'));
    expect([w.firstDay, w.endDay]).toEqual(['2025-01-01', '2026-01-01']);
    expect(w.from).toEqual(new Date('2025-01-01T00:00:00+08:00'));
    expect(w.head.from.getTime()).toBe(w.head.to.getTime());
    expect(w.tail.from.getTime()).toBe(w.tail.to.getTime());
  });

  it('pieces are disjoint and cover the window exactly, for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1.5e12, max: 2e12 }), (t) => {
        const w = incomeWindow(new Date(t));
        const first = new Date(`${w.firstDay}T00:00:00+08:00`).getTime();
        const end = new Date(`${w.endDay}T00:00:00+08:00`).getTime();
        expect(w.head.from.getTime()).toBe(t - 365 * 86_400_000);
        expect(w.head.to.getTime()).toBe(first);
        expect(w.tail.from.getTime()).toBe(end);
        expect(w.tail.to.getTime()).toBe(t);
        expect(first - w.head.from.getTime()).toBeLessThan(86_400_000);
        expect(t - end).toBeLessThan(86_400_000);
      }),
    );
  });
});

describe('reachesLine', () => {
  it('is members x line or more', () => {
    expect(reachesLine(1_200_000, 3, 400_000)).toBe(true);
    expect(reachesLine(1_199_999, 3, 400_000)).toBe(false);
  });
});
