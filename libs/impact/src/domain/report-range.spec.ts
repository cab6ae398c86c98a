import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@app/kernel';
import { checkRange } from './report-range';

const failure = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return [(error as DomainError).code, (error as DomainError).field];
  }
  return null;
};

describe('checkRange', () => {
  it('accepts open and ordered ranges', () => {
    const from = new Date('2025-01-01T00:00:00Z');
    expect(checkRange(null, null, 'filter')).toEqual({ from: null, to: null });
    expect(checkRange(from, from, 'filter')).toEqual({ from, to: from });
  });

  it('refuses an end before the start and instants out of bounds, naming the field', () => {
    expect(failure(() => checkRange(new Date('2025-02-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'), 'filter'))).toEqual(['BAD_USER_INPUT', 'filter.to']);
    expect(failure(() => checkRange(new Date('1800-01-01T00:00:00Z'), null, 'filter'))).toEqual(['BAD_USER_INPUT', 'filter.from']);
    expect(failure(() => checkRange(null, new Date(8.6e15), ''))).toEqual(['BAD_USER_INPUT', 'to']);
  });
});
