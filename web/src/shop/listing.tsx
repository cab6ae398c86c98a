import { useEffect, useState } from 'preact/hooks';
import { useT, yuan } from '../shared/i18n';
import { Alert } from '../shared/ui';
import { addToCart } from './cart';
import { fetchListing, ListingDetail } from './queries';
import { Link } from './router';
import { Badge, errorText, PhotoImg } from './widgets';

export function ListingPage({ id }: { id: string }) {
  const { t } = useT('shop');
  const [listing, setListing] = useState<ListingDetail | null | undefined>(undefined);
  const [error, setError] = useState<string>();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const [photo, setPhoto] = useState(0);

  useEffect(() => {
    setListing(undefined);
    fetchListing(id).then(setListing, (e) => setError(errorText(e, t)));
  }, [id]);

  useEffect(() => {
    if (listing) document.title = `${listing.title} · ${t('shopName')}`;
  }, [listing]);

  if (error) return <Alert>{error}</Alert>;
  if (listing === undefined) return <p class="muted" aria-busy="true">{t('loading')}</p>;
  if (listing === null)
    return (
      <div class="card">
        <h1>{t('notFound')}</h1>
        <Link href="/shop">{t('backToShop')}</Link>
      </div>
    );

  const l = listing;
  const v = l.originVillage;
  const onSale = l.status === 'ACTIVE' && l.available > 0;
  const add = () => {
    addToCart({ listingId: l.id, quantity, title: l.title, unit: l.unit, priceFen: l.priceFen, available: l.available, station: { id: l.station.id, name: l.station.name }, photo: l.photos[0]?.srcset.split(' ')[0] ?? null });
    setAdded(true);
  };

  return (
    <article class="listing" aria-labelledby="listing-title">
      <div class="listing__photos">
        <PhotoImg photo={l.photos[photo]} alt={l.title} sizes="(min-width: 900px) 480px, 100vw" eager class="listing__photo" />
        {l.photos.length > 1 && (
          <div class="thumbs" role="group" aria-label={t('photos')}>
            {l.photos.map((p, i) => (
              <button type="button" key={p.url + i} class="thumb" aria-pressed={i === photo} aria-label={t('photoN', { n: i + 1 })} onClick={() => setPhoto(i)}>
                <img src={p.srcset.split(' ')[0]} alt="" width={64} height={Math.round((64 * p.height) / p.width)} loading="lazy" />
              </button>
            ))}
          </div>
        )}
      </div>
      <div class="listing__main">
        <h1 id="listing-title">{l.title}</h1>
        <p class="listing__price">
          <strong data-testid="price">{yuan(l.priceFen)}</strong> <span class="muted">/ {l.unit}</span>
        </p>
        {l.povertyAlleviation && <Badge explain />}
        <p class="listing__description">{l.description}</p>

        <div class="buy card">
          {onSale ? (
            <>
              <label class="field buy__qty">
                <span>
                  {t('quantity')} ({l.unit})
                </span>
                <input type="number" min={1} max={l.available} value={quantity} onInput={(e) => setQuantity(Math.max(1, Math.min(l.available, Number(e.currentTarget.value) || 1)))} />
              </label>
              <p class="muted small">{t('inStock', { count: l.available, unit: l.unit })}</p>
              <button type="button" class="button button--primary button--wide" onClick={add}>
                {t('addToCart')}
              </button>
              {added && (
                <p class="notice" role="status">
                  {t('added')} <Link href="/shop/cart">{t('viewCart')}</Link>
                </p>
              )}
            </>
          ) : (
            <p class="muted">{t('soldOut')}</p>
          )}
        </div>

        <section class="origin card" aria-labelledby="origin-title" data-testid="origin">
          <h2 id="origin-title">{t('origin')}</h2>
          <dl>
            <dt>{t('village')}</dt>
            <dd>
              {v.name}
              {v.povertyStricken && <span class="tag">{t('povertyVillage')}</span>}
            </dd>
            <dt>{t('township')}</dt>
            <dd>{v.township.name}</dd>
            <dt>{t('county')}</dt>
            <dd>
              {v.county.name}
              {v.county.nationalPovertyCounty && <span class="tag">{t('nationalPovertyCounty')}</span>}
            </dd>
            <dt>{t('shipsFrom')}</dt>
            <dd>
              {l.station.name}
              <span class="muted small"> ({l.station.village.name})</span>
            </dd>
          </dl>
        </section>

        <MoneySplit listing={l} />
      </div>
    </article>
  );
}

/** Of the price of one unit: what reaches the households, the station and the platform (server-computed). */
function MoneySplit({ listing }: { listing: ListingDetail }) {
  const { t } = useT('shop');
  const s = listing.priceSplit;
  const pct = (fen: number) => `${Math.round((fen * 1000) / s.priceFen) / 10}%`;
  const parts = [
    { key: 'households', fen: s.householdsFen, label: t('toHouseholds') },
    { key: 'station', fen: s.stationCommissionFen, label: t('toStation', { rate: s.stationCommissionBps / 100 }) },
    { key: 'platform', fen: s.platformFeeFen, label: t('toPlatform', { rate: s.platformFeeBps / 100 }) },
  ];
  return (
    <section class="money card" aria-labelledby="money-title" data-testid="money-split">
      <h2 id="money-title">{t('whereMoneyGoes')}</h2>
      <p class="muted small">{t('ofUnitPrice', { price: yuan(s.priceFen), unit: listing.unit })}</p>
      <div class="money__bar" aria-hidden="true">
        {parts.map((p) => (
          <span key={p.key} class={`money__part money__part--${p.key}`} style={{ width: pct(p.fen) }} />
        ))}
      </div>
      <ul class="money__list">
        {parts.map((p) => (
          <li key={p.key} data-part={p.key}>
            <span class={`swatch swatch--${p.key}`} aria-hidden="true" />
            <span class="money__label">{p.label}</span>
            <strong>{yuan(p.fen)}</strong>
            <span class="muted small">{pct(p.fen)}</span>
          </li>
        ))}
      </ul>
      <p class="muted small">{t('moneyNote')}</p>
    </section>
  );
}
