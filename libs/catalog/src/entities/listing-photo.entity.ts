import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { Listing } from './listing.entity';

/** One stored size of a photo: the file's content-hash name in the photo storage and its pixel size. */
export interface PhotoVariant {
  name: string;
  width: number;
  height: number;
}

/** A photo of a listing, in the order the operator added them; its files are content-addressed. */
@Entity('listing_photos')
@Index(['listingId', 'position'], { unique: true })
export class ListingPhoto {
  @IdColumn() id: string;

  @RefColumn() listingId: string;

  @ManyToOne(() => Listing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: Listing;

  @Column({ type: 'int' }) position: number;

  /** Smallest first. */
  @Column({ type: 'jsonb' }) variants: PhotoVariant[];

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
