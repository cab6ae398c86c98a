import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FenAmount, fenSum, Tx } from '@app/platform';
import { Posting } from './domain/accounts';
import { writeJournal } from './journal-sql';

/** One account's balance as a number (a fund's: far below 2^53); refuses what a number cannot hold exactly. */
function fen(value: string | number | null): number {
  const n = fenSum(value);
  if (typeof n === 'bigint') throw new RangeError(`ledger balance ${value} is beyond a safe integer`);
  return n;
}

/** Sums over the append-only journal grow without bound: past 2^53 they are bigints (see FenAmount). */
export interface AccountBalance {
  code: string;
  debitsFen: FenAmount;
  creditsFen: FenAmount;
}

export interface TrialBalance {
  totalDebitsFen: FenAmount;
  totalCreditsFen: FenAmount;
  balanced: boolean;
  accounts: AccountBalance[];
}

/** Writes balanced journal entries; the only way money moves in the books. */
@Injectable()
export class LedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one entry (a posting recipe's) in the caller's transaction. Lines with the same account and
   * side are merged; debits must equal credits (checked here, and again by the database at commit).
   * `(kind, reference)` is unique: the same event cannot be booked twice. Returns the entry's id.
   */
  async post(tx: Tx, posting: Posting): Promise<string> {
    const [id] = await this.postAll(tx, [posting]);
    return id;
  }

  /**
   * Appends the postings (null ones skipped: a recipe with nothing to move) in one statement, whatever
   * their number and kinds (the payout jobs book a batch of payouts at once); each follows post's rules.
   * Returns the new entries' ids in order.
   */
  postAll(tx: Tx, postings: ReadonlyArray<Posting | null>): Promise<string[]> {
    return writeJournal((sql, params) => tx.manager.query(sql, params), postings);
  }

  /** An account's balance (debits minus credits) over the whole journal; in the caller's transaction when given. */
  async balanceOf(account: string, tx?: Tx): Promise<number> {
    const [row]: Array<{ balance: string }> = await (tx?.manager ?? this.dataSource.manager).query(
      `SELECT COALESCE(sum(debit_fen) - sum(credit_fen), 0)::text AS balance FROM journal_lines WHERE account = $1`,
      [account],
    );
    return fen(row.balance);
  }

  /**
   * Per-account debits and credits over the whole journal, by account code, with the totals. An
   * aggregate over every line: fine at today's volumes; a per-account running balance is the next step.
   */
  async trialBalance(): Promise<TrialBalance> {
    // Summed as numeric, sent as text, added up as bigint: exact whatever the journal's size.
    const rows: Array<{ account: string; debits: string; credits: string }> = await this.dataSource.query(
      `SELECT account, sum(debit_fen)::text AS debits, sum(credit_fen)::text AS credits FROM journal_lines GROUP BY account ORDER BY account`,
    );
    let debits = 0n;
    let credits = 0n;
    const accounts = rows.map((r) => {
      debits += BigInt(r.debits);
      credits += BigInt(r.credits);
      return { code: r.account, debitsFen: fenSum(r.debits), creditsFen: fenSum(r.credits) };
    });
    return { totalDebitsFen: fenSum(debits), totalCreditsFen: fenSum(credits), balanced: debits === credits, accounts };
  }
}
