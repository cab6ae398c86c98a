import { useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { useT } from '../shared/i18n';
import { homeOf } from '../shared/roles';
import { saveSession, signIn } from '../shared/session';
import { Alert, Field, invalid } from '../shared/ui';
import { registerBuyer } from './queries';
import { navigate } from './router';
import { signedIn } from './session';
import { errorText } from './widgets';

/** Sign in or create a buyer account; `next` is where to go afterwards (else stay: the page re-renders). */
export function AccountForms(props: { next?: string }) {
  const { t } = useT('shop');
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const session = mode === 'signin' ? await signIn(email.trim(), password) : await registerBuyer({ displayName: name.trim(), email: email.trim(), password });
      // One sign-in for all pages: an operator, official or admin goes on to their own page.
      const home = homeOf(session.user.role);
      if (session.user.role !== 'BUYER' && home) {
        saveSession(session);
        location.assign(home);
        return;
      }
      signedIn(session);
      if (props.next) navigate(props.next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.items.some((i) => i.field)) setErrors(error.byField());
      else setErrors({ '': errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card account" onSubmit={submit} noValidate aria-labelledby="account-title">
      <h2 id="account-title">{mode === 'signin' ? t('signIn') : t('signUp')}</h2>
      <div class="tabs" role="group" aria-label={t('account')}>
        <button type="button" class="tab" aria-pressed={mode === 'signin'} onClick={() => setMode('signin')}>
          {t('signIn')}
        </button>
        <button type="button" class="tab" aria-pressed={mode === 'signup'} onClick={() => setMode('signup')}>
          {t('signUp')}
        </button>
      </div>
      {mode === 'signup' && (
        <Field id="account-name" label={t('displayName')} error={errors.displayName}>
          <input id="account-name" autocomplete="nickname" value={name} onInput={(e) => setName(e.currentTarget.value)} {...invalid('account-name', errors.displayName)} />
        </Field>
      )}
      <Field id="account-email" label={t('email')} error={errors.email}>
        <input id="account-email" type="email" autocomplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} {...invalid('account-email', errors.email)} />
      </Field>
      <Field id="account-password" label={t('password')} error={errors.password} hint={mode === 'signup' ? t('passwordHint') : undefined}>
        <input
          id="account-password"
          type="password"
          autocomplete={mode === 'signin' ? 'current-password' : 'new-password'}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          {...invalid('account-password', errors.password)}
        />
      </Field>
      {errors[''] && <Alert>{errors['']}</Alert>}
      <button type="submit" class="button button--primary button--wide" disabled={busy} data-testid="account-submit">
        {mode === 'signin' ? t('signIn') : t('createAccount')}
      </button>
    </form>
  );
}
