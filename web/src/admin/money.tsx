import { useEffect, useState } from 'preact/hooks';
import { useAuth } from '../shared/auth';
import { beijingTime, useT, yuan } from '../shared/i18n';
import { Alert, Th, useFormErrors } from '../shared/ui';
import { FailedPayout, fetchFailedPayouts, fetchRuns, fetchTrialBalance, Page, retryPayout, runSettlement, SettlementRun, TrialBalance } from './queries';

/** Run a settlement, the recent runs, and the failed payouts with a retry each. */
export function Settlement() {
  const { t, lang } = useT('admin');
  const { session, authLost } = useAuth();
  const form = useFormErrors('admin', authLost);
  const [runs, setRuns] = useState<SettlementRun[] | null>(null);
  const [failed, setFailed] = useState<Page<FailedPayout> | null>(null);
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    fetchRuns(session.token).then(setRuns, form.fail);
    fetchFailedPayouts(null, session.token).then(setFailed, form.fail);
  }, []);

  const run = async () => {
    setBusy('run');
    form.clear();
    try {
      const r = await runSettlement(session.token);
      setRuns((list) => [r, ...(list ?? [])].slice(0, 10));
      setNotice(t('settlementDone', { count: r.payoutsCreated, amount: yuan(r.amountFen) }));
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(null);
    }
  };

  const retry = async (p: FailedPayout) => {
    setBusy(p.id);
    form.clear();
    try {
      await retryPayout(p.id, session.token);
      setFailed((page) => page && { ...page, totalCount: page.totalCount - 1, items: page.items.filter((x) => x.id !== p.id) });
      setNotice(t('retried', { id: p.id }));
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(null);
    }
  };

  const payee = (p: FailedPayout) => p.household?.headName ?? p.station?.name ?? p.merchant?.name ?? '';
  return (
    <div class="admin__grid">
      {form.errors[''] && <Alert>{form.errors['']}</Alert>}
      {notice && <Alert kind="info">{notice}</Alert>}
      <section class="card" aria-labelledby="runs-title">
        <h2 id="runs-title">{t('recentRuns')}</h2>
        <p class="muted small">{t('runSettlementHint')}</p>
        <button type="button" class="button button--primary" disabled={busy === 'run'} onClick={run}>
          {t('runSettlement')}
        </button>
        {runs === null ? (
          <p class="muted">{t('loading')}</p>
        ) : runs.length === 0 ? (
          <p class="muted">{t('none')}</p>
        ) : (
          <div class="table-scroll">
            <table class="table" data-testid="runs">
              <thead>
                <tr>
                  <th scope="col">{t('ranAt')}</th>
                  <Th num>{t('payoutsCreated')}</Th>
                  <Th num>{t('amount')}</Th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{beijingTime(r.ranAt, lang)}</td>
                    <td class="num">{r.payoutsCreated}</td>
                    <td class="num">{yuan(r.amountFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="failed-title">
        <h2 id="failed-title">{t('failedPayouts')}</h2>
        {failed === null ? (
          <p class="muted">{t('loading')}</p>
        ) : failed.items.length === 0 ? (
          <p class="muted">{t('noFailed')}</p>
        ) : (
          <ul class="admin__list" data-testid="failed-payouts">
            {failed.items.map((p) => (
              <li key={p.id} class="admin__item" data-testid={`payout-${p.id}`}>
                <div class="admin__item-head">
                  <strong>
                    {t(`payeeKind_${p.payeeKind}`)} {payee(p)}
                  </strong>
                  <span class="num">{yuan(p.amountFen)}</span>
                </div>
                <p class="small muted">
                  {t('createdAt')} {beijingTime(p.createdAt, lang)} · {t('attempts')} {p.attempts}
                  {p.lastError && ` · ${t('lastError')}：${p.lastError}`}
                </p>
                <button type="button" class="button" disabled={busy === p.id} onClick={() => retry(p)} aria-label={`${t('retryPayout')} ${p.id}`}>
                  {t('retryPayout')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {failed?.hasNextPage && (
          <button type="button" class="button" onClick={() => fetchFailedPayouts(failed.endCursor, session.token).then((next) => setFailed((prev) => prev && { ...next, items: [...prev.items, ...next.items] }), form.fail)}>
            {t('loadMore')}
          </button>
        )}
      </section>
    </div>
  );
}

/** Every ledger account's debits and credits, and whether they balance. */
export function Ledger() {
  const { t } = useT('admin');
  const { session, authLost } = useAuth();
  const form = useFormErrors('admin', authLost);
  const [tb, setTb] = useState<TrialBalance | null>(null);
  const load = () => {
    form.clear();
    fetchTrialBalance(session.token).then(setTb, form.fail);
  };
  useEffect(load, []);
  return (
    <section class="card" aria-labelledby="tb-title">
      <div class="card__head">
        <h2 id="tb-title">{t('trialBalance')}</h2>
        <button type="button" class="button button--quiet" onClick={load}>
          {t('refresh')}
        </button>
      </div>
      {form.errors[''] && <Alert>{form.errors['']}</Alert>}
      {tb === null ? (
        <p class="muted">{t('loading')}</p>
      ) : (
        <>
          {tb.balanced ? (
            <p class="badge" data-testid="balanced">
              {t('balanced')}
            </p>
          ) : (
            <Alert>{t('unbalanced')}</Alert>
          )}
          <div class="table-scroll">
            <table class="table" data-testid="trial-balance">
              <thead>
                <tr>
                  <th scope="col">{t('account')}</th>
                  <Th num>{t('debits')}</Th>
                  <Th num>{t('credits')}</Th>
                  <Th num>{t('balance')}</Th>
                </tr>
              </thead>
              <tbody>
                {tb.accounts.map((a) => (
                  <tr key={a.code}>
                    <td class="admin__code">{a.code}</td>
                    <td class="num">{yuan(a.debitsFen)}</td>
                    <td class="num">{yuan(a.creditsFen)}</td>
                    <td class="num">{yuan(a.debitsFen - a.creditsFen)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('totals')}</th>
                  <td class="num">{yuan(tb.totalDebitsFen)}</td>
                  <td class="num">{yuan(tb.totalCreditsFen)}</td>
                  <td class="num">{yuan(tb.totalDebitsFen - tb.totalCreditsFen)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
