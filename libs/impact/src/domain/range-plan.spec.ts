import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { civilDay } from '@app/kernel';
import { periodStart } from './periods';
import { daysAsWindows, instantOf, planRange, RangePlan } from './range-plan';

const at = (iso: string) => new Date(iso);
const show = (plan: RangePlan) => ({
  windows: plan.windows.map((w) => [w.from.toISOString(), w.to.toISOString()]),
  days: plan.days.map((d) => [d.from, d.to]),
  weeks: plan.weeks.map((d) => [d.from, d.to]),
  months: plan.months ? [plan.months.from, plan.months.to] : null,
});

describe('civilDay / instantOf', () => {
  it('reads the Shanghai calendar date', () => {
    expect(civilDay(at('2026-02-28T15:59:59.999Z'))).toBe('2026-02-28');
    expect(civilDay(at('2026-02-28T16:00:00.000Z'))).toBe('2026-03-01');
    expect(instantOf('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(() => instantOf('-infinity')).toThrow(RangeError);
  });
});

describe('planRange', () => {
  it('splits a ragged range into partial days, whole days, whole weeks and whole months', () => {
    // 2025-02-17, 2025-02-24, 2025-12-01 and 2025-12-15 are Mondays.
    expect(show(planRange(at('2025-02-10T10:00:00+08:00'), at('2025-12-20T15:00:00+08:00')))).toEqual({
      windows: [
        ['2025-02-10T02:00:00.000Z', '2025-02-10T16:00:00.000Z'],
        ['2025-12-19T16:00:00.000Z', '2025-12-20T07:00:00.000Z'],
      ],
      days: [
        ['2025-02-11', '2025-02-17'],
        ['2025-02-24', '2025-03-01'],
        ['2025-12-15', '2025-12-20'],
      ],
      weeks: [
        ['2025-02-17', '2025-02-24'],
        ['2025-12-01', '2025-12-15'],
      ],
      months: ['2025-03-01', '2025-12-01'],
    });
  });

  it('reads a calendar year from the months alone', () => {
    expect(show(planRange(at('2025-01-01T00:00:00+08:00'), at('2026-01-01T00:00:00+08:00')))).toEqual({
      windows: [],
      days: [],
      weeks: [],
      months: ['2025-01-01', '2026-01-01'],
    });
  });

  it('keeps a range inside one day as one window', () => {
    expect(show(planRange(at('2025-03-05T09:00:00+08:00'), at('2025-03-05T18:00:00+08:00')))).toEqual({
      windows: [['2025-03-05T01:00:00.000Z', '2025-03-05T10:00:00.000Z']],
      days: [],
      weeks: [],
      months: null,
    });
  });

  it('splits a range across one midnight into two windows', () => {
    expect(show(planRange(at('2025-03-05T20:00:00+08:00'), at('2025-03-06T05:00:00+08:00')))).toEqual({
      windows: [
        ['2025-03-05T12:00:00.000Z', '2025-03-05T16:00:00.000Z'],
        ['2025-03-05T16:00:00.000Z', '2025-03-05T21:00:00.000Z'],
      ],
      days: [],
      weeks: [],
      months: null,
    });
  });

  it('leaves days that cross a month boundary at midnight as days when no month is whole', () => {
    expect(show(planRange(at('2025-01-31T00:00:00+08:00'), at('2025-02-02T00:00:00+08:00')))).toEqual({
      windows: [],
      days: [['2025-01-31', '2025-02-02']],
      weeks: [],
      months: null,
    });
  });

  it('never lets a week straddle a month boundary when months are read', () => {
    // 2025-06-30 is a Monday: the week of June 30 runs into July.
    const from = at('2025-06-24T23:47:00+08:00');
    const to = at('2025-07-07T00:00:00+08:00');
    expect(show(planRange(from, to))).toEqual({
      windows: [['2025-06-24T15:47:00.000Z', '2025-06-24T16:00:00.000Z']],
      days: [['2025-06-25', '2025-07-07']],
      weeks: [],
      months: null,
    });
    expect(show(planRange(from, to, { months: false, weeks: true }))).toMatchObject({ days: [['2025-06-25', '2025-06-30']], weeks: [['2025-06-30', '2025-07-07']] });
  });

  it('takes a whole month between midnights at its ends as a month', () => {
    // 2025-02-28T16:00Z is 2025-03-01 00:00 in Shanghai.
    expect(show(planRange(at('2025-02-28T16:00:00Z'), at('2025-03-31T16:00:00Z')))).toEqual({ windows: [], days: [], weeks: [], months: ['2025-03-01', '2025-04-01'] });
  });

  it('opens the months at an absent end', () => {
    expect(show(planRange(null, at('2025-03-15T12:00:00+08:00')))).toEqual({
      windows: [['2025-03-14T16:00:00.000Z', '2025-03-15T04:00:00.000Z']],
      days: [
        ['2025-03-01', '2025-03-03'],
        ['2025-03-10', '2025-03-15'],
      ],
      weeks: [['2025-03-03', '2025-03-10']],
      months: ['-infinity', '2025-03-01'],
    });
    expect(show(planRange(at('2025-03-15T12:00:00+08:00'), null))).toEqual({
      windows: [['2025-03-15T04:00:00.000Z', '2025-03-15T16:00:00.000Z']],
      days: [
        ['2025-03-16', '2025-03-17'],
        ['2025-03-31', '2025-04-01'],
      ],
      weeks: [['2025-03-17', '2025-03-31']],
      months: ['2025-04-01', 'infinity'],
    });
    expect(show(planRange(null, null))).toEqual({ windows: [], days: [], weeks: [], months: ['-infinity', 'infinity'] });
  });

  it('is empty when the range is', () => {
    const none = { windows: [], days: [], weeks: [], months: null };
    expect(show(planRange(at('2025-03-05T00:00:00Z'), at('2025-03-05T00:00:00Z')))).toEqual(none);
    expect(show(planRange(at('2025-03-06T00:00:00Z'), at('2025-03-05T00:00:00Z')))).toEqual(none);
  });

  it('leaves months as weeks and days, or weeks as days, when asked to (weekly and daily series)', () => {
    const from = at('2025-01-01T00:00:00+08:00');
    const to = at('2025-03-01T00:00:00+08:00');
    // 2025-01-06 and 2025-02-24 are Mondays.
    expect(show(planRange(from, to, { months: false, weeks: true }))).toEqual({
      windows: [],
      days: [
        ['2025-01-01', '2025-01-06'],
        ['2025-02-24', '2025-03-01'],
      ],
      weeks: [['2025-01-06', '2025-02-24']],
      months: null,
    });
    expect(show(planRange(from, to, { months: false, weeks: false }))).toEqual({ windows: [], days: [['2025-01-01', '2025-03-01']], weeks: [], months: null });
    expect(() => planRange(null, at('2025-03-01T00:00:00Z'), { months: false, weeks: true })).toThrow(RangeError);
  });

  it('covers every instant of the range exactly once and nothing outside it', () => {
    const instant = fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));
    // Ends often on a Shanghai midnight or month start, where the edge cases are.
    const end = fc.oneof(
      instant,
      instant.map((d) => instantOf(civilDay(d))),
      instant.map((d) => instantOf(`${civilDay(d).slice(0, 8)}01`)),
    );
    fc.assert(
      fc.property(fc.option(end, { nil: null }), fc.option(end, { nil: null }), fc.boolean(), fc.boolean(), fc.array(instant, { minLength: 20, maxLength: 20 }), (from, to, months, weeks, probes) => {
        if (!months && (from === null || to === null)) return;
        const plan = planRange(from, to, { months, weeks });
        for (const t of [...probes, ...[from, to].filter((x): x is Date => x !== null)]) {
          const inside = (from === null || t >= from) && (to === null || t < to);
          const key = civilDay(t);
          const hits =
            plan.windows.filter((w) => t >= w.from && t < w.to).length +
            plan.days.filter((d) => key >= d.from && key < d.to).length +
            plan.weeks.filter((w) => key >= w.from && key < w.to).length +
            (plan.months && `${key.slice(0, 8)}01` >= plan.months.from && `${key.slice(0, 8)}01` < plan.months.to ? 1 : 0);
          expect(hits).toBe(inside ? 1 : 0);
        }
        for (const w of plan.windows) expect(civilDay(w.from)).toBe(civilDay(new Date(w.to.getTime() - 1)));
        for (const d of daysAsWindows(plan)) expect(d.from.getTime()).toBeLessThan(d.to.getTime());
        // Weeks run Monday to Monday, and within one month when months are read.
        for (const w of plan.weeks) for (const key of [w.from, w.to]) expect(instantOf(key).getTime()).toBe(periodStart(instantOf(key), 'WEEK').getTime());
        if (months) for (const w of plan.weeks) expect(civilDay(periodStart(instantOf(w.from), 'MONTH'))).toBe(civilDay(periodStart(new Date(instantOf(w.to).getTime() - 1), 'MONTH')));
        if (!weeks) expect(plan.weeks).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
