import { useEffect, useState } from 'preact/hooks';
import { RolePage, useAuth } from '../shared/auth';
import { useT } from '../shared/i18n';
import { TopBar } from '../shared/ui';
import { Geography } from './geography';
import { Ledger, Settlement } from './money';
import { Stations } from './stations';
import { Users } from './users';
import './messages';

const SECTIONS = ['geography', 'stations', 'users', 'settlement', 'ledger'] as const;
type Section = (typeof SECTIONS)[number];

const sectionOf = (hash: string): Section => {
  const name = hash.replace(/^#/, '');
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : 'geography';
};

export function AdminPage() {
  const { t } = useT('common');
  return (
    <RolePage roles={['ADMIN']} title={t('pages.admin')}>
      {() => <Admin />}
    </RolePage>
  );
}

/** The console: one section at a time, chosen by the address's #hash (so it survives a reload). */
function Admin() {
  const { t } = useT('admin');
  const { session, signOut } = useAuth();
  const [section, setSection] = useState<Section>(sectionOf(location.hash));
  useEffect(() => {
    const changed = () => setSection(sectionOf(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return (
    <>
      <TopBar title={t('title')} session={session} onSignOut={() => signOut()} />
      <nav class="admin__nav" aria-label={t('sections')}>
        {SECTIONS.map((s) => (
          <a key={s} href={`#${s}`} class="admin__tab" aria-current={s === section ? 'page' : undefined} data-testid={`nav-${s}`}>
            {t(s)}
          </a>
        ))}
      </nav>
      <main class="page admin" id="main">
        {section === 'geography' && <Geography />}
        {section === 'stations' && <Stations />}
        {section === 'users' && <Users />}
        {section === 'settlement' && <Settlement />}
        {section === 'ledger' && <Ledger />}
      </main>
    </>
  );
}
