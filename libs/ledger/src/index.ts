import { JournalEntry } from './entities/journal-entry.entity';
import { JournalLine } from './entities/journal-line.entity';

export { JournalEntry, JournalLine };
export { Accounts, EntryKind, LedgerLineInput, Posting } from './domain/accounts';
export { JournalLineRow, mergeLines } from './domain/merge-lines';
export { DeliveredAllocation, fulfillmentDelivered, orderCancelled, orderPlaced, Payee, payableOf, payoutPaid } from './domain/order-postings';
export { FinanceAccounts, FundKind, fundToppedUp, loanDefaulted, loanDisbursed, loanRepaid, loanSubsidyPaid } from './domain/finance-postings';
export {
  stationCashRemitted,
  VillageOrderAmounts,
  villageOrderCollected,
  villageOrderDepositTaken,
  villageOrderRefunded,
} from './domain/village-order-postings';
export {
  JournalArgs,
  journalArgs,
  journalCtes,
  JournalEntryArgs,
  journalEntryArgs,
  journalEntryCtes,
  JournalEntryParamRefs,
  journalEntryParamsFrom,
  JournalParamRefs,
  journalParamsFrom,
  JournalQuery,
  writeJournal,
} from './journal-sql';
export { LEDGER_TRIGGERS } from './journal-triggers-sql';
export { LedgerModule } from './ledger.module';
export { AccountBalance, LedgerService, TrialBalance } from './ledger.service';
export const LEDGER_ENTITIES = [JournalEntry, JournalLine];
