import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, plus by hand: the backfill. impact_household_totals (a household's lifetime net and first
 * day with a sale) and training_trainees (a trainee's first session, first sale, and nets 180 days
 * before and after), kept by the impact domain in the transaction of each delivery and attendance
 * (libs/impact/src/rollup/income-rollup-sql.ts); filled here from impact_household_days and the
 * attendances with the statements of that file.
 */
export class IncomeRollups1796305540853 implements MigrationInterface {
  name = 'IncomeRollups1796305540853';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "impact_household_totals" ("household_id" bigint NOT NULL, "county_id" bigint NOT NULL, "net_fen" bigint NOT NULL, "first_day" date NOT NULL, CONSTRAINT "PK_impact_household_totals" PRIMARY KEY ("household_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_impact_household_totals_county_net" ON "impact_household_totals" ("county_id", "net_fen") `);
    await queryRunner.query(`CREATE TABLE "training_trainees" ("county_id" bigint NOT NULL, "programme_id" bigint NOT NULL, "household_id" bigint NOT NULL, "first_day" date NOT NULL, "first_sale_day" date, "net_before_fen" bigint NOT NULL, "net_after_fen" bigint NOT NULL, CONSTRAINT "PK_training_trainees" PRIMARY KEY ("county_id", "programme_id", "household_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_training_trainees_household" ON "training_trainees" ("household_id") `);
    await queryRunner.query(
      `INSERT INTO impact_household_totals (household_id, county_id, net_fen, first_day)
       SELECT household_id, min(county_id), sum(net_fen), min(day) FROM impact_household_days GROUP BY household_id`,
    );
    await queryRunner.query(
      `INSERT INTO training_trainees (county_id, programme_id, household_id, first_day, first_sale_day, net_before_fen, net_after_fen)
       SELECT t.county_id, t.programme_id, t.household_id, t.d, tot.first_day,
              COALESCE((SELECT sum(b.net_fen) FROM impact_household_days b WHERE b.household_id = t.household_id AND b.day >= t.d - 180 AND b.day < t.d), 0),
              COALESCE((SELECT sum(b.net_fen) FROM impact_household_days b WHERE b.household_id = t.household_id AND b.day >= t.d AND b.day < t.d + 180), 0)
         FROM (SELECT county_id, programme_id, household_id, min(held_on) AS d FROM training_attendances GROUP BY 1, 2, 3) t
         LEFT JOIN impact_household_totals tot ON tot.household_id = t.household_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "training_trainees"`);
    await queryRunner.query(`DROP TABLE "impact_household_totals"`);
  }
}
