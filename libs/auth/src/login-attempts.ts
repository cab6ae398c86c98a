import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, RateLimiter, RateLimitService, rateLimited } from '@app/platform';

/** Emails are counted by a hash: the rate-limit store (Redis) holds no addresses of people. */
const emailKey = (email: string) => createHash('sha256').update(email).digest('base64url').slice(0, 32);

type Kind = 'login' | 'register' | 'password';
const WHAT: Record<Kind, string> = { login: 'sign-in attempts', register: 'registrations', password: 'password changes' };

/**
 * The one place where sign-in, registration and password-change attempts are limited:
 * RATE_LIMIT_LOGIN_PER_MINUTE attempts a minute per account (its email, or for a password change its
 * id) and per client address, for each kind (0 turns the limit off). Every attempt counts when it
 * starts, so a burst of parallel guesses is limited too; a sign-in or password change that succeeds
 * gives its points back, so what a minute allows is that many guesses of a password.
 */
@Injectable()
export class LoginAttempts {
  private readonly limits?: Record<Kind, { byEmail: RateLimiter; byAddress: RateLimiter }>;

  constructor(rateLimits: RateLimitService, @Inject(APP_CONFIG) config: AppConfig) {
    const points = config.rateLimitLoginPerMinute;
    if (points <= 0) return;
    const pair = (kind: string) => ({ byEmail: rateLimits.limiter(`${kind}-email`, points, 60), byAddress: rateLimits.limiter(`${kind}-address`, points, 60) });
    this.limits = { login: pair('login'), register: pair('register'), password: pair('password') };
  }

  /** Counts an attempt of `kind` for the account (normalized email or id) from the client address; RATE_LIMITED once either is over its budget. */
  async check(kind: Kind, email: string, address: string): Promise<void> {
    const limits = this.limits?.[kind];
    if (!limits) return;
    const verdicts = await Promise.all([limits.byEmail.consume(emailKey(email)), limits.byAddress.consume(address)]);
    const waits = verdicts.map((v) => (v.allowed ? 0 : v.retryAfterMs));
    if (verdicts.some((v) => !v.allowed)) {
      throw rateLimited(WHAT[kind], Math.max(...waits));
    }
  }

  /** A successful sign-in or password change: the account's failures are forgotten and the address gets its point back. */
  async succeeded(email: string, address: string, kind: 'login' | 'password' = 'login'): Promise<void> {
    const limits = this.limits?.[kind];
    if (!limits) return;
    await Promise.all([limits.byEmail.reset(emailKey(email)), limits.byAddress.refund(address)]);
  }
}
