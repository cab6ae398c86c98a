import { Module } from '@nestjs/common';
import { RegistryPolicy } from './access/registry.policy';
import { LenderCoverageRegistry } from './access/lender-coverage';
import { VillageCoverageRegistry } from './access/village-coverage';
import { GeographyService } from './geography.service';
import { CountyFieldsResolver, TownshipFieldsResolver, VillageFieldsResolver } from './graphql/geography-fields.resolver';
import { GeographyResolver } from './graphql/geography.resolver';
import { HouseholdFieldsResolver } from './graphql/household-fields.resolver';
import { HouseholdResolver } from './graphql/household.resolver';
import { HouseholdImportService } from './household-import.service';
import { HouseholdService } from './household.service';
import { PovertyHistoryService } from './poverty-history.service';
import { RegistryLoaders } from './registry-loaders.service';

@Module({
  providers: [
    RegistryLoaders,
    RegistryPolicy,
    VillageCoverageRegistry,
    LenderCoverageRegistry,
    GeographyService,
    HouseholdService,
    HouseholdImportService,
    PovertyHistoryService,
    GeographyResolver,
    HouseholdResolver,
   
    CountyFieldsResolver,
    TownshipFieldsResolver,
    VillageFieldsResolver,
    HouseholdFieldsResolver,
  ],
  exports: [GeographyService, RegistryLoaders, RegistryPolicy, VillageCoverageRegistry, LenderCoverageRegistry],
})
export class RegistryModule {}
