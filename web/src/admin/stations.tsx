import { useEffect, useState } from 'preact/hooks';
import { useAuth } from '../shared/auth';
import { useT } from '../shared/i18n';
import { Alert, Field, Options, Submit, TextField, useFormErrors } from '../shared/ui';
import { County, createStation, fetchCounties, fetchStations, fetchTownships, Station, updateStation, Village } from './queries';

/** "5" or "4.5" (percent) as basis points, or null. */
export function parsePercent(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bps <= 10_000 ? bps : null;
}

const percentOf = (bps: number) => `${Math.floor(bps / 100)}${bps % 100 ? `.${String(bps % 100).padStart(2, '0').replace(/0$/, '')}` : ''}`;

/** A county's stations: their capacity, commission and whether they take work; a new one. */
export function Stations() {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const load = useFormErrors('admin', authLost);
  const [counties, setCounties] = useState<County[]>([]);
  const [countyId, setCountyId] = useState('');
  const [stations, setStations] = useState<Station[] | null>(null);
  const [villages, setVillages] = useState<Village[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    fetchCounties(session.token).then((list) => {
      setCounties(list);
      if (list.length) setCountyId(list[0].id);
    }, load.fail);
  }, []);
  useEffect(() => {
    if (!countyId) return;
    setStations(null);
    setEditing(null);
    fetchStations(countyId, session.token).then(setStations, load.fail);
    fetchTownships(countyId, session.token).then((ts) => setVillages(ts.flatMap((tw) => tw.villages)), load.fail);
  }, [countyId]);

  const replaced = (s: Station) => setStations((list) => list && list.map((x) => (x.id === s.id ? s : x)));

  return (
    <div class="admin__grid">
      {load.errors[''] && <Alert>{load.errors['']}</Alert>}
      {notice && <Alert kind="info">{notice}</Alert>}
      <section class="card" aria-labelledby="stations-title">
        <h2 id="stations-title">{t('stations')}</h2>
        <Field id="stations-county" label={t('pickCounty')}>
          <select id="stations-county" value={countyId} onChange={(e) => setCountyId(e.currentTarget.value)}>
            <Options items={counties} />
          </select>
        </Field>
        {stations === null ? (
          <p class="muted">{t('loading')}</p>
        ) : stations.length === 0 ? (
          <p class="muted">{t('noStations')}</p>
        ) : (
          <ul class="admin__list" data-testid="stations">
            {stations.map((s) => (
              <li key={s.id} class="admin__item" data-testid={`station-${s.id}`}>
                <div class="admin__item-head">
                  <strong>{s.name}</strong>
                  <span class={`badge${s.active ? '' : ' badge--warn'}`}>{s.active ? t('active') : t('inactive')}</span>
                </div>
                <p class="small muted">
                  {s.village.name} · {t('dailyCapacity')} {s.dailyCapacity} · {t('commission')} {percentOf(s.commissionBps)}
                </p>
                {editing === s.id ? (
                  <StationEdit
                    station={s}
                    onDone={(updated) => {
                      setEditing(null);
                      if (updated) {
                        replaced(updated);
                        setNotice(t('saved'));
                      }
                    }}
                  />
                ) : (
                  <button type="button" class="button" onClick={() => setEditing(s.id)} aria-label={t('editStation', { name: s.name })}>
                    {t('edit')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {countyId && (
        <section class="card" aria-labelledby="new-station">
          <StationForm
            villages={villages}
            onCreated={(s) => {
              setStations((list) => [...(list ?? []), s]);
              setNotice(t('stationCreated', { name: s.name }));
            }}
          />
        </section>
      )}
    </div>
  );
}

function StationEdit(props: { station: Station; onDone: (s: Station | null) => void }) {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const form = useFormErrors('admin', authLost);
  const s = props.station;
  const [capacity, setCapacity] = useState(String(s.dailyCapacity));
  const [commission, setCommission] = useState(percentOf(s.commissionBps));
  const [active, setActive] = useState(s.active);
  const [badCommission, setBadCommission] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = `edit-${s.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    form.clear();
    const commissionBps = parsePercent(commission);
    setBadCommission(commissionBps === null);
    if (commissionBps === null) return;
    setBusy(true);
    try {
      props.onDone(await updateStation(s.id, { dailyCapacity: Number(capacity), commissionBps, active }, session.token));
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };
  const rest = form.rest(['dailyCapacity', 'commissionBps', 'active']);
  return (
    <form class="admin__form" onSubmit={submit} noValidate aria-label={t('editStation', { name: s.name })}>
      <TextField form={form} id={`${id}-capacity`} field="dailyCapacity" label={t('dailyCapacity')} inputMode="numeric" value={capacity} onValue={setCapacity} />
      <TextField form={form} id={`${id}-commission`} field="commissionBps" label={t('commission')} hint={t('commissionHint')} error={badCommission ? t('commissionFormat') : undefined} inputMode="decimal" value={commission} onValue={setCommission} />
      <label class="admin__check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> {t('active')}
      </label>
      {rest && <Alert>{rest}</Alert>}
      <div class="admin__actions">
        <Submit label={t('save')} busy={busy} />
        <button type="button" class="button button--quiet" onClick={() => props.onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function StationForm(props: { villages: Village[]; onCreated: (s: Station) => void }) {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const form = useFormErrors('admin', authLost);
  const [name, setName] = useState('');
  const [villageId, setVillageId] = useState('');
  const [served, setServed] = useState<string[]>([]);
  const [capacity, setCapacity] = useState('100');
  const [commission, setCommission] = useState('5');
  const [badCommission, setBadCommission] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    form.clear();
    const commissionBps = parsePercent(commission);
    setBadCommission(commissionBps === null);
    if (commissionBps === null) return;
    setBusy(true);
    try {
      const station = await createStation({ name: name.trim(), villageId, servedVillageIds: served, dailyCapacity: Number(capacity), commissionBps }, session.token);
      setName('');
      setServed([]);
      props.onCreated(station);
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };
  const rest = form.rest(['name', 'villageId', 'servedVillageIds', 'dailyCapacity', 'commissionBps']);
  return (
    <form class="admin__form" onSubmit={submit} noValidate aria-labelledby="new-station">
      <h2 id="new-station">{t('newStation')}</h2>
      <TextField form={form} id="station-name" field="name" label={t('stationName')} value={name} onValue={setName} />
      <Field id="station-village" label={t('stationVillage')} error={form.of('villageId')}>
        <select id="station-village" value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)} {...form.aria('station-village', 'villageId')}>
          <option value="">—</option>
          <Options items={props.villages} />
        </select>
      </Field>
      <Field id="station-served" label={t('servedVillages')} hint={t('servedVillagesHint')} error={form.of('servedVillageIds')}>
        <select
          id="station-served"
          multiple
          size={Math.min(6, Math.max(2, props.villages.length))}
          onChange={(e) => setServed([...e.currentTarget.selectedOptions].map((o) => o.value))}
          {...form.aria('station-served', 'servedVillageIds')}
        >
          {props.villages.map((v) => (
            <option key={v.id} value={v.id} selected={served.includes(v.id)}>
              {v.name}
            </option>
          ))}
        </select>
      </Field>
      <TextField form={form} id="station-capacity" field="dailyCapacity" label={t('dailyCapacity')} inputMode="numeric" value={capacity} onValue={setCapacity} />
      <TextField form={form} id="station-commission" field="commissionBps" label={t('commission')} hint={t('commissionHint')} error={badCommission ? t('commissionFormat') : undefined} inputMode="decimal" value={commission} onValue={setCommission} />
      {rest && <Alert>{rest}</Alert>}
      <Submit label={t('create')} busy={busy} />
    </form>
  );
}
