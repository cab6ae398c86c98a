import { MigrationInterface, QueryRunner } from 'typeorm';

export class PayoutRetries1795932325380 implements MigrationInterface {
  name = 'PayoutRetries1795932325380';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payouts" ADD "retries" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "retries"`);
  }
}
