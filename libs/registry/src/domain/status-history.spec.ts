import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PovertyCategory, PovertyStatus } from './enums';
import { checkCategory, checkEffectiveAt, entryAt, isChange, maskAccount, StatusEntry, statusAt } from './status-history';

const { REGISTERED_POOR, EXITED, NOT_REGISTERED } = PovertyStatus;
const { GENERAL, FIVE_GUARANTEE } = PovertyCategory;
const at = (iso: string) => new Date(iso);
const entry = (id: string, status: PovertyStatus, category: PovertyCategory | null, iso: string): StatusEntry => ({ id, status, category, effectiveAt: at(iso) });

describe('the status in force at an instant', () => {
  const history = [
    entry('1', NOT_REGISTERED, null, '2015-01-01T00:00:00Z'),
    entry('2', REGISTERED_POOR, GENERAL, '2016-03-01T00:00:00Z'),
    entry('3', EXITED, null, '2019-12-31T00:00:00Z'),
  ];

  it('is NOT_REGISTERED before the first entry', () => {
    expect(statusAt(history, at('2014-06-01T00:00:00Z'))).toEqual({ status: NOT_REGISTERED, category: null });
    expect(statusAt([], at('2020-01-01T00:00:00Z'))).toEqual({ status: NOT_REGISTERED, category: null });
  });

  it('is the latest entry effective at or before the instant (the boundary instant included)', () => {
    expect(statusAt(history, at('2016-02-29T23:59:59.999Z'))).toEqual({ status: NOT_REGISTERED, category: null });
    expect(statusAt(history, at('2016-03-01T00:00:00Z'))).toEqual({ status: REGISTERED_POOR, category: GENERAL });
    expect(statusAt(history, at('2019-12-30T00:00:00Z'))).toEqual({ status: REGISTERED_POOR, category: GENERAL });
    expect(statusAt(history, at('2024-01-01T00:00:00Z'))).toEqual({ status: EXITED, category: null });
  });

  it('does not depend on the order the entries are given in', () => {
    expect(statusAt([...history].reverse(), at('2017-01-01T00:00:00Z'))).toEqual({ status: REGISTERED_POOR, category: GENERAL });
  });

  it('lets a back-dated correction recorded later win from its instant on, and only from then', () => {
    // Recorded in 2020 (id 4), effective mid-2018: the household had exited earlier than first filed.
    const corrected = [...history, entry('4', EXITED, null, '2018-06-30T00:00:00Z')];
    expect(statusAt(corrected, at('2018-06-29T00:00:00Z')).status).toBe(REGISTERED_POOR);
    expect(statusAt(corrected, at('2018-07-01T00:00:00Z')).status).toBe(EXITED);
  });

  it('breaks ties between entries at the same instant by id, numerically (10 after 9)', () => {
    const tied = [entry('9', REGISTERED_POOR, GENERAL, '2016-01-01T00:00:00Z'), entry('10', REGISTERED_POOR, FIVE_GUARANTEE, '2016-01-01T00:00:00Z')];
    expect(entryAt(tied, at('2016-01-01T00:00:00Z'))?.id).toBe('10');
    expect(entryAt([...tied].reverse(), at('2017-01-01T00:00:00Z'))?.id).toBe('10');
  });

  it('agrees with a brute-force reading for any history and instant (property)', () => {
    const arbEntry = fc.record({
      id: fc.integer({ min: 1, max: 1_000_000 }).map(String),
      status: fc.constantFrom(NOT_REGISTERED, REGISTERED_POOR, EXITED),
      t: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbEntry, { selector: (e) => e.id, maxLength: 12 }), fc.integer({ min: -1, max: 21 }), (raw, t) => {
        const entries = raw.map((e) => ({ id: e.id, status: e.status, category: e.status === REGISTERED_POOR ? GENERAL : null, effectiveAt: new Date(e.t * 1000) }));
        const eligible = raw.filter((e) => e.t <= t).sort((a, b) => a.t - b.t || Number(a.id) - Number(b.id));
        const expected = eligible.length ? eligible[eligible.length - 1].status : NOT_REGISTERED;
        expect(statusAt(entries, new Date(t * 1000)).status).toBe(expected);
      }),
    );
  });
});

describe('the rules of a change', () => {
  it('needs a category exactly when the status is REGISTERED_POOR', () => {
    expect(checkCategory(REGISTERED_POOR, GENERAL)).toBeNull();
    expect(checkCategory(REGISTERED_POOR, null)?.field).toBe('category');
    expect(checkCategory(REGISTERED_POOR, undefined)?.field).toBe('category');
    expect(checkCategory(EXITED, null)).toBeNull();
    expect(checkCategory(NOT_REGISTERED, undefined)).toBeNull();
    expect(checkCategory(EXITED, GENERAL)?.field).toBe('category');
    expect(checkCategory(NOT_REGISTERED, FIVE_GUARANTEE)?.field).toBe('category');
  });

  it('refuses a future effective instant and accepts now and the past', () => {
    const now = at('2024-05-01T12:00:00Z');
    expect(checkEffectiveAt(now, now)).toBeNull();
    expect(checkEffectiveAt(at('2016-01-01T00:00:00Z'), now)).toBeNull();
    expect(checkEffectiveAt(at('2024-05-01T12:00:00.001Z'), now)?.field).toBe('effectiveAt');
    expect(checkEffectiveAt(new Date('nonsense'), now)?.field).toBe('effectiveAt');
  });

  it('counts a different status or category as a change, the same pair as none', () => {
    expect(isChange({ status: REGISTERED_POOR, category: GENERAL }, { status: REGISTERED_POOR, category: GENERAL })).toBe(false);
    expect(isChange({ status: REGISTERED_POOR, category: GENERAL }, { status: REGISTERED_POOR, category: FIVE_GUARANTEE })).toBe(true);
    expect(isChange({ status: NOT_REGISTERED, category: null }, { status: EXITED, category: null })).toBe(true);
  });
});

describe('masking a payout account', () => {
  it('keeps only the last four characters', () => {
    expect(maskAccount('6228480012345678')).toBe('****5678');
    expect(maskAccount('12345')).toBe('****2345');
    expect(maskAccount('1234')).toBe('****');
    expect(maskAccount('')).toBeNull();
  });
});
