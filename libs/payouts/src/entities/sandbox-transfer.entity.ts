import { Column, CreateDateColumn, Entity } from 'typeorm';
import { FenColumn, IdColumn } from '@app/platform';

/** The sandbox payout provider's own books: one row per transfer, keyed by the caller's idempotency key. */
@Entity('sandbox_transfers')
export class SandboxTransfer {
  @IdColumn() id: string;

  @Column({ type: 'varchar', length: 100, unique: true }) idempotencyKey: string;

  @Column({ type: 'varchar', length: 64 }) account: string;

  @FenColumn() amountFen: number;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
