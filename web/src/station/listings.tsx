import { useEffect, useState } from 'preact/hooks';
import { useAuth, useLoadFailure } from '../shared/auth';
import { formatCount, formatFen } from '../shared/format';
import { parseYuan, useT } from '../shared/i18n';
import { Alert, Done, Field, Submit, TextField, useFormErrors } from '../shared/ui';
import { addSupply, createListing, fetchHouseholds, fetchListings, Household, Listing, removePhoto, StationInfo, updateListing, uploadPhoto } from './queries';

const UNITS = ['斤', '公斤', '箱', '袋'];

/** The station's listings: a new one, each one's edit, close/reopen, photos and supply. */
export function ListingsSection({ station }: { station: StationInfo }) {
  const { t } = useT('station');
  const { session } = useAuth();
  const [listings, setListings] = useState<{ items: Listing[]; total: number } | null>(null);
  const [error, setError] = useState<string>();
  const failed = useLoadFailure('station', setError);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    fetchListings(station.id, session.token).then(setListings, failed);
  }, [station.id]);

  const changed = (l: Listing) => setListings((ls) => ls && { ...ls, items: ls.items.map((x) => (x.id === l.id ? l : x)) });
  const created = (l: Listing) => {
    setListings((ls) => ls && { total: ls.total + 1, items: [l, ...ls.items] });
    setCreating(false);
    setNotice(t(l.status === 'ACTIVE' ? 'created' : 'savedDraft', { title: l.title }));
  };

  return (
    <section class="card" aria-labelledby="listings-title">
      <div class="card__head">
        <h2 id="listings-title">{t('listings')}</h2>
        {listings && <p class="muted small">{t('listingCount', { count: listings.total })}</p>}
      </div>
      <button type="button" class="button button--primary" aria-expanded={creating} onClick={() => (setCreating(!creating), setNotice(undefined))}>
        {creating ? t('cancel') : t('newListing')}
      </button>
      <Done text={notice} />
      {creating && <NewListing station={station} onCreated={created} />}
      {error && <Alert>{error}</Alert>}
      {!listings && !error && <p class="muted">{t('loading')}</p>}
      {listings && listings.items.length === 0 && <p class="muted">{t('noListings')}</p>}
      {listings && listings.items.length > 0 && (
        <ul class="listings">
          {listings.items.map((l) => (
            <ListingItem key={l.id} listing={l} onChanged={changed} />
          ))}
        </ul>
      )}
      {listings && listings.total > listings.items.length && <p class="muted small">{t('showingNewest', { n: formatCount(listings.items.length) })}</p>}
    </section>
  );
}

/** A village's households for a picker, registered-poor first (as PRECISION allocates). */
function useHouseholds(villageId: string, onError: (e: unknown) => void): Household[] | null {
  const { session } = useAuth();
  const [households, setHouseholds] = useState<Household[] | null>(null);
  useEffect(() => {
    setHouseholds(null);
    if (villageId) fetchHouseholds(villageId, session.token).then((list) => setHouseholds(sortHouseholds(list)), onError);
  }, [villageId]);
  return households;
}

function HouseholdSelect(props: { id: string; label: string; households: Household[] | null; value: string; onChange: (id: string) => void; error?: string; aria: object }) {
  const { t } = useT('station');
  const poor = props.households?.filter((h) => h.povertyStatus === 'REGISTERED_POOR') ?? [];
  const others = props.households?.filter((h) => h.povertyStatus !== 'REGISTERED_POOR') ?? [];
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} {...props.aria}>
        <option value="">{props.households === null ? t('loadingHouseholds') : t('chooseHousehold')}</option>
        {poor.length > 0 && (
          <optgroup label={t('registeredPoor')}>
            {poor.map((h) => (
              <option key={h.id} value={h.id}>
                {householdName(h, t)}
              </option>
            ))}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label={t('otherHouseholds')}>
            {others.map((h) => (
              <option key={h.id} value={h.id}>
                {householdName(h, t)}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </Field>
  );
}

function NewListing({ station, onCreated }: { station: StationInfo; onCreated: (l: Listing) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [price, setPrice] = useState('');
  const [unit, setUnit] = useState(UNITS[0]);
  const [villageId, setVillageId] = useState(station.servedVillages[0]?.id ?? '');
  const [policy, setPolicy] = useState<'PRECISION' | 'FIFO'>('PRECISION');
  const [householdId, setHouseholdId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [busy, setBusy] = useState(false);
  const households = useHouseholds(villageId, form.fail);
  const [localErrors, setLocal] = useState<Record<string, string>>({});

  const submit = async (publish: boolean) => {
    form.clear();
    const priceFen = parseYuan(price);
    const local: Record<string, string> = {};
    if (priceFen === null) local.priceFen = t('money');
    if (householdId && !/^\s*\d{1,9}\s*$/.test(quantity)) local.quantity = t('wholeNumber', { unit });
    setLocal(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const supply = householdId ? [{ householdId, quantity: Number(quantity) }] : [];
      onCreated(await createListing({ title, category, description, priceFen: priceFen!, unit, originVillageId: villageId, allocationPolicy: policy, publish, supply }, session.token));
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };
  const err = (name: string) => localErrors[name] ?? form.of(name);
  const aria = (id: string, name: string) => (err(name) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {});
  const rest = form.rest(['title', 'category', 'description', 'priceFen', 'unit', 'originVillageId', 'allocationPolicy', 'householdId', 'quantity']);

  return (
    <form
      class="new-listing"
      noValidate
      aria-label={t('newListing')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(true);
      }}
    >
      <TextField form={form} id="nl-title" field="title" label={t('listingTitle')} error={localErrors.title} value={title} onValue={setTitle} />
      <div class="row">
        <TextField form={form} id="nl-price" field="priceFen" label={t('price')} hint={t('priceHint')} error={localErrors.priceFen} inputMode="decimal" value={price} onValue={setPrice} />
        <TextField form={form} id="nl-unit" field="unit" label={t('unit')} error={localErrors.unit} list="units" value={unit} onValue={setUnit} />
      </div>
      <datalist id="units">
        {UNITS.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <TextField form={form} id="nl-category" field="category" label={t('category')} error={localErrors.category} value={category} onValue={setCategory} />
      <Field id="nl-description" label={t('description')} error={err('description')}>
        <textarea id="nl-description" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} {...aria('nl-description', 'description')} />
      </Field>
      <Field id="nl-village" label={t('originVillage')} error={err('originVillageId')}>
        <select id="nl-village" value={villageId} onChange={(e) => (setVillageId(e.currentTarget.value), setHouseholdId(''))} {...aria('nl-village', 'originVillageId')}>
          {station.servedVillages.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
              {v.povertyStricken ? `（${t('poorVillage')}）` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field id="nl-policy" label={t('policy')} error={err('allocationPolicy')}>
        <select id="nl-policy" value={policy} onChange={(e) => setPolicy(e.currentTarget.value as 'PRECISION' | 'FIFO')}>
          <option value="PRECISION">{t('policyPRECISION')}</option>
          <option value="FIFO">{t('policyFIFO')}</option>
        </select>
      </Field>
      <fieldset class="fieldset">
        <legend>{t('firstLot')}</legend>
        <HouseholdSelect id="nl-household" label={t('household')} households={households} value={householdId} onChange={setHouseholdId} error={err('householdId')} aria={aria('nl-household', 'householdId')} />
        <TextField form={form} id="nl-quantity" field="quantity" label={t('quantityIn', { unit })} error={localErrors.quantity} inputMode="numeric" value={quantity} onValue={setQuantity} />
      </fieldset>
      {rest && <Alert>{rest}</Alert>}
      <div class="actions">
        <Submit label={t('createListing')} busy={busy} />
        <button type="button" class="button button--quiet" disabled={busy} onClick={() => void submit(false)}>
          {t('saveDraft')}
        </button>
      </div>
    </form>
  );
}

function ListingItem(props: { listing: Listing; onChanged: (l: Listing) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const l = props.listing;
  const [panel, setPanel] = useState<'supply' | 'edit' | null>(null);
  const [done, setDone] = useState<string>();
  const status = useFormErrors('station', authLost);

  const setStatus = async (next: 'ACTIVE' | 'PAUSED') => {
    status.clear();
    setDone(undefined);
    try {
      const updated = await updateListing(l.id, { status: next }, session.token);
      props.onChanged(updated);
      setDone(t(next === 'PAUSED' ? 'closed' : 'reopened', { title: l.title }));
    } catch (e) {
      status.fail(e);
    }
  };

  const idp = `l${l.id}`;
  const canClose = l.status === 'ACTIVE' || l.status === 'SOLD_OUT';
  const canOpen = l.status === 'PAUSED' || l.status === 'DRAFT';
  return (
    <li class="listing" data-listing-id={l.id} data-status={l.status}>
      <div class="listing__main">
        <div class="listing__text">
          <h3 class="listing__title">{l.title}</h3>
          <p class="muted small">
            {t('priceOf', { price: formatFen(l.priceFen), unit: l.unit, village: l.originVillage.name })}{' '}
            <span class={`badge${l.status === 'ACTIVE' ? ' badge--accent' : ''}`} data-testid="listing-status">
              {t(`status.${l.status}`)}
            </span>
          </p>
        </div>
        <p class="listing__stock" data-available={l.available}>
          <span class="listing__stock-n">{formatCount(l.available)}</span>
          <span class="listing__stock-unit">{t('left', { unit: l.unit })}</span>
        </p>
      </div>
      <Photos listing={l} onChanged={props.onChanged} />
      <div class="listing__actions">
        <button type="button" class="button button--quiet" aria-expanded={panel === 'supply'} aria-controls={`${idp}-supply`} onClick={() => (setPanel(panel === 'supply' ? null : 'supply'), setDone(undefined))}>
          {panel === 'supply' ? t('close') : t('addSupplyOpen')}
        </button>
        <button type="button" class="button button--quiet" aria-expanded={panel === 'edit'} onClick={() => (setPanel(panel === 'edit' ? null : 'edit'), setDone(undefined))}>
          {t('edit')}
        </button>
        {canClose && (
          <button type="button" class="button button--quiet" onClick={() => setStatus('PAUSED')}>
            {t('close')}
          </button>
        )}
        {canOpen && (
          <button type="button" class="button button--quiet" onClick={() => setStatus('ACTIVE')}>
            {l.status === 'DRAFT' ? t('publish') : t('reopen')}
          </button>
        )}
      </div>
      {status.errors[''] && <Alert>{status.errors['']}</Alert>}
      <Done text={done} />
      {panel === 'supply' && <SupplyForm listing={l} onChanged={props.onChanged} />}
      {panel === 'edit' && <EditForm listing={l} onSaved={(u) => (props.onChanged(u), setPanel(null), setDone(t('saved')))} />}
    </li>
  );
}

function EditForm({ listing: l, onSaved }: { listing: Listing; onSaved: (l: Listing) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [title, setTitle] = useState(l.title);
  const [price, setPrice] = useState(formatFen(l.priceFen).replace(/[¥,]/g, ''));
  const [category, setCategory] = useState(l.category);
  const [description, setDescription] = useState(l.description);
  const [busy, setBusy] = useState(false);
  const [priceError, setPriceError] = useState<string>();
  const idp = `e${l.id}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    const priceFen = parseYuan(price);
    setPriceError(priceFen === null ? t('money') : undefined);
    if (priceFen === null) return;
    setBusy(true);
    try {
      onSaved(await updateListing(l.id, { title, priceFen, category, description }, session.token));
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const rest = form.rest(['title', 'priceFen', 'category', 'description']);
  return (
    <form class="form" noValidate onSubmit={submit} aria-label={`${t("edit")} ${l.title}`}>
      <TextField form={form} id={`${idp}-title`} field="title" label={t('listingTitle')} value={title} onValue={setTitle} />
      <TextField form={form} id={`${idp}-price`} field="priceFen" label={t('price')} error={priceError} inputMode="decimal" value={price} onValue={setPrice} />
      <TextField form={form} id={`${idp}-category`} field="category" label={t('category')} value={category} onValue={setCategory} />
      <Field id={`${idp}-description`} label={t('description')} error={form.of('description')}>
        <textarea id={`${idp}-description`} rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} {...form.aria(`${idp}-description`, 'description')} />
      </Field>
      {rest && <Alert>{rest}</Alert>}
      <Submit label={t('save')} busy={busy} />
    </form>
  );
}

function SupplyForm({ listing: l, onChanged }: { listing: Listing; onChanged: (l: Listing) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const households = useHouseholds(l.originVillage.id, form.fail);
  const [householdId, setHouseholdId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [shapeError, setShapeError] = useState<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    form.clear();
    // Only the shape is checked here (a GraphQL Int must be a number); the API judges the value and
    // its message ("at least 1", "at most ...") shows next to the field.
    if (!/^\s*\d{1,9}\s*$/.test(quantity)) return setShapeError(t('wholeNumber', { unit: l.unit }));
    setShapeError(undefined);
    const n = Number(quantity);
    setBusy(true);
    try {
      const updated = await addSupply(l.id, householdId, n, session.token);
      const who = households?.find((h) => h.id === householdId);
      setDone(t('supplyAdded', { n: formatCount(n), unit: l.unit, who: who ? householdName(who, t) : householdId }));
      setQuantity('');
      onChanged(updated);
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const idp = `l${l.id}`;
  const qError = shapeError ?? form.of('quantity');
  const rest = form.rest(['householdId', 'quantity']);
  return (
    <form id={`${idp}-supply`} class="supply" noValidate onSubmit={submit} aria-label={t('addSupplyTo', { title: l.title })}>
      <HouseholdSelect id={`${idp}-household`} label={t('household')} households={households} value={householdId} onChange={setHouseholdId} error={form.of('householdId')} aria={form.aria(`${idp}-household`, 'householdId')} />
      <Field id={`${idp}-quantity`} label={t('quantityIn', { unit: l.unit })} error={qError}>
        <input
          id={`${idp}-quantity`}
          name="quantity"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          autocomplete="off"
          value={quantity}
          onInput={(e) => setQuantity(e.currentTarget.value)}
          {...(qError ? { 'aria-invalid': true, 'aria-describedby': `${idp}-quantity-error` } : {})}
        />
      </Field>
      <Submit label={busy ? t('adding') : t('addSupply')} busy={busy} />
      {rest && <Alert>{rest}</Alert>}
      <Done text={done} />
    </form>
  );
}

/** The listing's photos, each removable, and a button that takes or picks one on a phone and uploads it. */
function Photos(props: { listing: Listing; onChanged: (l: Listing) => void }) {
  const { t } = useT('station');
  const { session } = useAuth();
  const l = props.listing;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = `l${l.id}-photo`;

  const failed = useLoadFailure('station', setError);

  const picked = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const photo = await uploadPhoto(l.id, file, session.token);
      props.onChanged({ ...l, photos: [...l.photos, photo] });
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (photoId: string) => {
    setError(undefined);
    try {
      props.onChanged(await removePhoto(photoId, session.token));
    } catch (e) {
      failed(e);
    }
  };

  return (
    <div class="photos" data-testid="listing-photos">
      {l.photos.map((p, i) => (
        <span class="photos__item" key={p.id}>
          <img class="photos__thumb" src={p.srcset.split(' ')[0]} width={72} height={Math.round((72 * p.height) / p.width)} alt={t('photoN', { title: l.title, n: i + 1 })} />
          <button type="button" class="photos__remove" aria-label={t('removePhoto', { n: i + 1 })} onClick={() => remove(p.id)}>
            ×
          </button>
        </span>
      ))}
      <label class={`button button--quiet photos__add${busy ? ' photos__add--busy' : ''}`} for={id}>
        {busy ? t('uploading') : t('addPhoto')}
      </label>
      <input id={id} class="visually-hidden" type="file" accept="image/jpeg,image/png,image/webp,image/heic,image/heif" capture="environment" disabled={busy} onChange={picked} aria-label={t('addPhotoOf', { title: l.title })} />
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function householdName(h: { id: string; headName: string | null; registryNumber?: string | null }, t: (k: string, o?: Record<string, unknown>) => string): string {
  return [h.headName ?? t('householdN', { id: h.id }), h.registryNumber].filter(Boolean).join(' · ');
}

const collator = new Intl.Collator('zh-CN');

export function sortHouseholds<T extends Household>(list: T[]): T[] {
  return [...list].sort((a, b) => collator.compare(a.headName ?? '', b.headName ?? ''));
}
