import { Module } from '@nestjs/common';
import { GoodsModule } from '@app/goods';
import { LedgerModule } from '@app/ledger';
import { RegistryModule } from '@app/registry';
import { StationsModule } from '@app/stations';
import { DownwardFlowReader } from './downward-flow.reader';
import { VillageOrderResolver } from './graphql/village-order.resolver';
import { ReturnDueJob } from './jobs/return-due.job';
import { StationCashService } from './station-cash.service';
import { VillageOrderLifeService } from './village-order-life.service';
import { VillageOrderPlacementService } from './village-order-placement.service';
import { VillageOrderQueryService } from './village-order-query.service';

@Module({
  imports: [RegistryModule, StationsModule, GoodsModule, LedgerModule],
  providers: [VillageOrderPlacementService, VillageOrderLifeService, VillageOrderQueryService, StationCashService, DownwardFlowReader, ReturnDueJob, VillageOrderResolver],
  exports: [DownwardFlowReader, VillageOrderLifeService],
})
export class VillageOrdersModule {}
