// The service stations of the county: where each is, the villages it serves, its daily capacity, its
// commission and whether it takes work; officials of the county may change the last three.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { formatCount } from '../shared/format';
import { useT } from '../shared/i18n';
import { Alert, EmptyRow, Field, TableScroll, Th, useFormErrors } from '../shared/ui';
import { fetchCountyStations, StationRow, updateStation } from './console-queries';
import { LoadError, PageHead, useConsole, useLoad } from './kit';
import { NS } from './messages';

/** 500 bps -> "5.00%". */
export function bpsPercent(bps: number): string {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}%`;
}

/** "5", "5.5", "5.25" (percent) -> 500, 550, 525 bps; null when it is not such a number. */
function parsePercent(text: string): number | null {
  const m = /^\s*(\d{1,5})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function StationsPage() {
  const { t } = useT(NS);
  const { token, countyId } = useConsole();
  const load = useLoad(() => fetchCountyStations(countyId, token), [countyId]);
  const [editing, setEditing] = useState<string>();
  const stations = load.data ?? [];

  return (
    <>
      <PageHead title={t('stations.title')} intro={load.data ? t('stations.summary', { count: stations.length, active: stations.filter((s) => s.active).length }) : t('loading')} />
      <LoadError load={load} />
      <section class="card" aria-labelledby="page-title">
        <TableScroll loading={load.loading}>
          <table class="table" data-testid="stations-table">
            <thead>
              <tr>
                <th scope="col">{t('stations.name')}</th>
                <th scope="col">{t('stations.served')}</th>
                <Th num>{t('stations.capacity')}</Th>
                <Th num>{t('stations.commission')}</Th>
                <th scope="col">{t('stations.active')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('stations.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stations.map((s) => (
                <Fragment key={s.id}>
                  <tr data-station-id={s.id}>
                    <th scope="row">
                      {s.name}
                      <span class="village-township">{s.village.name}</span>
                    </th>
                    <td class="wrap">{s.servedVillages.map((v) => v.name).join('、') || '–'}</td>
                    <td class="num">{formatCount(s.dailyCapacity)}</td>
                    <td class="num">{bpsPercent(s.commissionBps)}</td>
                    <td>
                      <span class={`badge ${s.active ? 'badge--accent' : 'badge--plain'}`}>{s.active ? t('stations.isActive') : t('stations.isInactive')}</span>
                    </td>
                    <td>
                      <button type="button" class="button button--quiet" aria-expanded={editing === s.id} aria-controls={`edit-${s.id}`} onClick={() => setEditing(editing === s.id ? undefined : s.id)} data-testid={`edit-station-${s.id}`}>
                        {t('edit')}
                        <span class="visually-hidden"> {s.name}</span>
                      </button>
                    </td>
                  </tr>
                  {editing === s.id && (
                    <tr class="table__form-row">
                      <td colSpan={6}>
                        <StationForm
                          station={s}
                          onDone={() => {
                            setEditing(undefined);
                            load.reload();
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
              {load.data && stations.length === 0 && (
                <EmptyRow cols={6}>{t('stations.none')}</EmptyRow>
              )}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}

function StationForm(props: { station: StationRow; onDone: () => void }) {
  const { t } = useT(NS);
  const { token, authLost } = useConsole();
  const form = useFormErrors(NS, authLost);
  const s = props.station;
  const [capacity, setCapacity] = useState(String(s.dailyCapacity));
  const [commission, setCommission] = useState(`${Math.floor(s.commissionBps / 100)}${s.commissionBps % 100 ? `.${String(s.commissionBps % 100).padStart(2, '0')}` : ''}`);
  const [active, setActive] = useState(s.active);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    const commissionBps = parsePercent(commission);
    const dailyCapacity = /^\s*\d{1,9}\s*$/.test(capacity) ? Number(capacity) : null;
    const mine: Record<string, string> = {};
    if (commissionBps === null) mine.commissionBps = t('stations.commissionFormat');
    if (dailyCapacity === null) mine.dailyCapacity = t('stations.capacityFormat');
    setLocal(mine);
    if (Object.keys(mine).length) return;
    setBusy(true);
    try {
      await updateStation(s.id, { dailyCapacity: dailyCapacity!, commissionBps: commissionBps!, active }, token);
      props.onDone();
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const error = (name: string) => local[name] ?? form.of(name);
  const aria = (id: string, name: string) => (error(name) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {});
  const rest = form.rest(['dailyCapacity', 'commissionBps', 'active']);
  return (
    <form class="station-form" id={`edit-${s.id}`} onSubmit={submit} noValidate aria-label={t('stations.editOf', { name: s.name })}>
      <Field id={`sf-capacity-${s.id}`} label={t('stations.capacity')} error={error('dailyCapacity')}>
        <input id={`sf-capacity-${s.id}`} inputMode="numeric" value={capacity} onInput={(e) => setCapacity(e.currentTarget.value)} {...aria(`sf-capacity-${s.id}`, 'dailyCapacity')} />
      </Field>
      <Field id={`sf-commission-${s.id}`} label={t('stations.commissionPercent')} error={error('commissionBps')}>
        <input id={`sf-commission-${s.id}`} inputMode="decimal" value={commission} onInput={(e) => setCommission(e.currentTarget.value)} {...aria(`sf-commission-${s.id}`, 'commissionBps')} />
      </Field>
      <div class="field field--check">
        <label>
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> {t('stations.takesWork')}
        </label>
      </div>
      {rest && <Alert>{rest}</Alert>}
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="station-save">
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" class="button button--quiet" onClick={props.onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
