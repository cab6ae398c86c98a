import { Module, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainEvents } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { StationsModule } from '@app/stations';
import { CatalogLoaders } from './catalog-loaders.service';
import { ListingFieldsResolver, SupplyLotFieldsResolver } from './graphql/listing-fields.resolver';
import { ListingResolver } from './graphql/listing.resolver';
import { ListingQueryService } from './listing-query.service';
import { ListingService } from './listing.service';
import { PHOTO_STORAGE, LocalPhotoStorage } from './photos/photo-storage';
import { PhotoController } from './photos/photo.controller';
import { PhotoResolver } from './photos/photo.resolver';
import { PhotoService } from './photos/photo.service';

@Module({
  imports: [RegistryModule, StationsModule],
  controllers: [PhotoController],
  providers: [
    CatalogLoaders,
    ListingQueryService,
    ListingService,
    ListingResolver,
    ListingFieldsResolver,
    SupplyLotFieldsResolver,
    // The local disk under DATA_DIR; an S3-compatible PhotoStorage would be chosen here.
    { provide: PHOTO_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalPhotoStorage(config.dataDir) },
    PhotoService,
    PhotoResolver,
  ],
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
    // So does a village's poverty exit or re-entry for the listings of produce from that village.
    this.events.on('village.poverty-changed', (tx, { changes }) => this.listings.refreshForVillages(tx, changes.map((c) => c.villageId)));
  }
}
