import { journalBatch, mergeLines } from './domain/merge-lines';
import { Posting } from './domain/accounts';

/**
 * The one place that writes the journal's tables (journal_entries, journal_lines): every entry is built
 * by a posting recipe (domain/*-postings.ts), merged and checked by mergeLines, and bound as six arrays.
 * Two ways in:
 * - writeJournal: a statement of its own, in whatever transaction the query function runs in
 *   (LedgerService, the seeds' pg client);
 * - journalCtes + journalArgs: the same statement's CTEs, for a caller whose one statement must also
 *   write other domains' rows; journalEntryCtes + journalEntryArgs: the same for exactly one entry,
 *   the cheaper form of the hot path (placing an order books ORDER_PLACED in the statement that
 *   writes it).
 * The database checks again at commit that every entry balances (journal-triggers-sql.ts).
 */

/** The positions ($n) of the six arrays journalArgs returns, in its order. */
export interface JournalParamRefs {
  kinds: number;
  references: number;
  lineEntries: number;
  accounts: number;
  debits: number;
  credits: number;
}

/** The six arrays of journalCtes's parameters, in JournalParamRefs's order. */
export type JournalArgs = [string[], string[], number[], string[], number[], number[]];

/** Parameters numbered from `first` in journalArgs's order. */
export function journalParamsFrom(first: number): JournalParamRefs {
  return { kinds: first, references: first + 1, lineEntries: first + 2, accounts: first + 3, debits: first + 4, credits: first + 5 };
}

/**
 * CTEs (to follow a `WITH` or a comma) that append the entries and their lines; `journal_entry` holds
 * the new entries' ids (`id`, in the order given: `n`). Entry ids are taken from the sequence in the
 * statement, so the lines need no round trip for them.
 */
export function journalCtes(p: JournalParamRefs): string {
  return `journal_entry AS (
       SELECT nextval('journal_entries_id_seq') AS id, e.kind, e.reference, e.n
         FROM unnest($${p.kinds}::text[], $${p.references}::text[]) WITH ORDINALITY AS e(kind, reference, n)
     ), journal_entry_ins AS (
       INSERT INTO journal_entries (id, kind, reference) SELECT id, kind, reference FROM journal_entry
     ), journal_line_ins AS (
       INSERT INTO journal_lines (entry_id, account, debit_fen, credit_fen)
       SELECT e.id, x.account, x.debit, x.credit
         FROM unnest($${p.lineEntries}::int[], $${p.accounts}::text[], $${p.debits}::bigint[], $${p.credits}::bigint[]) AS x(entry_n, account, debit, credit)
         JOIN journal_entry e ON e.n = x.entry_n
     )`;
}

/** The postings (null ones skipped) as journalCtes's arrays; throws as mergeLines does, before any SQL. */
export function journalArgs(postings: ReadonlyArray<Posting | null>): JournalArgs {
  const { entries, lines } = journalBatch(postings);
  return [
    entries.map((e) => e.kind),
    entries.map((e) => e.reference),
    lines.map((l) => l.entryN),
    lines.map((l) => l.account),
    lines.map((l) => l.debitFen),
    lines.map((l) => l.creditFen),
  ];
}

/** The positions ($n) of journalEntryArgs's five parameters, in its order. */
export interface JournalEntryParamRefs {
  kind: number;
  reference: number;
  accounts: number;
  debits: number;
  credits: number;
}

/** The five parameters of journalEntryCtes, in JournalEntryParamRefs's order. */
export type JournalEntryArgs = [string, string, string[], number[], number[]];

export function journalEntryParamsFrom(first: number): JournalEntryParamRefs {
  return { kind: first, reference: first + 1, accounts: first + 2, debits: first + 3, credits: first + 4 };
}

/**
 * CTEs that append exactly one entry and its lines (`journal_entry` holds its id): journalCtes for a
 * batch of one, without the batch's numbering, which a statement run hundreds of times a second feels
 * (placement).
 */
export function journalEntryCtes(p: JournalEntryParamRefs): string {
  return `journal_entry AS (
       INSERT INTO journal_entries (kind, reference) VALUES ($${p.kind}::text, $${p.reference}::text) RETURNING id
     ), journal_line_ins AS (
       INSERT INTO journal_lines (entry_id, account, debit_fen, credit_fen)
       SELECT journal_entry.id, x.account, x.debit, x.credit
         FROM journal_entry, unnest($${p.accounts}::text[], $${p.debits}::bigint[], $${p.credits}::bigint[]) AS x(account, debit, credit)
     )`;
}

/** One posting as journalEntryCtes's parameters; throws as mergeLines does, before any SQL. */
export function journalEntryArgs(posting: Posting): JournalEntryArgs {
  const lines = mergeLines(posting.kind, posting.reference, posting.lines);
  return [posting.kind, posting.reference, lines.map((l) => l.account), lines.map((l) => l.debitFen), lines.map((l) => l.creditFen)];
}

/** Runs one statement and returns its rows (a TypeORM manager's query, or a pg client's rows). */
export type JournalQuery = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

const WRITE = `WITH ${journalCtes(journalParamsFrom(1))}
     SELECT id::text FROM journal_entry ORDER BY n`;

/** Appends the postings (null ones skipped) in one statement; returns the new entries' ids in order. */
export async function writeJournal(query: JournalQuery, postings: ReadonlyArray<Posting | null>): Promise<string[]> {
  const args = journalArgs(postings);
  if (args[0].length === 0) return [];
  const rows = await query(WRITE, args);
  return rows.map((r) => r.id as string);
}
