import { County } from './entities/county.entity';
import { Household } from './entities/household.entity';
import { PovertyStatusEntry } from './entities/poverty-status-entry.entity';
import { Township } from './entities/township.entity';
import { Village } from './entities/village.entity';
import { VillagePovertyEntry } from './entities/village-poverty-entry.entity';

export { County, Household, PovertyStatusEntry, Township, Village, VillagePovertyEntry };
export { PovertyCategory, PovertyStatus } from './entities/enums';
export { CountyType, HouseholdType, TownshipType, VillageType } from './graphql/registry.types';
export { toCountyType, toHouseholdType, toTownshipType, toVillageType } from './graphql/registry.mappers';
export { RegistryLoaders } from './registry-loaders.service';
export { RegistryModule } from './registry.module';
export { RegistryPolicy } from './access/registry.policy';
export { VillageCoverage, VillageCoverageRegistry } from './access/village-coverage';
export { LenderCoverage, LenderCoverageRegistry } from './access/lender-coverage';
export { entryAt, maskAccount, statusAt, StatusEntry } from './domain/status-history';
export const REGISTRY_ENTITIES = [County, Township, Village, Household, PovertyStatusEntry, VillagePovertyEntry];
export { strickenAt, VillageEntry } from './domain/village-history';
