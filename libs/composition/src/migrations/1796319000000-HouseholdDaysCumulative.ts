import { MigrationInterface, QueryRunner } from 'typeorm';

/** Households per backfill statement: each one well inside the 30 s statement timeout on the bench data set under load. */
const BATCH = 20_000;

/**
 * Hand-written, for the poverty-line count: impact_household_days.cum_net_fen, a household's supplier
 * net over all its days up to and including this one (kept by the impact domain in each delivery's
 * transaction, libs/impact/src/rollup/income-rollup-sql.ts), so that a household's income over any
 * run of whole days is two index reads (the running total before its end minus the one before its
 * start) instead of a read of each of its days. The index that served the window's days now carries
 * the running total too. Backfilled by batches of households (the statement timeout).
 */
export class HouseholdDaysCumulative1796319000000 implements MigrationInterface {
  name = 'HouseholdDaysCumulative1796319000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "impact_household_days" ADD "cum_net_fen" bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "impact_household_days" ALTER COLUMN "cum_net_fen" DROP DEFAULT`);
    // Keyset batches: each statement takes the next BATCH households that have days.
    for (let after = '0'; ; ) {
      const [{ last }] = await queryRunner.query(
        `SELECT max(household_id)::text AS last FROM (SELECT DISTINCT household_id FROM impact_household_days WHERE household_id > $1 ORDER BY household_id LIMIT ${BATCH}) x`,
        [after],
      );
      if (last === null) break;
      await queryRunner.query(
        `UPDATE impact_household_days b SET cum_net_fen = c.cum
           FROM (SELECT household_id, day, sum(net_fen) OVER (PARTITION BY household_id ORDER BY day) AS cum
                   FROM impact_household_days WHERE household_id > $1 AND household_id <= $2) c
          WHERE b.household_id = c.household_id AND b.day = c.day AND b.household_id > $1 AND b.household_id <= $2`,
        [after, last],
      );
      after = last;
    }
    await queryRunner.query(`DROP INDEX "public"."idx_impact_household_days_household_net"`);
    await queryRunner.query(`CREATE INDEX "idx_impact_household_days_household_net" ON "impact_household_days" ("household_id", "day") INCLUDE ("net_fen", "cum_net_fen")`);
    await queryRunner.query(`ANALYZE impact_household_days`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_impact_household_days_household_net"`);
    await queryRunner.query(`CREATE INDEX "idx_impact_household_days_household_net" ON "impact_household_days" ("household_id", "day") INCLUDE ("net_fen")`);
    await queryRunner.query(`ALTER TABLE "impact_household_days" DROP COLUMN "cum_net_fen"`);
  }
}
