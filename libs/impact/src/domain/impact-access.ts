// Who may read which impact figures (docs/design.md, "Access"): admins everything, county officials
// their county, station operators their station; buyers and anonymous callers nothing at all.
import { Actor, forbidden, Role } from '@app/kernel';

/** The county and listing station a report is narrowed to (null: not narrowed). */
export interface ImpactScope {
  countyId: string | null;
  stationId: string | null;
}

/**
 * The scope an actor may read for the requested one: an official's reports are always of their own
 * county and an operator's of their own station (also when the filter names none); naming another
 * county or station is FORBIDDEN, as is any report for a buyer or an anonymous caller.
 */
export function impactScopeFor(actor: Actor | null | undefined, requested: ImpactScope): ImpactScope {
  switch (actor?.role) {
    case Role.ADMIN:
      return { countyId: requested.countyId, stationId: requested.stationId };
    case Role.COUNTY_OFFICIAL:
      if (!actor.countyId) throw forbidden('This official account is bound to no county');
      if (requested.countyId !== null && requested.countyId !== actor.countyId) throw forbidden('Officials read the impact of their own county only');
      return { countyId: actor.countyId, stationId: requested.stationId };
    case Role.STATION_OPERATOR:
      if (!actor.stationId) throw forbidden('This operator account is bound to no station');
      if (requested.stationId !== null && requested.stationId !== actor.stationId) throw forbidden('Operators read the impact of their own station only');
      return { countyId: requested.countyId, stationId: actor.stationId };
    default:
      throw forbidden('Impact reports are for admins, county officials and station operators');
  }
}
