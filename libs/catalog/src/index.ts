import { Listing } from './entities/listing.entity';
import { ListingPhoto } from './entities/listing-photo.entity';
import { SupplyLot } from './entities/supply-lot.entity';

export { Listing, ListingPhoto, SupplyLot };
export { AllocationPolicy, ListingSort, ListingStatus } from './domain/enums';
export { ListingData, ListingPhotoData, SupplyLotData } from './domain/listing';
export { ListingConnection, ListingType, SupplyLotType } from './graphql/listing.type';
export { CatalogLoaders } from './catalog-loaders.service';
export { CatalogModule } from './catalog.module';
export { PhotoStorage, PHOTO_STORAGE, StoredObject } from './photos/photo-storage';
export { listingTermsSql, lockStockSql, returnStockSql, supplyLotsSql, takeStockSql } from './sql/stock-sql';
export { CATALOG_STOCK_TRIGGERS } from './sql/stock-triggers-sql';
export const CATALOG_ENTITIES = [Listing, SupplyLot, ListingPhoto];
