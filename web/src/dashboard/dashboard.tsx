import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { TFunction } from 'i18next';
import { ApiError, downloadWithToken } from '../shared/api';
import { addDays, dayStart, formatCount, formatFen, monthStart, shanghaiDay } from '../shared/format';
import { useT } from '../shared/i18n';
import type { Session } from '../shared/session';
import { Alert, errorText, Field, invalid, Options } from '../shared/ui';
import { ConsoleContext } from './kit';
import { NS } from './messages';
import { ImpactChart } from './impact-chart';
import { csvUrl, fetchCounties, fetchReport, fetchStations, fetchVillages, ImpactFilter, ImpactPoint, ImpactSummary, Place, VillageRow } from './queries';
import { CreditTable } from './credit-table';
import { DownloadButton } from './reports';
import { VillageTable } from './village-table';

/** What the filter form holds: calendar days (the `to` day included) and ids, '' for "all". */
interface Filters {
  countyId: string;
  stationId: string;
  from: string;
  to: string;
}

interface Report {
  summary: ImpactSummary;
  series: ImpactPoint[];
  villages: VillageRow[];
  villageTotal: number;
}

/** The last twelve months, this one included, of the county being worked on. */
function defaultFilters(countyId: string): Filters {
  const today = shanghaiDay();
  return { countyId, stationId: '', from: monthStart(today, 11), to: today };
}

/** The form's days as the API's half-open range of instants: [from 00:00, the day after `to` 00:00). */
function toImpactFilter(f: Filters): ImpactFilter {
  return {
    ...(f.countyId ? { countyId: f.countyId } : {}),
    ...(f.stationId ? { stationId: f.stationId } : {}),
    ...(f.from ? { from: dayStart(f.from) } : {}),
    ...(f.to ? { to: dayStart(addDays(f.to, 1)) } : {}),
  };
}

/** The impact page: the county's figures, by month and by village, with the CSV and credit report. */
export function Dashboard({ session, onSignOut }: { session: Session; onSignOut: (message?: string) => void }) {
  const { t } = useT(NS);
  const isAdmin = session.user.role === 'ADMIN';
  // An admin's county is the console's: choosing it here or in the navigation is the same choice.
  const shell = useContext(ConsoleContext);
  const consoleCounty = session.user.county?.id ?? shell?.countyId ?? '';
  const [filters, setFilters] = useState<Filters>(() => defaultFilters(consoleCounty));
  const [counties, setCounties] = useState<Place[]>([]);
  const [stations, setStations] = useState<Place[]>([]);
  const [report, setReport] = useState<Report | null>(null);
  const [loading, setLoading] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string>();
  const request = useRef(0);

  const fail = (error: unknown): Record<string, string> => {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      onSignOut(t('sessionEnded'));
      return {};
    }
    if (error instanceof ApiError && error.items.some((i) => i.field)) return error.byField();
    return { '': errorText(error, t) };
  };

  useEffect(() => {
    if (!isAdmin) return;
    fetchCounties(session.token).then(setCounties, (e) => setErrors(fail(e)));
  }, []);

  useEffect(() => {
    setStations([]);
    if (isAdmin && !filters.countyId) return;
    fetchStations(filters.countyId || undefined, session.token).then(setStations, (e) => setErrors(fail(e)));
  }, [filters.countyId]);

  useEffect(() => {
    if (filters.from && filters.to && filters.from > filters.to) {
      setErrors({ to: t('impact.rangeBad') });
      return;
    }
    // Only the latest request's answer is shown, however the answers arrive.
    const mine = ++request.current;
    const filter = toImpactFilter(filters);
    setLoading(true);
    setErrors({});
    Promise.all([fetchReport(filter, session.token), fetchVillages(filter, session.token)])
      .then(([r, v]) => {
        if (mine !== request.current) return;
        setReport({ summary: r.summary, series: r.series, villages: v.rows, villageTotal: v.total });
      })
      .catch((e) => mine === request.current && setErrors(fail(e)))
      .finally(() => mine === request.current && setLoading(false));
  }, [filters]);

  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  useEffect(() => {
    if (isAdmin && consoleCounty !== filters.countyId) update({ countyId: consoleCounty, stationId: '' });
  }, [consoleCounty]);

  const download = async () => {
    setDownloading(true);
    setDownloadError(undefined);
    try {
      await downloadWithToken(csvUrl(toImpactFilter(filters)), session.token, 'impact.csv');
    } catch (e) {
      const byField = fail(e);
      setDownloadError(Object.values(byField).join('; ') || undefined);
    } finally {
      setDownloading(false);
    }
  };

  const formError = errors[''] ?? errors.filter;
  const countyId = session.user.county?.id ?? filters.countyId;

  return (
    <div class="dashboard">
      <h2 id="page-title" class="visually-hidden" tabIndex={-1}>
        {t('nav.impact')}
      </h2>
      <form class="card filters" onSubmit={(e) => e.preventDefault()} aria-label={t('impact.filters')} noValidate>
        {isAdmin && (
          <Field id="filter-county" label={t('impact.county')} error={errors.countyId}>
            <select id="filter-county" value={filters.countyId} onChange={(e) => {
                update({ countyId: e.currentTarget.value, stationId: '' });
                shell?.chooseCounty(e.currentTarget.value);
              }} {...invalid('filter-county', errors.countyId)}>
              <option value="">{t('impact.allCounties')}</option>
              <Options items={counties} />
            </select>
          </Field>
        )}
        <Field id="filter-from" label={t('impact.from')} error={errors.from}>
          <input id="filter-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => update({ from: e.currentTarget.value })} {...invalid('filter-from', errors.from)} />
        </Field>
        <Field id="filter-to" label={t('impact.to')} error={errors.to}>
          <input id="filter-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => update({ to: e.currentTarget.value })} {...invalid('filter-to', errors.to)} />
        </Field>
        <Field id="filter-station" label={t('impact.station')} error={errors.stationId}>
          <select id="filter-station" value={filters.stationId} onChange={(e) => update({ stationId: e.currentTarget.value })} disabled={isAdmin && !filters.countyId && stations.length === 0} {...invalid('filter-station', errors.stationId)}>
            <option value="">{t('impact.allStations')}</option>
            <Options items={stations} />
          </select>
        </Field>
      </form>

      {formError && <Alert>{formError}</Alert>}

      <Figures summary={report?.summary} loading={loading} t={t} />

      <section class="card" aria-labelledby="chart-title">
        <div class="card__head">
          <h3 id="chart-title">{t('impact.byMonth')}</h3>
          <p class="muted small">{t('impact.byMonthNote')}</p>
        </div>
        <ImpactChart points={report?.series ?? []} />
      </section>

      <VillageTable
        rows={report?.villages ?? []}
        total={report?.villageTotal ?? 0}
        loading={loading}
        onDownload={download}
        downloading={downloading}
        downloadError={downloadError}
        actions={<DownloadButton url={csvUrl(toImpactFilter(filters)).replace('/reports/impact.csv', '/reports/impact.xlsx')} fallbackName="impact.xlsx" label={t('downloadXlsx')} testId="download-xlsx" />}
      />

      {countyId && <CreditTable countyId={countyId} token={session.token} />}
    </div>
  );
}

interface Figure {
  key: keyof ImpactSummary;
  value: (s: ImpactSummary) => string;
  detail?: (s: ImpactSummary, t: TFunction) => string;
  lead?: boolean;
}

const FIGURES: Figure[] = [
  { key: 'incomeToRegisteredPoorFen', value: (s) => formatFen(s.incomeToRegisteredPoorFen), lead: true },
  { key: 'villagesReached', value: (s) => formatCount(s.villagesReached), detail: (s, t) => t('impact.poorVillages', { count: s.povertyStrickenVillagesReached }), lead: true },
  { key: 'householdsReached', value: (s) => formatCount(s.householdsReached), detail: (s, t) => t('impact.poorHouseholds', { count: s.registeredPoorHouseholdsReached }) },
  { key: 'supplierIncomeFen', value: (s) => formatFen(s.supplierIncomeFen) },
  { key: 'paidOutFen', value: (s) => formatFen(s.paidOutFen) },
  { key: 'grossSalesFen', value: (s) => formatFen(s.grossSalesFen), detail: (s, t) => t('impact.orders', { count: s.ordersCount }) },
];

/** The summary as headline figures; each carries its raw value for tests and tooling. */
function Figures({ summary, loading, t }: { summary?: ImpactSummary; loading: boolean; t: TFunction }) {
  return (
    <section class={`figures${loading ? ' is-loading' : ''}`} aria-label={t('impact.figures')} aria-busy={loading} data-testid="figures" data-summary={summary ? JSON.stringify(summary) : ''}>
      {FIGURES.map((f) => (
        <div key={f.key} class={`figure card${f.lead ? ' figure--lead' : ''}`} data-figure={f.key} data-value={summary ? String(summary[f.key]) : ''}>
          <p class="figure__label">{t(`impact.fig.${f.key}`)}</p>
          <p class="figure__value">{summary ? f.value(summary) : '–'}</p>
          {f.detail && <p class="figure__detail">{summary ? f.detail(summary, t) : '\u00a0'}</p>}
        </div>
      ))}
    </section>
  );
}
