import fc from 'fast-check';
import { addDays, civilDay, civilDayNumber, civilDayNumberStart, civilDayStart, civilFromDays, civilMonth, daysBetween, daysFromCivil, isCivilMidnight } from './civil-day';
import { compareBigint, compareCodePoints, compareIds } from './compare';
import { cursorValues, encodeCursor } from './cursor';
import { fenSum, toFen } from './fen';
import { idValue, isId } from './ids';

describe('ids', () => {
  it('takes positive ids of at most 18 digits and nothing else', () => {
    expect(isId('1')).toBe(true);
    expect(isId('999999999999999999')).toBe(true);
    for (const bad of ['0', '01', '-1', '1.0', ' 1', '1999999999999999999', '', 1, null]) expect(isId(bad)).toBe(false);
  });

  it('reads a row id as a bigint, leading zeros included, and refuses anything else', () => {
    expect(idValue('007')).toBe(7n);
    expect(idValue('18446744073709551617')).toBe(18446744073709551617n);
    expect(() => idValue('7a')).toThrow(RangeError);
    expect(() => idValue(7 as unknown as string)).toThrow(RangeError);
  });
});

describe('compare', () => {
  it('property: compareBigint agrees with the sign of the difference', () => {
    fc.assert(fc.property(fc.bigInt(), fc.bigInt(), (a, b) => expect(compareBigint(a, b)).toBe(a === b ? 0 : a < b ? -1 : 1)));
  });

  it('property: compareIds orders ids as numbers, not as text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }), fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }), (a, b) =>
        expect(compareIds(String(a), String(b))).toBe(compareBigint(a, b)),
      ),
    );
    expect(['10', '9', '100'].sort(compareIds)).toEqual(['9', '10', '100']);
  });

  it('property: compareCodePoints is code point order, astral characters after the BMP', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const cps = (s: string) => [...s].map((c) => c.codePointAt(0)!);
        const [x, y] = [cps(a), cps(b)];
        let expected = 0;
        for (let i = 0; i < Math.min(x.length, y.length) && expected === 0; i++) expected = Math.sign(x[i] - y[i]);
        if (expected === 0) expected = Math.sign(x.length - y.length);
        expect(Math.sign(compareCodePoints(a, b))).toBe(expected);
      }),
    );
    expect(compareCodePoints('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
  });
});

describe('fen', () => {
  it('property: a sum comes back exactly, a number while safe and a bigint beyond', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), (v) => {
        const safe = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER);
        for (const input of [v, String(v)]) {
          const out = fenSum(input);
          expect(typeof out).toBe(safe ? 'number' : 'bigint');
          expect(BigInt(out)).toBe(v);
        }
      }),
    );
  });

  it('toFen gives a number or refuses: never a rounded one', () => {
    expect(toFen('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(toFen(null)).toBe(0);
    expect(toFen(12n)).toBe(12);
    for (const bad of ['9007199254740993', 2n ** 60n, 1.5, '1.5', '12abc', '', Number.NaN, 2 ** 60]) expect(() => toFen(bad)).toThrow(RangeError);
  });
});

describe('cursor', () => {
  it('property: encoded values come back when they fit the shape', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }), fc.integer(), fc.string(), (id, n, s) => {
        expect(cursorValues(encodeCursor([n, s, String(id)]), ['int', 'string', 'id'])).toEqual([n, s, String(id)]);
      }),
    );
  });

  it('refuses a cursor that does not fit its shape or is not one', () => {
    expect(cursorValues(encodeCursor(['01']), ['id'])).toBeUndefined();
    expect(cursorValues(encodeCursor([1, '2']), ['id'])).toBeUndefined();
    expect(cursorValues('not base64 json', ['id'])).toBeUndefined();
  });
});

describe('civil day', () => {
  it('reads the Asia/Shanghai day, month and its start', () => {
    expect(civilDay(new Date('2026-12-03T16:30:00Z'))).toBe('2026-12-04');
    expect(civilDay(new Date('2026-12-03T15:59:59.999Z'))).toBe('2026-12-03');
    expect(civilMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
    expect(civilDayStart(new Date('2026-12-04T03:00:00Z')).toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(isCivilMidnight(new Date('2026-12-03T16:00:00Z'))).toBe(true);
    expect(civilDay(new Date(8.64e15))).toBe('+275760-09-13');
    expect(() => civilDay(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('property: day numbers, starts and civil dates agree with each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999, max: 99_999_999 }), (day) => {
        const { y, m, d } = civilFromDays(day);
        expect(daysFromCivil(y, m, d)).toBe(day);
        const start = civilDayNumberStart(day);
        expect(civilDayNumber(start)).toBe(day);
        expect(isCivilMidnight(start)).toBe(true);
      }),
    );
  });

  it('property: addDays and daysBetween invert each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -5000, max: 5000 }), (day, n) => {
        const { y, m, d } = civilFromDays(day);
        const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });
});

describe('civilDay (the Asia/Shanghai day)', () => {
  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2026-03-01T00:00:00.000Z', '2026-03-01'],
    ['2026-02-28T16:00:00.000Z', '2026-03-01'],
    ['2026-02-28T15:59:59.999Z', '2026-02-28'],
    ['2025-12-31T15:59:59.999Z', '2025-12-31'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['2024-02-29T16:00:00.000Z', '2024-03-01'],
    ['2100-02-28T16:00:00.000Z', '2100-03-01'], // 2100 is not a leap year
    ['2000-02-28T16:00:00.000Z', '2000-02-29'], // 2000 is
    ['1970-01-01T00:00:00.000Z', '1970-01-01'],
    ['1969-12-31T16:00:00.000Z', '1970-01-01'],
    ['1969-12-31T15:59:59.999Z', '1969-12-31'],
    ['1900-01-01T00:00:00.000Z', '1900-01-01'],
    ['0001-01-01T00:00:00.000Z', '0001-01-01'],
    ['9999-12-31T16:00:00.000Z', '+010000-01-01'],
  ])('%s is %s in Shanghai', (iso, day) => {
    expect(civilDay(new Date(iso))).toBe(day);
  });

  it('follows the ISO year convention outside 0000..9999', () => {
    expect(civilDay(new Date(Date.UTC(-1, 5, 15)))).toBe('-000001-06-15');
    expect(civilDay(new Date(8.64e15))).toBe('+275760-09-13');
    expect(civilDay(new Date(-8.64e15))).toBe('-271821-04-20');
  });

  it('rejects an invalid Date', () => {
    expect(() => civilDay(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => civilDay('2026-01-01' as unknown as Date)).toThrow(RangeError);
  });

  it('property: agrees with the UTC date of the instant shifted by eight hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('0000-01-01T00:00:00Z'), max: Date.parse('9999-12-31T15:59:59.999Z') }), (ms) => {
        expect(civilDay(new Date(ms))).toBe(new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: agrees with Intl for Asia/Shanghai since China dropped DST (1992)', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        expect(civilDay(new Date(ms))).toBe(fmt.format(new Date(ms)));
      }),
      { numRuns: 1000 },
    );
  });
});
