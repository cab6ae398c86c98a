import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { APP_CONFIG, AppConfig, unauthenticated } from '@app/platform';

export interface TokenClaims {
  sub: string;
  role: string;
  /** The account's token version when the token was issued (0 for tokens without the claim). */
  version: number;
}

/** Signed, expiring access tokens (HS256 only: `alg: none` and other algorithms are refused). */
@Injectable()
export class TokenService {
  private key?: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A token for the account at its current token version (a later version refuses it). */
  sign(userId: string, role: string, version: number): string {
    return signAccessToken(this.secret, userId, role, this.config.jwtTtlSeconds, version);
  }

  /** The claims of a valid token; UNAUTHENTICATED for a forged, malformed or expired one. */
  verify(token: string): TokenClaims {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
      if (typeof claims !== 'object' || typeof claims.sub !== 'string' || !/^\d+$/.test(claims.sub)) throw new Error('bad claims');
      const version = claims.ver ?? 0;
      if (!Number.isSafeInteger(version) || version < 0) throw new Error('bad claims');
      return { sub: claims.sub, role: String(claims.role), version };
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') throw unauthenticated('Your session has expired: sign in again');
      throw unauthenticated('The access token is not valid');
    }
  }

  /** A KeyObject made once: given the secret as a string, jsonwebtoken derives a key on every call. */
  private get secret(): KeyObject {
    if (this.key) return this.key;
    if (!this.config.jwtSecret) throw new Error('jwtSecret must be resolved before the module starts');
    this.key = createSecretKey(Buffer.from(this.config.jwtSecret, 'utf8'));
    return this.key;
  }
}

/** Signs a token as TokenService does (tests mint tokens for fixtures with it). */
export function signAccessToken(secret: string | KeyObject, userId: string, role: string, ttlSeconds: number, version = 0): string {
  return jwt.sign({ role, ver: version }, secret, { algorithm: 'HS256', subject: userId, expiresIn: ttlSeconds });
}
