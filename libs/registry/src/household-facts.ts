import { EntityManager } from 'typeorm';
import { isId, notFound } from '@app/platform';
import { Household } from './entities/household.entity';

/** What another domain (credit, loans) needs of a household: where it lives and its status now. */
export interface HouseholdFacts {
  id: string;
  villageId: string;
  countyId: string;
  povertyStatus: string;
}

/** The registry's facts about a household; NOT_FOUND (on `field`) when there is none. Read through `manager` inside a transaction. */
export async function householdFacts(manager: EntityManager, householdId: string, field: string): Promise<HouseholdFacts> {
  const h = isId(householdId) ? await manager.getRepository(Household).findOne({ where: { id: householdId }, select: { id: true, villageId: true, countyId: true, povertyStatus: true } }) : null;
  if (!h) throw notFound('Household', householdId, field);
  return { id: String(h.id), villageId: String(h.villageId), countyId: String(h.countyId), povertyStatus: h.povertyStatus };
}

/** The household's payout account now (null when there is no such household). */
export async function householdPayoutAccount(manager: EntityManager, householdId: string): Promise<string | null> {
  const h = isId(householdId) ? await manager.getRepository(Household).findOne({ where: { id: householdId }, select: { id: true, payoutAccount: true } }) : null;
  return h?.payoutAccount ?? null;
}

/** The village and county of each of these households that exists (read through `manager` inside a transaction). */
export async function householdPlaces(manager: EntityManager, householdIds: readonly string[]): Promise<Map<string, { villageId: string; countyId: string }>> {
  const valid = householdIds.filter(isId);
  if (valid.length === 0) return new Map();
  const rows: Array<{ id: string; village_id: string; county_id: string }> = await manager.query(
    'SELECT id::text, village_id::text, county_id::text FROM households WHERE id = ANY($1::bigint[])',
    [valid],
  );
  return new Map(rows.map((r) => [r.id, { villageId: r.village_id, countyId: r.county_id }]));
}
