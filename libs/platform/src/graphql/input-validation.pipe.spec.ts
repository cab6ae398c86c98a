import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@app/kernel';
import { InputValidationPipe, nulCharacterPath } from './input-validation.pipe';

describe('nulCharacterPath', () => {
  it('finds a NUL character in a string, a nested object or an array, with its dotted path', () => {
    expect(nulCharacterPath('a\u0000b', 'email')).toBe('email');
    expect(nulCharacterPath({ a: 'x', b: { c: ['ok', 'n\u0000'] } }, 'input')).toBe('input.b.c.1');
    expect(nulCharacterPath({ a: 'x', b: [1, null, true] }, 'input')).toBeUndefined();
    expect(nulCharacterPath('\\u0000 as text is fine', 'csv')).toBeUndefined();
  });
});

describe('InputValidationPipe', () => {
  const pipe = new InputValidationPipe();

  it('refuses a client argument holding NUL with BAD_USER_INPUT at its path', async () => {
    const error = await pipe.transform('a\u0000', { type: 'body', data: 'csv', metatype: String }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    await expect(pipe.transform({ name: 'x\u0000' }, { type: 'body', data: 'input', metatype: Object })).rejects.toMatchObject({ field: 'input.name' });
  });

  it('leaves what the server supplies alone (the actor, the context)', async () => {
    const actor = { userId: '1', note: 'x\u0000' };
    await expect(pipe.transform(actor, { type: 'custom', data: undefined, metatype: Object })).resolves.toBe(actor);
  });
});
