import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { parseYuan, useT, yuan } from '../shared/i18n';
import { Alert, Options } from '../shared/ui';
import { browse, BrowseQuery, CountyPlaces, fetchFilters, fetchVillages, ListingCard, Place } from './queries';
import { Link, Location, navigate } from './router';
import { Badge, errorText, PhotoImg } from './widgets';

/** The query string of a browse state; `after` repeats: the cursors of the pages before, then this page's. */
function browseUrl(params: URLSearchParams, changes: Record<string, string | null>, keepPage = false): string {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
  }
  if (!keepPage) next.delete('after');
  const qs = next.toString();
  return qs ? `/shop?${qs}` : '/shop';
}

function queryOf(params: URLSearchParams): BrowseQuery {
  const fen = (key: string) => {
    const raw = params.get(key);
    return raw && /^\d+$/.test(raw) ? Number(raw) : null;
  };
  const cursors = params.getAll('after');
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? undefined,
    county: params.get('county') ?? undefined,
    village: params.get('village') ?? undefined,
    category: params.get('category') ?? undefined,
    badge: params.get('badge') === '1',
    min: fen('min'),
    max: fen('max'),
    sort: sort === 'PRICE_ASC' || sort === 'PRICE_DESC' ? sort : 'NEWEST',
    after: cursors.length ? cursors[cursors.length - 1] : undefined,
  };
}

export function BrowsePage({ loc }: { loc: Location }) {
  const { t } = useT('shop');
  const query = queryOf(loc.params);
  const key = loc.params.toString();
  // The page shown, with the query string it answers: busy until it answers the one in the URL.
  const [result, setResult] = useState<(Awaited<ReturnType<typeof browse>> & { key: string }) | null>(null);
  const [error, setError] = useState<string>();
  const [filters, setFilters] = useState<{ counties: Place[]; categories: string[] } | null>(null);
  const [places, setPlaces] = useState<CountyPlaces | null>(null);

  useEffect(() => {
    fetchFilters().then(setFilters, () => undefined);
  }, []);
  useEffect(() => {
    setPlaces(null);
    if (query.county) fetchVillages(query.county).then(setPlaces, () => undefined);
  }, [query.county]);
  useEffect(() => {
    let live = true;
    setError(undefined);
    browse(query).then(
      (r) => live && setResult({ ...r, key }),
      (e) => live && setError(e instanceof ApiError && e.code === 'BAD_USER_INPUT' ? t('badFilter') : errorText(e, t)),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const go = (changes: Record<string, string | null>) => navigate(browseUrl(loc.params, changes));
  const cursors = loc.params.getAll('after');
  const pageNumber = cursors.length + 1;
  const nextUrl = () => {
    const next = new URLSearchParams(loc.params);
    next.append('after', result!.endCursor!);
    return `/shop?${next.toString()}`;
  };
  const prevUrl = () => {
    const prev = new URLSearchParams(loc.params);
    prev.delete('after');
    for (const c of cursors.slice(0, -1)) prev.append('after', c);
    const qs = prev.toString();
    return qs ? `/shop?${qs}` : '/shop';
  };

  return (
    <div class="browse">
      <Filters loc={loc} filters={filters} places={places} onChange={go} />
      <section class="results" aria-labelledby="results-title" aria-busy={result?.key === key ? 'false' : 'true'}>
        <div class="results__head">
          <h2 id="results-title">{query.q ? t('resultsFor', { q: query.q }) : t('allProduce')}</h2>
          {result && (
            <p class="muted small" data-testid="result-count">
              {t('resultCount', { count: result.total })}
              {pageNumber > 1 && ` · ${t('pageN', { n: pageNumber })}`}
            </p>
          )}
          <label class="sort">
            <span>{t('sortBy')}</span>
            <select value={query.sort} onChange={(e) => go({ sort: e.currentTarget.value === 'NEWEST' ? null : e.currentTarget.value })}>
              <option value="NEWEST">{t('sortNewest')}</option>
              <option value="PRICE_ASC">{t('sortPriceAsc')}</option>
              <option value="PRICE_DESC">{t('sortPriceDesc')}</option>
            </select>
          </label>
        </div>
        {error && <Alert>{error}</Alert>}
        {result && result.items.length === 0 && <p class="empty">{t('noResults')}</p>}
        <ul class="cards" data-testid="listing-cards">
          {result?.items.map((l, i) => <Card key={l.id} listing={l} eager={i < 2} />)}
        </ul>
        {result && (pageNumber > 1 || result.hasNextPage) && (
          <nav class="pager" aria-label={t('pages')}>
            {pageNumber > 1 ? (
              <Link href={prevUrl()} class="button" rel="prev">
                {t('prevPage')}
              </Link>
            ) : (
              <span />
            )}
            {result.hasNextPage && result.endCursor && (
              <Link href={nextUrl()} class="button" rel="next" data-testid="next-page">
                {t('nextPage')}
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}

function Card({ listing: l, eager }: { listing: ListingCard; eager: boolean }) {
  const { t } = useT('shop');
  return (
    <li class="card product">
      <Link href={`/shop/listings/${l.id}`} class="product__link">
        <PhotoImg photo={l.photos[0]} alt={l.title} sizes="(min-width: 900px) 280px, (min-width: 600px) 45vw, 100vw" eager={eager} />
        <span class="product__title">{l.title}</span>
      </Link>
      <p class="product__origin">
        {l.originVillage.county.name} · {l.originVillage.township.name} · {l.originVillage.name}
      </p>
      <p class="product__price">
        <strong>{yuan(l.priceFen)}</strong>
        <span class="muted"> / {l.unit}</span>
      </p>
      {l.povertyAlleviation && <Badge />}
      {l.available === 0 && <p class="muted small">{t('soldOut')}</p>}
    </li>
  );
}

function Filters(props: { loc: Location; filters: { counties: Place[]; categories: string[] } | null; places: CountyPlaces | null; onChange: (c: Record<string, string | null>) => void }) {
  const { t } = useT('shop');
  const p = props.loc.params;
  const [min, setMin] = useState(p.get('min') ? yuan(Number(p.get('min'))).slice(1).replace(/,/g, '') : '');
  const [max, setMax] = useState(p.get('max') ? yuan(Number(p.get('max'))).slice(1).replace(/,/g, '') : '');
  const [priceError, setPriceError] = useState<string>();
  useEffect(() => {
    setMin(p.get('min') ? yuan(Number(p.get('min'))).slice(1).replace(/,/g, '') : '');
    setMax(p.get('max') ? yuan(Number(p.get('max'))).slice(1).replace(/,/g, '') : '');
  }, [p.get('min'), p.get('max')]);

  const applyPrice = (e: Event) => {
    e.preventDefault();
    const lo = min.trim() ? parseYuan(min) : null;
    const hi = max.trim() ? parseYuan(max) : null;
    if ((min.trim() && lo === null) || (max.trim() && hi === null)) {
      setPriceError(t('priceFormat'));
      return;
    }
    setPriceError(undefined);
    props.onChange({ min: lo === null ? null : String(lo), max: hi === null ? null : String(hi) });
  };

  // Folded on a phone (the results come first) unless a filter is set; always open on a wide screen.
  const active = ['county', 'village', 'category', 'badge', 'min', 'max'].some((k) => p.has(k));
  // Decided once: after that the buyer's own folding stands.
  const [open] = useState(() => active || matchMedia('(min-width: 900px)').matches);
  return (
    <details class="filters card" open={open}>
      <summary class="filters__title">{t('filters')}</summary>
      <div class="filters__body">
      <div class="field">
        <label for="filter-county">{t('county')}</label>
        <select id="filter-county" value={p.get('county') ?? ''} onChange={(e) => props.onChange({ county: e.currentTarget.value || null, village: null })}>
          <option value="">{t('anyCounty')}</option>
          <Options items={props.filters?.counties ?? []} />
        </select>
      </div>
      <div class="field">
        <label for="filter-village">{t('village')}</label>
        <select id="filter-village" value={p.get('village') ?? ''} disabled={!props.places} onChange={(e) => props.onChange({ village: e.currentTarget.value || null })}>
          <option value="">{props.places ? t('anyVillage') : t('pickCountyFirst')}</option>
          {props.places?.townships.map((tw) => (
            <optgroup key={tw.id} label={tw.name}>
              <Options items={tw.villages} />
            </optgroup>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-category">{t('category')}</label>
        <select id="filter-category" value={p.get('category') ?? ''} onChange={(e) => props.onChange({ category: e.currentTarget.value || null })}>
          <option value="">{t('anyCategory')}</option>
          {props.filters?.categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <label class="check">
        <input type="checkbox" checked={p.get('badge') === '1'} onChange={(e) => props.onChange({ badge: e.currentTarget.checked ? '1' : null })} />
        <span>{t('badgeOnly')}</span>
      </label>
      <form class="price-range" onSubmit={applyPrice} aria-label={t('priceRange')}>
        <fieldset>
          <legend>{t('priceRange')}</legend>
          <label>
            <span class="visually-hidden">{t('minPrice')}</span>
            <input inputMode="decimal" placeholder={t('minPrice')} value={min} onInput={(e) => setMin(e.currentTarget.value)} aria-invalid={priceError ? true : undefined} />
          </label>
          <span aria-hidden="true">–</span>
          <label>
            <span class="visually-hidden">{t('maxPrice')}</span>
            <input inputMode="decimal" placeholder={t('maxPrice')} value={max} onInput={(e) => setMax(e.currentTarget.value)} aria-invalid={priceError ? true : undefined} />
          </label>
          <button type="submit" class="button">
            {t('apply')}
          </button>
        </fieldset>
        {priceError && (
          <p class="field__error" role="alert">
            {priceError}
          </p>
        )}
      </form>
      </div>
    </details>
  );
}
