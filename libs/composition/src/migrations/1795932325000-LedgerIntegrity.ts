import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (TypeORM cannot express these): the ledger's rules enforced by the database itself, so
 * that no code path (a bug, a hand-typed psql session) can book money that does not balance or rewrite
 * history.
 * - Every journal entry balances and has at least two lines, checked at COMMIT (deferred constraint
 *   triggers), when all of an entry's lines are in. Both tables fire it: an entry with no lines at all
 *   is refused, and so is a line added later to an entry of another transaction.
 * - journal_entries and journal_lines are append-only: UPDATE and DELETE are refused.
 */
export class LedgerIntegrity1795932325000 implements MigrationInterface {
  name = 'LedgerIntegrity1795932325000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ledger_check_entry_balanced() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
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
      $fn$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON journal_entries
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balanced()`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER ledger_line_balanced AFTER INSERT ON journal_lines
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balanced()`);

    await queryRunner.query(`
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'object_not_in_prerequisite_state';
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ledger_lines_append_only ON journal_lines`);
    await queryRunner.query(`DROP TRIGGER ledger_entries_append_only ON journal_entries`);
    await queryRunner.query(`DROP FUNCTION ledger_refuse_change()`);
    await queryRunner.query(`DROP TRIGGER ledger_line_balanced ON journal_lines`);
    await queryRunner.query(`DROP TRIGGER ledger_entry_balanced ON journal_entries`);
    await queryRunner.query(`DROP FUNCTION ledger_check_entry_balanced()`);
  }
}
