import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FenAmount, fenSum, Tx } from '@app/platform';
import { EntryKind, LedgerLineInput, Posting } from './accounts';

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

/** An entry's lines merged per account and side, checked: one positive side each, debits equal credits. */
function mergeLines(kind: EntryKind, reference: string, lines: LedgerLineInput[]): Array<{ account: string; debitFen: number; creditFen: number }> {
  const merged = new Map<string, { account: string; debitFen: number; creditFen: number }>();
  let debits = 0;
  let credits = 0;
  for (const line of lines) {
    const debit = line.debitFen ?? 0;
    const credit = line.creditFen ?? 0;
    if (!Number.isSafeInteger(debit) || !Number.isSafeInteger(credit) || debit < 0 || credit < 0 || (debit > 0) === (credit > 0)) {
      if (debit === 0 && credit === 0) continue; // a zero line (a 0-fen commission) moves nothing
      throw new Error(`ledger line for ${line.account} must have one positive side: ${debit}/${credit}`);
    }
    const key = `${debit > 0 ? 'D' : 'C'}:${line.account}`;
    const existing = merged.get(key) ?? { account: line.account, debitFen: 0, creditFen: 0 };
    existing.debitFen += debit;
    existing.creditFen += credit;
    merged.set(key, existing);
    debits += debit;
    credits += credit;
  }
  if (debits !== credits || debits === 0) throw new Error(`unbalanced ${kind} entry for ${reference}: debits ${debits}, credits ${credits}`);
  return [...merged.values()];
}

/** Writes balanced journal entries; the only way money moves in the books. */
@Injectable()
export class LedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one entry in the caller's transaction. Lines with the same account and side are merged;
   * debits must equal credits (checked here, and again by the database at commit). `(kind, reference)`
   * is unique: the same event cannot be booked twice.
   */
  async post(tx: Tx, kind: EntryKind, reference: string, lines: LedgerLineInput[]): Promise<string> {
    const [id] = await this.postMany(tx, kind, [{ reference, lines }]);
    return id;
  }

  /**
   * Appends several entries of one kind in two statements, whatever their number (the payout jobs book
   * a batch of payouts at once); each entry follows post's rules. Returns their ids in order.
   */
  async postMany(tx: Tx, kind: EntryKind, entries: Array<{ reference: string; lines: LedgerLineInput[] }>): Promise<string[]> {
    if (entries.length === 0) return [];
    const merged = entries.map((e) => mergeLines(kind, e.reference, e.lines));
    const inserted: Array<{ id: string; reference: string }> = await tx.manager.query(
      `INSERT INTO journal_entries (kind, reference) SELECT $1, r FROM unnest($2::text[]) AS t(r) RETURNING id::text, reference`,
      [kind, entries.map((e) => e.reference)],
    );
    const idOf = new Map(inserted.map((r) => [r.reference, r.id]));
    const ids = entries.map((e) => idOf.get(e.reference)!);
    const lines = merged.flatMap((rows, i) => rows.map((r) => ({ ...r, entryId: ids[i] })));
    await tx.manager.query(
      `INSERT INTO journal_lines (entry_id, account, debit_fen, credit_fen)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[])`,
      [lines.map((l) => l.entryId), lines.map((l) => l.account), lines.map((l) => l.debitFen), lines.map((l) => l.creditFen)],
    );
    return ids;
  }

  /**
   * Writes the postings of a recipe (null ones skipped), grouped by kind: two statements per kind.
   */
  async postAll(tx: Tx, postings: Array<Posting | null>): Promise<void> {
    const byKind = new Map<EntryKind, Array<{ reference: string; lines: LedgerLineInput[] }>>();
    for (const p of postings) {
      if (!p) continue;
      const list = byKind.get(p.kind) ?? [];
      list.push({ reference: p.reference, lines: p.lines });
      byKind.set(p.kind, list);
    }
    for (const [kind, entries] of byKind) await this.postMany(tx, kind, entries);
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
