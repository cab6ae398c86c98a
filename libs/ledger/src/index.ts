import { JournalEntry } from './entities/journal-entry.entity';
import { JournalLine } from './entities/journal-line.entity';

export { JournalEntry, JournalLine };
export { LedgerModule } from './ledger.module';
export const LEDGER_ENTITIES = [JournalEntry, JournalLine];
