import { Column, CreateDateColumn, Entity } from 'typeorm';
import { FenColumn, IdColumn } from '@app/platform';

/** One settlement run, as its admins see it afterwards: when, how many payouts, how much. */
@Entity('settlement_runs')
export class SettlementRun {
  @IdColumn() id: string;

  @CreateDateColumn({ type: 'timestamptz' }) ranAt: Date;

  @Column({ type: 'int' }) payoutsCreated: number;

  @FenColumn() amountFen: number;
}
