import { JournalEntry } from './entities/journal-entry.entity';
import { JournalLine } from './entities/journal-line.entity';

export { JournalEntry, JournalLine };
export { Accounts, EntryKind, LedgerLineInput } from './accounts';
export { defaultLines, disbursementLines, FinanceAccounts, FundKind, fundTopUpLines, repaymentLines, subsidyLines } from './domain/finance-postings';
export { LedgerModule } from './ledger.module';
export { AccountBalance, LedgerService, TrialBalance } from './ledger.service';
export const LEDGER_ENTITIES = [JournalEntry, JournalLine];
