import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';

/** A lender's list of poor households as last uploaded: one row per line accepted. */
@Entity('lender_list_rows')
@Index(['institutionId', 'countyId', 'villageId'])
@Index(['institutionId', 'registryNumber'], { unique: true })
export class LenderListRow {
  @IdColumn() id: string;
  @RefColumn() institutionId: string;
  @Column({ type: 'int' }) line: number;
  @Column({ type: 'varchar', length: 40 }) registryNumber: string;
  @Column({ type: 'varchar', length: 100 }) headName: string;
  @Column({ type: 'varchar', length: 20 }) villageCode: string;
  /** Null when the code names no village (an unmatched row). */
  @RefColumn({ nullable: true }) villageId: string | null;
  @RefColumn({ nullable: true }) countyId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) uploadedAt: Date;
}
