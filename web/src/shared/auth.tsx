// One sign-in for every page. A page wraps its content in <RolePage roles=…>: without a session it
// shows the sign-in form; a person whose role the page is not for (signing in here, or arriving with
// a session) is sent to their own page (roles.ts). The page's content gets the session and a
// sign-out through `useAuth()`.
import { createContext, VNode } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { LanguageSwitch, useT } from './i18n';
import { homeOf } from './roles';
import { clearSession, loadSession, Role, saveSession, Session, signIn } from './session';
import { Alert, errorText, TextField, useFormErrors } from './ui';

export interface Auth {
  session: Session;
  /** Ends the session; `message` (already translated) shows above the sign-in form. */
  signOut: (message?: string) => void;
  /** The session was refused by the server (UNAUTHENTICATED): sign out saying so. */
  authLost: () => void;
}

const AuthContext = createContext<Auth | null>(null);

/** The session and sign-out of the RolePage around this component. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() outside a <RolePage>');
  return auth;
}

/**
 * A handler for a failed load: an ended session signs out (saying so), anything else becomes a
 * message in the page's language (namespace `ns`) for `show`.
 */
export function useLoadFailure(ns: string, show: (message: string) => void): (error: unknown) => void {
  const { authLost } = useAuth();
  const { t } = useT(ns);
  return (error) => (error instanceof ApiError && error.code === 'UNAUTHENTICATED' ? authLost() : show(errorText(error, t)));
}

export function RolePage(props: { roles: Role[]; title: string; children: () => VNode }) {
  const { t } = useT('common');
  const [session, setSession] = useState<Session | null>(loadSession);
  const [notice, setNotice] = useState<string>();
  const allowed = session !== null && props.roles.includes(session.user.role);

  useEffect(() => {
    document.title = props.title;
  }, [props.title]);

  useEffect(() => {
    // A session of another role, from another page of this tab: off to that role's own page.
    if (session && !allowed) {
      const home = homeOf(session.user.role);
      if (home) location.replace(home);
    }
  }, [session, allowed]);

  if (!session) {
    return (
      <SignInForm
        title={props.title}
        notice={notice}
        accept={(s) => {
          saveSession(s);
          setNotice(undefined);
          if (props.roles.includes(s.user.role)) setSession(s);
          else location.assign(homeOf(s.user.role)!);
        }}
      />
    );
  }
  if (!allowed) {
    const home = homeOf(session.user.role);
    return (
      <main class="signin">
        <div class="card signin__card">
          <p role="status">{t('takingYouTo')}</p>
          {home && <a href={home}>{t('openYourPage')}</a>}
        </div>
      </main>
    );
  }
  const signOut = (message?: string) => {
    clearSession();
    setNotice(message);
    setSession(null);
  };
  const auth: Auth = { session, signOut, authLost: () => signOut(t('sessionEnded')) };
  return <AuthContext.Provider value={auth}>{props.children()}</AuthContext.Provider>;
}

/**
 * The sign-in form. `accept` gets the new session of a role that has a page; a role without one is
 * refused here, its session not kept.
 */
export function SignInForm(props: { title: string; notice?: string; accept: (s: Session) => void }) {
  const { t } = useT('common');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors('common');
  const [refused, setRefused] = useState<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    form.clear();
    setRefused(undefined);
    try {
      const session = await signIn(email.trim(), password);
      if (!homeOf(session.user.role)) {
        setRefused(t('noPageForRole', { role: t(`role.${session.user.role}`) }));
        return;
      }
      props.accept(session);
    } catch (error) {
      // Here UNAUTHENTICATED is the wrong email or password, not an ended session.
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') setRefused(t('badCredentials'));
      else form.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const rest = refused ?? form.rest(['email', 'password']);
  return (
    <main class="signin">
      <div class="signin__lang">
        <LanguageSwitch />
      </div>
      <form class="card signin__card" onSubmit={submit} noValidate aria-labelledby="signin-title">
        <h1 id="signin-title">{props.title}</h1>
        <p class="muted">{t('signInIntro')}</p>
        {props.notice && <Alert kind="info">{props.notice}</Alert>}
        <TextField form={form} id="signin-email" field="email" label={t('email')} name="email" type="email" autocomplete="username" required value={email} onValue={setEmail} />
        <TextField form={form} id="signin-password" field="password" label={t('password')} name="password" type="password" autocomplete="current-password" required value={password} onValue={setPassword} />
        {rest && <Alert>{rest}</Alert>}
        <button type="submit" class="button button--primary button--wide" disabled={busy} data-testid="sign-in">
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
