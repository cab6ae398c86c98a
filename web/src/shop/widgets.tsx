import type { TFunction } from 'i18next';
import { ApiError } from '../shared/api';
import { useT } from '../shared/i18n';
import type { Photo } from './queries';

/** A message for any failure, in the page's language: the API's own message, or what went wrong. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return t('networkError');
    if (error.code === 'INTERNAL_SERVER_ERROR') return t('serverError');
    const known = `errors.${error.code}`;
    const text = t(known);
    return text !== known ? text : error.message;
  }
  return t('networkError');
}

/** A listing photo at the size the layout needs (srcset + sizes), or a plain placeholder. */
export function PhotoImg(props: { photo: Photo | undefined; alt: string; sizes: string; eager?: boolean; class?: string }) {
  if (!props.photo) {
    return (
      <span class={`photo photo--none ${props.class ?? ''}`} role="img" aria-label={props.alt}>
        <svg viewBox="0 0 32 32" aria-hidden="true">
          <path d="M9 22c0-8 6-13 15-13-1 9-6 15-15 13z" fill="currentColor" />
        </svg>
      </span>
    );
  }
  return (
    <img
      class={`photo ${props.class ?? ''}`}
      src={props.photo.url}
      srcset={props.photo.srcset}
      sizes={props.sizes}
      width={props.photo.width}
      height={props.photo.height}
      alt={props.alt}
      loading={props.eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}

/** The poverty-alleviation product badge, with what it means one tap away. */
export function Badge(props: { explain?: boolean }) {
  const { t } = useT('shop');
  if (!props.explain) return <span class="badge" title={t('badgeMeaning')}>{t('badge')}</span>;
  return (
    <div class="badge-explained">
      <span class="badge">{t('badge')}</span>
      <p>{t('badgeMeaning')}</p>
    </div>
  );
}
