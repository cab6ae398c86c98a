import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogIndexes1795932269998 implements MigrationInterface {
  name = 'CatalogIndexes1795932269998';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_7d2593c0c65696628f26b9fda0" ON "listings"  ("county_id", "status", "price_fen", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_7d2593c0c65696628f26b9fda0"`);
  }
}
