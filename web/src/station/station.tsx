// The station console, phone first: one section at a time (fulfilments, listings, households,
// assisted orders, credit, the station), chosen in a tab bar and kept in the URL's hash so that a
// reload or the back button stays put.
import { useEffect, useState } from 'preact/hooks';
import { RolePage, useAuth, useLoadFailure } from '../shared/auth';
import { useT } from '../shared/i18n';
import { Alert, Field, Options, TopBar } from '../shared/ui';
import './messages';
import { FinanceSection } from './finance';
import { WorkSection } from './fulfilments';
import { HouseholdsSection } from './households';
import { ListingsSection } from './listings';
import { OrdersSection } from './orders';
import { fetchStation, fetchStations, StationInfo } from './queries';
import { StationSection } from './station-info';

export const TABS = ['work', 'listings', 'households', 'orders', 'finance', 'station'] as const;
export type Tab = (typeof TABS)[number];

function currentTab(): Tab {
  const name = location.hash.replace(/^#\/?/, '').split('/')[0];
  return (TABS as readonly string[]).includes(name) ? (name as Tab) : 'work';
}

function useTab(): Tab {
  const [tab, setTab] = useState<Tab>(currentTab);
  useEffect(() => {
    const changed = () => setTab(currentTab());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return tab;
}

export function StationPage() {
  const { t } = useT('station');
  return (
    <RolePage roles={['STATION_OPERATOR', 'ADMIN']} title={t('title')}>
      {() => <Console />}
    </RolePage>
  );
}

function Console() {
  const { t } = useT('station');
  const { session, signOut } = useAuth();
  const isAdmin = session.user.role === 'ADMIN';
  const tab = useTab();
  const [stations, setStations] = useState<Array<{ id: string; name: string }>>(session.user.station ? [session.user.station] : []);
  const [stationId, setStationId] = useState(session.user.station?.id ?? '');
  const [station, setStation] = useState<StationInfo | null>(null);
  const [error, setError] = useState<string>();

  const fail = useLoadFailure('station', setError);

  useEffect(() => {
    if (!isAdmin) return;
    fetchStations(session.token).then((list) => {
      setStations(list);
      if (!stationId && list.length) setStationId(list[0].id);
    }, fail);
  }, []);

  const load = () => {
    setError(undefined);
    if (stationId) fetchStation(stationId, session.token).then(setStation, fail);
  };
  useEffect(load, [stationId]);

  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <TopBar title={t('title')} place={station?.name ?? stations.find((s) => s.id === stationId)?.name} session={session} onSignOut={() => signOut()} />
      <nav class="tabs-bar no-print" aria-label={t('sections')}>
        {TABS.map((name) => (
          <a key={name} href={`#/${name}`} class="tabs-bar__tab" aria-current={tab === name ? 'page' : undefined} data-tab={name}>
            {t(`tab.${name}`)}
          </a>
        ))}
      </nav>
      <main id="main" class="page station" tabIndex={-1}>
        {isAdmin && (
          <div class="card no-print">
            <Field id="station-pick" label={t('stationPick')}>
              <select id="station-pick" value={stationId} onChange={(e) => setStationId(e.currentTarget.value)}>
                <Options items={stations} />
              </select>
            </Field>
          </div>
        )}
        {!stationId && !isAdmin && <Alert>{t('noStation')}</Alert>}
        {error && (
          <Alert>
            {error}{' '}
            <button type="button" class="button button--quiet" onClick={load}>
              {t('tryAgain')}
            </button>
          </Alert>
        )}
        {stationId && !station && !error && <p class="muted">{t('loading')}</p>}
        {station && station.id === stationId && <Section tab={tab} station={station} />}
      </main>
    </>
  );
}

function Section({ tab, station }: { tab: Tab; station: StationInfo }) {
  switch (tab) {
    case 'listings':
      return <ListingsSection key={station.id} station={station} />;
    case 'households':
      return <HouseholdsSection key={station.id} station={station} />;
    case 'orders':
      return <OrdersSection key={station.id} station={station} />;
    case 'finance':
      return <FinanceSection key={station.id} station={station} />;
    case 'station':
      return <StationSection key={station.id} station={station} />;
    default:
      return <WorkSection key={station.id} station={station} />;
  }
}
