import { gql } from './api';

export type Role = 'BUYER' | 'STATION_OPERATOR' | 'COUNTY_OFFICIAL' | 'ADMIN' | 'LENDER' | 'MERCHANT';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  station: { id: string; name: string } | null;
  county: { id: string; name: string } | null;
}

export interface Session {
  token: string;
  user: SessionUser;
}

// Kept in sessionStorage: it survives a reload of the tab (an operator's phone locking and waking),
// and is gone when the tab is closed, so a shared station computer does not stay signed in.
const KEY = 'marketplace.session';

/** The stored session, unless its token has expired. */
export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    const exp = tokenExpiry(session.token);
    if (exp !== null && exp * 1000 <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

function tokenExpiry(token: string): number | null {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as { exp?: number };
    return typeof claims.exp === 'number' ? claims.exp : null;
  } catch {
    return null;
  }
}

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user { id email displayName role station { id name } county { id name } }
  }
}`;

export async function signIn(email: string, password: string): Promise<Session> {
  const data = await gql<{ login: Session }>(LOGIN, { email, password });
  return data.login;
}
