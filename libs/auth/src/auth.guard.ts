import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, forbidden, OWN_AUTHORIZATION_KEY, PreparedStatements, requestOf, Role, ROLES_KEY, unauthenticated } from '@app/platform';
import { TokenService } from './token.service';

interface ActorRow {
  id: string;
  role: Role;
  station_id: string | null;
  county_id: string | null;
  merchant_id: string | null;
  token_version: number;
  disabled: boolean;
}

/**
 * Runs before every resolver and controller: turns a Bearer token into the request's Actor (once per
 * request), refusing a bad token even where anonymous callers are welcome, and enforces @Roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly statements: PreparedStatements,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    if (!request) return true;
    if (this.reflector.getAllAndOverride<boolean>(OWN_AUTHORIZATION_KEY, [context.getHandler(), context.getClass()])) return true;
    if (request.actor === undefined) request.actor = await this.authenticate(request.headers?.authorization);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles === undefined) return true;
    const actor = request.actor as Actor | null;
    if (!actor) throw unauthenticated();
    if (roles.length > 0 && !roles.includes(actor.role)) throw forbidden();
    return true;
  }

  private async authenticate(header: unknown): Promise<Actor | null> {
    if (header === undefined || header === '') return null;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim()) : null;
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const claims = this.tokens.verify(match[1]);
    // The user is read on every request, so a deleted or disabled account, a changed role and ended
    // sessions take effect at once (a prepared statement: parsed and planned once per connection).
    const rows = await this.statements.autocommit<ActorRow>(
      'auth.actor',
      'SELECT id::text, role, station_id::text, county_id::text, merchant_id::text, token_version, disabled_at IS NOT NULL AS disabled FROM users WHERE id = $1',
      [claims.sub],
    );
    if (rows.length === 0) throw unauthenticated('This account no longer exists');
    const user = rows[0];
    if (user.disabled) throw unauthenticated('This account is disabled');
    if (user.token_version !== claims.version) throw unauthenticated('Your session has ended: sign in again');
    return { userId: String(user.id), role: user.role, stationId: user.station_id, countyId: user.county_id, merchantId: user.merchant_id };
  }
}
