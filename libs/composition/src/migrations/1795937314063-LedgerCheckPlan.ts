import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written. The ledger's balance check (LedgerIntegrity) looks up an entry's lines by entry_id.
 * PL/pgSQL caches that query's plan for the session: planned while journal_lines was small (or analysed
 * empty), it stays a sequential scan as the table grows, and every commit then reads the whole journal
 * (seen: 20,000 payouts slowing down quadratically). With sequential scans off inside the function,
 * the cached plan is always the index lookup.
 */
export class LedgerCheckPlan1795937314063 implements MigrationInterface {
  name = 'LedgerCheckPlan1795937314063';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION ledger_check_entry_balanced() SET enable_seqscan = off`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION ledger_check_entry_balanced() RESET enable_seqscan`);
  }
}
