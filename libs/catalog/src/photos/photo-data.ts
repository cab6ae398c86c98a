import { ListingPhotoData } from '../domain/listing';
import { ListingPhoto } from '../entities/listing-photo.entity';

export const PHOTO_PATH = '/photos';

export function toListingPhotoData(photo: ListingPhoto): ListingPhotoData {
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
