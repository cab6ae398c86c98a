import { Module, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { StationsModule } from '@app/stations';
import { VillageOrdersModule } from '@app/village-orders';
import { TwoWayFlowResolver } from './two-way/two-way-flow.resolver';
import { TwoWayFlowService } from './two-way/two-way-flow.service';
import { ImpactResolver, VillageImpactFieldsResolver } from './graphql/impact.resolver';
import { HouseholdIncomeResolver, SummaryLineResolver, VillageLineResolver } from './graphql/poverty-line.resolver';
import { PovertyLineService } from './query/poverty-line.service';
import { TrainingCsvController } from './training/training-csv.controller';
import { TrainingResolver } from './training/training.resolver';
import { TrainingService } from './training/training.service';
import { ImpactCsvController } from './http/impact-csv.controller';
import { ImpactXlsxController } from './http/impact-xlsx.controller';
import { TrainingXlsxController } from './http/training-xlsx.controller';
import { TwoWayFlowXlsxController } from './http/two-way-xlsx.controller';
import { ImpactQueryService } from './query/impact-query.service';
import { ImpactRequestService } from './query/impact-request.service';
import { ImpactRebuildService } from './rollup/impact-rebuild.service';
import { ImpactRollupService } from './rollup/impact-rollup.service';

@Module({
  imports: [RegistryModule, StationsModule, VillageOrdersModule],
  providers: [TwoWayFlowService, TwoWayFlowResolver, ImpactRollupService, ImpactRebuildService, ImpactQueryService, ImpactRequestService, ImpactResolver, VillageImpactFieldsResolver,
    PovertyLineService, SummaryLineResolver, VillageLineResolver, HouseholdIncomeResolver, TrainingService, TrainingResolver],
  controllers: [ImpactCsvController, TrainingCsvController, ImpactXlsxController, TrainingXlsxController, TwoWayFlowXlsxController],
  exports: [ImpactRebuildService],
})
export class ImpactModule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly rollups: ImpactRollupService,
  ) {}

  onModuleInit(): void {
    // Each runs in the transaction that raised it, so the reports are never stale once it commits.
    // Cancellation needs no handler: only DELIVERED fulfilments count, and a cancelled order has none.
    this.events.on('fulfillment.delivered', async (tx, payload) => {
      await this.rollups.delivered(tx, payload);
    });
    this.events.on('allocations.village-reattributed', async (tx, payload) => {
      await this.rollups.villageReattributed(tx, payload);
    });
    this.events.on('allocations.reattributed', async (tx, payload) => {
      await this.rollups.reattributed(tx, payload);
    });
    this.events.on('household.status-changed', async (tx, payload) => {
      await this.rollups.statusChanged(tx, payload);
    });
    this.events.on('payout.paid', async (tx, payload) => {
      await this.rollups.payoutPaid(tx, payload);
    });
  }
}
