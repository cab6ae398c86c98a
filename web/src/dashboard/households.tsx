// The registry (建档立卡) of the county: households by village and status, a household's page with
// its status history as a timeline and the form that records a change effective at a date, and the
// form that registers a household. Every error the API gives is shown next to its field.
import { useState } from 'preact/hooks';
import { dayStart, shanghaiDay } from '../shared/format';
import { useT, yuan } from '../shared/i18n';
import { Alert, EmptyRow, Field, Options, TableScroll, TextField, Th, useFormErrors, ValueOptions } from '../shared/ui';
import {
  CATEGORIES,
  fetchHousehold,
  fetchHouseholds,
  HouseholdDetail,
  HouseholdRow,
  PovertyCategory,
  PovertyStatus,
  registerHousehold,
  setPovertyStatus,
  StatusEntry,
  STATUSES,
} from './console-queries';
import { day, LoadError, PageHead, useConsole, useLoad, When } from './kit';
import { NS } from './messages';
import { href, Link, Location, navigate } from './router';

export function StatusBadge(props: { status: PovertyStatus; category?: PovertyCategory | null }) {
  const { t } = useT(NS);
  const kind = props.status === 'REGISTERED_POOR' ? 'warn' : props.status === 'EXITED' ? 'accent' : 'plain';
  return (
    <span class={`badge badge--${kind}`} data-status={props.status}>
      {t(`status.${props.status}`)}
      {props.category ? ` · ${t(`category.${props.category}`)}` : ''}
    </span>
  );
}

/** The villages of the county as <option>s, by township. */
function VillageOptions() {
  const { county } = useConsole();
  const townships = new Map<string, Array<{ id: string; name: string }>>();
  for (const v of county?.villages ?? []) townships.set(v.township, [...(townships.get(v.township) ?? []), v]);
  return (
    <>
      {[...townships].map(([township, villages]) => (
        <optgroup key={township} label={township}>
          <Options items={villages} />
        </optgroup>
      ))}
    </>
  );
}

// ---------- the list ----------

export function HouseholdList(props: { loc: Location }) {
  const { t } = useT(NS);
  const { token, countyId } = useConsole();
  const villageId = props.loc.params.get('village') ?? '';
  const status = (props.loc.params.get('status') ?? '') as PovertyStatus | '';
  const q = props.loc.params.get('q') ?? '';
  const after = props.loc.params.get('after');
  const pageNo = Number(props.loc.params.get('page') ?? '1') || 1;
  const [searchText, setSearchText] = useState(q);
  const [lookup, setLookup] = useState('');
  const [lookupError, setLookupError] = useState<string>();
  const list = useLoad(() => fetchHouseholds(countyId, { villageId: villageId || undefined, povertyStatus: status || undefined, search: q || undefined }, after, token), [countyId, villageId, status, q, after]);
  const go = (params: Record<string, string | undefined>) => navigate(href('/households', { village: villageId, status, q, ...params }));
  const search = (event: Event) => {
    event.preventDefault();
    go({ q: searchText.trim() || undefined, after: undefined, page: undefined });
  };

  const open = (event: Event) => {
    event.preventDefault();
    const id = lookup.trim();
    if (!/^\d{1,18}$/.test(id)) {
      setLookupError(t('households.lookupBad'));
      return;
    }
    setLookupError(undefined);
    navigate(href(`/households/${id}`));
  };

  const rows = list.data?.nodes ?? [];
  return (
    <>
      <PageHead title={t('households.title')} intro={t('households.intro')}>
        <Link class="button button--primary" href={href('/households/new')} data-testid="register-link">
          {t('households.register')}
        </Link>
        <Link class="button" href={href('/import')}>
          {t('nav.import')}
        </Link>
      </PageHead>
      <div class="console-grid">
        <form class="card filters" onSubmit={search} aria-label={t('households.filters')} noValidate>
          <Field id="hh-search" label={t('households.search')} error={list.fields.search} hint={t('households.searchHint')} class="field--span">
            <div class="inline-input">
              <input id="hh-search" type="search" value={searchText} onInput={(e) => setSearchText(e.currentTarget.value)} {...(list.fields.search ? { 'aria-invalid': true, 'aria-describedby': 'hh-search-error' } : { 'aria-describedby': 'hh-search-hint' })} />
              <button type="submit" class="button" data-testid="household-search">
                {t('households.searchButton')}
              </button>
            </div>
          </Field>
          <Field id="hh-village" label={t('village')}>
            <select id="hh-village" value={villageId} onChange={(e) => go({ village: e.currentTarget.value, after: undefined, page: undefined })}>
              <option value="">{t('allVillages')}</option>
              <VillageOptions />
            </select>
          </Field>
          <Field id="hh-status" label={t('povertyStatus')}>
            <select id="hh-status" value={status} onChange={(e) => go({ status: e.currentTarget.value, after: undefined, page: undefined })}>
              <option value="">{t('allStatuses')}</option>
              <ValueOptions values={STATUSES} label={(s) => t(`status.${s}`)} />
            </select>
          </Field>
        </form>
        <form class="card filters filters--one" onSubmit={open} aria-label={t('households.lookup')} noValidate>
          <Field id="hh-lookup" label={t('households.lookup')} error={lookupError} hint={t('households.lookupHint')}>
            <div class="inline-input">
              <input id="hh-lookup" inputMode="numeric" value={lookup} onInput={(e) => setLookup(e.currentTarget.value)} {...(lookupError ? { 'aria-invalid': true, 'aria-describedby': 'hh-lookup-error' } : { 'aria-describedby': 'hh-lookup-hint' })} />
              <button type="submit" class="button">
                {t('open')}
              </button>
            </div>
          </Field>
        </form>
      </div>
      {!list.fields.search && <LoadError load={list} />}
      <section class="card" aria-labelledby="hh-table-title">
        <div class="card__head">
          <h3 id="hh-table-title">{t('households.list')}</h3>
          <p class="muted small" data-testid="household-count">
            {list.data ? t('households.count', { count: list.data.totalCount }) : t('loading')}
          </p>
        </div>
        <TableScroll loading={list.loading}>
          <table class="table" data-testid="household-table">
            <caption class="visually-hidden">{t('households.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('headName')}</th>
                <th scope="col">{t('registryNumber')}</th>
                <th scope="col">{t('village')}</th>
                <th scope="col">{t('povertyStatus')}</th>
                <Th num>{t('members')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((h: HouseholdRow) => (
                <tr key={h.id} data-household-id={h.id}>
                  <th scope="row">
                    <Link href={href(`/households/${h.id}`)}>{h.headName ?? `#${h.id}`}</Link>
                  </th>
                  <td>{h.registryNumber ?? '–'}</td>
                  <td>{h.village.name}</td>
                  <td>
                    <StatusBadge status={h.povertyStatus} category={h.povertyCategory} />
                  </td>
                  <td class="num">{h.members}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <EmptyRow cols={5}>{list.loading ? t('loading') : t('households.none')}</EmptyRow>
              )}
            </tbody>
          </table>
        </TableScroll>
        {(after || list.data?.hasNextPage) && (
          <nav class="pager" aria-label={t('pager')}>
            <button type="button" class="button button--quiet" onClick={() => go({ after: undefined, page: undefined })} disabled={!after}>
              {t('firstPage')}
            </button>
            <span class="pager__status">{t('pageN', { n: pageNo })}</span>
            <button type="button" class="button button--quiet" onClick={() => go({ after: list.data!.endCursor ?? undefined, page: String(pageNo + 1) })} disabled={!list.data?.hasNextPage}>
              {t('nextPage')}
            </button>
          </nav>
        )}
      </section>
    </>
  );
}

// ---------- one household ----------

export function HouseholdPage(props: { id: string }) {
  const { t } = useT(NS);
  const { token } = useConsole();
  const load = useLoad(() => fetchHousehold(props.id, token), [props.id]);
  const h = load.data;
  return (
    <>
      <p class="crumbs">
        <Link href={href('/households')}>‹ {t('households.title')}</Link>
      </p>
      <LoadError load={load} />
      {load.loading && !h && <p class="muted">{t('loading')}</p>}
      {!load.loading && h === null && <Alert>{t('households.notFound', { id: props.id })}</Alert>}
      {h && (
        <>
          <PageHead title={h.headName ?? `#${h.id}`} intro={`${h.village.township.name} · ${h.village.name}`}>
            <StatusBadge status={h.povertyStatus} category={h.povertyCategory} />
          </PageHead>
          <div class="console-grid">
            <HouseholdFacts h={h} />
            <SetStatusForm h={h} onSaved={load.reload} />
          </div>
          <Timeline entries={h.statusHistory ?? []} />
        </>
      )}
    </>
  );
}

function HouseholdFacts({ h }: { h: HouseholdDetail }) {
  const { t } = useT(NS);
  const income = h.incomeAgainstPovertyLine;
  return (
    <section class="card" aria-labelledby="facts-title">
      <h3 id="facts-title">{t('household.facts')}</h3>
      <dl class="facts" data-testid="household-facts">
        <dt>{t('householdId')}</dt>
        <dd>{h.id}</dd>
        <dt>{t('registryNumber')}</dt>
        <dd>{h.registryNumber ?? '–'}</dd>
        <dt>{t('village')}</dt>
        <dd>
          {h.village.name} <span class="muted small">{h.village.code}</span>
        </dd>
        <dt>{t('members')}</dt>
        <dd>{h.members}</dd>
        <dt>{t('payoutAccount')}</dt>
        <dd>{h.payoutAccountMasked ?? '–'}</dd>
        {income && (
          <>
            <dt>{t('household.income')}</dt>
            <dd data-testid="household-income">
              {yuan(income.supplierNetFen)} <span class="muted small">{t('household.perMember', { amount: yuan(income.perMemberFen) })}</span>
              <br />
              <span class={`badge ${income.reachesLine ? 'badge--accent' : 'badge--warn'}`}>{income.reachesLine ? t('household.aboveLine') : t('household.belowLine', { line: yuan(income.povertyLineFen) })}</span>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Timeline({ entries }: { entries: StatusEntry[] }) {
  const { t } = useT(NS);
  // Newest first: what holds now at the top. The API answers oldest first.
  const newest = [...entries].reverse();
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h3 id="timeline-title">{t('household.history')}</h3>
      {newest.length === 0 ? (
        <p class="muted">{t('household.noHistory')}</p>
      ) : (
        <ol class="timeline" data-testid="status-timeline">
          {newest.map((e, i) => (
            <li key={e.id} class={`timeline__entry${i === 0 ? ' timeline__entry--current' : ''}`} data-status={e.status}>
              <p class="timeline__when">
                <time dateTime={e.effectiveAt}>{day(e.effectiveAt)}</time>
                {i === 0 && <span class="badge badge--accent">{t('household.current')}</span>}
              </p>
              <p>
                <StatusBadge status={e.status} category={e.category} />
              </p>
              <p class="muted small">
                {t('household.recorded')} <When iso={e.recordedAt} />
                {' · '}
                {e.recordedBy ? e.recordedBy.displayName : t('household.bySeed')}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function SetStatusForm(props: { h: HouseholdDetail; onSaved: () => void }) {
  const { t } = useT(NS);
  const { token, authLost } = useConsole();
  const form = useFormErrors(NS, authLost);
  const [status, setStatus] = useState<PovertyStatus>(props.h.povertyStatus);
  const [category, setCategory] = useState<PovertyCategory | ''>(props.h.povertyCategory ?? '');
  const [effective, setEffective] = useState(shanghaiDay());
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setSaved(false);
    setBusy(true);
    try {
      await setPovertyStatus(
        {
          householdId: props.h.id,
          status,
          category: status === 'REGISTERED_POOR' ? category || null : null,
          ...(effective ? { effectiveAt: dayStart(effective) } : {}),
        },
        token,
      );
      setSaved(true);
      props.onSaved();
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const rest = form.rest(['status', 'category', 'effectiveAt']);
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="set-status-title">
      <h3 id="set-status-title">{t('household.setStatus')}</h3>
      <Field id="st-status" label={t('povertyStatus')} error={form.of('status')}>
        <select id="st-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as PovertyStatus)} {...form.aria('st-status', 'status')}>
          <ValueOptions values={STATUSES} label={(s) => t(`status.${s}`)} />
        </select>
      </Field>
      {status === 'REGISTERED_POOR' && (
        <Field id="st-category" label={t('povertyCategory')} error={form.of('category')}>
          <select id="st-category" value={category} onChange={(e) => setCategory(e.currentTarget.value as PovertyCategory | '')} {...form.aria('st-category', 'category')}>
            <option value="">{t('noCategory')}</option>
            <ValueOptions values={CATEGORIES} label={(c) => t(`category.${c}`)} />
          </select>
        </Field>
      )}
      <TextField form={form} id="st-effective" field="effectiveAt" label={t('effectiveDate')} hint={t('household.effectiveHint')} type="date" value={effective} onValue={setEffective} />
      {rest && <Alert>{rest}</Alert>}
      {saved && <Alert kind="info">{t('household.statusSaved')}</Alert>}
      <button type="submit" class="button button--primary" disabled={busy} data-testid="save-status">
        {busy ? t('saving') : t('household.saveStatus')}
      </button>
    </form>
  );
}

// ---------- register ----------

export function RegisterHousehold() {
  const { t } = useT(NS);
  const { token, authLost } = useConsole();
  const form = useFormErrors(NS, authLost);
  const [villageId, setVillageId] = useState('');
  const [headName, setHeadName] = useState('');
  const [members, setMembers] = useState('');
  const [payoutAccount, setPayoutAccount] = useState('');
  const [registryNumber, setRegistryNumber] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setBusy(true);
    try {
      const id = await registerHousehold(
        {
          villageId,
          headName: headName.trim(),
          // A blank or non-number goes to the API as 0, which answers why next to the field.
          members: Number.parseInt(members, 10) || 0,
          payoutAccount: payoutAccount.trim(),
          ...(registryNumber.trim() ? { registryNumber: registryNumber.trim() } : {}),
        },
        token,
      );
      navigate(href(`/households/${id}`));
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const fields = ['villageId', 'headName', 'members', 'payoutAccount', 'registryNumber'];
  const rest = form.rest(fields);
  return (
    <>
      <p class="crumbs">
        <Link href={href('/households')}>‹ {t('households.title')}</Link>
      </p>
      <PageHead title={t('register.title')} intro={t('register.intro')} />
      <form class="card form form--wide" onSubmit={submit} noValidate aria-labelledby="page-title">
        <Field id="rg-village" label={t('village')} error={form.of('villageId')}>
          <select id="rg-village" value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)} {...form.aria('rg-village', 'villageId')}>
            <option value="">{t('chooseVillage')}</option>
            <VillageOptions />
          </select>
        </Field>
        <Field id="rg-head" label={t('headName')} error={form.of('headName')}>
          <input id="rg-head" value={headName} autocomplete="off" onInput={(e) => setHeadName(e.currentTarget.value)} {...form.aria('rg-head', 'headName')} />
        </Field>
        <TextField form={form} id="rg-members" field="members" label={t('members')} type="number" inputMode="numeric" min={1} value={members} onValue={setMembers} />
        <TextField form={form} id="rg-account" field="payoutAccount" label={t('payoutAccount')} hint={t('register.accountHint')} inputMode="numeric" autocomplete="off" value={payoutAccount} onValue={setPayoutAccount} />
        <TextField form={form} id="rg-registry" field="registryNumber" label={t('registryNumber')} hint={t('register.registryHint')} autocomplete="off" value={registryNumber} onValue={setRegistryNumber} />
        {rest && <Alert>{rest}</Alert>}
        <button type="submit" class="button button--primary" disabled={busy} data-testid="register-submit">
          {busy ? t('saving') : t('register.submit')}
        </button>
      </form>
    </>
  );
}
