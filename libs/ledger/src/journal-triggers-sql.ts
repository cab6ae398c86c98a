/**
 * The ledger's rules enforced by the database itself, so that no code path (a bug, a hand-typed psql
 * session) can book money that does not balance or rewrite history. The migrations run these
 * statements (libs/composition/src/migrations); each is idempotent, so running the list again installs
 * the text as it stands here.
 * - Every journal entry balances and has at least two lines, checked at COMMIT (deferred constraint
 *   triggers), when all of an entry's lines are in. Both tables fire it: an entry with no lines at all
 *   is refused, and so is a line added later to an entry of another transaction.
 * - A line whose entry does not exist is refused by the same check (it stands for the foreign key, whose
 *   lookup plan PostgreSQL keeps per session: made while journal_entries was small it stays a
 *   sequential scan, and no setting reaches a foreign key's own query). With sequential scans off in
 *   the function, its cached plans are always the index lookups, however the journal grows.
 * - journal_entries and journal_lines are append-only: UPDATE and DELETE are refused.
 */
export const LEDGER_TRIGGERS: readonly string[] = [
  `CREATE OR REPLACE FUNCTION ledger_check_entry_balanced() RETURNS trigger
   LANGUAGE plpgsql SET enable_seqscan = off AS $fn$
   DECLARE
     entry bigint;
     lines int;
     debits numeric;
     credits numeric;
   BEGIN
     -- Separate branches: NEW has no entry_id on journal_entries (a field is resolved when run).
     IF TG_TABLE_NAME = 'journal_entries' THEN
       entry := NEW.id;
     ELSE
       entry := NEW.entry_id;
       IF NOT EXISTS (SELECT 1 FROM journal_entries WHERE id = entry) THEN
         RAISE EXCEPTION 'journal line % refers to journal entry %, which does not exist', NEW.id, entry
           USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ledger_line_entry';
       END IF;
     END IF;
     SELECT count(*), COALESCE(sum(debit_fen), 0), COALESCE(sum(credit_fen), 0)
       INTO lines, debits, credits
       FROM journal_lines WHERE entry_id = entry;
     IF lines < 2 THEN
       RAISE EXCEPTION 'journal entry % has % line(s); an entry needs at least two', entry, lines
         USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entry_balanced';
     END IF;
     IF debits <> credits THEN
       RAISE EXCEPTION 'journal entry % does not balance: debits %, credits %', entry, debits, credits
         USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entry_balanced';
     END IF;
     RETURN NULL;
   END
   $fn$`,
  // A constraint trigger cannot be replaced in place: dropped and created again, in the migration's transaction.
  `DROP TRIGGER IF EXISTS ledger_entry_balanced ON journal_entries`,
  `CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON journal_entries
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balanced()`,
  `DROP TRIGGER IF EXISTS ledger_line_balanced ON journal_lines`,
  `CREATE CONSTRAINT TRIGGER ledger_line_balanced AFTER INSERT ON journal_lines
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balanced()`,
  `CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger
   LANGUAGE plpgsql AS $fn$
   BEGIN
     RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
       USING ERRCODE = 'object_not_in_prerequisite_state';
   END
   $fn$`,
  `CREATE OR REPLACE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
     FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`,
  `CREATE OR REPLACE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
     FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`,
];
