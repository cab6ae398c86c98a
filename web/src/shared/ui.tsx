import type { TFunction } from 'i18next';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, otherErrors } from './api';
import { LanguageSwitch, useT } from './i18n';
import { Session } from './session';

/** A labelled input with its error (from the API) right under it, tied to it for screen readers. */
export function Field(props: { id: string; label: string; error?: string; hint?: string; children: ComponentChildren; class?: string }) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && !props.error && (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={errorId} role="alert" data-error-for={props.id}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** aria attributes for an input whose Field may show an error. */
export function invalid(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

export function Alert(props: { children: ComponentChildren; kind?: 'error' | 'info' }) {
  return (
    <div class={`alert alert--${props.kind ?? 'error'}`} role={props.kind === 'info' ? 'status' : 'alert'}>
      {props.children}
    </div>
  );
}

const DETAILED = new Set(['INVALID_STATE', 'CONFLICT', 'INSUFFICIENT_STOCK']);

/**
 * A message for any failure, in the page's language: a known code's own text (common namespace or
 * the page's `errors.CODE`), else the API's message (BAD_USER_INPUT and the like say what to fix).
 */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return t('networkError');
    if (error.code === 'INTERNAL_SERVER_ERROR') return t('serverError');
    if (error.code === 'BAD_USER_INPUT') return error.message;
    const known = `errors.${error.code}`;
    const text = t(known);
    if (text === known) return error.message;
    // These say why in the API's own words (what state, how much stock): keep that after the gist.
    return DETAILED.has(error.code) ? `${text} ${error.message}` : text;
  }
  return t('networkError');
}

export interface FormErrors {
  /** Messages by field name (the last part of `extensions.field`); '' for those naming no field. */
  errors: Record<string, string>;
  /** Takes a failure: each API error goes next to its field, the others under ''. */
  fail: (error: unknown) => void;
  clear: () => void;
  /** Shows the form's own checks' messages by field, in place of any; true when there are none. */
  check: (errors: Record<string, string>) => boolean;
  /** The message for `name`, for a Field's `error`. */
  of: (name: string) => string | undefined;
  /** aria attributes of input `id` showing field `name`'s error. */
  aria: (id: string, name: string) => ReturnType<typeof invalid>;
  /** What no Field of `shown` displays (show it in an Alert at the form's foot). */
  rest: (shown: string[]) => string | undefined;
}

/**
 * The errors of one form, every error the API gives shown next to its field (`extensions.field`);
 * an ended session goes to `onAuthLost` (the RolePage's sign-out) rather than onto the form.
 */
export function useFormErrors(ns: string, onAuthLost?: () => void): FormErrors {
  const { t } = useT(ns);
  const [errors, setErrors] = useState<Record<string, string>>({});
  return {
    errors,
    fail: (error) => {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED' && onAuthLost) return onAuthLost();
      if (error instanceof ApiError && error.items.some((i) => i.field)) {
        const byField = error.byField();
        if (byField['']) byField[''] = errorText(new ApiError(error.items.filter((i) => !i.field)), t);
        setErrors(byField);
      } else setErrors({ '': errorText(error, t) });
    },
    clear: () => setErrors({}),
    check: (found) => {
      setErrors(found);
      return Object.keys(found).length === 0;
    },
    of: (name) => errors[name],
    aria: (id, name) => invalid(id, errors[name]),
    rest: (shown) => otherErrors(errors, shown),
  };
}

export function TopBar(props: { title: string; place?: string; session: Session; onSignOut: () => void; children?: ComponentChildren }) {
  const { t } = useT('common');
  return (
    <header class="topbar">
      <div class="topbar__title">
        <h1>{props.title}</h1>
        {props.place && <p class="topbar__place">{props.place}</p>}
      </div>
      {props.children}
      <div class="topbar__user">
        <span class="topbar__name" title={props.session.user.email}>
          {props.session.user.displayName}
        </span>
        <LanguageSwitch />
        <button type="button" class="button button--quiet" data-testid="sign-out" onClick={props.onSignOut}>
          {t('signOut')}
        </button>
      </div>
    </header>
  );
}

/** An <option> per record: its id the value, its name the text. */
export function Options(props: { items: ReadonlyArray<{ id: string; name: string }> }) {
  return (
    <>
      {props.items.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </>
  );
}

/** An <option> per value, `label(value)` its text. */
export function ValueOptions(props: { values: readonly string[]; label: (value: string) => string }) {
  return (
    <>
      {props.values.map((v) => (
        <option key={v} value={v}>
          {props.label(v)}
        </option>
      ))}
    </>
  );
}

/** A text input in its Field, showing `error` or else the form's error for API argument `field`, tied to it. */
export function TextField(props: {
  form: FormErrors;
  id: string;
  field: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  hint?: string;
  class?: string;
  name?: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'date' | 'month' | 'number';
  inputMode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'text';
  autocomplete?: string;
  autocapitalize?: string;
  list?: string;
  placeholder?: string;
  required?: boolean;
  min?: number;
}) {
  const { form, id, field, label, value, onValue, error, hint, class: className, ...input } = props;
  const shown = error ?? form.of(field);
  // Spread as plain attributes: preact types <input> per `type`, which a pass-through cannot follow.
  const attributes: Record<string, string | number | boolean | undefined> = input;
  return (
    <Field id={id} label={label} error={shown} hint={hint} class={className}>
      <input id={id} value={value} onInput={(e) => onValue(e.currentTarget.value)} {...attributes} {...invalid(id, shown)} />
    </Field>
  );
}

/** The primary button that submits a form. */
export function Submit(props: { label: string; busy?: boolean }) {
  return (
    <button type="submit" class="button button--primary" disabled={props.busy}>
      {props.label}
    </button>
  );
}

/** What the last action did, read out when it changes; nothing before. */
export function Done(props: { text: string | undefined | false }) {
  if (!props.text) return null;
  return (
    <p class="ok small" role="status">
      {props.text}
    </p>
  );
}

/** A column heading; `num` right-aligns it over figures. */
export function Th(props: { num?: boolean; children: ComponentChildren }) {
  return (
    <th scope="col" class={props.num ? 'num' : undefined}>
      {props.children}
    </th>
  );
}

/** A table's single row saying it has none (or is loading), across all `cols` columns. */
export function EmptyRow(props: { cols: number; children: ComponentChildren }) {
  return (
    <tr>
      <td colSpan={props.cols} class="muted table__empty">
        {props.children}
      </td>
    </tr>
  );
}

/** A wide table's frame: scrolls sideways (by keyboard too), greyed while `loading`. */
export function TableScroll(props: { loading?: boolean; children: ComponentChildren }) {
  return (
    <div class={`table-scroll${props.loading ? ' is-loading' : ''}`} tabIndex={0}>
      {props.children}
    </div>
  );
}
