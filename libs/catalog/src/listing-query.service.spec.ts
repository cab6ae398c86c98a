import { isId } from '@app/platform';
import { likeContaining } from './listing-query.service';

describe('listing query helpers', () => {
  it('escapes LIKE wildcards so a search term is taken literally', () => {
    expect(likeContaining('核桃')).toBe('%核桃%');
    expect(likeContaining('100%')).toBe('%100\\%%');
    expect(likeContaining('half_price')).toBe('%half\\_price%');
    expect(likeContaining('a\\b')).toBe('%a\\\\b%');
  });

  it('accepts only decimal bigint ids', () => {
    expect(['1', '42', '999999999999999999'].every(isId)).toBe(true);
    expect(['', '0', '01', '-1', '1.5', 'abc', '1 OR 1=1', '9999999999999999999', 1 as unknown as string].some(isId)).toBe(false);
  });
});
