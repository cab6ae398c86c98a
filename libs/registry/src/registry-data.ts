import { County, DEFAULT_POVERTY_LINE_FEN } from './entities/county.entity';
import { Household } from './entities/household.entity';
import { Township } from './entities/township.entity';
import { Village } from './entities/village.entity';
import { CountyData, HouseholdData, TownshipData, VillageData } from './domain/registry';

export const toCountyData = (c: Omit<County, 'povertyLineFen'> & { povertyLineFen?: number }): CountyData => ({
  id: c.id,
  code: c.code,
  name: c.name,
  nationalPovertyCounty: c.nationalPovertyCounty,
  povertyLineFen: c.povertyLineFen ?? DEFAULT_POVERTY_LINE_FEN,
});

export const toTownshipData = (t: Township): TownshipData => ({ id: t.id, name: t.name, countyId: t.countyId });

export const toVillageData = (v: Omit<Village, 'designatedPovertyStricken'>): VillageData => ({
  id: v.id,
  code: v.code,
  name: v.name,
  povertyStricken: v.povertyStricken,
  townshipId: v.townshipId,
  countyId: v.countyId,
});

export const toHouseholdData = (h: Household): HouseholdData => ({
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
