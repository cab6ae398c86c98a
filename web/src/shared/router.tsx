// The apps' small router: each page's paths, filters and page cursor live in the URL, so a reload, a
// shared link or the back button lands on the same place. History API only; each app says how its
// paths read (`createRouter`).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  /** The app's path, as its `read` gives it. */
  path: string;
  params: URLSearchParams;
}

export interface LinkProps {
  href: string;
  class?: string;
  children: ComponentChildren;
  'aria-current'?: 'page';
  'data-testid'?: string;
  rel?: string;
}

/** `navigate`, `useLocation` and `Link` for an app whose path is `readPath()` of the address. */
export function createRouter(event: string, readPath: () => string) {
  const current = (): Location => ({ path: readPath(), params: new URLSearchParams(location.search) });

  function navigate(url: string, options: { replace?: boolean } = {}): void {
    if (options.replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    window.dispatchEvent(new Event(event));
    if (!options.replace) window.scrollTo(0, 0);
  }

  function useLocation(): Location {
    const [loc, setLoc] = useState(current);
    useEffect(() => {
      const update = () => setLoc(current());
      window.addEventListener('popstate', update);
      window.addEventListener(event, update);
      return () => {
        window.removeEventListener('popstate', update);
        window.removeEventListener(event, update);
      };
    }, []);
    return loc;
  }

  /** An ordinary link (open in a new tab works) that navigates in place on a plain click. */
  function Link(props: LinkProps) {
    const { href, children, ...rest } = props;
    const click = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(href);
    };
    return (
      <a href={href} onClick={click} {...rest}>
        {children}
      </a>
    );
  }

  return { navigate, useLocation, Link };
}
