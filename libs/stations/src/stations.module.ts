import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { StationFieldsResolver, VillageStationsResolver } from './graphql/station-fields.resolver';
import { StationResolver } from './graphql/station.resolver';
import { CommissionGuard } from './commission-guard.service';
import { StationCoverage } from './station-coverage.service';
import { StationLoaders } from './station-loaders.service';
import { StationService } from './station.service';
import { StationsPolicy } from './stations.policy';

@Module({
  imports: [RegistryModule],
  providers: [CommissionGuard, StationLoaders, StationCoverage, StationsPolicy, StationService, StationResolver, StationFieldsResolver, VillageStationsResolver],
  exports: [StationLoaders, StationCoverage, StationService],
})
export class StationsModule {}
