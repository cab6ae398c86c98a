import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, downloadWithToken, messageOf } from '../shared/api';
import { addDays, dayStart, formatCount, formatFen, monthStart, plural, shanghaiDay } from '../shared/format';
import { RolePage, useAuth } from '../shared/auth';
import { useT } from '../shared/i18n';
import { Session } from '../shared/session';
import { Alert, Field, invalid, TopBar } from '../shared/ui';
import { ImpactChart } from './impact-chart';
import { csvUrl, fetchCounties, fetchReport, fetchStations, fetchVillages, ImpactFilter, ImpactPoint, ImpactSummary, Place, VillageRow } from './queries';
import { CreditTable } from './credit-table';
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

/** The last twelve months, this one included. */
function defaultFilters(session: Session): Filters {
  const today = shanghaiDay();
  return { countyId: session.user.county?.id ?? '', stationId: '', from: monthStart(today, 11), to: today };
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

export function DashboardPage() {
  const { t } = useT('common');
  return (
    <RolePage roles={['COUNTY_OFFICIAL', 'ADMIN']} title={t('pages.dashboard')}>
      {() => <SignedIn />}
    </RolePage>
  );
}

function SignedIn() {
  const { session, signOut } = useAuth();
  return <Dashboard session={session} onSignOut={signOut} />;
}

function Dashboard({ session, onSignOut }: { session: Session; onSignOut: (message?: string) => void }) {
  const isAdmin = session.user.role === 'ADMIN';
  const [filters, setFilters] = useState<Filters>(() => defaultFilters(session));
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
      onSignOut('Your session has ended. Please sign in again.');
      return {};
    }
    return error instanceof ApiError ? error.byField() : { '': messageOf(error) };
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
      setErrors({ to: 'The end date must not be before the start date.' });
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

  const place = session.user.county?.name ?? (isAdmin ? (counties.find((c) => c.id === filters.countyId)?.name ?? 'All counties') : undefined);
  const formError = errors[''] ?? errors.filter ?? errors.countyId ?? errors.stationId;

  return (
    <>
      <TopBar title="County impact" place={place} session={session} onSignOut={() => onSignOut()} />
      <main class="page dashboard">
        <form class="card filters" onSubmit={(e) => e.preventDefault()} aria-label="Report filters" noValidate>
          {isAdmin && (
            <Field id="filter-county" label="County" error={errors.countyId}>
              <select id="filter-county" value={filters.countyId} onChange={(e) => update({ countyId: e.currentTarget.value, stationId: '' })}>
                <option value="">All counties</option>
                {counties.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id="filter-from" label="From" error={errors.from}>
            <input id="filter-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => update({ from: e.currentTarget.value })} {...invalid('filter-from', errors.from)} />
          </Field>
          <Field id="filter-to" label="To (inclusive)" error={errors.to}>
            <input id="filter-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => update({ to: e.currentTarget.value })} {...invalid('filter-to', errors.to)} />
          </Field>
          <Field id="filter-station" label="Station" error={errors.stationId}>
            <select id="filter-station" value={filters.stationId} onChange={(e) => update({ stationId: e.currentTarget.value })} disabled={isAdmin && !filters.countyId && stations.length === 0}>
              <option value="">All stations</option>
              {stations.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
        </form>

        {formError && <Alert>{formError}</Alert>}

        <Figures summary={report?.summary} loading={loading} />

        <section class="card" aria-labelledby="chart-title">
          <div class="card__head">
            <h2 id="chart-title">By month</h2>
            <p class="muted small">Delivered sales, by the month the order was placed (Beijing time)</p>
          </div>
          <ImpactChart points={report?.series ?? []} />
        </section>

        <VillageTable rows={report?.villages ?? []} total={report?.villageTotal ?? 0} loading={loading} onDownload={download} downloading={downloading} downloadError={downloadError} />

        {(session.user.county?.id ?? filters.countyId) && <CreditTable countyId={(session.user.county?.id ?? filters.countyId)!} token={session.token} />}
      </main>
    </>
  );
}

interface Figure {
  key: keyof ImpactSummary;
  label: string;
  value: (s: ImpactSummary) => string;
  detail?: (s: ImpactSummary) => string;
  lead?: boolean;
}

const FIGURES: Figure[] = [
  { key: 'incomeToRegisteredPoorFen', label: 'Income to registered-poor households', value: (s) => formatFen(s.incomeToRegisteredPoorFen), lead: true },
  { key: 'villagesReached', label: 'Villages reached', value: (s) => formatCount(s.villagesReached), detail: (s) => `${formatCount(s.povertyStrickenVillagesReached)} poverty-stricken`, lead: true },
  { key: 'householdsReached', label: 'Households reached', value: (s) => formatCount(s.householdsReached), detail: (s) => `${formatCount(s.registeredPoorHouseholdsReached)} registered-poor` },
  { key: 'supplierIncomeFen', label: 'Income to all supplying households', value: (s) => formatFen(s.supplierIncomeFen) },
  { key: 'paidOutFen', label: 'Paid out to households', value: (s) => formatFen(s.paidOutFen) },
  { key: 'grossSalesFen', label: 'Gross sales', value: (s) => formatFen(s.grossSalesFen), detail: (s) => plural(s.ordersCount, 'order') },
];

/** The summary as headline figures; each carries its raw value for tests and tooling. */
function Figures({ summary, loading }: { summary?: ImpactSummary; loading: boolean }) {
  return (
    <section class={`figures${loading ? ' is-loading' : ''}`} aria-label="Headline figures" aria-busy={loading} data-testid="figures" data-summary={summary ? JSON.stringify(summary) : ''}>
      {FIGURES.map((f) => (
        <div key={f.key} class={`figure card${f.lead ? ' figure--lead' : ''}`} data-figure={f.key} data-value={summary ? String(summary[f.key]) : ''}>
          <p class="figure__label">{f.label}</p>
          <p class="figure__value">{summary ? f.value(summary) : '–'}</p>
          {f.detail && <p class="figure__detail">{summary ? f.detail(summary) : '\u00a0'}</p>}
        </div>
      ))}
    </section>
  );
}
