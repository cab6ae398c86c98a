// The payouts of the county (打款), newest first: to households, stations and merchants, paid or
// failed (with the provider's last error), filtered by status and paged by the API's cursor.
import { useT, yuan } from '../shared/i18n';
import { EmptyRow, Field, TableScroll, Th, ValueOptions } from '../shared/ui';
import { fetchPayouts, PayoutRow, PayoutStatus, PAYOUT_STATUSES } from './console-queries';
import { LoadError, PageHead, useConsole, useLoad, When } from './kit';
import { NS } from './messages';
import { href, Link, Location, navigate } from './router';

function Payee({ p }: { p: PayoutRow }) {
  const { t } = useT(NS);
  if (p.household) {
    return (
      <>
        <Link href={href(`/households/${p.household.id}`)}>{p.household.headName ?? `#${p.household.id}`}</Link>
        <span class="village-township">
          {t('payee.HOUSEHOLD')} · {p.household.village.name}
        </span>
      </>
    );
  }
  const name = p.station?.name ?? p.merchant?.name ?? '–';
  return (
    <>
      {name}
      <span class="village-township">{t(`payee.${p.payeeKind}`)}</span>
    </>
  );
}

export function PayoutsPage(props: { loc: Location }) {
  const { t } = useT(NS);
  const { token } = useConsole();
  const status = (props.loc.params.get('status') ?? '') as PayoutStatus | '';
  const after = props.loc.params.get('after');
  const pageNo = Number(props.loc.params.get('page') ?? '1') || 1;
  const load = useLoad(() => fetchPayouts(status || undefined, after, token), [status, after]);
  const rows = load.data?.nodes ?? [];
  const go = (params: Record<string, string | undefined>) => navigate(href('/payouts', { status, ...params }));

  return (
    <>
      <PageHead title={t('payouts.title')} intro={t('payouts.intro')} />
      <form class="card filters filters--one" onSubmit={(e) => e.preventDefault()} aria-label={t('payouts.filter')} noValidate>
        <Field id="po-status" label={t('payouts.status')}>
          <select id="po-status" value={status} onChange={(e) => go({ status: e.currentTarget.value, after: undefined, page: undefined })}>
            <option value="">{t('payouts.all')}</option>
            <ValueOptions values={PAYOUT_STATUSES} label={(s) => t(`payoutStatus.${s}`)} />
          </select>
        </Field>
      </form>
      <LoadError load={load} />
      <section class="card" aria-labelledby="payouts-title">
        <div class="card__head">
          <h3 id="payouts-title">{status ? t(`payoutStatus.${status}`) : t('payouts.all')}</h3>
          <p class="muted small" data-testid="payout-count">
            {load.data ? t('payouts.count', { count: load.data.totalCount }) : t('loading')}
          </p>
        </div>
        <TableScroll loading={load.loading}>
          <table class="table" data-testid="payouts-table">
            <caption class="visually-hidden">{t('payouts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('payouts.payee')}</th>
                <Th num>{t('payouts.amount')}</Th>
                <th scope="col">{t('payouts.status')}</th>
                <th scope="col">{t('payouts.created')}</th>
                <th scope="col">{t('payouts.paidAt')}</th>
                <Th num>{t('payouts.attempts')}</Th>
                <th scope="col">{t('payouts.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-payout-id={p.id} data-status={p.status}>
                  <th scope="row">
                    <Payee p={p} />
                  </th>
                  <td class="num">{yuan(p.amountFen)}</td>
                  <td>
                    <span class={`badge ${p.status === 'FAILED' ? 'badge--danger' : p.status === 'PAID' ? 'badge--accent' : 'badge--plain'}`}>{t(`payoutStatus.${p.status}`)}</span>
                  </td>
                  <td>
                    <When iso={p.createdAt} />
                  </td>
                  <td>{p.paidAt ? <When iso={p.paidAt} /> : '–'}</td>
                  <td class="num">{p.attempts}</td>
                  <td class="small wrap">{p.lastError ?? ''}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <EmptyRow cols={7}>{load.loading ? t('loading') : t('payouts.none')}</EmptyRow>
              )}
            </tbody>
          </table>
        </TableScroll>
        {(after || load.data?.hasNextPage) && (
          <nav class="pager" aria-label={t('pager')}>
            <button type="button" class="button button--quiet" onClick={() => go({ after: undefined, page: undefined })} disabled={!after}>
              {t('firstPage')}
            </button>
            <span class="pager__status">{t('pageN', { n: pageNo })}</span>
            <button type="button" class="button button--quiet" onClick={() => go({ after: load.data!.endCursor ?? undefined, page: String(pageNo + 1) })} disabled={!load.data?.hasNextPage}>
              {t('nextPage')}
            </button>
          </nav>
        )}
      </section>
    </>
  );
}
