import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { County } from './county.entity';
import { Township } from './township.entity';

@Entity('villages')
export class Village {
  @IdColumn() id: string;

  @Index() @RefColumn() townshipId: string;

  @ManyToOne(() => Township, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'township_id' })
  township?: Township;

  /** The township's county, kept here so county filters (and a future shard key) need no join. */
  @Index() @RefColumn() countyId: string;

  @ManyToOne(() => County, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'county_id' })
  county?: County;

  @Column({ type: 'varchar', length: 20, unique: true }) code: string;

  @Column({ type: 'varchar', length: 100 }) name: string;

  /**
   * The flag in force now: the latest village_poverty_history entry whose effective_at has passed, or
   * the designation when there is none (a cache, kept by the registry's writes).
   */
  @Column({ type: 'boolean', default: false }) povertyStricken: boolean;

  /** Designated poverty-stricken when created: the flag before the first history entry (creating asserts no entry). */
  @Column({ type: 'boolean', default: false }) designatedPovertyStricken: boolean;
}
