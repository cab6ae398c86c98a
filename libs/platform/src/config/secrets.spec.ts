import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError, loadConfig } from './app-config';
import { DEMO_PASSWORDS } from './secrets';

const STRONG_JWT = 'q9VbX2mLr7TzKe4NwPa8HcJ3sUy6FdGi';
const STRONG_ADMIN = 'walnut terraces above shexian at dusk';
const production = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_JWT, ...env });

/** The message loadConfig stops with, or '' when it accepts the environment. */
function refusal(load: () => unknown): string {
  try {
    load();
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
}

describe('secrets in production (the real config loader)', () => {
  it('accepts generated secrets and a passphrase of one’s own', () => {
    for (let i = 0; i < 5; i++) {
      expect(refusal(production({ JWT_SECRET: randomBytes(24).toString('base64url'), ADMIN_EMAIL: 'a@b.cn', ADMIN_PASSWORD: STRONG_ADMIN }))).toBe('');
      expect(refusal(production({ JWT_SECRET: randomBytes(16).toString('hex') }))).toBe('');
      expect(refusal(production({ JWT_SECRET: randomBytes(48).toString('base64') }))).toBe('');
    }
  });

  it('refuses every secret the first docker-compose.yml committed, naming the variable', () => {
    const jwt = refusal(production({ JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more' }));
    expect(jwt).toMatch(/^invalid configuration \(NODE_ENV=production\):\n {2}JWT_SECRET is a published example or placeholder/);
    const admin = refusal(production({ ADMIN_EMAIL: 'admin@example.cn', ADMIN_PASSWORD: 'change-me-please' }));
    expect(admin).toMatch(/\n {2}ADMIN_PASSWORD is a published example or placeholder/);
    expect(admin).not.toContain('JWT_SECRET');
    // Both at once: both named.
    const both = refusal(production({ JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more', ADMIN_EMAIL: 'a@b.cn', ADMIN_PASSWORD: 'change-me-please' }));
    expect(both).toContain('JWT_SECRET');
    expect(both).toContain('ADMIN_PASSWORD');
    // And the values never leak into the message.
    expect(both).not.toContain('change-me-please');
  });

  it('refuses the secrets this repository uses in tests and the benchmark, and the usual stand-ins', () => {
    for (const secret of [
      'test-secret-that-is-long-enough-for-hs256-signing',
      'bench-secret-bench-secret-bench-secret-0123456789',
      'please-CHANGE_ME-0a8f7e6d5c4b3a29181716151413',
      'your-secret-here-9f8e7d6c5b4a39281706f5e4d3c2b1a0',
      'replace-this-with-a-real-random-string-of-forty',
    ]) {
      expect([secret, refusal(production({ JWT_SECRET: secret }))]).toEqual([secret, expect.stringMatching(/JWT_SECRET is a published example or placeholder/)]);
    }
  });

  it('refuses a JWT_SECRET that is short or easy to guess', () => {
    expect(refusal(production({ JWT_SECRET: 'aB3$'.repeat(7) }))).toMatch(/JWT_SECRET.*32 characters/);
    for (const weak of ['x'.repeat(32), 'abcdefghijklmnopqrstuvwxyz0123456789', '12345678901234567890123456789012', 'passwordpasswordpasswordpassword', 'qwertyuiopasdfghjklzxcvbnm123456']) {
      expect([weak, refusal(production({ JWT_SECRET: weak }))]).toEqual([weak, expect.stringMatching(/JWT_SECRET is too easy to guess/)]);
    }
  });

  it('refuses the demo seed’s published passwords, and weak ones, as ADMIN_PASSWORD', () => {
    for (const password of Object.values(DEMO_PASSWORDS)) {
      expect(refusal(production({ ADMIN_EMAIL: 'a@b.cn', ADMIN_PASSWORD: password }))).toMatch(/ADMIN_PASSWORD is a published example or placeholder/);
    }
    expect(refusal(production({ ADMIN_EMAIL: 'a@b.cn', ADMIN_PASSWORD: 'Walnut2016!' }))).toMatch(/ADMIN_PASSWORD must be at least 12 characters/);
    expect(refusal(production({ ADMIN_EMAIL: 'a@b.cn', ADMIN_PASSWORD: 'password1234' }))).toMatch(/ADMIN_PASSWORD is too easy to guess/);
  });

  it('leaves development and test alone: their tokens and accounts are throwaway', () => {
    expect(refusal(() => loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing', ADMIN_EMAIL: 'a@b.cn', ADMIN_PASSWORD: DEMO_PASSWORDS.admin }))).toBe('');
    expect(refusal(() => loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) }))).toBe('');
  });
});
