import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { byKeys, GraphQLContext, groupByKeys, loader } from '@app/platform';
import { ListingPhoto } from './entities/listing-photo.entity';
import { SupplyLot } from './entities/supply-lot.entity';
import { ListingData, ListingPhotoData, SupplyLotData } from './domain/listing';
import { toSupplyLotData } from './listing-data';
import { ListingQueryService } from './listing-query.service';
import { toListingPhotoData } from './photos/photo-data';

/**
 * Per-request batched lookups of listings and their lots, for any domain's field resolvers (an order
 * page's lines cost one query for all their listings). No access check here: the caller decides what
 * its reader may see (an order line shows its listing whatever the listing's status now).
 */
@Injectable()
export class CatalogLoaders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listings: ListingQueryService,
  ) {}

  listing(context: GraphQLContext, id: string): Promise<ListingData | null> {
    return loader(context, 'catalog.listing', () =>
      new DataLoader<string, ListingData | null>(async (ids) =>
        byKeys(ids, await this.listings.byIds(ids), (l) => l.id),
      ),
    ).load(id);
  }

  /** The lots of a listing, oldest first. */
  supply(context: GraphQLContext, listingId: string): Promise<SupplyLotData[]> {
    return loader(context, 'catalog.supply', () =>
      new DataLoader<string, SupplyLotData[]>(async (ids) => {
        const lots = await this.dataSource.getRepository(SupplyLot).find({ where: { listingId: In([...ids]) }, order: { id: 'ASC' } });
        return groupByKeys(ids, lots.map(toSupplyLotData), (l) => l.listingId);
      }),
    ).load(listingId);
  }

  /** The photos of a listing, in the operator's order. */
  photos(context: GraphQLContext, listingId: string): Promise<ListingPhotoData[]> {
    return loader(context, 'catalog.photos', () =>
      new DataLoader<string, ListingPhotoData[]>(async (ids) => {
        const photos = await this.dataSource.getRepository(ListingPhoto).find({ where: { listingId: In([...ids]) }, order: { listingId: 'ASC', position: 'ASC' } });
        return groupByKeys(ids, photos.map(toListingPhotoData), (p) => p.listingId);
      }),
    ).load(listingId);
  }
}
