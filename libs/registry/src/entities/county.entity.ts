import { Column, CreateDateColumn, Entity } from 'typeorm';
import { FenColumn, IdColumn } from '@app/platform';

/** The poverty line a county starts with: 4,000 yuan a person a year. */
export const DEFAULT_POVERTY_LINE_FEN = 400_000;

@Entity('counties')
export class County {
  @IdColumn() id: string;

  /** GB/T 2260 administrative code, e.g. 130426 for She County. */
  @Column({ type: 'varchar', length: 12, unique: true }) code: string;

  @Column({ type: 'varchar', length: 100 }) name: string;

  @Column({ type: 'boolean', default: false }) nationalPovertyCounty: boolean;

  /** Fen a person a year: a household's marketplace income reaches it at members x this over 365 days. */
  @FenColumn({ default: DEFAULT_POVERTY_LINE_FEN }) povertyLineFen: number;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
