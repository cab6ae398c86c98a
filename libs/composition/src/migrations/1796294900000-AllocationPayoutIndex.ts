import { MigrationInterface, QueryRunner } from 'typeorm';

export class AllocationPayoutIndex1796294900000 implements MigrationInterface {
  name = 'AllocationPayoutIndex1796294900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_631576fb079f34578ae576863f" ON "allocations"  ("household_payout_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_631576fb079f34578ae576863f"`);
  }
}
