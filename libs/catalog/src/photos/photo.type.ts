import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ListingPhotoData, PhotoVariantData } from '../domain/listing';

@ObjectType('PhotoVariant')
export class PhotoVariantType implements PhotoVariantData {
  @Field({ description: 'Served with a year-long immutable cache: the name is the hash of the bytes.' }) url: string;
  @Field(() => Int) width: number;
  @Field(() => Int) height: number;
}

@ObjectType('ListingPhoto', { description: 'A photo of a listing, re-encoded as WebP in a few widths.' })
export class ListingPhotoType implements ListingPhotoData {
  @Field(() => ID) id: string;
  @Field({ description: 'The middle size (640 px wide, or the largest there is).' }) url: string;
  @Field(() => Int) width: number;
  @Field(() => Int) height: number;
  @Field({ description: "Every size as an <img srcset>: 'url 320w, url 640w, ...'." }) srcset: string;
  @Field(() => [PhotoVariantType], { description: 'Smallest first.' }) variants: PhotoVariantType[];
  listingId: string;
}
