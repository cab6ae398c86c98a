import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { useT, yuan } from '../shared/i18n';
import { Alert, Field, invalid } from '../shared/ui';
import { AccountForms } from './account';
import { byStation, cartTotal, clearCart, useCart } from './cart';
import { Address, fetchStations, placeOrder, Station } from './queries';
import { Link, navigate } from './router';
import { signedOut, useSession } from './session';
import { errorText } from './widgets';

// One idempotency key per attempt at buying this cart, kept in sessionStorage: a double click, or a
// retry after the answer was lost (network), sends the same key and the server answers with the one
// order it made. A definite refusal (declined card, bad input, no stock) made nothing, so the next
// attempt gets a fresh key.
const KEY = 'marketplace.checkout-key';

function checkoutKey(): string {
  let key = sessionStorage.getItem(KEY);
  if (!key) {
    key = crypto.randomUUID();
    sessionStorage.setItem(KEY, key);
  }
  return key;
}

function freshKey(): void {
  sessionStorage.removeItem(KEY);
}

/** The sandbox's declined test card; any other card number is captured. */
export const DECLINED_CARD = '4000000000000002';

export function CheckoutPage() {
  const { t } = useT('shop');
  const session = useSession();
  const lines = useCart();
  const [mode, setMode] = useState<'delivery' | 'pickup'>('delivery');
  const [address, setAddress] = useState<Address>({ recipient: '', phone: '', province: '', city: '', line1: '', postalCode: '' });
  const [stations, setStations] = useState<Station[] | null>(null);
  const [pickup, setPickup] = useState('');
  const [card, setCard] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submitting = useRef(false);

  useEffect(() => {
    if (mode === 'pickup' && stations === null) fetchStations().then(setStations, (e) => setErrors({ '': errorText(e, t) }));
  }, [mode]);

  if (!session || session.user.role !== 'BUYER') {
    return (
      <div class="checkout">
        <h1>{t('checkoutTitle')}</h1>
        <Alert kind="info">{session ? t('buyersOnly') : t('signInToBuy')}</Alert>
        <AccountForms />
      </div>
    );
  }
  if (lines.length === 0) {
    return (
      <div class="card">
        <h1>{t('checkoutTitle')}</h1>
        <p class="empty">{t('cartEmpty')}</p>
        <Link href="/shop">{t('backToShop')}</Link>
      </div>
    );
  }

  const set = (k: keyof Address) => (e: Event) => setAddress({ ...address, [k]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (event: Event) => {
    event.preventDefault();
    // A second click while the first is on its way does nothing (and would send the same key anyway).
    if (submitting.current) return;
    const digits = card.replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(digits)) {
      setErrors({ card: t('cardFormat') });
      return;
    }
    if (mode === 'pickup' && !pickup) {
      setErrors({ pickupStationId: t('pickStation') });
      return;
    }
    submitting.current = true;
    setBusy(true);
    setErrors({});
    try {
      const order = await placeOrder(
        {
          idempotencyKey: checkoutKey(),
          lines: lines.map((l) => ({ listingId: l.listingId, quantity: l.quantity })),
          paymentToken: digits === DECLINED_CARD ? 'decline' : `tok_sandbox_${digits.slice(-4)}`,
          ...(mode === 'delivery' ? { shippingAddress: { ...address, postalCode: address.postalCode?.trim() || undefined } } : { pickupStationId: pickup }),
        },
        session,
      );
      freshKey();
      clearCart();
      navigate(`/shop/orders/${order.id}?placed=1`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        signedOut();
        return;
      }
      // Lost on the way: the order may exist; the retry keeps the key and finds it.
      if (!(error instanceof ApiError) || error.code !== 'NETWORK') freshKey();
      if (error instanceof ApiError && error.code === 'PAYMENT_DECLINED') setErrors({ card: t('errors.PAYMENT_DECLINED') });
      else if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') setErrors({ ...error.byField(), '': t('checkInput') });
      else setErrors({ '': errorText(error, t) });
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  const groups = byStation(lines);
  return (
    <form class="checkout" onSubmit={submit} noValidate aria-labelledby="checkout-title">
      <h1 id="checkout-title">{t('checkoutTitle')}</h1>
      <section class="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('orderSummary')}</h2>
        {groups.map((g) => (
          <div key={g.station.id} class="summary__station">
            <h3>{g.station.name}</h3>
            <ul>
              {g.lines.map((l) => (
                <li key={l.listingId}>
                  {l.title} × {l.quantity} {l.unit} <strong>{yuan(l.priceFen * l.quantity)}</strong>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <p class="summary__total">
          {t('total')} <strong data-testid="checkout-total">{yuan(cartTotal(lines))}</strong>
        </p>
      </section>

      <fieldset class="card">
        <legend>{t('howToReceive')}</legend>
        <label class="check">
          <input type="radio" name="mode" value="delivery" checked={mode === 'delivery'} onChange={() => setMode('delivery')} />
          <span>{t('homeDelivery')}</span>
        </label>
        <label class="check">
          <input type="radio" name="mode" value="pickup" checked={mode === 'pickup'} onChange={() => setMode('pickup')} />
          <span>{t('pickupAtStation')}</span>
        </label>
        {mode === 'delivery' ? (
          <div class="address">
            <Field id="recipient" label={t('recipient')} error={errors.recipient}>
              <input id="recipient" autocomplete="name" value={address.recipient} onInput={set('recipient')} {...invalid('recipient', errors.recipient)} />
            </Field>
            <Field id="phone" label={t('phone')} error={errors.phone}>
              <input id="phone" type="tel" autocomplete="tel" inputMode="tel" value={address.phone} onInput={set('phone')} {...invalid('phone', errors.phone)} />
            </Field>
            <Field id="province" label={t('province')} error={errors.province}>
              <input id="province" autocomplete="address-level1" value={address.province} onInput={set('province')} {...invalid('province', errors.province)} />
            </Field>
            <Field id="city" label={t('city')} error={errors.city}>
              <input id="city" autocomplete="address-level2" value={address.city} onInput={set('city')} {...invalid('city', errors.city)} />
            </Field>
            <Field id="line1" label={t('line1')} error={errors.line1} class="address__wide">
              <input id="line1" autocomplete="street-address" value={address.line1} onInput={set('line1')} {...invalid('line1', errors.line1)} />
            </Field>
            <Field id="postalCode" label={t('postalCode')} error={errors.postalCode}>
              <input id="postalCode" autocomplete="postal-code" inputMode="numeric" value={address.postalCode} onInput={set('postalCode')} {...invalid('postalCode', errors.postalCode)} />
            </Field>
          </div>
        ) : (
          <Field id="pickup" label={t('pickupStation')} error={errors.pickupStationId}>
            <select id="pickup" value={pickup} onChange={(e) => setPickup(e.currentTarget.value)} {...invalid('pickup', errors.pickupStationId)}>
              <option value="">{stations ? t('chooseStation') : t('loading')}</option>
              {stations?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.village.name})
                </option>
              ))}
            </select>
          </Field>
        )}
      </fieldset>

      <fieldset class="card">
        <legend>{t('payment')}</legend>
        <Field id="card" label={t('cardNumber')} error={errors.card ?? errors.paymentToken} hint={t('sandboxHint')}>
          <input id="card" inputMode="numeric" autocomplete="cc-number" value={card} onInput={(e) => setCard(e.currentTarget.value)} {...invalid('card', errors.card ?? errors.paymentToken)} />
        </Field>
      </fieldset>

      {errors[''] && <Alert>{errors['']}</Alert>}
      <button type="submit" class="button button--primary button--wide" disabled={busy} data-testid="place-order">
        {busy ? t('placing') : t('payAndOrder', { total: yuan(cartTotal(lines)) })}
      </button>
    </form>
  );
}
