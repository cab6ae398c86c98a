import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogBrowseIndexes1795934261714 implements MigrationInterface {
  name = 'CatalogBrowseIndexes1795934261714';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_7804c459e85a76b0d1f045460f" ON "listings"  ("price_fen", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c8e8ec135abf7f27f9c49b6771" ON "listings"  ("created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_c8e8ec135abf7f27f9c49b6771"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7804c459e85a76b0d1f045460f"`);
  }
}
