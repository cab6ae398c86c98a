import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { JournalEntry } from './journal-entry.entity';

/** One side of an entry: a positive amount debited or credited to an account such as `escrow`. */
@Entity('journal_lines')
@Check('chk_journal_lines_amount', '(debit_fen > 0 AND credit_fen = 0) OR (credit_fen > 0 AND debit_fen = 0)')
@Index(['entryId'])
@Index(['account'])
export class JournalLine {
  @IdColumn() id: string;

  @RefColumn() entryId: string;

  /**
   * No foreign key: the deferred ledger check refuses, at commit, a line whose entry does not exist
   * (migration LedgerLineEntryCheck says why: a foreign key's check cannot be kept from degrading to a
   * sequential scan as the journal grows).
   */
  @ManyToOne(() => JournalEntry, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'entry_id' })
  entry?: JournalEntry;

  @Column({ type: 'varchar', length: 80 }) account: string;

  @FenColumn({ default: 0 }) debitFen: number;

  @FenColumn({ default: 0 }) creditFen: number;
}
