import { DomainError, ErrorCode } from '@app/kernel';
import { ListingStatus as S } from './enums';
import { nextListingStatus } from './listing-status';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? `${e.code}${e.field ? `:${e.field}` : ''}` : 'other';
  }
  return undefined;
}

describe('nextListingStatus', () => {
  it('publishes a draft: ACTIVE with stock, SOLD_OUT without', () => {
    expect(nextListingStatus(S.DRAFT, S.ACTIVE, 5)).toBe(S.ACTIVE);
    expect(nextListingStatus(S.DRAFT, S.ACTIVE, 0)).toBe(S.SOLD_OUT);
  });

  it('pauses and resumes', () => {
    expect(nextListingStatus(S.ACTIVE, S.PAUSED, 5)).toBe(S.PAUSED);
    expect(nextListingStatus(S.SOLD_OUT, S.PAUSED, 0)).toBe(S.PAUSED);
    expect(nextListingStatus(S.PAUSED, S.ACTIVE, 5)).toBe(S.ACTIVE);
    expect(nextListingStatus(S.PAUSED, S.ACTIVE, 0)).toBe(S.SOLD_OUT);
  });

  it('archives from any status but ARCHIVED, which is final', () => {
    for (const s of [S.DRAFT, S.ACTIVE, S.PAUSED, S.SOLD_OUT]) expect(nextListingStatus(s, S.ARCHIVED, 3)).toBe(S.ARCHIVED);
    for (const s of [S.DRAFT, S.ACTIVE, S.PAUSED, S.ARCHIVED]) expect(codeOf(() => nextListingStatus(S.ARCHIVED, s, 3))).toBe(ErrorCode.INVALID_STATE);
  });

  it('keeps a status asked for again', () => {
    for (const s of [S.DRAFT, S.ACTIVE, S.PAUSED]) expect(nextListingStatus(s, s, 3)).toBe(s);
  });

  it('never lets SOLD_OUT be asked for', () => {
    for (const s of [S.DRAFT, S.ACTIVE, S.PAUSED, S.SOLD_OUT]) expect(codeOf(() => nextListingStatus(s, S.SOLD_OUT, 0))).toBe('BAD_USER_INPUT:input.status');
  });

  it('refuses the other moves as INVALID_STATE', () => {
    expect(codeOf(() => nextListingStatus(S.SOLD_OUT, S.ACTIVE, 0))).toBe(ErrorCode.INVALID_STATE);
    expect(codeOf(() => nextListingStatus(S.DRAFT, S.PAUSED, 3))).toBe(ErrorCode.INVALID_STATE);
    expect(codeOf(() => nextListingStatus(S.ACTIVE, S.DRAFT, 3))).toBe(ErrorCode.INVALID_STATE);
    expect(codeOf(() => nextListingStatus(S.PAUSED, S.DRAFT, 3))).toBe(ErrorCode.INVALID_STATE);
  });
});
