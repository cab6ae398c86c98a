import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, plus the backfill: a payout now carries the account it pays, fixed at settlement. Payouts
 * written before this take their household's account as it stands now (the best there is to know).
 */
export class PayoutAccountAtSettlement1796294111467 implements MigrationInterface {
  name = 'PayoutAccountAtSettlement1796294111467';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payouts" ADD "payout_account" character varying(64)`);
    await queryRunner.query(
      `UPDATE payouts p SET payout_account = h.payout_account FROM households h WHERE h.id = p.household_id AND p.payee_kind = 'HOUSEHOLD'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "payout_account"`);
  }
}
