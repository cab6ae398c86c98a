import { useEffect, useState } from 'preact/hooks';
import { useAuth } from '../shared/auth';
import { useT } from '../shared/i18n';
import type { Role } from '../shared/session';
import { Alert, Field, Options, Submit, TextField, useFormErrors, ValueOptions } from '../shared/ui';
import { County, createUser, fetchCounties, fetchStations, fetchUsers, Page, Station, User, userAction, UserAction } from './queries';

const ROLES: Role[] = ['ADMIN', 'COUNTY_OFFICIAL', 'STATION_OPERATOR', 'BUYER', 'MERCHANT', 'LENDER'];

/** Every account, paged and by role: disable, enable, end sessions; a new account of any role. */
export function Users() {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const load = useFormErrors('admin', authLost);
  const [role, setRole] = useState<Role | ''>('');
  const [page, setPage] = useState<Page<User> | null>(null);
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<string | null>(null);

  const fetchPage = (after: string | null) =>
    fetchUsers(role || null, after, session.token).then(
      (next) => setPage((prev) => (after && prev ? { ...next, items: [...prev.items, ...next.items] } : next)),
      load.fail,
    );
  useEffect(() => {
    setPage(null);
    void fetchPage(null);
  }, [role]);

  const act = async (action: UserAction, user: User) => {
    setBusy(user.id);
    load.clear();
    try {
      const updated = await userAction(action, user.id, session.token);
      setPage((p) => p && { ...p, items: p.items.map((u) => (u.id === updated.id ? updated : u)) });
      const key = action === 'disableUser' ? 'userDisabled' : action === 'enableUser' ? 'userEnabled' : 'sessionsEnded';
      setNotice(t(key, { name: updated.displayName }));
    } catch (error) {
      load.fail(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="admin__grid">
      {load.errors[''] && <Alert>{load.errors['']}</Alert>}
      {notice && <Alert kind="info">{notice}</Alert>}
      <section class="card" aria-labelledby="users-title">
        <h2 id="users-title">{t('users')}</h2>
        <Field id="users-role" label={t('roleFilter')}>
          <select id="users-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role | '')}>
            <option value="">{t('allRoles')}</option>
            <ValueOptions values={ROLES} label={(r) => t(`role_${r}`)} />
          </select>
        </Field>
        {page === null ? (
          <p class="muted">{t('loading')}</p>
        ) : (
          <>
            <p class="small muted" data-testid="user-count">
              {t('userCount', { count: page.totalCount })}
            </p>
            <ul class="admin__list" data-testid="users">
              {page.items.map((u) => (
                <li key={u.id} class="admin__item" data-testid={`user-${u.id}`}>
                  <div class="admin__item-head">
                    <strong>{u.displayName}</strong>
                    <span class={`badge${u.disabledAt ? ' badge--warn' : ''}`}>{u.disabledAt ? t('disabled') : t('enabled')}</span>
                  </div>
                  <p class="small muted">
                    {u.email} · {t(`role_${u.role}`)}
                    {(u.station || u.county) && ` · ${t('attachedTo')} ${u.station?.name ?? u.county?.name}`}
                  </p>
                  {u.id !== session.user.id && (
                    <div class="admin__actions">
                      {u.disabledAt ? (
                        <button type="button" class="button" disabled={busy === u.id} onClick={() => act('enableUser', u)} aria-label={`${t('enable')} ${u.displayName}`}>
                          {t('enable')}
                        </button>
                      ) : (
                        <button type="button" class="button" disabled={busy === u.id} onClick={() => act('disableUser', u)} aria-label={`${t('disable')} ${u.displayName}`}>
                          {t('disable')}
                        </button>
                      )}
                      <button type="button" class="button button--quiet" disabled={busy === u.id} onClick={() => act('endUserSessions', u)} aria-label={`${t('endSessions')} ${u.displayName}`}>
                        {t('endSessions')}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
            {page.hasNextPage && (
              <button type="button" class="button" onClick={() => fetchPage(page.endCursor)}>
                {t('loadMore')}
              </button>
            )}
          </>
        )}
      </section>
      <section class="card" aria-labelledby="new-user">
        <UserForm
          onCreated={(u) => {
            setNotice(t('userCreated', { name: u.displayName }));
            setPage((p) => p && (role === '' || role === u.role) ? { ...p, totalCount: p.totalCount + 1, items: p.hasNextPage ? p.items : [...p.items, u] } : p);
          }}
        />
      </section>
    </div>
  );
}

function UserForm(props: { onCreated: (u: User) => void }) {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const form = useFormErrors('admin', authLost);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('STATION_OPERATOR');
  const [password, setPassword] = useState('');
  const [counties, setCounties] = useState<County[]>([]);
  const [countyId, setCountyId] = useState('');
  const [stations, setStations] = useState<Station[]>([]);
  const [stationId, setStationId] = useState('');
  const [busy, setBusy] = useState(false);
  const placed = role === 'COUNTY_OFFICIAL' || role === 'STATION_OPERATOR';

  useEffect(() => {
    fetchCounties(session.token).then((list) => {
      setCounties(list);
      if (list.length) setCountyId(list[0].id);
    }, form.fail);
  }, []);
  useEffect(() => {
    if (role !== 'STATION_OPERATOR' || !countyId) return;
    fetchStations(countyId, session.token).then((list) => {
      setStations(list);
      setStationId(list[0]?.id ?? '');
    }, form.fail);
  }, [role, countyId]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    form.clear();
    try {
      const user = await createUser(
        {
          email: email.trim(),
          displayName: displayName.trim(),
          role,
          password,
          ...(role === 'COUNTY_OFFICIAL' ? { countyId } : {}),
          ...(role === 'STATION_OPERATOR' ? { stationId } : {}),
        },
        session.token,
      );
      setEmail('');
      setDisplayName('');
      setPassword('');
      props.onCreated(user);
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };
  const rest = form.rest(['email', 'displayName', 'role', 'password', 'countyId', 'stationId']);
  return (
    <form class="admin__form" onSubmit={submit} noValidate aria-labelledby="new-user">
      <h2 id="new-user">{t('newUser')}</h2>
      <TextField form={form} id="user-email" field="email" label={t('email')} type="email" autocomplete="off" value={email} onValue={setEmail} />
      <TextField form={form} id="user-name" field="displayName" label={t('displayName')} value={displayName} onValue={setDisplayName} />
      <Field id="user-role" label={t('role')} error={form.of('role')}>
        <select id="user-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)} {...form.aria('user-role', 'role')}>
          <ValueOptions values={ROLES} label={(r) => t(`role_${r}`)} />
        </select>
      </Field>
      {placed && (
        <Field id="user-county" label={t('county')} error={form.of('countyId')}>
          <select id="user-county" value={countyId} onChange={(e) => setCountyId(e.currentTarget.value)} {...form.aria('user-county', 'countyId')}>
            <Options items={counties} />
          </select>
        </Field>
      )}
      {role === 'STATION_OPERATOR' && (
        <Field id="user-station" label={t('station')} error={form.of('stationId')}>
          <select id="user-station" value={stationId} onChange={(e) => setStationId(e.currentTarget.value)} {...form.aria('user-station', 'stationId')}>
            <Options items={stations} />
          </select>
        </Field>
      )}
      <TextField form={form} id="user-password" field="password" label={t('password')} hint={t('passwordHint')} type="password" autocomplete="new-password" value={password} onValue={setPassword} />
      {rest && <Alert>{rest}</Alert>}
      <Submit label={t('create')} busy={busy} />
    </form>
  );
}
