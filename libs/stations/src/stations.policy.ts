import { Injectable } from '@nestjs/common';
import { Actor, forbidden, Role } from '@app/platform';

/** Who may change a station: admins any, officials those of their county. */
@Injectable()
export class StationsPolicy {
  assertMayUpdate(actor: Actor, station: { countyId: string }): void {
    if (actor.role === Role.ADMIN) return;
    if (actor.role === Role.COUNTY_OFFICIAL && actor.countyId === station.countyId) return;
    throw forbidden('Only admins and officials of its county may change a station');
  }
}
