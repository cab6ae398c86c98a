import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { PovertyCategory, PovertyStatus } from '../domain/enums';
import { Village } from './village.entity';

@Entity('households')
@Index(['countyId', 'povertyStatus', 'id'])
// An official's list of their county pages by id without a status filter.
@Index(['countyId', 'id'])
@Index(['villageId', 'id'])
export class Household {
  @IdColumn() id: string;

  @RefColumn() villageId: string;

  @ManyToOne(() => Village, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_id' })
  village?: Village;

  @RefColumn() countyId: string;

  /** The card-filed registry number of the county poverty-alleviation office. */
  @Column({ type: 'varchar', length: 40, nullable: true, unique: true }) registryNumber: string | null;

  @Column({ type: 'varchar', length: 100 }) headName: string;

  @Column({ type: 'int' }) members: number;

  /** Stored whole for the payout provider; the API only ever returns it masked. */
  @Column({ type: 'varchar', length: 64 }) payoutAccount: string;

  /** The status in force now: the latest history entry whose effective_at has passed. */
  @Column({ type: 'enum', enum: PovertyStatus, enumName: 'poverty_status', default: PovertyStatus.NOT_REGISTERED })
  povertyStatus: PovertyStatus;

  @Column({ type: 'enum', enum: PovertyCategory, enumName: 'poverty_category', nullable: true })
  povertyCategory: PovertyCategory | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
