import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, messageOf } from './api';
import { Role, ROLE_NAMES, Session, signIn } from './session';

/** A labelled input with its error (from the API) right under it, tied to it for screen readers. */
export function Field(props: { id: string; label: string; error?: string; hint?: string; children: ComponentChildren; class?: string }) {
  const errorId = `${props.id}-error`;
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && !props.error && <p class="field__hint">{props.hint}</p>}
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

export function TopBar(props: { title: string; place?: string; session: Session; onSignOut: () => void }) {
  return (
    <header class="topbar">
      <div class="topbar__title">
        <h1>{props.title}</h1>
        {props.place && <p class="topbar__place">{props.place}</p>}
      </div>
      <div class="topbar__user">
        <span class="topbar__name" title={props.session.user.email}>
          {props.session.user.displayName}
        </span>
        <button type="button" class="button button--quiet" onClick={props.onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}

/** The sign-in form; refuses (with a pointer to the right page) a role that this page is not for. */
export function SignIn(props: { title: string; intro: string; roles: Role[]; otherPages: string; notice?: string; onSignedIn: (s: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const session = await signIn(email.trim(), password);
      if (!props.roles.includes(session.user.role)) {
        setErrors({ '': `This page is for ${props.roles.map((r) => `${ROLE_NAMES[r]}s`).join(' and ')}; you signed in as a ${ROLE_NAMES[session.user.role]}. ${props.otherPages}` });
        return;
      }
      props.onSignedIn(session);
    } catch (error) {
      setErrors(error instanceof ApiError ? error.byField() : { '': messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <form class="card signin__card" onSubmit={submit} noValidate aria-labelledby="signin-title">
        <h1 id="signin-title">{props.title}</h1>
        <p class="muted">{props.intro}</p>
        {props.notice && <Alert kind="info">{props.notice}</Alert>}
        <Field id="signin-email" label="Email" error={errors.email}>
          <input id="signin-email" name="email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} {...invalid('signin-email', errors.email)} />
        </Field>
        <Field id="signin-password" label="Password" error={errors.password}>
          <input id="signin-password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} {...invalid('signin-password', errors.password)} />
        </Field>
        {errors[''] && <Alert>{errors['']}</Alert>}
        <button type="submit" class="button button--primary button--wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
