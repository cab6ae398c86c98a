import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { Village } from './village.entity';

/**
 * One poverty exit (false) or re-entry (true) of a village, effective at an instant; before its first
 * entry a village has its designation (villages.designated_poverty_stricken).
 */
@Entity('village_poverty_history')
@Index(['villageId', 'effectiveAt', 'id'])
export class VillagePovertyEntry {
  @IdColumn() id: string;

  @RefColumn() villageId: string;

  @ManyToOne(() => Village, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'village_id' })
  village?: Village;

  @Column({ type: 'boolean' }) povertyStricken: boolean;

  @Column({ type: 'timestamptz' }) effectiveAt: Date;

  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;

  /** The user who recorded it; null for entries written by the seed. */
  @RefColumn({ nullable: true }) recordedById: string | null;
}
