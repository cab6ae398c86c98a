import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { Village } from '@app/registry';
import { ServiceStation } from '@app/stations';
import { AllocationPolicy, ListingStatus } from '../domain/enums';

@Entity('listings')
@Check('chk_listings_price', 'price_fen > 0')
@Index(['status', 'createdAt', 'id'])
@Index(['status', 'priceFen', 'id'])
@Index(['countyId', 'status', 'createdAt', 'id'])
@Index(['countyId', 'status', 'priceFen', 'id'])
// For callers who see more than ACTIVE listings (operators, officials, admins): an ordered scan that filters.
@Index(['createdAt', 'id'])
@Index(['priceFen', 'id'])
// Trigram indexes for search in Chinese text (ILIKE '%term%'): written by hand in the CatalogSearch migration.
@Index('idx_listings_title_trgm', { synchronize: false })
@Index('idx_listings_description_trgm', { synchronize: false })
@Index(['stationId', 'createdAt', 'id'])
@Index(['originVillageId', 'status'])
export class Listing {
  @IdColumn() id: string;

  @RefColumn() stationId: string;

  @ManyToOne(() => ServiceStation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'station_id' })
  station?: ServiceStation;

  @RefColumn() originVillageId: string;

  @ManyToOne(() => Village, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_village_id' })
  originVillage?: Village;

  /** The origin village's county, for county browsing without a join. */
  @RefColumn() countyId: string;

  @Column({ type: 'varchar', length: 200 }) title: string;

  @Column({ type: 'text' }) description: string;

  @Column({ type: 'varchar', length: 60 }) category: string;

  @Column({ type: 'varchar', length: 30 }) unit: string;

  @FenColumn() priceFen: number;

  @Column({ type: 'enum', enum: ListingStatus, enumName: 'listing_status', default: ListingStatus.DRAFT })
  status: ListingStatus;

  @Column({ type: 'enum', enum: AllocationPolicy, enumName: 'allocation_policy', default: AllocationPolicy.PRECISION })
  allocationPolicy: AllocationPolicy;

  /**
   * A lot with stock belongs to a household REGISTERED_POOR now, or the origin village is poverty-stricken.
   * Kept by the supply_lots trigger and, on a household status change, by CatalogModule's event handler.
   */
  @Column({ type: 'boolean', default: false }) povertyAlleviation: boolean;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
