import { useEffect, useState } from 'preact/hooks';
import { LanguageSwitch, useT } from '../shared/i18n';
import { goHome } from '../shared/roles';
import { Submit } from '../shared/ui';
import { AccountForms } from './account';
import { BrowsePage } from './browse';
import { useCart } from './cart';
import { CartPage } from './cart-page';
import { CheckoutPage } from './checkout';
import { ListingPage } from './listing';
import { OrderPage, OrdersPage } from './order';
import { Link, Location, navigate, useLocation } from './router';
import { signedOut, useSession } from './session';

export function Shop() {
  const { t } = useT('shop');
  const loc = useLocation();
  const session = useSession();
  useEffect(() => {
    document.title = t('shopName');
  }, [loc.path, t]);
  useEffect(() => {
    // The shop is for buyers (and anyone browsing): a signed-in operator, official or admin goes on to their own page.
    if (session && session.user.role !== 'BUYER') goHome(session.user.role);
  }, [session]);
  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <Header loc={loc} />
      <main id="main" class="shop-main" tabIndex={-1}>
        <Route loc={loc} />
      </main>
      <footer class="shop-footer muted small">
        <p>{t('footer')}</p>
      </footer>
    </>
  );
}

function Route({ loc }: { loc: Location }) {
  const { t } = useT('shop');
  const parts = loc.path.split('/').filter(Boolean); // ['shop', ...]
  const [, section, id] = parts;
  if (!section) return <BrowsePage loc={loc} />;
  if (section === 'listings' && id) return <ListingPage id={id} />;
  if (section === 'cart') return <CartPage />;
  if (section === 'checkout') return <CheckoutPage />;
  if (section === 'orders' && id) return <OrderPage id={id} placed={loc.params.get('placed') === '1'} />;
  if (section === 'orders') return <OrdersPage />;
  if (section === 'account') return <AccountPage next={loc.params.get('next') ?? '/shop/orders'} />;
  return (
    <div class="card">
      <h1>{t('notFound')}</h1>
      <Link href="/shop">{t('backToShop')}</Link>
    </div>
  );
}

function AccountPage({ next }: { next: string }) {
  const session = useSession();
  const safeNext = next.startsWith('/shop') ? next : '/shop';
  useEffect(() => {
    if (session) navigate(safeNext, { replace: true });
  }, [session]);
  return <AccountForms next={safeNext} />;
}

function Header({ loc }: { loc: Location }) {
  const { t } = useT('shop');
  const session = useSession();
  const cart = useCart();
  const count = cart.reduce((n, l) => n + l.quantity, 0);
  const [q, setQ] = useState(loc.params.get('q') ?? '');
  useEffect(() => setQ(loc.params.get('q') ?? ''), [loc.params.get('q')]);

  const search = (e: Event) => {
    e.preventDefault();
    const params = loc.path === '/shop' ? new URLSearchParams(loc.params) : new URLSearchParams();
    params.delete('after');
    if (q.trim()) params.set('q', q.trim());
    else params.delete('q');
    const qs = params.toString();
    navigate(qs ? `/shop?${qs}` : '/shop');
  };

  return (
    <header class="shop-header">
      <div class="shop-header__row">
        <Link href="/shop" class="brand">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#0f6e4f" />
            <path d="M9 22c0-8 6-13 15-13-1 9-6 15-15 13z" fill="#fff" />
          </svg>
          <span>{t('shopShort')}</span>
        </Link>
        <nav class="shop-nav" aria-label={t('mainNav')}>
          <Link href="/shop/cart" data-testid="cart-link" aria-current={loc.path === '/shop/cart' ? 'page' : undefined}>
            {t('cart')}
            {count > 0 && (
              <span class="count" data-testid="cart-count">
                {count}
              </span>
            )}
          </Link>
          {session ? (
            <>
              <Link href="/shop/orders">{t('myOrders')}</Link>
              <button type="button" class="button button--quiet" onClick={signedOut}>
                {t('signOut')}
              </button>
            </>
          ) : (
            <Link href={`/shop/account?next=${encodeURIComponent(loc.path + (loc.params.toString() ? `?${loc.params}` : ''))}`}>{t('signIn')}</Link>
          )}
          <LanguageSwitch />
        </nav>
      </div>
      <form class="search" role="search" onSubmit={search}>
        <label for="search" class="visually-hidden">
          {t('searchLabel')}
        </label>
        <input id="search" type="search" enterKeyHint="search" placeholder={t('searchPlaceholder')} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <Submit label={t('search')} />
      </form>
    </header>
  );
}
