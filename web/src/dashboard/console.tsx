// The county official's console at /dashboard: one sign-in (RolePage), then the pages of the county
// office: impact, the registry (households, the import), villages, stations, payouts and the
// reports. Desktop first (officials work at a desk), and usable on a phone: the navigation scrolls
// sideways, tables scroll inside their cards.
import { useEffect, useState } from 'preact/hooks';
import { RolePage, useAuth } from '../shared/auth';
import { useT } from '../shared/i18n';
import { Alert, Options, TopBar } from '../shared/ui';
import { CountyInfo, fetchCounty } from './console-queries';
import { Dashboard } from './dashboard';
import { fetchCounties, Place } from './queries';
import { HouseholdList, HouseholdPage, RegisterHousehold } from './households';
import { ImportPage } from './import';
import { ConsoleContext } from './kit';
import { NS } from './messages';
import { PayoutsPage } from './payouts';
import { ReportName, REPORTS, ReportsPage } from './reports';
import { href, Link, Location, useLocation } from './router';
import { StationsPage } from './stations';
import { VillagesPage } from './villages';

export function ConsolePage() {
  const { t } = useT(NS);
  return (
    <RolePage roles={['COUNTY_OFFICIAL', 'ADMIN']} title={t('title')}>
      {() => <Console />}
    </RolePage>
  );
}

const SECTIONS: Array<{ key: string; path: string; match: (p: string) => boolean }> = [
  { key: 'nav.impact', path: '', match: (p) => p === '' },
  { key: 'nav.households', path: '/households', match: (p) => p.startsWith('/households') },
  { key: 'nav.import', path: '/import', match: (p) => p === '/import' },
  { key: 'nav.villages', path: '/villages', match: (p) => p === '/villages' },
  { key: 'nav.stations', path: '/stations', match: (p) => p === '/stations' },
  { key: 'nav.payouts', path: '/payouts', match: (p) => p === '/payouts' },
  { key: 'nav.reports', path: '/reports/training', match: (p) => p.startsWith('/reports') },
];

function Console() {
  const { t } = useT(NS);
  const { session, signOut, authLost } = useAuth();
  const loc = useLocation();
  const isAdmin = session.user.role === 'ADMIN';
  const [adminCounty, setAdminCounty] = useState('');
  const counties = useLoadCounties(isAdmin, session.token, authLost);
  const countyId = session.user.county?.id ?? adminCounty;
  const [tick, setTick] = useState(0);
  const [county, setCounty] = useState<CountyInfo>();

  useEffect(() => {
    setCounty(undefined);
    if (!countyId) return;
    fetchCounty(countyId, session.token).then(
      (c) => setCounty(c ?? undefined),
      () => undefined, // The pages that need it load their own data and show the error.
    );
  }, [countyId, tick]);

  // A new page: its heading takes the focus, so a screen reader announces where the link led.
  useEffect(() => {
    document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [loc.path]);

  const place = county?.name ?? session.user.county?.name;
  const ctx = { session, token: session.token, countyId, county, reloadCounty: () => setTick((n) => n + 1), chooseCounty: setAdminCounty, authLost };
  return (
    <ConsoleContext.Provider value={ctx}>
      <a class="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <TopBar title={t('title')} place={place} session={session} onSignOut={() => signOut()} />
      <nav class="console-nav" aria-label={t('nav.label')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.key}>
              <Link href={href(s.path)} class={s.match(loc.path) ? 'is-current' : undefined} aria-current={s.match(loc.path) ? 'page' : undefined} data-testid={`nav-${s.path.split('/')[1] || 'impact'}`}>
                {t(s.key)}
              </Link>
            </li>
          ))}
        </ul>
        {isAdmin && (
          <label class="console-nav__county">
            <span>{t('county')}</span>
            <select value={adminCounty} onChange={(e) => setAdminCounty(e.currentTarget.value)} data-testid="console-county">
              <option value="">{t('chooseCounty')}</option>
              <Options items={(counties ?? [])} />
            </select>
          </label>
        )}
      </nav>
      <main id="main" class="page console" tabIndex={-1}>
        <Route loc={loc} needsCounty={!countyId} />
      </main>
    </ConsoleContext.Provider>
  );
}

function useLoadCounties(isAdmin: boolean, token: string, authLost: () => void): Place[] | undefined {
  const [counties, setCounties] = useState<Place[]>();
  useEffect(() => {
    if (!isAdmin) return;
    fetchCounties(token).then(setCounties, (e) => (e?.code === 'UNAUTHENTICATED' ? authLost() : setCounties([])));
  }, [isAdmin]);
  return counties;
}

function Route(props: { loc: Location; needsCounty: boolean }) {
  const { t } = useT(NS);
  const { session, signOut } = useAuth();
  const path = props.loc.path;
  // The impact page works for an admin without a county (all counties); the others need one.
  if (path === '') return <Dashboard session={session} onSignOut={signOut} />;
  if (props.needsCounty) return <Alert kind="info">{t('chooseCountyFirst')}</Alert>;
  if (path === '/households') return <HouseholdList loc={props.loc} />;
  if (path === '/households/new') return <RegisterHousehold />;
  const household = /^\/households\/(\d{1,18})$/.exec(path);
  if (household) return <HouseholdPage id={household[1]} />;
  if (path === '/import') return <ImportPage />;
  if (path === '/villages') return <VillagesPage loc={props.loc} />;
  if (path === '/stations') return <StationsPage />;
  if (path === '/payouts') return <PayoutsPage loc={props.loc} />;
  const report = /^\/reports\/([a-z-]+)$/.exec(path);
  if (report && (REPORTS as readonly string[]).includes(report[1])) return <ReportsPage name={report[1] as ReportName} loc={props.loc} />;
  return (
    <Alert>
      {t('notFound')} <Link href={href('')}>{t('nav.impact')}</Link>
    </Alert>
  );
}
