import { Listing } from './entities/listing.entity';
import { SupplyLot } from './entities/supply-lot.entity';

export { Listing, SupplyLot };
export { AllocationPolicy, ListingStatus } from './entities/enums';
export { ListingConnection, ListingSort, ListingType, SupplyLotType } from './graphql/listing.type';
export { CatalogLoaders } from './catalog-loaders.service';
export { CatalogModule } from './catalog.module';
export const CATALOG_ENTITIES = [Listing, SupplyLot];
