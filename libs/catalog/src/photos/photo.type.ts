import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ListingPhoto } from '../entities/listing-photo.entity';

export const PHOTO_PATH = '/photos';

@ObjectType('PhotoVariant')
export class PhotoVariantType {
  @Field({ description: 'Served with a year-long immutable cache: the name is the hash of the bytes.' }) url: string;
  @Field(() => Int) width: number;
  @Field(() => Int) height: number;
}

@ObjectType('ListingPhoto', { description: 'A photo of a listing, re-encoded as WebP in a few widths.' })
export class ListingPhotoType {
  @Field(() => ID) id: string;
  @Field({ description: 'The middle size (640 px wide, or the largest there is).' }) url: string;
  @Field(() => Int) width: number;
  @Field(() => Int) height: number;
  @Field({ description: "Every size as an <img srcset>: 'url 320w, url 640w, ...'." }) srcset: string;
  @Field(() => [PhotoVariantType], { description: 'Smallest first.' }) variants: PhotoVariantType[];
  listingId: string;
}

export function toListingPhotoType(photo: ListingPhoto): ListingPhotoType {
  const variants = photo.variants.map((v) => ({ url: `${PHOTO_PATH}/${v.name}`, width: v.width, height: v.height }));
  const main = variants.find((v) => v.width >= 640) ?? variants[variants.length - 1];
  return {
    id: String(photo.id),
    listingId: String(photo.listingId),
    url: main.url,
    width: main.width,
    height: main.height,
    srcset: variants.map((v) => `${v.url} ${v.width}w`).join(', '),
    variants,
  };
}
