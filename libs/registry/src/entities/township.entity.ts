import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { County } from './county.entity';

@Entity('townships')
@Index(['countyId', 'name'], { unique: true })
export class Township {
  @IdColumn() id: string;

  @RefColumn() countyId: string;

  @ManyToOne(() => County, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'county_id' })
  county?: County;

  @Column({ type: 'varchar', length: 100 }) name: string;
}
