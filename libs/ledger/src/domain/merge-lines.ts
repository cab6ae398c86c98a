import { EntryKind, LedgerLineInput, Posting } from './accounts';

/** One journal line as it is written: exactly one of debit and credit is positive, the other 0. */
export interface JournalLineRow {
  account: string;
  debitFen: number;
  creditFen: number;
}

/**
 * An entry's lines merged per account and side, checked. Lines of one account on the same side are
 * added into one (a delivery debits escrow once per allocation: one escrow line); a line of 0 on both
 * sides is dropped (a 0-fen commission moves nothing); the merged lines keep the order in which each
 * (side, account) first appears. Refuses, with an Error naming the entry, a line that is not a
 * non-negative safe integer on both sides, a line positive on both sides, and an entry whose debits
 * differ from its credits or that moves nothing. Debit and credit lines of one account stay apart: the
 * entry says both that money came in and that it went out (a collection takes cash into escrow and
 * splits escrow in the same entry).
 */
export function mergeLines(kind: EntryKind, reference: string, lines: readonly LedgerLineInput[]): JournalLineRow[] {
  const merged = new Map<string, JournalLineRow>();
  let debits = 0;
  let credits = 0;
  for (const line of lines) {
    const debit = line.debitFen ?? 0;
    const credit = line.creditFen ?? 0;
    if (!Number.isSafeInteger(debit) || !Number.isSafeInteger(credit) || debit < 0 || credit < 0 || (debit > 0) === (credit > 0)) {
      if (debit === 0 && credit === 0) continue;
      throw new Error(`ledger line for ${line.account} must have one positive side: ${debit}/${credit}`);
    }
    const key = `${debit > 0 ? 'D' : 'C'}:${line.account}`;
    const existing = merged.get(key);
    if (existing) {
      existing.debitFen += debit;
      existing.creditFen += credit;
    } else {
      merged.set(key, { account: line.account, debitFen: debit, creditFen: credit });
    }
    debits += debit;
    credits += credit;
  }
  if (debits !== credits || debits === 0 || !Number.isSafeInteger(debits)) {
    throw new Error(`unbalanced ${kind} entry for ${reference}: debits ${debits}, credits ${credits}`);
  }
  return [...merged.values()];
}

/**
 * Entries and lines in the shape of the journal's two tables, ready to be bound as arrays: each line
 * names its entry by position (1-based, as SQL's WITH ORDINALITY counts). Null postings (a recipe with
 * nothing to post) are skipped; every other posting is merged and checked (mergeLines).
 */
export interface JournalBatch {
  entries: Array<{ kind: EntryKind; reference: string }>;
  lines: Array<JournalLineRow & { entryN: number }>;
}

export function journalBatch(postings: ReadonlyArray<Posting | null>): JournalBatch {
  const batch: JournalBatch = { entries: [], lines: [] };
  for (const p of postings) {
    if (!p) continue;
    const rows = mergeLines(p.kind, p.reference, p.lines);
    batch.entries.push({ kind: p.kind, reference: p.reference });
    const entryN = batch.entries.length;
    for (const row of rows) batch.lines.push({ ...row, entryN });
  }
  return batch;
}
