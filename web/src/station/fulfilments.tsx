import { useEffect, useState } from 'preact/hooks';
import { useAuth, useLoadFailure } from '../shared/auth';
import { formatCount } from '../shared/format';
import { beijingTime, useT } from '../shared/i18n';
import { Alert, Submit, TextField, Th, useFormErrors } from '../shared/ui';
import { accept, fetchSlip, fetchWork, Fulfilment, markCollected, markShipped, SlipLine, StationInfo, Work, WorkStatus } from './queries';

const STATUSES: WorkStatus[] = ['ROUTED', 'ACCEPTED', 'COLLECTED', 'SHIPPED'];
const NEXT: Record<WorkStatus, WorkStatus | null> = { ROUTED: 'ACCEPTED', ACCEPTED: 'COLLECTED', COLLECTED: 'SHIPPED', SHIPPED: null };

/** The station's fulfilments grouped by the step they wait for, each with its next action and its packing slip. */
export function WorkSection({ station }: { station: StationInfo }) {
  const { t } = useT('station');
  const { session } = useAuth();
  const [work, setWork] = useState<Work | null>(null);
  const [error, setError] = useState<string>();
  const failed = useLoadFailure('station', setError);
  const [slip, setSlip] = useState<Fulfilment | null>(null);

  const load = () => {
    setError(undefined);
    fetchWork(station.id, session.token).then(setWork, failed);
  };
  useEffect(load, [station.id]);

  // A step done moves the fulfilment to the next group at once; its count follows.
  const moved = (from: WorkStatus, updated: Fulfilment) => {
    setWork((w) => {
      if (!w) return w;
      const next = NEXT[from];
      const out: Work = { ...w, [from]: { totalCount: Math.max(0, w[from].totalCount - 1), items: w[from].items.filter((f) => f.id !== updated.id) } };
      if (next) out[next] = { totalCount: w[next].totalCount + 1, items: [...w[next].items.filter((f) => f.id !== updated.id), updated] };
      return out;
    });
  };

  if (slip) return <PackingSlip fulfilment={slip} onClose={() => setSlip(null)} />;
  if (error)
    return (
      <Alert>
        {error}{' '}
        <button type="button" class="button button--quiet" onClick={load}>
          {t('tryAgain')}
        </button>
      </Alert>
    );
  if (!work) return <p class="muted">{t('loading')}</p>;
  return (
    <section class="work" aria-labelledby="work-title">
      <div class="work__head">
        <h2 id="work-title">{t('fulfilments')}</h2>
        <nav class="counts" aria-label={t('byStatus')}>
          {STATUSES.map((s) => (
            <a key={s} class={`count${work[s].totalCount > 0 && s !== 'SHIPPED' ? ' count--due' : ''}`} href={`#/work/${s}`} onClick={(e) => jumpTo(e, s)} data-count={s}>
              <span class="count__n">{formatCount(work[s].totalCount)}</span>
              <span class="count__label">{t(`group.${s}.short`)}</span>
            </a>
          ))}
        </nav>
      </div>
      {STATUSES.map((s) => {
        const group = work[s];
        return (
          <section key={s} id={`group-${s}`} class="card group" aria-labelledby={`group-${s}-title`} data-group={s}>
            <h3 id={`group-${s}-title`} class="group__title">
              {t(`group.${s}.title`)} <span class="badge">{formatCount(group.totalCount)}</span>
            </h3>
            {group.items.length === 0 ? (
              <p class="muted small">{t(`group.${s}.empty`)}</p>
            ) : (
              <ul class="fulfilments">
                {group.items.map((f) => (
                  <FulfilmentItem key={f.id} fulfilment={f} status={s} onMoved={moved} onSlip={() => setSlip(f)} />
                ))}
              </ul>
            )}
            {group.totalCount > group.items.length && <p class="muted small">{t('showingOldest', { n: formatCount(group.items.length) })}</p>}
          </section>
        );
      })}
      <CarrierList />
    </section>
  );
}

/** The count links scroll to their group without leaving the section's hash route. */
function jumpTo(event: MouseEvent, status: WorkStatus) {
  event.preventDefault();
  document.getElementById(`group-${status}`)?.scrollIntoView({ block: 'start' });
}

function addressLine(a: NonNullable<Fulfilment['order']['shippingAddress']>): string {
  return `${a.recipient}, ${a.province === a.city ? a.city : `${a.province} ${a.city}`} ${a.line1} · ${a.phone}`;
}

function FulfilmentItem(props: { fulfilment: Fulfilment; status: WorkStatus; onMoved: (from: WorkStatus, updated: Fulfilment) => void; onSlip: () => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const f = props.fulfilment;
  const [busy, setBusy] = useState(false);
  const form = useFormErrors('station', authLost);
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');

  const run = async (action: () => Promise<Fulfilment>) => {
    setBusy(true);
    form.clear();
    try {
      props.onMoved(props.status, await action());
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const address = f.order.shippingAddress;
  const idp = `f${f.id}`;
  const rest = form.rest(props.status === 'COLLECTED' ? ['carrier', 'trackingNumber'] : []);
  return (
    <li class="fulfilment" data-fulfilment-id={f.id} data-status={f.status}>
      <div class="fulfilment__head">
        <span class="fulfilment__id">{t('fulfilmentN', { id: f.id })}</span>
        <span class="muted small">{t('orderPlaced', { id: f.order.id, when: beijingTime(f.order.placedAt) })}</span>
      </div>
      <ul class="fulfilment__lines">
        {f.lines.map((l) => (
          <li key={l.id}>
            <strong>{l.listing.title}</strong> × {formatCount(l.quantity)} {l.listing.unit}
          </li>
        ))}
      </ul>
      <p class="fulfilment__to small">
        {address ? (
          <>
            <span class="muted">{t('shipTo')} </span>
            {addressLine(address)}
          </>
        ) : (
          <>
            <span class="muted">{t('pickupAt')}</span>
            {f.order.pickupStation?.name ?? t('theStation')}
          </>
        )}
      </p>
      {props.status === 'SHIPPED' && (
        <p class="small">
          <span class="badge badge--accent">{t('shipped')}</span> {f.carrier} {f.trackingNumber} · {beijingTime(f.updatedAt)}
        </p>
      )}
      <div class="fulfilment__action">
        {props.status === 'ROUTED' && (
          <button type="button" class="button button--primary" disabled={busy} onClick={() => run(() => accept(f.id, session.token))}>
            {t('accept')}
          </button>
        )}
        {props.status === 'ACCEPTED' && (
          <button type="button" class="button button--primary" disabled={busy} onClick={() => run(() => markCollected(f.id, session.token))}>
            {t('markCollected')}
          </button>
        )}
        {props.status !== 'SHIPPED' && (
          <button type="button" class="button button--quiet" onClick={props.onSlip} data-testid="packing-slip">
            {t('packingSlip')}
          </button>
        )}
      </div>
      {props.status === 'COLLECTED' && (
        <form
          class="ship"
          noValidate
          aria-label={t('shipForm', { id: f.id })}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => markShipped(f.id, carrier, tracking, session.token));
          }}
        >
          <TextField form={form} id={`${idp}-carrier`} field="carrier" label={t('carrier')} name="carrier" required autocomplete="off" list="carriers" value={carrier} onValue={setCarrier} />
          <TextField form={form} id={`${idp}-tracking`} field="trackingNumber" label={t('trackingNumber')} name="trackingNumber" required autocomplete="off" autocapitalize="characters" value={tracking} onValue={setTracking} />
          <Submit label={t('markShipped')} busy={busy} />
        </form>
      )}
      {rest && (
        <p class="field__error" role="alert">
          {rest}
        </p>
      )}
    </li>
  );
}

/**
 * What to collect from which household for one fulfilment, and where it goes: a page of its own,
 * printed with the browser's print (the print style sheet leaves out everything else).
 */
function PackingSlip({ fulfilment: f, onClose }: { fulfilment: Fulfilment; onClose: () => void }) {
  const { t } = useT('station');
  const { session } = useAuth();
  const [lines, setLines] = useState<SlipLine[] | null>(null);
  const [error, setError] = useState<string>();
  const failed = useLoadFailure('station', setError);

  useEffect(() => {
    fetchSlip(f.order.id, f.lines.map((l) => l.id), session.token).then(setLines, failed);
    window.scrollTo(0, 0);
  }, [f.id]);

  const address = f.order.shippingAddress;
  return (
    <section class="card slip" aria-labelledby="slip-title" data-slip-for={f.id}>
      <div class="slip__tools no-print">
        <button type="button" class="button button--quiet" onClick={onClose}>
          ← {t('backToWork')}
        </button>
        <button type="button" class="button button--primary" onClick={() => window.print()} disabled={!lines}>
          {t('printSlip')}
        </button>
      </div>
      <h2 id="slip-title">{t('slipTitle', { id: f.id })}</h2>
      <p class="muted small">{t('orderPlaced', { id: f.order.id, when: beijingTime(f.order.placedAt) })}</p>
      <h3>{t('slipCollect')}</h3>
      {error && <Alert>{error}</Alert>}
      {!lines && !error && <p class="muted">{t('loading')}</p>}
      {lines && (
        <div class="table-wrap">
          <table class="slip__table">
            <thead>
              <tr>
                <th scope="col">{t('slipItem')}</th>
                <th scope="col">{t('slipHousehold')}</th>
                <th scope="col">{t('slipVillage')}</th>
                <Th num>{t('slipQty')}</Th>
                <th scope="col" class="slip__check">
                  ✓
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.flatMap((l) =>
                l.allocations && l.allocations.length > 0
                  ? l.allocations.map((a, i) => (
                      <tr key={`${l.id}-${i}`} data-household-id={a.household.id}>
                        <td>{l.listing.title}</td>
                        <td>{[a.household.headName ?? t('householdN', { id: a.household.id }), a.household.registryNumber].filter(Boolean).join(' · ')}</td>
                        <td>{a.household.village.name}</td>
                        <td class="num">
                          {formatCount(a.quantity)} {l.listing.unit}
                        </td>
                        <td class="slip__check" aria-hidden="true">
                          ☐
                        </td>
                      </tr>
                    ))
                  : [
                      <tr key={l.id}>
                        <td>{l.listing.title}</td>
                        <td colSpan={2} class="muted">
                          {t('slipNoAllocations')}
                        </td>
                        <td class="num">
                          {formatCount(l.quantity)} {l.listing.unit}
                        </td>
                        <td class="slip__check" aria-hidden="true">
                          ☐
                        </td>
                      </tr>,
                    ],
              )}
            </tbody>
          </table>
        </div>
      )}
      <h3>{address ? t('slipShipTo') : t('slipPickup')}</h3>
      <p class="slip__address" data-testid="slip-address">
        {address ? addressLine(address) : (f.order.pickupStation?.name ?? t('theStation'))}
      </p>
      <p class="slip__sign">{t('slipSigned')}</p>
    </section>
  );
}

/** Suggestions for the carrier field (any name is accepted). */
export function CarrierList() {
  return (
    <datalist id="carriers">
      {['顺丰速运', '中国邮政 EMS', '京东物流', '中通快递', '圆通速递', '韵达快递'].map((c) => (
        <option key={c} value={c} />
      ))}
    </datalist>
  );
}
