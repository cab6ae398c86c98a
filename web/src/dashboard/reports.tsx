// The reports officials hand upward, beside the impact page: training outcomes (技能培训), the
// poverty line and who earns above it, the two-way flow (双向流通) and finance (金融精准扶贫). Each
// shows the API's figures as a table, and offers the spreadsheet the reports endpoint makes.
import { useState } from 'preact/hooks';
import { downloadWithToken } from '../shared/api';
import { formatCount, monthStart, shanghaiDay } from '../shared/format';
import { parseYuan, useT, yuan } from '../shared/i18n';
import { Alert, EmptyRow, errorText, Field, invalid, TableScroll, Th, useFormErrors } from '../shared/ui';
import { fetchCountyFunds, fetchPovertyLine, fetchTrainingOutcomes, fetchTwoWayFlow, setCountyPovertyLine } from './console-queries';
import { CreditTable } from './credit-table';
import { LoadError, PageHead, percent, useConsole, useLoad } from './kit';
import { NS } from './messages';
import { href, Link, Location, navigate } from './router';

export const REPORTS = ['training', 'poverty-line', 'two-way', 'finance'] as const;
export type ReportName = (typeof REPORTS)[number];

/** The tabs between the four reports. */
function ReportTabs(props: { current: ReportName }) {
  const { t } = useT(NS);
  return (
    <nav class="tabs" aria-label={t('reports.tabs')}>
      {REPORTS.map((r) => (
        <Link key={r} href={href(`/reports/${r}`)} class={`tab${r === props.current ? ' tab--current' : ''}`} aria-current={r === props.current ? 'page' : undefined}>
          {t(`reports.${r}`)}
        </Link>
      ))}
    </nav>
  );
}

/** A button that fetches a report file with the session's token and saves it; its error under it. */
export function DownloadButton(props: { url: string; fallbackName: string; label: string; testId: string }) {
  const { t } = useT(NS);
  const { token, authLost } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const click = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await downloadWithToken(props.url, token, props.fallbackName);
    } catch (e) {
      if ((e as { code?: string }).code === 'UNAUTHENTICATED') authLost();
      else setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="download">
      <button type="button" class="button" onClick={click} disabled={busy} data-testid={props.testId}>
        <span aria-hidden="true">⬇</span> {busy ? t('preparing') : props.label}
      </button>
      {error && (
        <span class="field__error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

function query(params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return q.toString();
}

export function ReportsPage(props: { name: ReportName; loc: Location }) {
  return (
    <>
      <ReportTabs current={props.name} />
      {props.name === 'training' && <TrainingReport />}
      {props.name === 'poverty-line' && <PovertyLineReport />}
      {props.name === 'two-way' && <TwoWayReport loc={props.loc} />}
      {props.name === 'finance' && <FinanceReport />}
    </>
  );
}

// ---------- training ----------

function TrainingReport() {
  const { t } = useT(NS);
  const { token, countyId } = useConsole();
  const load = useLoad(() => fetchTrainingOutcomes(countyId, token), [countyId]);
  const rows = load.data ?? [];
  const totals = rows.reduce(
    (s, r) => ({
      sessions: s.sessions + r.sessions,
      trainees: s.trainees + r.trainees,
      registeredPoorTrainees: s.registeredPoorTrainees + r.registeredPoorTrainees,
      traineesFirstSellingWithin180Days: s.traineesFirstSellingWithin180Days + r.traineesFirstSellingWithin180Days,
      supplierNetBeforeFen: s.supplierNetBeforeFen + r.supplierNetBeforeFen,
      supplierNetAfterFen: s.supplierNetAfterFen + r.supplierNetAfterFen,
    }),
    { sessions: 0, trainees: 0, registeredPoorTrainees: 0, traineesFirstSellingWithin180Days: 0, supplierNetBeforeFen: 0, supplierNetAfterFen: 0 },
  );
  return (
    <>
      <PageHead title={t('training.title')} intro={t('training.intro')}>
        <DownloadButton url={`/reports/training-outcomes.xlsx?${query({ countyId })}`} fallbackName="training-outcomes.xlsx" label={t('downloadXlsx')} testId="training-xlsx" />
        <DownloadButton url={`/reports/training-outcomes.csv?${query({ countyId })}`} fallbackName="training-outcomes.csv" label={t('downloadCsv')} testId="training-csv" />
      </PageHead>
      <LoadError load={load} />
      <section class="card" aria-labelledby="page-title">
        <TableScroll loading={load.loading}>
          <table class="table" data-testid="training-table">
            <thead>
              <tr>
                <th scope="col">{t('training.programme')}</th>
                <Th num>{t('training.sessions')}</Th>
                <Th num>{t('training.trainees')}</Th>
                <Th num>{t('training.poorTrainees')}</Th>
                <Th num>{t('training.firstSelling')}</Th>
                <Th num>{t('training.before')}</Th>
                <Th num>{t('training.after')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.programmeId} data-programme-id={r.programmeId}>
                  <th scope="row">{r.programmeName}</th>
                  <td class="num">{formatCount(r.sessions)}</td>
                  <td class="num">{formatCount(r.trainees)}</td>
                  <td class="num">{formatCount(r.registeredPoorTrainees)}</td>
                  <td class="num">{formatCount(r.traineesFirstSellingWithin180Days)}</td>
                  <td class="num">{yuan(r.supplierNetBeforeFen)}</td>
                  <td class="num">{yuan(r.supplierNetAfterFen)}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <EmptyRow cols={7}>{load.loading ? t('loading') : t('training.none')}</EmptyRow>
              )}
            </tbody>
            {rows.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row">{t('total')}</th>
                  <td class="num">{formatCount(totals.sessions)}</td>
                  <td class="num">{formatCount(totals.trainees)}</td>
                  <td class="num">{formatCount(totals.registeredPoorTrainees)}</td>
                  <td class="num">{formatCount(totals.traineesFirstSellingWithin180Days)}</td>
                  <td class="num">{yuan(totals.supplierNetBeforeFen)}</td>
                  <td class="num">{yuan(totals.supplierNetAfterFen)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </TableScroll>
        <p class="muted small">{t('training.note')}</p>
      </section>
    </>
  );
}

// ---------- the poverty line ----------

function PovertyLineReport() {
  const { t } = useT(NS);
  const { token, countyId, authLost, reloadCounty } = useConsole();
  const load = useLoad(() => fetchPovertyLine(countyId, token), [countyId]);
  const form = useFormErrors(NS, authLost);
  const [line, setLine] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [formatError, setFormatError] = useState<string>();
  const s = load.data?.summary;
  const shownLine = line ?? (s ? (s.povertyLineFen / 100).toFixed(2) : '');

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setSaved(false);
    const fen = parseYuan(shownLine);
    setFormatError(fen === null ? t('povertyLine.format') : undefined);
    if (fen === null) return;
    setBusy(true);
    try {
      await setCountyPovertyLine(countyId, fen, token);
      setSaved(true);
      setLine(undefined);
      load.reload();
      reloadCounty();
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const lineError = formatError ?? form.of('povertyLineFen');
  const rest = form.rest(['povertyLineFen']);

  return (
    <>
      <PageHead title={t('povertyLine.title')} intro={t('povertyLine.intro')} />
      <LoadError load={load} />
      <div class="console-grid">
        <section class="figures" aria-label={t('povertyLine.figures')} data-testid="poverty-line-figures" aria-busy={load.loading}>
          <div class="figure card figure--lead" data-figure="registeredPoorEarningAboveLine" data-value={s ? String(s.registeredPoorEarningAboveLine) : ''}>
            <p class="figure__label">{t('povertyLine.above')}</p>
            <p class="figure__value">{s ? formatCount(s.registeredPoorEarningAboveLine) : '–'}</p>
            <p class="figure__detail">{s ? t('povertyLine.ofPoor', { count: s.registeredPoorHouseholds, share: percent(s.registeredPoorEarningAboveLineShare) }) : '\u00a0'}</p>
          </div>
          <div class="figure card" data-figure="povertyLineFen" data-value={s ? String(s.povertyLineFen) : ''}>
            <p class="figure__label">{t('povertyLine.line')}</p>
            <p class="figure__value">{s ? yuan(s.povertyLineFen) : '–'}</p>
            <p class="figure__detail">{t('povertyLine.perPerson')}</p>
          </div>
        </section>
        <form class="card form" onSubmit={submit} noValidate aria-labelledby="line-form-title">
          <h3 id="line-form-title">{t('povertyLine.set')}</h3>
          <Field id="pl-line" label={t('povertyLine.lineYuan')} error={lineError} hint={t('povertyLine.hint')}>
            <input id="pl-line" inputMode="decimal" value={shownLine} onInput={(e) => setLine(e.currentTarget.value)} {...(lineError ? { 'aria-invalid': true as const, 'aria-describedby': 'pl-line-error' } : {})} />
          </Field>
          {rest && <Alert>{rest}</Alert>}
          {saved && <Alert kind="info">{t('povertyLine.saved')}</Alert>}
          <button type="submit" class="button button--primary" disabled={busy || !s} data-testid="poverty-line-save">
            {busy ? t('saving') : t('save')}
          </button>
        </form>
      </div>
      <section class="card" aria-labelledby="line-villages-title">
        <h3 id="line-villages-title">{t('povertyLine.byVillage')}</h3>
        <TableScroll>
          <table class="table" data-testid="poverty-line-villages">
            <thead>
              <tr>
                <th scope="col">{t('village')}</th>
                <Th num>{t('povertyLine.poorHouseholds')}</Th>
                <Th num>{t('povertyLine.above')}</Th>
                <Th num>{t('povertyLine.share')}</Th>
              </tr>
            </thead>
            <tbody>
              {(load.data?.villages ?? []).map((v) => (
                <tr key={v.village.id}>
                  <th scope="row">
                    {v.village.name}
                    <span class="village-township">{v.village.township.name}</span>
                  </th>
                  <td class="num">{formatCount(v.registeredPoorHouseholds)}</td>
                  <td class="num">{formatCount(v.registeredPoorEarningAboveLine)}</td>
                  <td class="num">{percent(v.registeredPoorEarningAboveLineShare)}</td>
                </tr>
              ))}
              {load.data && load.data.villages.length === 0 && (
                <EmptyRow cols={4}>{t('povertyLine.none')}</EmptyRow>
              )}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}

// ---------- two-way flow ----------

function TwoWayReport(props: { loc: Location }) {
  const { t } = useT(NS);
  const { token, countyId } = useConsole();
  const thisMonth = shanghaiDay().slice(0, 7);
  const from = props.loc.params.get('from') ?? monthStart(shanghaiDay(), 11).slice(0, 7);
  const to = props.loc.params.get('to') ?? thisMonth;
  const load = useLoad(() => fetchTwoWayFlow(countyId, from || null, to || null, token), [countyId, from, to]);
  const [fromText, setFrom] = useState(from);
  const [toText, setTo] = useState(to);
  const rows = load.data?.months ?? [];
  const total = rows.reduce(
    (s, r) => ({
      upwardOrders: s.upwardOrders + r.upwardOrders,
      upwardSalesFen: s.upwardSalesFen + r.upwardSalesFen,
      downwardOrders: s.downwardOrders + r.downwardOrders,
      downwardSalesFen: s.downwardSalesFen + r.downwardSalesFen,
      farmInputFen: s.farmInputFen + r.farmInputFen,
      registeredPoorFarmInputFen: s.registeredPoorFarmInputFen + r.registeredPoorFarmInputFen,
    }),
    { upwardOrders: 0, upwardSalesFen: 0, downwardOrders: 0, downwardSalesFen: 0, farmInputFen: 0, registeredPoorFarmInputFen: 0 },
  );
  // The API's range errors name `from` or `to`: each shows under its input.
  const errorOf = (field: 'from' | 'to') => load.fields[field];

  return (
    <>
      <PageHead title={t('twoWay.title')} intro={t('twoWay.intro')}>
        <DownloadButton url={`/reports/two-way-flow.xlsx?${query({ countyId, from, to })}`} fallbackName="two-way-flow.xlsx" label={t('downloadXlsx')} testId="two-way-xlsx" />
      </PageHead>
      <form
        class="card filters"
        aria-label={t('twoWay.range')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href('/reports/two-way', { from: fromText, to: toText }));
        }}
      >
        <Field id="tw-from" label={t('twoWay.from')} error={errorOf('from')}>
          <input id="tw-from" type="month" value={fromText} max={thisMonth} onInput={(e) => setFrom(e.currentTarget.value)} {...invalid('tw-from', errorOf('from'))} />
        </Field>
        <Field id="tw-to" label={t('twoWay.to')} error={errorOf('to')}>
          <input id="tw-to" type="month" value={toText} max={thisMonth} onInput={(e) => setTo(e.currentTarget.value)} {...invalid('tw-to', errorOf('to'))} />
        </Field>
        <div class="form__actions">
          <button type="submit" class="button">
            {t('apply')}
          </button>
        </div>
      </form>
      {load.error && !errorOf('from') && !errorOf('to') && <LoadError load={load} />}
      <section class="card" aria-labelledby="page-title">
        <TableScroll loading={load.loading}>
          <table class="table" data-testid="two-way-table">
            <thead>
              <tr>
                <th scope="col">{t('month')}</th>
                <Th num>{t('twoWay.upOrders')}</Th>
                <Th num>{t('twoWay.upSales')}</Th>
                <Th num>{t('twoWay.downOrders')}</Th>
                <Th num>{t('twoWay.downSales')}</Th>
                <Th num>{t('twoWay.farmInput')}</Th>
                <Th num>{t('twoWay.poorFarmInput')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month}>
                  <th scope="row">{r.month}</th>
                  <td class="num">{formatCount(r.upwardOrders)}</td>
                  <td class="num">{yuan(r.upwardSalesFen)}</td>
                  <td class="num">{formatCount(r.downwardOrders)}</td>
                  <td class="num">{yuan(r.downwardSalesFen)}</td>
                  <td class="num">{yuan(r.farmInputFen)}</td>
                  <td class="num">{yuan(r.registeredPoorFarmInputFen)}</td>
                </tr>
              ))}
            </tbody>
            {rows.length > 0 && (
              <tfoot>
                <tr>
                  <th scope="row">{t('total')}</th>
                  <td class="num">{formatCount(total.upwardOrders)}</td>
                  <td class="num">{yuan(total.upwardSalesFen)}</td>
                  <td class="num">{formatCount(total.downwardOrders)}</td>
                  <td class="num">{yuan(total.downwardSalesFen)}</td>
                  <td class="num">{yuan(total.farmInputFen)}</td>
                  <td class="num">{yuan(total.registeredPoorFarmInputFen)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </TableScroll>
      </section>
    </>
  );
}

// ---------- finance ----------

function FinanceReport() {
  const { t } = useT(NS);
  const { token, countyId } = useConsole();
  const funds = useLoad(() => fetchCountyFunds(countyId, token), [countyId]);
  const f = funds.data;
  const from = monthStart(shanghaiDay(), 11).slice(0, 7);
  const to = shanghaiDay().slice(0, 7);
  const FIGURES: Array<[string, keyof NonNullable<typeof f>]> = [
    ['finance.riskBalance', 'riskBalanceFen'],
    ['finance.riskPaid', 'riskPaidFen'],
    ['finance.subsidyBalance', 'subsidyBalanceFen'],
    ['finance.subsidyPaid', 'subsidyPaidFen'],
  ];
  return (
    <>
      <PageHead title={t('finance.title')} intro={t('finance.intro')}>
        <DownloadButton url={`/reports/finance.xlsx?${query({ countyId, from, to })}`} fallbackName="finance.xlsx" label={t('downloadXlsx')} testId="finance-xlsx" />
      </PageHead>
      <LoadError load={funds} />
      <section class="figures" aria-label={t('finance.funds')} data-testid="county-funds">
        {FIGURES.map(([label, key], i) => (
          <div key={key} class={`figure card${i === 0 ? ' figure--lead' : ''}`} data-figure={key} data-value={f ? String(f[key]) : ''}>
            <p class="figure__label">{t(label)}</p>
            <p class="figure__value">{f ? yuan(f[key]) : '–'}</p>
          </div>
        ))}
      </section>
      <CreditTable countyId={countyId} token={token} />
    </>
  );
}
