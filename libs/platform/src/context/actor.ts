import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor, forbidden, Role, unauthenticated } from '@app/kernel';

export const ROLES_KEY = 'marketplace:roles';

/**
 * Restricts a resolver or controller to signed-in callers with one of these roles (none given: any
 * signed-in caller). Checked by the auth guard before the resolver runs; finer rules (own station,
 * own county) are the domain policies'.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const OWN_AUTHORIZATION_KEY = 'marketplace:own-authorization';
/**
 * A route whose Authorization header is not a user's token but a secret of its own (METRICS_TOKEN on
 * /metrics and /health): the user guard leaves it to the route, which has no actor.
 */
export const OwnAuthorization = () => SetMetadata(OWN_AUTHORIZATION_KEY, true);

export function actorOf(context: ExecutionContext): Actor | null {
  const request = requestOf(context);
  return (request?.actor as Actor | null | undefined) ?? null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function requestOf(context: ExecutionContext): any {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

/** The calling Actor, or null when anonymous. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) => actorOf(context));

/** The actor, or UNAUTHENTICATED. */
export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/** The actor if it has one of the roles; UNAUTHENTICATED when anonymous, FORBIDDEN otherwise. */
export function requireRole(actor: Actor | null | undefined, ...roles: Role[]): Actor {
  const a = requireActor(actor);
  if (!roles.includes(a.role)) throw forbidden();
  return a;
}
