import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * The passwords the demo seed gives its accounts: printed by `npm run seed` and published in the
 * README, so refused wherever a real account could get one in production (see the auth domain).
 */
export const DEMO_PASSWORDS = {
  admin: 'handan-admin-2016',
  operator: 'she-station-2016',
  official: 'she-office-2016',
  buyer: 'walnut-buyer-2016',
  lender: 'she-coop-2016',
} as const;

/**
 * Values that have been committed or published as examples of a secret (the first docker-compose.yml,
 * the README's examples, the tests' and benchmark's fixed secrets) and the usual stand-ins. Anyone can
 * read them, so none of them may protect a server, whatever its NODE_ENV.
 */
const PUBLISHED = new Set(
  [
    'change-me-to-a-long-random-secret-of-32-chars-or-more',
    'change-me-please',
    'marketplace',
    'test-secret-that-is-long-enough-for-hs256-signing',
    'test-template-secret-that-is-long-enough',
    'faults-process-secret-that-is-long-enough',
    'bench-secret-bench-secret-bench-secret-0123456789',
    'another-secret-that-is-long-enough-for-hs256',
    'first-admin-password',
    'correct-horse-battery',
    'correct horse battery staple',
    ...Object.values(DEMO_PASSWORDS),
  ].map((s) => s.toLowerCase()),
);

/** Words that mark a value as a stand-in someone was meant to replace. */
const STAND_IN = /change[-_ .]?(me|this|it)|replace[-_ .]?(me|this)|your[-_ .]?(own[-_ .]?)?(secret|password|key)|placeholder|example|dummy|insecure|not[-_ .]?(a[-_ .]?)?secret|secret[-_ .]?here/i;

/** True for a value this project published (demo logins, examples, committed secrets). */
export function isPublishedPassword(value: string): boolean {
  return PUBLISHED.has(value.trim().toLowerCase());
}

/** True for a secret anyone could know: one this project published, or a stand-in ("change-me"). */
export function isPublishedSecret(value: string): boolean {
  return isPublishedPassword(value) || STAND_IN.test(value);
}

let estimator: ZxcvbnFactory | undefined;

/**
 * log10 of the guesses an attacker needs by zxcvbn's estimate (common passwords, keyboard patterns,
 * repeats, sequences, dates), built once: loading its lists costs ~0.3 s, paid only when a production
 * secret is checked.
 */
export function guessesLog10(value: string): number {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(value).guessesLog10;
}

export interface SecretRule {
  /** At least this many characters. */
  readonly minLength: number;
  /** At least 10^this guesses by zxcvbn's estimate (random characters count about 10 guesses each). */
  readonly minGuessesLog10: number;
  readonly advice: string;
}

/** JWT_SECRET signs every token: an attacker with one token can test guesses offline at GPU speed. */
export const TOKEN_SECRET_RULE: SecretRule = { minLength: 32, minGuessesLog10: 24, advice: 'generate one, e.g. `openssl rand -base64 48`' };
/** ADMIN_PASSWORD guards everything, but sign-in is rate-limited and hashed with argon2id. */
export const ADMIN_PASSWORD_RULE: SecretRule = { minLength: 12, minGuessesLog10: 12, advice: 'choose a long passphrase of your own' };

/** Why `value` may not be used as a production secret under `rule`, or undefined when it may. */
export function weakSecretReason(value: string, rule: SecretRule): string | undefined {
  if (isPublishedSecret(value)) return `is a published example or placeholder, known to anyone: ${rule.advice}`;
  if (value.length < rule.minLength) return `must be at least ${rule.minLength} characters: ${rule.advice}`;
  if (guessesLog10(value) < rule.minGuessesLog10) return `is too easy to guess (repeats, sequences or common words): ${rule.advice}`;
  return undefined;
}
