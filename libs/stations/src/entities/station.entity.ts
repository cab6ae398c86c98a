import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { Village } from '@app/registry';

@Entity('stations')
@Check('chk_stations_capacity', 'daily_capacity > 0')
@Check('chk_stations_commission', 'commission_bps BETWEEN 0 AND 10000')
export class ServiceStation {
  @IdColumn() id: string;

  @Column({ type: 'varchar', length: 100 }) name: string;

  /** Where the station stands. */
  @RefColumn() villageId: string;

  @ManyToOne(() => Village, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_id' })
  village?: Village;

  @Index() @RefColumn() countyId: string;

  /** Fulfilments it can take per Asia/Shanghai day. */
  @Column({ type: 'int' }) dailyCapacity: number;

  @Column({ type: 'int' }) commissionBps: number;

  @Column({ type: 'boolean', default: true }) active: boolean;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
