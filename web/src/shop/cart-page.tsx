import { useT, yuan } from '../shared/i18n';
import { byStation, cartTotal, removeFromCart, setQuantity, useCart } from './cart';
import { Link } from './router';

export function CartPage() {
  const { t } = useT('shop');
  const lines = useCart();
  if (lines.length === 0) {
    return (
      <div class="card">
        <h1>{t('cart')}</h1>
        <p class="empty">{t('cartEmpty')}</p>
        <Link href="/shop" class="button">
          {t('backToShop')}
        </Link>
      </div>
    );
  }
  const groups = byStation(lines);
  return (
    <div class="cart">
      <h1>{t('cart')}</h1>
      {groups.length > 1 && <p class="muted">{t('severalStations', { count: groups.length })}</p>}
      {groups.map((g) => (
        <section class="card" key={g.station.id} aria-label={g.station.name} data-testid="cart-station">
          <h2 class="cart__station">{g.station.name}</h2>
          <ul class="cart__lines">
            {g.lines.map((l) => (
              <li key={l.listingId} class="cart__line">
                <Link href={`/shop/listings/${l.listingId}`} class="cart__title">
                  {l.title}
                </Link>
                <span class="muted small">
                  {yuan(l.priceFen)} / {l.unit}
                </span>
                <label class="cart__qty">
                  <span class="visually-hidden">{t('quantityOf', { title: l.title })}</span>
                  <input type="number" min={1} max={l.available} value={l.quantity} onChange={(e) => setQuantity(l.listingId, Math.max(1, Math.min(l.available, Number(e.currentTarget.value) || 1)))} />
                </label>
                <strong class="cart__sum">{yuan(l.priceFen * l.quantity)}</strong>
                <button type="button" class="button button--quiet" onClick={() => removeFromCart(l.listingId)} aria-label={t('removeItem', { title: l.title })}>
                  {t('remove')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <div class="card cart__total">
        <p>
          {t('total')} <strong data-testid="cart-total">{yuan(cartTotal(lines))}</strong>
        </p>
        <Link href="/shop/checkout" class="button button--primary button--wide">
          {t('checkout')}
        </Link>
      </div>
    </div>
  );
}
