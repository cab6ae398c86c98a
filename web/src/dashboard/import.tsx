// The registry import (建档立卡名单导入): the poverty-alleviation office's CSV, chosen as a file or
// pasted, sent to importHouseholds; its report (created, updated, and each rejected line with the
// reason) shown as a table, so the office can fix those lines and send them again.
import { useState } from 'preact/hooks';
import { formatCount } from '../shared/format';
import { useT } from '../shared/i18n';
import { Alert, Field, TableScroll, Th, useFormErrors } from '../shared/ui';
import { importHouseholds, ImportReport } from './console-queries';
import { PageHead, useConsole } from './kit';
import { NS } from './messages';
import { href, Link } from './router';

const COLUMNS = 'registry_number,head_name,members,village_code,poverty_status,poverty_category,payout_account,effective_date';

export function ImportPage() {
  const { t } = useT(NS);
  const { token, countyId, authLost } = useConsole();
  const form = useFormErrors(NS, authLost);
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport>();

  const choose = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    setFileName(file.name);
    setCsv(await file.text());
    setReport(undefined);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setReport(undefined);
    setBusy(true);
    try {
      setReport(await importHouseholds(countyId, csv, token));
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const lines = csv ? csv.split(/\r?\n/).filter((l) => l.trim() !== '').length : 0;
  const rest = form.rest(['csv']);
  return (
    <>
      <PageHead title={t('import.title')} intro={t('import.intro')}>
        <Link class="button" href={href('/households')}>
          {t('households.title')}
        </Link>
      </PageHead>
      <form class="card form form--wide" onSubmit={submit} noValidate aria-labelledby="page-title">
        <p class="small">
          {t('import.columns')} <code class="code-line">{COLUMNS}</code>
        </p>
        <p class="muted small">{t('import.rules')}</p>
        <Field id="im-file" label={t('import.file')}>
          <input id="im-file" type="file" accept=".csv,text/csv,text/plain" onChange={choose} data-testid="import-file" />
        </Field>
        <Field id="im-csv" label={t('import.text')} error={form.of('csv')} hint={fileName ? t('import.fromFile', { name: fileName }) : undefined}>
          <textarea id="im-csv" rows={8} spellcheck={false} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} {...form.aria('im-csv', 'csv')} class="mono" />
        </Field>
        {rest && <Alert>{rest}</Alert>}
        <div class="form__actions">
          <button type="submit" class="button button--primary" disabled={busy || !csv.trim()} data-testid="import-submit">
            {busy ? t('import.sending') : t('import.submit')}
          </button>
          <span class="muted small">{lines > 0 && t('import.lines', { count: Math.max(0, lines - 1) })}</span>
        </div>
      </form>
      {report && <ImportResult report={report} />}
    </>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  const { t } = useT(NS);
  const rejected = [...report.rejected].sort((a, b) => a.line - b.line);
  return (
    <section class="card" aria-labelledby="import-report-title" data-testid="import-report">
      <h3 id="import-report-title">{t('import.report')}</h3>
      <div class="figures figures--small" role="status">
        <div class="figure" data-figure="created">
          <p class="figure__label">{t('import.created')}</p>
          <p class="figure__value">{formatCount(report.created)}</p>
        </div>
        <div class="figure" data-figure="updated">
          <p class="figure__label">{t('import.updated')}</p>
          <p class="figure__value">{formatCount(report.updated)}</p>
        </div>
        <div class={`figure${rejected.length ? ' figure--warn' : ''}`} data-figure="rejected">
          <p class="figure__label">{t('import.rejected')}</p>
          <p class="figure__value">{formatCount(rejected.length)}</p>
        </div>
      </div>
      {rejected.length > 0 && (
        <TableScroll>
          <table class="table" data-testid="import-rejections">
            <caption>{t('import.rejectedCaption')}</caption>
            <thead>
              <tr>
                <Th num>{t('import.line')}</Th>
                <th scope="col">{t('import.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rejected.map((r) => (
                <tr key={`${r.line}-${r.reason}`}>
                  <th scope="row" class="num">
                    {r.line}
                  </th>
                  <td class="wrap">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
