import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, badInput, forbidden, inTransaction, invalidState, isId, notFound } from '@app/platform';
import { canManageListing } from '../domain/listing-access';
import { ListingStatus } from '../domain/enums';
import { ListingPhotoData } from '../domain/listing';
import { ListingPhoto } from '../entities/listing-photo.entity';
import { toListingPhotoData } from './photo-data';
import { PhotoRejected, processPhoto } from './photo-processing';
import { PHOTO_STORAGE, PhotoStorage } from './photo-storage';

/** Photos a listing may have: a gallery, not an album. */
export const MAX_PHOTOS_PER_LISTING = 8;

@Injectable()
export class PhotoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage,
  ) {}

  /**
   * Adds an uploaded picture to a listing of the operator's station, after the last photo. The files
   * are written before the row: content-addressed, a file without a row (a failed insert) is harmless
   * and a retry of the same picture writes nothing new.
   */
  async add(actor: Actor, listingId: string, upload: Buffer): Promise<ListingPhotoData> {
    await inTransaction(this.dataSource, ({ manager }) => this.checkListing(manager, actor, listingId, false));
    let variants;
    try {
      variants = await processPhoto(upload);
    } catch (error) {
      if (error instanceof PhotoRejected) throw badInput('photo', error.message);
      throw error;
    }
    for (const v of variants) await this.storage.put(v.name, v.bytes, 'image/webp');
    const photo = await inTransaction(this.dataSource, async ({ manager }) => {
      await this.checkListing(manager, actor, listingId, true);
      const [{ count, next }]: Array<{ count: number; next: number }> = await manager.query(
        `SELECT count(*)::int AS count, COALESCE(max(position) + 1, 0)::int AS next FROM listing_photos WHERE listing_id = $1`,
        [listingId],
      );
      if (count >= MAX_PHOTOS_PER_LISTING) throw invalidState(`A listing has at most ${MAX_PHOTOS_PER_LISTING} photos; remove one first`);
      return manager.getRepository(ListingPhoto).save({
        listingId,
        position: next,
        variants: variants.map(({ name, width, height }) => ({ name, width, height })),
      });
    });
    return toListingPhotoData(photo);
  }

  /** Removes a photo from its listing (its files stay: another photo may share a file by its hash). */
  async remove(actor: Actor, photoId: string): Promise<string> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const rows: Array<{ listing_id: string }> = isId(photoId) ? await manager.query(`SELECT listing_id FROM listing_photos WHERE id = $1`, [photoId]) : [];
      if (rows.length === 0) throw notFound('ListingPhoto', photoId, 'id');
      const listingId = String(rows[0].listing_id);
      await this.checkListing(manager, actor, listingId, true);
      await manager.query(`DELETE FROM listing_photos WHERE id = $1`, [photoId]);
      return listingId;
    });
  }

  /** The listing exists and the actor may change it; `lock` serialises photo changes of one listing. */
  private async checkListing(manager: EntityManager, actor: Actor, listingId: string, lock: boolean): Promise<void> {
    const rows: Array<{ station_id: string; status: ListingStatus }> = isId(listingId)
      ? await manager.query(`SELECT station_id, status FROM listings WHERE id = $1 ${lock ? 'FOR NO KEY UPDATE' : ''}`, [listingId])
      : [];
    if (rows.length === 0) throw notFound('Listing', listingId, 'listingId');
    if (!canManageListing(actor, { stationId: String(rows[0].station_id) })) throw forbidden("Only the operators of the listing's station may change its photos");
    if (rows[0].status === ListingStatus.ARCHIVED) throw invalidState('This listing is archived; an archived listing cannot change');
  }
}
