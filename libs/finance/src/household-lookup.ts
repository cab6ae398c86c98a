import { EntityManager } from 'typeorm';
import { isId, notFound } from '@app/platform';
import { Household } from '@app/registry';

export interface HouseholdFacts {
  id: string;
  villageId: string;
  countyId: string;
  povertyStatus: string;
}

/** The registry's facts about a household that credit needs; NOT_FOUND (on `field`) when there is none. */
export async function householdFacts(manager: EntityManager, householdId: string, field: string): Promise<HouseholdFacts> {
  const h = isId(householdId) ? await manager.getRepository(Household).findOne({ where: { id: householdId }, select: { id: true, villageId: true, countyId: true, povertyStatus: true } }) : null;
  if (!h) throw notFound('Household', householdId, field);
  return { id: String(h.id), villageId: String(h.villageId), countyId: String(h.countyId), povertyStatus: h.povertyStatus };
}
