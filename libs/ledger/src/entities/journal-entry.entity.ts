import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdColumn } from '@app/platform';

/**
 * One balanced movement of money. Append-only. `(kind, reference)` is unique, so writing the entry of
 * an event twice (a retried job, a repeated request) is refused by the database.
 */
@Entity('journal_entries')
@Index(['kind', 'reference'], { unique: true })
export class JournalEntry {
  @IdColumn() id: string;

  /** ORDER_PLACED, ORDER_CANCELLED, FULFILLMENT_DELIVERED, PAYOUT_PAID. */
  @Column({ type: 'varchar', length: 40 }) kind: string;

  /** The id of what caused it (order, fulfilment, payout). */
  @Column({ type: 'varchar', length: 64 }) reference: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
