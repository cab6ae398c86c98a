import { useState } from 'preact/hooks';
import { ApiError, messageOf, otherErrors } from '../shared/api';
import { formatCount, formatFen } from '../shared/format';
import { Alert, Field, invalid } from '../shared/ui';
import { addSupply, fetchHouseholds, Household, Listing, uploadPhoto } from './queries';

const STATUS_NAMES: Record<string, string> = { DRAFT: 'draft', ACTIVE: 'on sale', PAUSED: 'paused', SOLD_OUT: 'sold out', ARCHIVED: 'archived' };

/** The station's listings with the stock left in each and a form to add a household's supply. */
export function Listings(props: { listings: Listing[]; total: number; token: string; onChanged: (l: Listing) => void; onAuthLost: () => void }) {
  return (
    <section class="card" aria-labelledby="listings-title">
      <div class="card__head">
        <h2 id="listings-title">Listings</h2>
        <p class="muted small">{props.total === 1 ? '1 listing' : `${formatCount(props.total)} listings`}</p>
      </div>
      {props.listings.length === 0 ? (
        <p class="muted">This station has no listing yet.</p>
      ) : (
        <ul class="listings">
          {props.listings.map((l) => (
            <ListingItem key={l.id} listing={l} token={props.token} onChanged={props.onChanged} onAuthLost={props.onAuthLost} />
          ))}
        </ul>
      )}
      {props.total > props.listings.length && <p class="muted small">Showing the newest {formatCount(props.listings.length)}.</p>}
    </section>
  );
}

function ListingItem(props: { listing: Listing; token: string; onChanged: (l: Listing) => void; onAuthLost: () => void }) {
  const l = props.listing;
  const [open, setOpen] = useState(false);
  const [households, setHouseholds] = useState<Household[] | null>(null);
  const [householdId, setHouseholdId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string>();

  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return props.onAuthLost();
    setErrors(error instanceof ApiError ? error.byField() : { '': messageOf(error) });
  };

  const toggle = () => {
    setOpen(!open);
    setDone(undefined);
    if (!open && households === null) {
      fetchHouseholds(l.originVillage.id, props.token).then((list) => setHouseholds(sortHouseholds(list)), failed);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    // Only the shape is checked here (a GraphQL Int must be a number); the API judges the value and
    // its message ("at least 1", "at most ...") shows next to the field.
    if (!/^\s*\d{1,9}\s*$/.test(quantity)) {
      setErrors({ quantity: `Enter the quantity as a whole number of ${l.unit}.` });
      return;
    }
    const n = Number(quantity);
    setBusy(true);
    setErrors({});
    try {
      const updated = await addSupply(l.id, householdId, n, props.token);
      const who = households?.find((h) => h.id === householdId);
      setDone(`Added ${formatCount(n)} ${l.unit} from ${who ? householdName(who) : 'the household'}.`);
      setQuantity('');
      props.onChanged(updated);
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  const idp = `l${l.id}`;
  const poor = households?.filter((h) => h.povertyStatus === 'REGISTERED_POOR') ?? [];
  const others = households?.filter((h) => h.povertyStatus !== 'REGISTERED_POOR') ?? [];
  const formError = otherErrors(errors, ['householdId', 'quantity']);

  return (
    <li class="listing" data-listing-id={l.id}>
      <div class="listing__main">
        <div class="listing__text">
          <h3 class="listing__title">{l.title}</h3>
          <p class="muted small">
            {formatFen(l.priceFen)} / {l.unit} · from {l.originVillage.name} <span class={`badge${l.status === 'ACTIVE' ? ' badge--accent' : ''}`}>{STATUS_NAMES[l.status] ?? l.status}</span>
          </p>
        </div>
        <p class="listing__stock" data-available={l.available}>
          <span class="listing__stock-n">{formatCount(l.available)}</span>
          <span class="listing__stock-unit">{l.unit} left</span>
        </p>
      </div>
      <Photos listing={l} token={props.token} onChanged={props.onChanged} onAuthLost={props.onAuthLost} />
      <button type="button" class="button button--quiet listing__toggle" aria-expanded={open} aria-controls={`${idp}-supply`} onClick={toggle}>
        {open ? 'Close' : '+ Add supply'}
      </button>
      {done && !open && <p class="ok small" role="status">{done}</p>}
      {open && (
        <form id={`${idp}-supply`} class="supply" noValidate onSubmit={submit} aria-label={`Add supply to ${l.title}`}>
          <Field id={`${idp}-household`} label="Household" error={errors.householdId}>
            <select id={`${idp}-household`} name="householdId" required value={householdId} onChange={(e) => setHouseholdId(e.currentTarget.value)} {...invalid(`${idp}-household`, errors.householdId)}>
              <option value="">{households === null ? 'Loading households…' : 'Choose a household'}</option>
              {poor.length > 0 && (
                <optgroup label="Registered poor">
                  {poor.map((h) => (
                    <option key={h.id} value={h.id}>
                      {householdName(h)}
                    </option>
                  ))}
                </optgroup>
              )}
              {others.length > 0 && (
                <optgroup label="Other households">
                  {others.map((h) => (
                    <option key={h.id} value={h.id}>
                      {householdName(h)}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </Field>
          <Field id={`${idp}-quantity`} label={`Quantity (${l.unit})`} error={errors.quantity}>
            <input id={`${idp}-quantity`} name="quantity" type="text" inputMode="numeric" pattern="[0-9]*" required autocomplete="off" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} {...invalid(`${idp}-quantity`, errors.quantity)} />
          </Field>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add supply'}
          </button>
          {formError && <Alert>{formError}</Alert>}
          {done && (
            <p class="ok small" role="status">
              {done}
            </p>
          )}
        </form>
      )}
    </li>
  );
}

/** The listing's photos and a button that takes or picks one on a phone and uploads it. */
function Photos(props: { listing: Listing; token: string; onChanged: (l: Listing) => void; onAuthLost: () => void }) {
  const l = props.listing;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = `l${l.id}-photo`;

  const picked = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const photo = await uploadPhoto(l.id, file, props.token);
      props.onChanged({ ...l, photos: [...l.photos, photo] });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return props.onAuthLost();
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="photos" data-testid="listing-photos">
      {l.photos.map((p, i) => (
        <img key={p.id} class="photos__thumb" src={p.srcset.split(' ')[0]} width={72} height={Math.round((72 * p.height) / p.width)} alt={`${l.title}, photo ${i + 1}`} />
      ))}
      <label class={`button button--quiet photos__add${busy ? ' photos__add--busy' : ''}`} for={id}>
        {busy ? 'Uploading…' : '+ Photo'}
      </label>
      <input id={id} class="visually-hidden" type="file" accept="image/jpeg,image/png,image/webp,image/heic,image/heif" capture="environment" disabled={busy} onChange={picked} aria-label={`Add a photo of ${l.title}`} />
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function householdName(h: Household): string {
  return [h.headName ?? `Household ${h.id}`, h.registryNumber].filter(Boolean).join(' · ');
}

const collator = new Intl.Collator('zh-CN');

function sortHouseholds(list: Household[]): Household[] {
  return [...list].sort((a, b) => collator.compare(a.headName ?? '', b.headName ?? ''));
}
