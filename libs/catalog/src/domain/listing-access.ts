import { Actor, Role } from '@app/kernel';
import { ListingStatus } from './enums';

/** What the access rules need to know of a listing. */
export interface ListingScope {
  stationId: string;
  countyId: string;
  status: ListingStatus;
}

/**
 * Who may read a listing at all: ACTIVE ones everybody; others only admins, the officials of its
 * county and the operators of its station (buyers and anonymous callers never see a draft or a
 * sold-out listing).
 */
export function canSeeListing(actor: Actor | null, listing: ListingScope): boolean {
  if (listing.status === ListingStatus.ACTIVE) return true;
  return canSeeSupply(actor, listing);
}

/** Who may see the supply lots (which households stand behind a listing). */
export function canSeeSupply(actor: Actor | null, listing: Pick<ListingScope, 'stationId' | 'countyId'>): boolean {
  if (!actor) return false;
  switch (actor.role) {
    case Role.ADMIN:
      return true;
    case Role.COUNTY_OFFICIAL:
      return actor.countyId !== null && actor.countyId === listing.countyId;
    case Role.STATION_OPERATOR:
      return actor.stationId !== null && actor.stationId === listing.stationId;
    default:
      return false;
  }
}

/** May this actor change the listing (update it, add supply)? Admins and the listing station's operators. */
export function canManageListing(actor: Actor, listing: Pick<ListingScope, 'stationId'>): boolean {
  if (actor.role === Role.ADMIN) return true;
  return actor.role === Role.STATION_OPERATOR && actor.stationId !== null && actor.stationId === listing.stationId;
}
