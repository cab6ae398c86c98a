import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written, for the two reports the income rollups serve:
 * - training_trainees.registered_poor: the trainee's household REGISTERED_POOR at the end of its first
 *   session's day by the status history as it stands (kept by the impact domain when an attendance is
 *   recorded and when a status is recorded or corrected), instead of a history lookup per trainee;
 * - one household's days with their nets in an index (an index-only range read), for the poverty-line
 *   count, which sums the window of each household that might reach its line: read through the
 *   primary key's heap pages, a year of one such household's days took 0.7 ms on the bench data set.
 */
export class TraineeStatus1796307875569 implements MigrationInterface {
  name = 'TraineeStatus1796307875569';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "training_trainees" ADD "registered_poor" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `UPDATE training_trainees r SET registered_poor = COALESCE((SELECT p.status = 'REGISTERED_POOR' FROM poverty_status_history p
          WHERE p.household_id = r.household_id AND p.effective_at < ((r.first_day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
          ORDER BY p.effective_at DESC, p.id DESC LIMIT 1), false)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_impact_household_days_household_net" ON "impact_household_days" ("household_id", "day") INCLUDE ("net_fen")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_impact_household_days_household_net"`);
    await queryRunner.query(`ALTER TABLE "training_trainees" DROP COLUMN "registered_poor"`);
  }
}
