import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Income against the poverty line: each county's line (default 4,000 yuan a person a year) and the
 * per-household daily supplier net of counted allocations, backfilled from the impact facts.
 */
export class PovertyLine1796294233660 implements MigrationInterface {
  name = 'PovertyLine1796294233660';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "impact_household_days" ("household_id" bigint NOT NULL, "day" date NOT NULL, "county_id" bigint NOT NULL, "net_fen" bigint NOT NULL, CONSTRAINT "PK_56329f41cf0cc1dffbab6ea867d" PRIMARY KEY ("household_id", "day"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e44b3bbdb00f70515c88b314b1" ON "impact_household_days"  ("county_id", "day", "household_id", "net_fen") `);
    await queryRunner.query(`ALTER TABLE "counties" ADD "poverty_line_fen" bigint NOT NULL DEFAULT '400000'`);
    await queryRunner.query(`
      INSERT INTO impact_household_days (household_id, day, county_id, net_fen)
      SELECT household_id, day, min(county_id), sum(net_fen) FROM impact_facts GROUP BY household_id, day`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "counties" DROP COLUMN "poverty_line_fen"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e44b3bbdb00f70515c88b314b1"`);
    await queryRunner.query(`DROP TABLE "impact_household_days"`);
  }
}
