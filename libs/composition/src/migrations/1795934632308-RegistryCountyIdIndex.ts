import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistryCountyIdIndex1795934632308 implements MigrationInterface {
  name = 'RegistryCountyIdIndex1795934632308';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_616ff675bb5d2887175f63aef6" ON "households"  ("county_id", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_616ff675bb5d2887175f63aef6"`);
  }
}
