import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { civilDayStart, isCivilMidnight } from '@app/kernel';
import { Interval, nextPeriodStart, periodStart, periodStarts } from './periods';

const d = (iso: string) => new Date(iso);
const iso = (x: Date) => x.toISOString();
const INTERVALS: Interval[] = ['DAY', 'WEEK', 'MONTH'];
const DAY_MS = 86_400_000;

// Oracle from the time zone database, valid since China dropped DST in 1991.
const shanghaiParts = (() => {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  });
  return (x: Date) => {
    const p = Object.fromEntries(fmt.formatToParts(x).map((part) => [part.type, part.value]));
    return { day: Number(p.day), weekday: p.weekday, hms: `${p.hour}:${p.minute}:${p.second}`, ms: x.getUTCMilliseconds() };
  };
})();

describe('periodStart', () => {
  describe('DAY', () => {
    it.each([
      ['2026-03-01T15:59:59.999Z', '2026-02-28T16:00:00.000Z'],
      ['2026-03-01T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
      ['2026-03-01T16:00:00.001Z', '2026-03-01T16:00:00.000Z'],
      ['2026-03-01T00:00:00.000Z', '2026-02-28T16:00:00.000Z'],
      ['2026-03-01T23:59:59.999Z', '2026-03-01T16:00:00.000Z'],
      ['1970-01-01T00:00:00.000Z', '1969-12-31T16:00:00.000Z'],
      ['1969-12-31T15:59:59.999Z', '1969-12-30T16:00:00.000Z'],
    ])('%s -> %s', (at, start) => {
      expect(iso(periodStart(d(at), 'DAY'))).toBe(start);
    });
  });

  describe('WEEK (Monday)', () => {
    it.each([
      // 2026-03-02 is a Monday; at 00:00 Shanghai it is still Sunday in UTC.
      ['2026-03-01T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
      ['2026-03-01T15:59:59.999Z', '2026-02-22T16:00:00.000Z'],
      ['2026-03-08T15:59:59.999Z', '2026-03-01T16:00:00.000Z'], // Sunday 23:59:59.999 Shanghai
      ['2026-03-04T03:00:00.000Z', '2026-03-01T16:00:00.000Z'], // Wednesday
      // A week that spans the new year: 2026-01-01 is a Thursday.
      ['2025-12-31T16:00:00.000Z', '2025-12-28T16:00:00.000Z'],
      ['2026-01-04T15:59:59.999Z', '2025-12-28T16:00:00.000Z'],
      ['2026-01-04T16:00:00.000Z', '2026-01-04T16:00:00.000Z'],
      // Across a leap day: 2024-02-26 is a Monday.
      ['2024-02-29T10:00:00.000Z', '2024-02-25T16:00:00.000Z'],
      ['2024-03-03T15:59:59.999Z', '2024-02-25T16:00:00.000Z'],
      // The epoch was a Thursday; its week began Monday 1969-12-29.
      ['1970-01-01T00:00:00.000Z', '1969-12-28T16:00:00.000Z'],
      ['1900-01-01T00:00:00.000Z', '1899-12-31T16:00:00.000Z'], // 1900-01-01 was a Monday
    ])('%s -> %s', (at, start) => {
      expect(iso(periodStart(d(at), 'WEEK'))).toBe(start);
    });
  });

  describe('MONTH', () => {
    it.each([
      ['2026-02-28T16:30:00.000Z', '2026-02-28T16:00:00.000Z'], // 2026-03-01T00:30+08:00
      ['2026-02-28T15:59:59.999Z', '2026-01-31T16:00:00.000Z'],
      ['2026-02-28T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
      ['2026-03-31T15:59:59.999Z', '2026-02-28T16:00:00.000Z'],
      ['2026-03-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z'],
      // Year boundary.
      ['2025-12-31T16:00:00.000Z', '2025-12-31T16:00:00.000Z'],
      ['2025-12-31T15:59:59.999Z', '2025-11-30T16:00:00.000Z'],
      ['2026-01-15T00:00:00.000Z', '2025-12-31T16:00:00.000Z'],
      // Leap years.
      ['2024-02-29T15:59:59.999Z', '2024-01-31T16:00:00.000Z'],
      ['2024-02-29T16:00:00.000Z', '2024-02-29T16:00:00.000Z'],
      ['2000-02-29T12:00:00.000Z', '2000-01-31T16:00:00.000Z'],
      ['2100-02-28T16:00:00.000Z', '2100-02-28T16:00:00.000Z'],
      ['1970-01-01T00:00:00.000Z', '1969-12-31T16:00:00.000Z'],
      ['1969-12-31T15:59:59.999Z', '1969-11-30T16:00:00.000Z'],
    ])('%s -> %s', (at, start) => {
      expect(iso(periodStart(d(at), 'MONTH'))).toBe(start);
    });
  });

  it('rejects invalid dates and unknown intervals', () => {
    expect(() => periodStart(new Date(Number.NaN), 'DAY')).toThrow(RangeError);
    expect(() => periodStart('2026-01-01' as unknown as Date, 'DAY')).toThrow(RangeError);
    expect(() => periodStart(d('2026-01-01T00:00:00Z'), 'YEAR' as Interval)).toThrow(RangeError);
  });

  it('throws rather than return an Invalid Date at the edge of the Date range', () => {
    expect(() => periodStart(new Date(-8.64e15), 'MONTH')).toThrow(RangeError);
    expect(() => periodStart(new Date(-8.64e15), 'DAY')).toThrow(RangeError);
    expect(iso(periodStart(new Date(8.64e15), 'DAY'))).toBe('+275760-09-12T16:00:00.000Z');
  });

  it('property: the period contains the instant and starts at a Shanghai midnight on a Monday / the 1st', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.constantFrom(...INTERVALS),
        (ms, interval) => {
          const at = new Date(ms);
          const start = periodStart(at, interval);
          const next = nextPeriodStart(start, interval);
          expect(start.getTime()).toBeLessThanOrEqual(ms);
          expect(ms).toBeLessThan(next.getTime());
          expect(isCivilMidnight(start)).toBe(true);
          expect(periodStart(start, interval).getTime()).toBe(start.getTime());
          const p = shanghaiParts(start);
          expect([p.hms, p.ms]).toEqual(['00:00:00', 0]);
          if (interval === 'WEEK') expect(p.weekday).toBe('Mon');
          if (interval === 'MONTH') expect(p.day).toBe(1);
          const span = next.getTime() - start.getTime();
          if (interval === 'DAY') expect(span).toBe(DAY_MS);
          if (interval === 'WEEK') expect(span).toBe(7 * DAY_MS);
          if (interval === 'MONTH') expect([28, 29, 30, 31]).toContain(span / DAY_MS);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('nextPeriodStart', () => {
  it.each<[string, Interval, string]>([
    ['2026-02-28T16:00:00.000Z', 'DAY', '2026-03-01T16:00:00.000Z'],
    ['2025-12-31T16:00:00.000Z', 'DAY', '2026-01-01T16:00:00.000Z'],
    ['2024-02-28T16:00:00.000Z', 'DAY', '2024-02-29T16:00:00.000Z'],
    ['2026-02-22T16:00:00.000Z', 'WEEK', '2026-03-01T16:00:00.000Z'],
    ['2025-12-28T16:00:00.000Z', 'WEEK', '2026-01-04T16:00:00.000Z'],
    ['2026-01-31T16:00:00.000Z', 'MONTH', '2026-02-28T16:00:00.000Z'], // Feb 2026 has 28 days
    ['2024-01-31T16:00:00.000Z', 'MONTH', '2024-02-29T16:00:00.000Z'], // 2024-02-01 -> 2024-03-01
    ['2024-02-29T16:00:00.000Z', 'MONTH', '2024-03-31T16:00:00.000Z'],
    ['2025-11-30T16:00:00.000Z', 'MONTH', '2025-12-31T16:00:00.000Z'], // December -> January of next year
    ['2025-12-31T16:00:00.000Z', 'MONTH', '2026-01-31T16:00:00.000Z'],
    ['2100-01-31T16:00:00.000Z', 'MONTH', '2100-02-28T16:00:00.000Z'],
    ['2100-02-28T16:00:00.000Z', 'MONTH', '2100-03-31T16:00:00.000Z'], // 2100-02 has 28 days
  ])('after %s by %s comes %s', (start, interval, next) => {
    expect(iso(nextPeriodStart(d(start), interval))).toBe(next);
  });

  it('from an instant inside a period gives the start of the following period', () => {
    expect(iso(nextPeriodStart(d('2026-03-15T05:00:00Z'), 'MONTH'))).toBe('2026-03-31T16:00:00.000Z');
    expect(iso(nextPeriodStart(d('2026-03-04T05:00:00Z'), 'WEEK'))).toBe('2026-03-08T16:00:00.000Z');
    expect(iso(nextPeriodStart(d('2026-03-04T15:59:59.999Z'), 'DAY'))).toBe('2026-03-04T16:00:00.000Z');
  });

  it('rejects invalid input', () => {
    expect(() => nextPeriodStart(new Date(Number.NaN), 'DAY')).toThrow(RangeError);
    expect(() => nextPeriodStart(d('2026-01-01T00:00:00Z'), 'HOUR' as Interval)).toThrow(RangeError);
    expect(() => nextPeriodStart(new Date(8.64e15), 'MONTH')).toThrow(RangeError);
  });

  it('counts 12 months and 365 or 366 days through a year', () => {
    for (const [year, days] of [
      [2023, 365],
      [2024, 366],
      [2000, 366],
      [2100, 365],
    ] as const) {
      const jan1 = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);
      let m = jan1;
      for (let i = 0; i < 12; i++) m = nextPeriodStart(m, 'MONTH');
      expect(m.getTime() - jan1.getTime()).toBe(days * DAY_MS);
      expect(iso(m)).toBe(`${year}-12-31T16:00:00.000Z`);
    }
  });
});

describe('periodStarts', () => {
  it('is empty when the range is empty or reversed', () => {
    const t = d('2026-03-01T05:00:00Z');
    for (const i of INTERVALS) {
      expect(periodStarts(t, t, i)).toEqual([]);
      expect(periodStarts(t, new Date(t.getTime() - 1), i)).toEqual([]);
    }
  });

  it('starts with the period containing `from`, even when `from` is inside it', () => {
    const out = periodStarts(d('2026-03-01T05:00:00Z'), d('2026-03-01T06:00:00Z'), 'DAY');
    expect(out.map(iso)).toEqual(['2026-02-28T16:00:00.000Z']);
  });

  it('excludes a period that starts exactly at `to`', () => {
    expect(periodStarts(d('2026-02-28T16:00:00Z'), d('2026-03-02T16:00:00Z'), 'DAY').map(iso)).toEqual([
      '2026-02-28T16:00:00.000Z',
      '2026-03-01T16:00:00.000Z',
    ]);
    expect(periodStarts(d('2026-02-28T16:00:00Z'), d('2026-03-02T16:00:00.001Z'), 'DAY')).toHaveLength(3);
  });

  it('lists every day of a month across a leap day', () => {
    const out = periodStarts(d('2024-01-31T16:00:00Z'), d('2024-02-29T16:00:00Z'), 'DAY');
    expect(out).toHaveLength(29);
    expect(iso(out[28])).toBe('2024-02-28T16:00:00.000Z'); // Feb 29 Shanghai
  });

  it('lists the Mondays of a range', () => {
    const out = periodStarts(d('2025-12-25T00:00:00Z'), d('2026-01-20T00:00:00Z'), 'WEEK');
    expect(out.map(iso)).toEqual([
      '2025-12-21T16:00:00.000Z',
      '2025-12-28T16:00:00.000Z',
      '2026-01-04T16:00:00.000Z',
      '2026-01-11T16:00:00.000Z',
      '2026-01-18T16:00:00.000Z',
    ]);
  });

  it('lists the months across a year boundary', () => {
    const out = periodStarts(d('2025-11-15T00:00:00Z'), d('2026-03-01T00:00:00Z'), 'MONTH');
    expect(out.map(iso)).toEqual([
      '2025-10-31T16:00:00.000Z',
      '2025-11-30T16:00:00.000Z',
      '2025-12-31T16:00:00.000Z',
      '2026-01-31T16:00:00.000Z',
      '2026-02-28T16:00:00.000Z', // 2026-03-01 Shanghai begins before 'to' (08:00 Shanghai)
    ]);
  });

  it('gives twelve months for a Shanghai calendar year', () => {
    const out = periodStarts(d('2023-12-31T16:00:00Z'), d('2024-12-31T16:00:00Z'), 'MONTH');
    expect(out).toHaveLength(12);
    expect(iso(out[1])).toBe('2024-01-31T16:00:00.000Z');
    expect(iso(out[2])).toBe('2024-02-29T16:00:00.000Z');
  });

  it('allows exactly 5000 periods and refuses 5001', () => {
    const from = d('2000-01-01T00:00:00Z');
    const dayStart = periodStart(from, 'DAY').getTime();
    const five = periodStarts(from, new Date(dayStart + 5000 * DAY_MS), 'DAY');
    expect(five).toHaveLength(5000);
    expect(five[4999].getTime()).toBe(dayStart + 4999 * DAY_MS);
    expect(() => periodStarts(from, new Date(dayStart + 5000 * DAY_MS + 1), 'DAY')).toThrow(RangeError);
    expect(() => periodStarts(new Date(-8e15), new Date(8e15), 'DAY')).toThrow(/more than 5000/);
    expect(periodStarts(d('1900-01-01T00:00:00Z'), d('2200-01-01T00:00:00Z'), 'MONTH')).toHaveLength(3601);
    expect(() => periodStarts(d('1600-01-01T00:00:00Z'), d('2200-01-01T00:00:00Z'), 'MONTH')).toThrow(RangeError);
  });

  it('rejects invalid input', () => {
    expect(() => periodStarts(new Date(Number.NaN), d('2026-01-01T00:00:00Z'), 'DAY')).toThrow(RangeError);
    expect(() => periodStarts(d('2026-01-01T00:00:00Z'), new Date(Number.NaN), 'DAY')).toThrow(RangeError);
    expect(() => periodStarts(d('2026-01-01T00:00:00Z'), d('2026-02-01T00:00:00Z'), 'YEAR' as Interval)).toThrow(RangeError);
    // Even an empty range does not hide a bad interval.
    expect(() => periodStarts(d('2026-01-01T00:00:00Z'), d('2026-01-01T00:00:00Z'), 'YEAR' as Interval)).toThrow(RangeError);
  });

  it('property: contiguous periods covering [from, to)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -DAY_MS, max: 400 * DAY_MS }),
        fc.constantFrom(...INTERVALS),
        (fromMs, span, interval) => {
          const from = new Date(fromMs);
          const to = new Date(fromMs + span);
          const out = periodStarts(from, to, interval);
          if (span <= 0) {
            expect(out).toEqual([]);
            return;
          }
          expect(out[0].getTime()).toBe(periodStart(from, interval).getTime());
          for (let i = 1; i < out.length; i++) {
            expect(out[i].getTime()).toBe(nextPeriodStart(out[i - 1], interval).getTime());
          }
          expect(out[out.length - 1].getTime()).toBeLessThan(to.getTime());
          expect(nextPeriodStart(out[out.length - 1], interval).getTime()).toBeGreaterThanOrEqual(to.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('civilDayStart', () => {
  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-02-28T16:00:00.000Z'],
    ['2026-03-01T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
    ['2025-12-31T16:00:00.001Z', '2025-12-31T16:00:00.000Z'],
    ['1969-12-31T16:00:00.000Z', '1969-12-31T16:00:00.000Z'],
    ['1969-12-31T12:00:00.000Z', '1969-12-30T16:00:00.000Z'],
  ])('%s -> %s', (at, start) => {
    expect(iso(civilDayStart(d(at)))).toBe(start);
  });

  it('equals periodStart(DAY) and rejects an invalid Date', () => {
    const t = d('2024-02-29T20:00:00Z');
    expect(civilDayStart(t).getTime()).toBe(periodStart(t, 'DAY').getTime());
    expect(() => civilDayStart(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('isCivilMidnight', () => {
  it.each([
    ['2026-03-01T16:00:00.000Z', true],
    ['2026-03-01T16:00:00.001Z', false],
    ['2026-03-01T15:59:59.999Z', false],
    ['2026-03-01T00:00:00.000Z', false], // UTC midnight is 08:00 in Shanghai
    ['1969-12-31T16:00:00.000Z', true], // a negative epoch offset
    ['1969-12-30T16:00:00.000Z', true],
    ['1969-12-31T00:00:00.000Z', false],
  ])('%s -> %p', (at, expected) => {
    expect(isCivilMidnight(d(at))).toBe(expected);
  });

  it('rejects an invalid Date', () => {
    expect(() => isCivilMidnight(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('property: true exactly at day starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (ms) => {
        const t = new Date(ms);
        expect(isCivilMidnight(t)).toBe(civilDayStart(t).getTime() === ms);
      }),
      { numRuns: 1000 },
    );
  });
});
