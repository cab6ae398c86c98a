import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { beijingTime, useT, yuan } from '../shared/i18n';
import { Alert } from '../shared/ui';
import { AccountForms } from './account';
import { cancelOrder, confirmDelivery, fetchMyOrders, fetchOrder, Fulfilment, Order } from './queries';
import { Link } from './router';
import { signedOut, useSession } from './session';
import { errorText } from './widgets';

const STEPS = ['ACCEPTED', 'COLLECTED', 'SHIPPED', 'DELIVERED'] as const;
const RANK: Record<Fulfilment['status'], number> = { UNROUTED: 0, ROUTED: 0, ACCEPTED: 1, COLLECTED: 2, SHIPPED: 3, DELIVERED: 4, CANCELLED: -1 };

export function OrderPage({ id, placed }: { id: string; placed: boolean }) {
  const { t, lang } = useT('shop');
  const session = useSession();
  const [order, setOrder] = useState<Order | null | undefined>(undefined);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return signedOut();
    setError(errorText(e, t));
  };
  const load = () => {
    if (session) fetchOrder(id, session).then(setOrder, fail);
  };
  useEffect(load, [id, session?.token]);

  if (!session) return <AccountForms />;
  if (order === undefined) return <p class="muted">{error ?? t('loading')}</p>;
  if (order === null)
    return (
      <div class="card">
        <h1>{t('orderNotFound')}</h1>
        <Link href="/shop/orders">{t('myOrders')}</Link>
      </div>
    );

  const act = async (key: string, work: () => Promise<unknown>) => {
    setBusy(key);
    setError(undefined);
    try {
      await work();
      load();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };
  const cancellable = order.status !== 'CANCELLED' && order.fulfillments.every((f) => RANK[f.status] < 3 && f.status !== 'CANCELLED');

  return (
    <article class="order" aria-labelledby="order-title" data-status={order.status}>
      {placed && (
        <Alert kind="info">
          <span data-testid="order-placed">{t('orderPlaced')}</span>
        </Alert>
      )}
      <h1 id="order-title">{t('orderN', { id: order.id })}</h1>
      <p class="muted">
        {t('placedAt', { when: beijingTime(order.placedAt, lang) })} · <span data-testid="order-status">{t(`orderStatus.${order.status}`)}</span>
      </p>
      <section class="card">
        <ul class="order__lines">
          {order.lines.map((l) => (
            <li key={l.id}>
              <Link href={`/shop/listings/${l.listing.id}`}>{l.listing.title}</Link> × {l.quantity} {l.listing.unit} <strong>{yuan(l.lineTotalFen)}</strong>
            </li>
          ))}
        </ul>
        <p class="summary__total">
          {t('total')} <strong data-testid="order-total">{yuan(order.totalFen)}</strong>
        </p>
        <p class="muted small">
          {order.shippingAddress
            ? t('deliverTo', { who: order.shippingAddress.recipient, where: `${order.shippingAddress.province}${order.shippingAddress.city}${order.shippingAddress.line1}` })
            : t('pickupAt', { station: order.pickupStation?.name ?? '' })}
        </p>
      </section>

      <h2>{t('progress')}</h2>
      {order.fulfillments.map((f) => (
        <section class="card fulfilment" key={f.id} aria-label={f.station?.name ?? t('awaitingStation')} data-testid="fulfilment" data-status={f.status}>
          <h3>{f.station?.name ?? t('awaitingStation')}</h3>
          <p class="muted small">{f.lines.map((l) => `${l.listing.title} × ${l.quantity}`).join('，')}</p>
          {f.status === 'CANCELLED' ? (
            <p>{t('fulfilmentStatus.CANCELLED')}</p>
          ) : (
            <ol class="steps">
              {STEPS.map((step, i) => {
                const done = RANK[f.status] >= i + 1;
                return (
                  <li key={step} class={done ? 'step step--done' : 'step'} aria-current={RANK[f.status] === i + 1 ? 'step' : undefined}>
                    <span class="step__dot" aria-hidden="true" />
                    <span>
                      {t(`fulfilmentStatus.${step}`)}
                      {done && <span class="visually-hidden"> ✓</span>}
                    </span>
                    {step === 'SHIPPED' && f.carrier && done && (
                      <span class="muted small" data-testid="tracking">
                        {' '}
                        {t('carrierTracking', { carrier: f.carrier, tracking: f.trackingNumber })}
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
          <p class="muted small">{t('updatedAt', { when: beijingTime(f.updatedAt, lang) })}</p>
          {f.status === 'SHIPPED' && (
            <button type="button" class="button button--primary" disabled={busy !== undefined} onClick={() => act(f.id, () => confirmDelivery(f.id, session))}>
              {t('confirmDelivery')}
            </button>
          )}
        </section>
      ))}
      {error && <Alert>{error}</Alert>}
      {cancellable && (
        <button
          type="button"
          class="button button--danger"
          disabled={busy !== undefined}
          onClick={() => {
            if (confirm(t('cancelConfirm'))) void act('cancel', () => cancelOrder(order.id, session));
          }}
        >
          {t('cancelOrder')}
        </button>
      )}
    </article>
  );
}

export function OrdersPage() {
  const { t, lang } = useT('shop');
  const session = useSession();
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (session) fetchMyOrders(session).then(setOrders, (e) => (e instanceof ApiError && e.code === 'UNAUTHENTICATED' ? signedOut() : setError(errorText(e, t))));
  }, [session?.token]);
  if (!session) return <AccountForms />;
  return (
    <div>
      <h1>{t('myOrders')}</h1>
      {error && <Alert>{error}</Alert>}
      {orders?.length === 0 && <p class="empty">{t('noOrders')}</p>}
      <ul class="orders">
        {orders?.map((o) => (
          <li key={o.id} class="card">
            <Link href={`/shop/orders/${o.id}`}>{t('orderN', { id: o.id })}</Link>
            <span class="muted small"> {beijingTime(o.placedAt, lang)}</span>
            <span> · {t(`orderStatus.${o.status}`)}</span>
            <strong> {yuan(o.totalFen)}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
