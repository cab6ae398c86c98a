import { JournalEntry } from './entities/journal-entry.entity';
import { JournalLine } from './entities/journal-line.entity';

export { JournalEntry, JournalLine };
export { defaultLines, disbursementLines, FinanceAccounts, FundKind, fundTopUpLines, repaymentLines, subsidyLines } from './domain/finance-postings';
export { Accounts, EntryKind, LedgerLineInput, Posting } from './accounts';
export {
  stationCashRemitted,
  VillageOrderAmounts,
  villageOrderCollected,
  villageOrderDepositTaken,
  villageOrderRefunded,
} from './domain/village-order-postings';
export { LedgerModule } from './ledger.module';
export { AccountBalance, LedgerService, TrialBalance } from './ledger.service';
export const LEDGER_ENTITIES = [JournalEntry, JournalLine];
