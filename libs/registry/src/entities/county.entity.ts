import { Column, CreateDateColumn, Entity } from 'typeorm';
import { IdColumn } from '@app/platform';

@Entity('counties')
export class County {
  @IdColumn() id: string;

  /** GB/T 2260 administrative code, e.g. 130426 for She County. */
  @Column({ type: 'varchar', length: 12, unique: true }) code: string;

  @Column({ type: 'varchar', length: 100 }) name: string;

  @Column({ type: 'boolean', default: false }) nationalPovertyCounty: boolean;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
