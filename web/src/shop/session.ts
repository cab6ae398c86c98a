// The buyer's session, shared with the other pages' storage (sessionStorage), with a change event so
// the header follows a sign-in or sign-out made anywhere on the page.
import { useEffect, useState } from 'preact/hooks';
import { clearSession, loadSession, saveSession, Session } from '../shared/session';

const EVENT = 'shop:session';

export function useSession(): Session | null {
  const [session, setSession] = useState(loadSession);
  useEffect(() => {
    const update = () => setSession(loadSession());
    window.addEventListener(EVENT, update);
    return () => window.removeEventListener(EVENT, update);
  }, []);
  return session;
}

export function signedIn(session: Session): void {
  saveSession(session);
  window.dispatchEvent(new Event(EVENT));
}

export function signedOut(): void {
  clearSession();
  window.dispatchEvent(new Event(EVENT));
}
