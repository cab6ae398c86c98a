import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { hasFreeSlot, rankStations, StationCandidate } from './routing-policy';

function station(stationId: string, over: Partial<StationCandidate> = {}): StationCandidate {
  return { stationId, name: `Station ${stationId}`, routedToday: 0, dailyCapacity: 100, active: true, ...over };
}

const ids = (ss: StationCandidate[]) => ss.map((s) => s.stationId);

describe('rankStations', () => {
  it("puts the listing's own station first even when it is the busiest", () => {
    const candidates = [
      station('1', { routedToday: 0 }),
      station('2', { routedToday: 50 }),
      station('3', { routedToday: 10 }),
    ];
    expect(ids(rankStations('2', candidates))).toEqual(['2', '1', '3']);
  });

  it('keeps the own station first even when it is full', () => {
    const candidates = [station('1'), station('2', { routedToday: 5, dailyCapacity: 5 })];
    const ranked = rankStations('2', candidates);
    expect(ids(ranked)).toEqual(['2', '1']);
    expect(hasFreeSlot(ranked[0])).toBe(false);
  });

  it('keeps full stations in the ranking at their place', () => {
    const candidates = [
      station('1', { routedToday: 3, dailyCapacity: 3 }),
      station('2', { routedToday: 1, dailyCapacity: 2 }),
      station('3', { routedToday: 9, dailyCapacity: 9 }),
    ];
    expect(ids(rankStations('99', candidates))).toEqual(['2', '1', '3']);
  });

  it('ranks the others by fewest fulfilments routed today when the own station is not a candidate', () => {
    const candidates = [
      station('1', { routedToday: 7 }),
      station('2', { routedToday: 0 }),
      station('3', { routedToday: 3 }),
    ];
    expect(ids(rankStations('42', candidates))).toEqual(['2', '3', '1']);
  });

  it('drops inactive stations, the own station included', () => {
    const candidates = [
      station('1', { active: false, routedToday: 0 }),
      station('2', { routedToday: 4 }),
      station('3', { routedToday: 1, active: false }),
      station('4', { routedToday: 2 }),
    ];
    expect(ids(rankStations('1', candidates))).toEqual(['4', '2']);
    expect(rankStations('1', [station('1', { active: false })])).toEqual([]);
    expect(rankStations('1', [])).toEqual([]);
  });

  it('breaks a routed-today tie by name', () => {
    const candidates = [
      station('1', { name: 'Xiguan', routedToday: 2 }),
      station('2', { name: 'Beiguan', routedToday: 2 }),
      station('3', { name: 'Nanguan', routedToday: 2 }),
      station('4', { name: 'Zhaizi', routedToday: 1 }),
    ];
    expect(ids(rankStations('0', candidates))).toEqual(['4', '2', '3', '1']);
  });

  it('compares names by code point, not by locale', () => {
    // Locale collation would put "apple" before "Banana" and "é" next to "e"; code points do not.
    const candidates = [
      station('1', { name: 'apple' }),
      station('2', { name: 'Banana' }),
      station('3', { name: 'éclair' }),
      station('4', { name: 'eclair' }),
      station('5', { name: 'Zebra' }),
    ];
    expect(ids(rankStations('0', candidates))).toEqual(['2', '5', '1', '4', '3']);
  });

  it('orders Chinese names by code point', () => {
    // 涉县 U+6D89, 魏县 U+9B4F, 大名 U+5927, 广平 U+5E7F
    const candidates = [
      station('1', { name: '魏县站' }),
      station('2', { name: '涉县站' }),
      station('3', { name: '大名站' }),
      station('4', { name: '广平站' }),
    ];
    expect(ids(rankStations('0', candidates))).toEqual(['3', '4', '2', '1']);
  });

  it('puts astral characters after the rest of the BMP, unlike UTF-16 order', () => {
    // U+20000 (CJK Ext. B) is a surrogate pair starting 0xD840, which `<` puts before U+FF01.
    const astral = '\u{20000}';
    const fullwidth = '\uFF01';
    expect(astral < fullwidth).toBe(true);
    const candidates = [station('1', { name: astral }), station('2', { name: fullwidth }), station('3', { name: '\uD7FF' })];
    expect(ids(rankStations('0', candidates))).toEqual(['3', '2', '1']);
    // Two astral names still compare by their code points.
    const two = [station('1', { name: '\u{20001}' }), station('2', { name: '\u{20000}' })];
    expect(ids(rankStations('0', two))).toEqual(['2', '1']);
  });

  it('puts a name before any longer name it is a prefix of', () => {
    const candidates = [station('1', { name: 'Shexian 2' }), station('2', { name: 'Shexian' })];
    expect(ids(rankStations('0', candidates))).toEqual(['2', '1']);
  });

  it('breaks a name tie by station id, numerically', () => {
    const candidates = [
      station('10', { name: 'Same' }),
      station('9', { name: 'Same' }),
      station('100', { name: 'Same' }),
      station('11', { name: 'Same' }),
    ];
    expect(ids(rankStations('0', candidates))).toEqual(['9', '10', '11', '100']);
  });

  it('compares station ids beyond 2^53 exactly', () => {
    const candidates = [station('9007199254740993', { name: 'S' }), station('9007199254740992', { name: 'S' })];
    expect(ids(rankStations('0', candidates))).toEqual(['9007199254740992', '9007199254740993']);
  });

  it('recognises the own station by numeric id', () => {
    const candidates = [station('3'), station('7', { routedToday: 9 })];
    expect(ids(rankStations('07', candidates))).toEqual(['7', '3']);
  });

  it('applies every level in one list', () => {
    const candidates = [
      station('20', { name: 'B', routedToday: 1 }),
      station('5', { name: 'A', routedToday: 2 }),
      station('13', { name: 'B', routedToday: 1 }),
      station('8', { name: 'A', routedToday: 1 }),
      station('1', { name: 'Own', routedToday: 99, dailyCapacity: 99 }),
      station('2', { name: 'A', routedToday: 0, active: false }),
    ];
    expect(ids(rankStations('1', candidates))).toEqual(['1', '8', '13', '20', '5']);
  });

  it('returns the same objects without changing the input', () => {
    const candidates = [station('2', { routedToday: 1 }), station('1')];
    const ranked = rankStations('0', candidates);
    expect(ranked).not.toBe(candidates);
    expect(ranked[0]).toBe(candidates[1]);
    expect(ids(candidates)).toEqual(['2', '1']);
  });

  it('rejects ids that are not decimal integers and unusable counts', () => {
    expect(() => rankStations('x', [station('1')])).toThrow(RangeError);
    expect(() => rankStations('1', [station('1'), station('a')])).toThrow(RangeError);
    expect(() => rankStations('1', [station('1'), station('-2')])).toThrow(RangeError);
    expect(() => rankStations('1', [station('1'), station('2', { routedToday: Number.NaN })])).toThrow(RangeError);
  });

  it('property: a permutation of the active candidates, own first, the rest sorted, independent of input order', () => {
    const arb = fc
      .uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 10 })
      .chain((stationIds) =>
        fc.tuple(
          ...stationIds.map((id) =>
            fc.record({
              stationId: fc.constant(String(id)),
              name: fc.constantFrom('A', 'B', 'b', '涉', '\u{20000}'),
              routedToday: fc.integer({ min: 0, max: 3 }),
              dailyCapacity: fc.integer({ min: 0, max: 3 }),
              active: fc.boolean(),
            }),
          ),
        ),
      )
      .chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length })));
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 40 }), ([cs, shuffled], own) => {
        const ranked = rankStations(String(own), cs);
        expect(ids(rankStations(String(own), shuffled))).toEqual(ids(ranked));
        expect(ids(ranked).sort()).toEqual(ids(cs.filter((c) => c.active)).sort());
        const ownIndex = ranked.findIndex((c) => c.stationId === String(own));
        expect(ownIndex === -1 || ownIndex === 0).toBe(true);
        const rest = ranked.filter((c) => c.stationId !== String(own));
        for (let i = 1; i < rest.length; i++) {
          const [x, y] = [rest[i - 1], rest[i]];
          const xs = [...x.name].map((ch) => ch.codePointAt(0)!);
          const ys = [...y.name].map((ch) => ch.codePointAt(0)!);
          const nameCmp = (() => {
            for (let k = 0; k < Math.min(xs.length, ys.length); k++) if (xs[k] !== ys[k]) return xs[k] - ys[k];
            return xs.length - ys.length;
          })();
          const ok =
            x.routedToday < y.routedToday ||
            (x.routedToday === y.routedToday && (nameCmp < 0 || (nameCmp === 0 && Number(x.stationId) < Number(y.stationId))));
          expect(ok).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('hasFreeSlot', () => {
  it.each([
    [0, 1, true],
    [4, 5, true],
    [5, 5, false],
    [6, 5, false],
    [0, 0, false],
  ])('routedToday %p of capacity %p -> %p', (routedToday, dailyCapacity, expected) => {
    expect(hasFreeSlot(station('1', { routedToday, dailyCapacity }))).toBe(expected);
  });

  it('does not care whether the station is active (rankStations filters that)', () => {
    expect(hasFreeSlot(station('1', { active: false, routedToday: 0, dailyCapacity: 1 }))).toBe(true);
  });
});
