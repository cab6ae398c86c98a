import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { strickenAt, VillageEntry } from './village-history';

const at = (iso: string) => new Date(iso);
const entry = (id: number, stricken: boolean, iso: string): VillageEntry => ({ id: String(id), povertyStricken: stricken, effectiveAt: at(iso) });

describe('strickenAt', () => {
  const history = [entry(1, false, '2019-12-31T16:00:00Z'), entry(2, true, '2021-06-01T00:00:00Z'), entry(3, false, '2021-06-01T00:00:00Z')];

  it('is the designation before the first entry', () => {
    expect(strickenAt(history, true, at('2019-01-01T00:00:00Z'))).toBe(true);
    expect(strickenAt([], false, at('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('is the latest entry in force, ties to the later-recorded', () => {
    expect(strickenAt(history, true, at('2019-12-31T16:00:00Z'))).toBe(false);
    expect(strickenAt(history, true, at('2021-06-01T00:00:00Z'))).toBe(false);
    expect(strickenAt(history.slice(0, 2), true, at('2022-01-01T00:00:00Z'))).toBe(true);
  });

  it('does not depend on the order entries are given in', () => {
    const arb = fc.array(fc.record({ id: fc.integer({ min: 1, max: 1e6 }), s: fc.boolean(), t: fc.integer({ min: 0, max: 1000 }) }), { maxLength: 8 });
    fc.assert(
      fc.property(arb, fc.boolean(), fc.integer({ min: -10, max: 1010 }), (raw, designated, t) => {
        const unique = [...new Map(raw.map((r) => [r.id, r])).values()];
        const entries = unique.map((r) => ({ id: String(r.id), povertyStricken: r.s, effectiveAt: new Date(r.t * 1000) }));
        expect(strickenAt([...entries].reverse(), designated, new Date(t * 1000))).toBe(strickenAt(entries, designated, new Date(t * 1000)));
      }),
    );
  });
});
