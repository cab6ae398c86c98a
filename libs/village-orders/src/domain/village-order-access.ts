import { Actor, Role } from '@app/kernel';

export interface VillageOrderScope {
  stationId: string;
  countyId: string;
  merchantId: string;
}

/** Reading an order: admins; the operators of its station; officials of its county; its merchant. */
export function canSeeVillageOrder(actor: Actor | null, o: VillageOrderScope): boolean {
  if (!actor) return false;
  switch (actor.role) {
    case Role.ADMIN:
      return true;
    case Role.STATION_OPERATOR:
      return actor.stationId === o.stationId;
    case Role.COUNTY_OFFICIAL:
      return actor.countyId === o.countyId;
    case Role.MERCHANT:
      return actor.merchantId === o.merchantId;
    default:
      return false;
  }
}

/** Who the villager is (name, household): not for the merchant, who ships to the station. */
export function canSeeVillager(actor: Actor | null, o: VillageOrderScope): boolean {
  return canSeeVillageOrder(actor, o) && actor!.role !== Role.MERCHANT;
}

/** Receiving, handing over, cancelling: the operators of its station, and admins. */
export function canWorkAtStation(actor: Actor, o: VillageOrderScope): boolean {
  return actor.role === Role.ADMIN || (actor.role === Role.STATION_OPERATOR && actor.stationId === o.stationId);
}

/** Shipping: its merchant's users, and admins. */
export function canShip(actor: Actor, o: VillageOrderScope): boolean {
  return actor.role === Role.ADMIN || (actor.role === Role.MERCHANT && actor.merchantId === o.merchantId);
}

/** A station's cash position: its operators, officials of its county, admins. */
export function canSeeStationCash(actor: Actor | null, station: { id: string; countyId: string }): boolean {
  if (!actor) return false;
  if (actor.role === Role.ADMIN) return true;
  if (actor.role === Role.STATION_OPERATOR) return actor.stationId === station.id;
  return actor.role === Role.COUNTY_OFFICIAL && actor.countyId === station.countyId;
}
