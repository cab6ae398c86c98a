import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { FundKind } from './enums';

/** A movement of a county fund: a top-up (positive), a subsidy or a default payment (negative). */
@Entity('fund_movements')
@Index(['countyId', 'id'])
export class FundMovement {
  @IdColumn() id: string;
  @RefColumn() countyId: string;
  @Column({ type: 'enum', enum: FundKind, enumName: 'fund_kind' }) fund: FundKind;
  @Column({ type: 'varchar', length: 20 }) kind: 'TOP_UP' | 'SUBSIDY' | 'DEFAULT';
  @FenColumn() amountFen: number;
  @RefColumn({ nullable: true }) loanId: string | null;
  @RefColumn({ nullable: true }) recordedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
