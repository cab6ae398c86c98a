import { County } from './entities/county.entity';
import { Household } from './entities/household.entity';
import { PovertyStatusEntry } from './entities/poverty-status-entry.entity';
import { Township } from './entities/township.entity';
import { Village } from './entities/village.entity';

export { County, Household, PovertyStatusEntry, Township, Village };
export { PovertyCategory, PovertyStatus } from './entities/enums';
export { RegistryModule } from './registry.module';
export const REGISTRY_ENTITIES = [County, Township, Village, Household, PovertyStatusEntry];
