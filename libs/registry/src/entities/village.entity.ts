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

  /** Designated poverty-stricken and not yet exited. */
  @Column({ type: 'boolean', default: false }) povertyStricken: boolean;
}
