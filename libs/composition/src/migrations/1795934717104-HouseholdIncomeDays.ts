import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders: each household's supplier net per Asia/Shanghai day (non-cancelled orders), kept by placement
 * and cancellation, so PRECISION reads 90 days of income from ~90 rows rather than every allocation.
 * Backfilled from the allocations already placed in the window.
 */
export class HouseholdIncomeDays1795934717104 implements MigrationInterface {
  name = 'HouseholdIncomeDays1795934717104';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "household_income_days" ("household_id" bigint NOT NULL, "day" date NOT NULL, "net_fen" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_158dbae9113b948e6739ffe8c72" PRIMARY KEY ("household_id", "day"))`);
    await queryRunner.query(`
      INSERT INTO household_income_days (household_id, day, net_fen)
      SELECT a.household_id, (a.placed_at AT TIME ZONE 'Asia/Shanghai')::date, sum(a.supplier_net_fen)
        FROM allocations a JOIN orders o ON o.id = a.order_id
       WHERE o.status <> 'CANCELLED' AND a.placed_at >= now() - interval '91 days'
       GROUP BY 1, 2`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "household_income_days"`);
  }
}
