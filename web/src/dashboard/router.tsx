// The console's paths live under /dashboard (the server answers every one with this page), filters
// and the page cursor in the query string.
import { createRouter } from '../shared/router';

/** `path` is the path below /dashboard: '' for the impact page itself, e.g. '/households/12'. */
export type { Location } from '../shared/router';

export const BASE = '/dashboard';

export const { navigate, useLocation, Link } = createRouter('dashboard:navigate', () => location.pathname.replace(/\/+$/, '').slice(BASE.length));

/** `/dashboard/households?status=…` from a path below /dashboard and the non-empty params. */
export function href(path: string, params: Record<string, string | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const q = query.toString();
  return `${BASE}${path}${q ? `?${q}` : ''}`;
}
