// Which page is whose. One sign-in serves every page: a person who signs in (or opens a page) that
// is not for their role is sent to the page of their role.
import type { Role } from './session';

/**
 * The page of each role (admins also use the station page and the dashboard). Roles with no page of
 * their own (the credit cooperatives' lenders and the merchants use the API) are null.
 */
export const HOME: Record<Role, string | null> = {
  STATION_OPERATOR: '/station',
  COUNTY_OFFICIAL: '/dashboard',
  ADMIN: '/admin',
  BUYER: '/shop',
  LENDER: null,
  MERCHANT: null,
};

export function homeOf(role: Role): string | null {
  return HOME[role] ?? null;
}

/** Sends the browser to `role`'s page (replacing this one in the history); false if it has none. */
export function goHome(role: Role): boolean {
  const home = homeOf(role);
  if (!home) return false;
  location.replace(home);
  return true;
}
