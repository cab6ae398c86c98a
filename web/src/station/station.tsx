import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../shared/api';
import { RolePage, useAuth } from '../shared/auth';
import { useT } from '../shared/i18n';
import { Session } from '../shared/session';
import { Alert, Field, TopBar } from '../shared/ui';
import { CarrierList, WorkList } from './fulfilments';
import { Listings } from './listings';
import { fetchListings, fetchStations, fetchWork, Fulfilment, Listing, Work, WorkStatus } from './queries';

const NEXT: Record<WorkStatus, WorkStatus | null> = { ROUTED: 'ACCEPTED', ACCEPTED: 'COLLECTED', COLLECTED: 'SHIPPED', SHIPPED: null };

export function StationPage() {
  const { t } = useT('common');
  return (
    <RolePage roles={['STATION_OPERATOR', 'ADMIN']} title={t('pages.station')}>
      {() => <SignedIn />}
    </RolePage>
  );
}

function SignedIn() {
  const { session, signOut } = useAuth();
  return <Station session={session} onSignOut={signOut} />;
}

function Station({ session, onSignOut }: { session: Session; onSignOut: (message?: string) => void }) {
  const isAdmin = session.user.role === 'ADMIN';
  const [stations, setStations] = useState<Array<{ id: string; name: string }>>(session.user.station ? [session.user.station] : []);
  const [stationId, setStationId] = useState(session.user.station?.id ?? '');
  const [work, setWork] = useState<Work | null>(null);
  const [listings, setListings] = useState<{ items: Listing[]; total: number } | null>(null);
  const [error, setError] = useState<string>();
  const authLost = () => onSignOut('Your session has ended. Please sign in again.');

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return authLost();
    setError(messageOf(e));
  };

  useEffect(() => {
    if (!isAdmin) return;
    fetchStations(session.token).then((list) => {
      setStations(list);
      if (!stationId && list.length) setStationId(list[0].id);
    }, fail);
  }, []);

  const load = (id: string) => {
    setError(undefined);
    fetchWork(id, session.token).then(setWork, fail);
    fetchListings(id, session.token).then(setListings, fail);
  };

  useEffect(() => {
    if (stationId) load(stationId);
  }, [stationId]);

  // A step done moves the fulfilment to the next group at once; its count follows.
  const moved = (from: WorkStatus, updated: Fulfilment) => {
    setWork((w) => {
      if (!w) return w;
      const next = NEXT[from];
      const out: Work = { ...w, [from]: { totalCount: Math.max(0, w[from].totalCount - 1), items: w[from].items.filter((f) => f.id !== updated.id) } };
      if (next) out[next] = { totalCount: w[next].totalCount + 1, items: [...w[next].items.filter((f) => f.id !== updated.id), updated] };
      return out;
    });
  };

  const listingChanged = (l: Listing) => setListings((ls) => ls && { ...ls, items: ls.items.map((x) => (x.id === l.id ? l : x)) });

  const station = stations.find((s) => s.id === stationId);
  return (
    <>
      <TopBar title="Station work" place={station?.name} session={session} onSignOut={() => onSignOut()} />
      <main class="page station">
        {isAdmin && (
          <div class="card">
            <Field id="station-pick" label="Station">
              <select id="station-pick" value={stationId} onChange={(e) => setStationId(e.currentTarget.value)}>
                {stations.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        )}
        {!stationId && !isAdmin && <Alert>This account is not attached to a station. Ask an admin to attach it.</Alert>}
        {error && (
          <Alert>
            {error}{' '}
            <button type="button" class="button button--quiet" onClick={() => load(stationId)}>
              Try again
            </button>
          </Alert>
        )}
        <div class="station__grid">
          {work ? <WorkList work={work} token={session.token} onMoved={moved} onAuthLost={authLost} /> : stationId && <p class="muted">Loading fulfilments…</p>}
          {listings ? <Listings listings={listings.items} total={listings.total} token={session.token} onChanged={listingChanged} onAuthLost={authLost} /> : stationId && <p class="muted">Loading listings…</p>}
        </div>
        <CarrierList />
      </main>
    </>
  );
}
