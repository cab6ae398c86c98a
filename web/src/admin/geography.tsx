import { useEffect, useState } from 'preact/hooks';
import { useAuth } from '../shared/auth';
import { useT } from '../shared/i18n';
import { Alert, Field, Options, Submit, TextField, useFormErrors } from '../shared/ui';
import { County, createCounty, createTownship, createVillage, fetchCounties, fetchTownships, Township } from './queries';

/** The counties of the platform, a county's townships and their villages; each level can be added to. */
export function Geography() {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const [counties, setCounties] = useState<County[] | null>(null);
  const [countyId, setCountyId] = useState('');
  const [townships, setTownships] = useState<Township[] | null>(null);
  const [notice, setNotice] = useState<string>();
  const load = useFormErrors('admin', authLost);

  useEffect(() => {
    fetchCounties(session.token).then((list) => {
      setCounties(list);
      if (list.length) setCountyId(list[0].id);
    }, load.fail);
  }, []);
  const loadTownships = (id: string) => {
    setTownships(null);
    if (id) fetchTownships(id, session.token).then(setTownships, load.fail);
  };
  useEffect(() => loadTownships(countyId), [countyId]);

  return (
    <div class="admin__grid">
      {load.errors[''] && <Alert>{load.errors['']}</Alert>}
      {notice && <Alert kind="info">{notice}</Alert>}
      <section class="card" aria-labelledby="counties-title">
        <h2 id="counties-title">{t('counties')}</h2>
        {counties === null ? (
          <p class="muted">{t('loading')}</p>
        ) : (
          <Field id="geo-county" label={t('pickCounty')}>
            <select id="geo-county" value={countyId} onChange={(e) => setCountyId(e.currentTarget.value)}>
              {counties.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}（{c.code}）{c.nationalPovertyCounty ? ` · ${t('nationalPovertyCounty')}` : ''}
                </option>
              ))}
            </select>
          </Field>
        )}
        <CountyForm
          onCreated={(c) => {
            setCounties((list) => [...(list ?? []), c]);
            setCountyId(c.id);
            setNotice(t('countyCreated', { name: c.name }));
          }}
        />
      </section>
      {countyId && (
        <section class="card" aria-labelledby="townships-title">
          <h2 id="townships-title">{t('townships')}</h2>
          {townships === null ? (
            <p class="muted">{t('loading')}</p>
          ) : townships.length === 0 ? (
            <p class="muted">{t('noTownships')}</p>
          ) : (
            <ul class="admin__tree" data-testid="townships">
              {townships.map((tw) => (
                <li key={tw.id}>
                  <strong>{tw.name}</strong>
                  {tw.villages.length === 0 ? (
                    <span class="muted">　{t('noVillages')}</span>
                  ) : (
                    <ul>
                      {tw.villages.map((v) => (
                        <li key={v.id}>
                          {v.name} <span class="muted small">{v.code}</span> {v.povertyStricken && <span class="badge badge--warn">{t('povertyStricken')}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
          <TownshipForm
            countyId={countyId}
            onCreated={(name) => {
              setNotice(t('townshipCreated', { name }));
              loadTownships(countyId);
            }}
          />
          {townships && townships.length > 0 && (
            <VillageForm
              townships={townships}
              onCreated={(name) => {
                setNotice(t('villageCreated', { name }));
                loadTownships(countyId);
              }}
            />
          )}
        </section>
      )}
    </div>
  );
}

function CountyForm(props: { onCreated: (c: County) => void }) {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const form = useFormErrors('admin', authLost);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [poor, setPoor] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    form.clear();
    try {
      const county = await createCounty({ code: code.trim(), name: name.trim(), nationalPovertyCounty: poor }, session.token);
      setCode('');
      setName('');
      setPoor(false);
      props.onCreated(county);
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };
  const rest = form.rest(['code', 'name', 'nationalPovertyCounty']);
  return (
    <form class="admin__form" onSubmit={submit} noValidate aria-labelledby="new-county">
      <h3 id="new-county">{t('newCounty')}</h3>
      <Field id="county-code" label={t('code')} error={form.of('code')}>
        <input id="county-code" value={code} inputMode="numeric" onInput={(e) => setCode(e.currentTarget.value)} {...form.aria('county-code', 'code')} />
      </Field>
      <TextField form={form} id="county-name" field="name" label={t('name')} value={name} onValue={setName} />
      <label class="admin__check">
        <input type="checkbox" checked={poor} onChange={(e) => setPoor(e.currentTarget.checked)} /> {t('nationalPovertyCounty')}
      </label>
      {rest && <Alert>{rest}</Alert>}
      <Submit label={t('create')} busy={busy} />
    </form>
  );
}

function TownshipForm(props: { countyId: string; onCreated: (name: string) => void }) {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const form = useFormErrors('admin', authLost);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    form.clear();
    try {
      const township = await createTownship({ countyId: props.countyId, name: name.trim() }, session.token);
      setName('');
      props.onCreated(township.name);
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };
  const rest = form.rest(['name']);
  return (
    <form class="admin__form" onSubmit={submit} noValidate aria-labelledby="new-township">
      <h3 id="new-township">{t('newTownship')}</h3>
      <TextField form={form} id="township-name" field="name" label={t('name')} value={name} onValue={setName} />
      {rest && <Alert>{rest}</Alert>}
      <Submit label={t('create')} busy={busy} />
    </form>
  );
}

function VillageForm(props: { townships: Township[]; onCreated: (name: string) => void }) {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const form = useFormErrors('admin', authLost);
  const [townshipId, setTownshipId] = useState(props.townships[0].id);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [poor, setPoor] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    form.clear();
    try {
      const village = await createVillage({ townshipId, code: code.trim(), name: name.trim(), povertyStricken: poor }, session.token);
      setCode('');
      setName('');
      setPoor(false);
      props.onCreated(village.name);
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };
  const rest = form.rest(['townshipId', 'code', 'name', 'povertyStricken']);
  return (
    <form class="admin__form" onSubmit={submit} noValidate aria-labelledby="new-village">
      <h3 id="new-village">{t('newVillage')}</h3>
      <Field id="village-township" label={t('township')} error={form.of('townshipId')}>
        <select id="village-township" value={townshipId} onChange={(e) => setTownshipId(e.currentTarget.value)} {...form.aria('village-township', 'townshipId')}>
          <Options items={props.townships} />
        </select>
      </Field>
      <Field id="village-code" label={t('code')} error={form.of('code')}>
        <input id="village-code" value={code} inputMode="numeric" onInput={(e) => setCode(e.currentTarget.value)} {...form.aria('village-code', 'code')} />
      </Field>
      <TextField form={form} id="village-name" field="name" label={t('name')} value={name} onValue={setName} />
      <label class="admin__check">
        <input type="checkbox" checked={poor} onChange={(e) => setPoor(e.currentTarget.checked)} /> {t('povertyStricken')}
      </label>
      {rest && <Alert>{rest}</Alert>}
      <Submit label={t('create')} busy={busy} />
    </form>
  );
}
