// The county's villages and their poverty exits (贫困村出列): each village's flag now and its history
// (the designation, then each exit or re-entry effective at a date), and the form that records one.
import { useState } from 'preact/hooks';
import { dayStart, shanghaiDay } from '../shared/format';
import { useT } from '../shared/i18n';
import { Alert, EmptyRow, TableScroll, TextField, useFormErrors } from '../shared/ui';
import { CountyVillage, fetchVillageHistory, setVillagePovertyStatus } from './console-queries';
import { day, LoadError, PageHead, useConsole, useLoad, When } from './kit';
import { NS } from './messages';
import { href, Link, Location } from './router';

function VillageFlag(props: { stricken: boolean }) {
  const { t } = useT(NS);
  return <span class={`badge ${props.stricken ? 'badge--warn' : 'badge--accent'}`}>{props.stricken ? t('villages.stricken') : t('villages.notStricken')}</span>;
}

export function VillagesPage(props: { loc: Location }) {
  const { t } = useT(NS);
  const { county } = useConsole();
  const selectedId = props.loc.params.get('village');
  const villages = county?.villages ?? [];
  const selected = villages.find((v) => v.id === selectedId);
  const stricken = villages.filter((v) => v.povertyStricken).length;

  return (
    <>
      <PageHead title={t('villages.title')} intro={county ? t('villages.summary', { count: villages.length, stricken }) : t('loading')} />
      <div class={`console-split${selected ? ' console-split--open' : ''}`}>
        <section class="card" aria-labelledby="villages-list-title">
          <h3 id="villages-list-title" class="visually-hidden">
            {t('villages.title')}
          </h3>
          <TableScroll>
            <table class="table" data-testid="villages-table">
              <thead>
                <tr>
                  <th scope="col">{t('village')}</th>
                  <th scope="col">{t('township')}</th>
                  <th scope="col">{t('villages.flag')}</th>
                </tr>
              </thead>
              <tbody>
                {villages.map((v) => {
                  return (
                    <tr key={v.id} data-village-id={v.id} class={v.id === selectedId ? 'is-selected' : undefined}>
                      <th scope="row">
                        <Link href={href('/villages', { village: v.id })} aria-current={v.id === selectedId ? 'page' : undefined}>
                          {v.name}
                        </Link>
                        <span class="village-township">{v.code}</span>
                      </th>
                      <td>{v.township}</td>
                      <td>
                        <VillageFlag stricken={v.povertyStricken} />
                      </td>
                    </tr>
                  );
                })}
                {county && villages.length === 0 && (
                  <EmptyRow cols={3}>{t('villages.none')}</EmptyRow>
                )}
              </tbody>
            </table>
          </TableScroll>
        </section>
        {selected && <VillagePanel key={selected.id} village={selected} />}
      </div>
    </>
  );
}

function VillagePanel({ village }: { village: CountyVillage }) {
  const { t } = useT(NS);
  const { token, authLost, reloadCounty } = useConsole();
  const form = useFormErrors(NS, authLost);
  const [effective, setEffective] = useState(shanghaiDay());
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const load = useLoad(() => fetchVillageHistory(village.id, token), [village.id]);
  const history = [...(load.data ?? [])].reverse();

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setSaved(false);
    setBusy(true);
    try {
      await setVillagePovertyStatus({ villageId: village.id, povertyStricken: !village.povertyStricken, ...(effective ? { effectiveAt: dayStart(effective) } : {}) }, token);
      setSaved(true);
      load.reload();
      reloadCounty();
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const rest = form.rest(['effectiveAt', 'povertyStricken']);
  return (
    <section class="card" aria-labelledby="village-panel-title" data-testid="village-panel">
      <div class="card__head">
        <h3 id="village-panel-title">
          {village.name} <span class="muted small">{village.township}</span>
        </h3>
        <VillageFlag stricken={village.povertyStricken} />
      </div>
      <h4>{t('villages.history')}</h4>
      <LoadError load={load} />
      <ol class={`timeline${load.loading ? ' is-loading' : ''}`} data-testid="village-timeline" aria-busy={load.loading}>
        {history.map((e, i) => (
          <li key={e.id} class={`timeline__entry${i === 0 ? ' timeline__entry--current' : ''}`}>
            <p class="timeline__when">
              <time dateTime={e.effectiveAt}>{day(e.effectiveAt)}</time> {e.povertyStricken ? t('villages.reentered') : t('villages.exited')}
            </p>
            <p class="muted small">
              {t('household.recorded')} <When iso={e.recordedAt} /> · {e.recordedBy ? e.recordedBy.displayName : t('household.bySeed')}
            </p>
          </li>
        ))}
        <li class="timeline__entry">
          <p class="timeline__when">{t('villages.designation')}</p>
          <p class="muted small">{history.length ? (history[history.length - 1].povertyStricken ? t('villages.notStricken') : t('villages.stricken')) : village.povertyStricken ? t('villages.stricken') : t('villages.notStricken')}</p>
        </li>
      </ol>
      <form class="form" onSubmit={submit} noValidate aria-labelledby="village-form-title">
        <h4 id="village-form-title">{village.povertyStricken ? t('villages.recordExit') : t('villages.recordReentry')}</h4>
        <TextField form={form} id="vl-effective" field="effectiveAt" label={t('effectiveDate')} hint={t('household.effectiveHint')} type="date" value={effective} onValue={setEffective} />
        {rest && <Alert>{rest}</Alert>}
        {saved && <Alert kind="info">{t('villages.saved')}</Alert>}
        <button type="submit" class="button button--primary" disabled={busy} data-testid="village-submit">
          {busy ? t('saving') : village.povertyStricken ? t('villages.recordExit') : t('villages.recordReentry')}
        </button>
      </form>
    </section>
  );
}
