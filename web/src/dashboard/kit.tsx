// What every page of the county console shares: the signed-in official (or admin) and the county
// being worked on, loading with errors in the page's language, and small display pieces.
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { beijingTime, useT } from '../shared/i18n';
import type { Session } from '../shared/session';
import { Alert, errorText } from '../shared/ui';
import type { CountyInfo } from './console-queries';
import { NS } from './messages';

export interface Console {
  session: Session;
  token: string;
  /** The county the pages work on: an official's own, the one an admin picked ('' until then). */
  countyId: string;
  /** That county with its villages (each with its exit history), once loaded. */
  county: CountyInfo | undefined;
  /** Loads the county again (after a village's exit or the poverty line changed). */
  reloadCounty: () => void;
  /** Admins: work on another county ('' for none). */
  chooseCounty: (id: string) => void;
  /** The session was refused (UNAUTHENTICATED): back to the sign-in form, saying so. */
  authLost: () => void;
}

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const c = useContext(ConsoleContext);
  if (!c) throw new Error('useConsole() outside the console');
  return c;
}

export interface Load<T> {
  data: T | undefined;
  error: string | undefined;
  /** The error's messages by the argument they name (`extensions.field`), for a form's fields. */
  fields: Record<string, string>;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `fetch` when `deps` change (and on reload()); only the latest answer is kept, however the
 * answers arrive. An ended session signs out instead of showing an error.
 */
export function useLoad<T>(fetch: () => Promise<T>, deps: unknown[]): Load<T> {
  const { t } = useT(NS);
  const { authLost } = useConsole();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const request = useRef(0);
  useEffect(() => {
    const mine = ++request.current;
    setLoading(true);
    setError(undefined);
    setFields({});
    fetch()
      .then((d) => mine === request.current && setData(d))
      .catch((e) => {
        if (mine !== request.current) return;
        if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') authLost();
        else {
          setError(errorText(e, t));
          if (e instanceof ApiError) setFields(e.byField());
        }
      })
      .finally(() => mine === request.current && setLoading(false));
  }, [...deps, tick]);
  return { data, error, fields, loading, reload: () => setTick((n) => n + 1) };
}

/** A load's error with a retry button, or nothing. */
export function LoadError(props: { load: Load<unknown> }) {
  const { t } = useT(NS);
  if (!props.load.error) return null;
  return (
    <Alert>
      {props.load.error}{' '}
      <button type="button" class="button button--quiet button--inline" onClick={props.load.reload}>
        {t('tryAgain')}
      </button>
    </Alert>
  );
}

/** A page's heading with its actions beside it. */
export function PageHead(props: { title: string; intro?: string; children?: ComponentChildren }) {
  return (
    <div class="page-head">
      <div>
        <h2 id="page-title" tabIndex={-1}>
          {props.title}
        </h2>
        {props.intro && <p class="muted small">{props.intro}</p>}
      </div>
      {props.children && <div class="page-head__actions">{props.children}</div>}
    </div>
  );
}

/** An instant's Beijing calendar day, as people write it on paper forms: 2026-12-03. */
export function day(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export function When(props: { iso: string }) {
  return <time dateTime={props.iso}>{beijingTime(props.iso)}</time>;
}

/** 0.4567 -> "45.7%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
