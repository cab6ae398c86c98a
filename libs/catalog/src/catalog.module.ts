import { Module, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { StationsModule } from '@app/stations';
import { CatalogLoaders } from './catalog-loaders.service';
import { ListingFieldsResolver, SupplyLotFieldsResolver } from './graphql/listing-fields.resolver';
import { ListingResolver } from './graphql/listing.resolver';
import { ListingQueryService } from './listing-query.service';
import { ListingService } from './listing.service';

@Module({
  imports: [RegistryModule, StationsModule],
  providers: [CatalogLoaders, ListingQueryService, ListingService, ListingResolver, ListingFieldsResolver, SupplyLotFieldsResolver],
  exports: [CatalogLoaders],
})
export class CatalogModule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly listings: ListingService,
  ) {}

  onModuleInit(): void {
    // A household that becomes (or stops being) REGISTERED_POOR changes the flag of the listings it supplies.
    this.events.on('household.status-changed', (tx, { changes }) => this.listings.refreshForHouseholds(tx, changes.map((c) => c.householdId)));
  }
}
