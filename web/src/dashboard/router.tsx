// The console's small router: paths under /dashboard (the server answers every one with this page),
// filters and the page cursor in the query string, so a reload, a shared link or the back button
// lands on the same place. History API only.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/dashboard';

export interface Location {
  /** The path below /dashboard, '' for the impact page itself, e.g. '/households/12'. */
  path: string;
  params: URLSearchParams;
}

function current(): Location {
  const path = location.pathname.replace(/\/+$/, '').slice(BASE.length);
  return { path, params: new URLSearchParams(location.search) };
}

const EVENT = 'dashboard:navigate';

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
  if (!options.replace) window.scrollTo(0, 0);
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = () => setLoc(current());
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return loc;
}

/** `/dashboard/households?status=…` from a path below /dashboard and the non-empty params. */
export function href(path: string, params: Record<string, string | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const q = query.toString();
  return `${BASE}${path}${q ? `?${q}` : ''}`;
}

/** An ordinary link (open in a new tab works) that navigates in place on a plain click. */
export function Link(props: { href: string; class?: string; children: ComponentChildren; 'aria-current'?: 'page'; 'data-testid'?: string }) {
  const { href: to, children, ...rest } = props;
  const click = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={click} {...rest}>
      {children}
    </a>
  );
}
