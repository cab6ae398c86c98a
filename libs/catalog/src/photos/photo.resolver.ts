import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, requireActor, Role, Roles } from '@app/platform';
import { ListingType } from '../graphql/listing.type';
import { ListingQueryService } from '../listing-query.service';
import { PhotoService } from './photo.service';

/** Photos are added by `POST /listings/:id/photos` (multipart); removing one is GraphQL. */
@Resolver()
export class PhotoResolver {
  constructor(
    private readonly photos: PhotoService,
    private readonly listings: ListingQueryService,
  ) {}

  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  @Mutation(() => ListingType, { description: "Removes a photo from a listing of the operator's station; answers the listing." })
  async removeListingPhoto(@CurrentActor() actor: Actor | null, @Args('id', { type: () => ID }) id: string): Promise<ListingType> {
    const listingId = await this.photos.remove(requireActor(actor), id);
    return (await this.listings.byId(listingId))!;
  }
}
