import { County, DEFAULT_POVERTY_LINE_FEN } from '../entities/county.entity';
import { Household } from '../entities/household.entity';
import { Township } from '../entities/township.entity';
import { Village } from '../entities/village.entity';
import { CountyType, HouseholdType, TownshipType, VillageType } from './registry.types';

export const toCountyType = (c: Omit<County, 'povertyLineFen'> & { povertyLineFen?: number }): CountyType => ({
  id: c.id,
  code: c.code,
  name: c.name,
  nationalPovertyCounty: c.nationalPovertyCounty,
  povertyLineFen: c.povertyLineFen ?? DEFAULT_POVERTY_LINE_FEN,
});

export const toTownshipType = (t: Township): TownshipType => ({ id: t.id, name: t.name, countyId: t.countyId });

export const toVillageType = (v: Omit<Village, 'designatedPovertyStricken'>): VillageType => ({
  id: v.id,
  code: v.code,
  name: v.name,
  povertyStricken: v.povertyStricken,
  townshipId: v.townshipId,
  countyId: v.countyId,
});

export const toHouseholdType = (h: Household): HouseholdType => ({
  id: h.id,
  members: h.members,
  povertyStatus: h.povertyStatus,
  povertyCategory: h.povertyCategory,
  villageId: h.villageId,
  countyId: h.countyId,
  privateRegistryNumber: h.registryNumber,
  privateHeadName: h.headName,
  privatePayoutAccount: h.payoutAccount,
});
