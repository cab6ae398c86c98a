import { Injectable } from '@nestjs/common';

/**
 * The one place where sign-in and registration attempts are limited. Today it lets every attempt
 * through; the hardening issue fills it in (rate-limiter-flexible keyed by email and client address,
 * RATE_LIMIT_LOGIN_PER_MINUTE, RATE_LIMITED when exceeded).
 */
@Injectable()
export class LoginAttempts {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  async check(kind: 'login' | 'register', key: string): Promise<void> {
    // intentionally empty until the hardening issue
  }
}
