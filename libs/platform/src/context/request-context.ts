import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '@app/kernel';

interface RequestStore {
  /** The HTTP request; the auth guard sets `actor` on it once the token is verified. */
  readonly req: { actor?: Actor | null };
}

const storage = new AsyncLocalStorage<RequestStore>();

/**
 * Express middleware: the rest of the request runs with its request reachable from code that is not
 * handed it (the report reads choose a database by who is asking). Mounted after the body parsers,
 * whose stream callbacks would run outside the context.
 */
export function requestContext(req: unknown, _res: unknown, next: () => void): void {
  storage.run({ req: req as RequestStore['req'] }, next);
}

/** The actor of the request being served, or null (anonymous, or outside a request). */
export function currentActor(): Actor | null {
  return storage.getStore()?.req.actor ?? null;
}
