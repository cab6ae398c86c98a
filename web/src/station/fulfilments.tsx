import { useState } from 'preact/hooks';
import { ApiError, messageOf, otherErrors } from '../shared/api';
import { formatCount, stampLabel } from '../shared/format';
import { Field, invalid } from '../shared/ui';
import { accept, Fulfilment, markCollected, markShipped, Work, WorkStatus } from './queries';

export const GROUPS: Array<{ status: WorkStatus; title: string; short: string; empty: string }> = [
  { status: 'ROUTED', title: 'To accept', short: 'Accept', empty: 'No new fulfilment to accept.' },
  { status: 'ACCEPTED', title: 'To collect from households', short: 'Collect', empty: 'Nothing waiting to be collected.' },
  { status: 'COLLECTED', title: 'To ship', short: 'Ship', empty: 'Nothing waiting to be shipped.' },
  { status: 'SHIPPED', title: 'Shipped, awaiting delivery', short: 'Shipped', empty: 'Nothing in transit.' },
];

/** The station's fulfilments grouped by the step they wait for, each with its next action. */
export function WorkList(props: { work: Work; token: string; onMoved: (from: WorkStatus, updated: Fulfilment) => void; onAuthLost: () => void }) {
  return (
    <section class="work" aria-labelledby="work-title">
      <div class="work__head">
        <h2 id="work-title">Fulfilments</h2>
        <nav class="counts" aria-label="Fulfilments by status">
          {GROUPS.map((g) => (
            <a key={g.status} class={`count${props.work[g.status].totalCount > 0 && g.status !== 'SHIPPED' ? ' count--due' : ''}`} href={`#group-${g.status}`} data-count={g.status}>
              <span class="count__n">{formatCount(props.work[g.status].totalCount)}</span>
              <span class="count__label">{g.short}</span>
            </a>
          ))}
        </nav>
      </div>
      {GROUPS.map((g) => {
        const group = props.work[g.status];
        return (
          <section key={g.status} id={`group-${g.status}`} class="card group" aria-labelledby={`group-${g.status}-title`} data-group={g.status}>
            <h3 id={`group-${g.status}-title`} class="group__title">
              {g.title} <span class="badge">{formatCount(group.totalCount)}</span>
            </h3>
            {group.items.length === 0 ? (
              <p class="muted small">{g.empty}</p>
            ) : (
              <ul class="fulfilments">
                {group.items.map((f) => (
                  <FulfilmentItem key={f.id} fulfilment={f} status={g.status} token={props.token} onMoved={props.onMoved} onAuthLost={props.onAuthLost} />
                ))}
              </ul>
            )}
            {group.totalCount > group.items.length && <p class="muted small">Showing the oldest {formatCount(group.items.length)}; the rest follow as these are done.</p>}
          </section>
        );
      })}
    </section>
  );
}

function FulfilmentItem(props: { fulfilment: Fulfilment; status: WorkStatus; token: string; onMoved: (from: WorkStatus, updated: Fulfilment) => void; onAuthLost: () => void }) {
  const f = props.fulfilment;
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');

  const run = async (action: () => Promise<Fulfilment>) => {
    setBusy(true);
    setErrors({});
    try {
      props.onMoved(props.status, await action());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return props.onAuthLost();
      setErrors(error instanceof ApiError ? error.byField() : { '': messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const address = f.order.shippingAddress;
  const idp = `f${f.id}`;
  return (
    <li class="fulfilment" data-fulfilment-id={f.id} data-status={f.status}>
      <div class="fulfilment__head">
        <span class="fulfilment__id">Fulfilment #{f.id}</span>
        <span class="muted small">
          Order #{f.order.id} · placed {stampLabel(f.order.placedAt)}
        </span>
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
            <span class="muted">Ship to </span>
            {address.recipient}, {address.province === address.city ? address.city : `${address.province} ${address.city}`} {address.line1} · {address.phone}
          </>
        ) : (
          <>
            <span class="muted">Pickup at </span>
            {f.order.pickupStation?.name ?? 'the station'}
          </>
        )}
      </p>
      {props.status === 'SHIPPED' && (
        <p class="small">
          <span class="badge badge--accent">Shipped</span> {f.carrier} {f.trackingNumber} · {stampLabel(f.updatedAt)}
        </p>
      )}
      {props.status === 'ROUTED' && (
        <div class="fulfilment__action">
          <button type="button" class="button button--primary" disabled={busy} onClick={() => run(() => accept(f.id, props.token))}>
            Accept
          </button>
        </div>
      )}
      {props.status === 'ACCEPTED' && (
        <div class="fulfilment__action">
          <button type="button" class="button button--primary" disabled={busy} onClick={() => run(() => markCollected(f.id, props.token))}>
            Mark collected
          </button>
        </div>
      )}
      {props.status === 'COLLECTED' && (
        <form
          class="ship"
          noValidate
          aria-label={`Ship fulfilment ${f.id}`}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => markShipped(f.id, carrier, tracking, props.token));
          }}
        >
          <Field id={`${idp}-carrier`} label="Carrier" error={errors.carrier}>
            <input id={`${idp}-carrier`} name="carrier" required autocomplete="off" list="carriers" value={carrier} onInput={(e) => setCarrier(e.currentTarget.value)} {...invalid(`${idp}-carrier`, errors.carrier)} />
          </Field>
          <Field id={`${idp}-tracking`} label="Tracking number" error={errors.trackingNumber}>
            <input id={`${idp}-tracking`} name="trackingNumber" required autocomplete="off" autocapitalize="characters" value={tracking} onInput={(e) => setTracking(e.currentTarget.value)} {...invalid(`${idp}-tracking`, errors.trackingNumber)} />
          </Field>
          <button type="submit" class="button button--primary" disabled={busy}>
            Mark shipped
          </button>
        </form>
      )}
      {otherErrors(errors, props.status === 'COLLECTED' ? ['carrier', 'trackingNumber'] : []) && (
        <p class="field__error" role="alert">
          {otherErrors(errors, props.status === 'COLLECTED' ? ['carrier', 'trackingNumber'] : [])}
        </p>
      )}
    </li>
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
