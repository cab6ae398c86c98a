import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the guard that makes placing an order one all-or-nothing statement. placeOrder plans
 * from an unlocked snapshot, then takes stock and station slots with conditional updates in the same
 * statement that writes the order; when fewer rows were taken than planned (the snapshot went stale)
 * this raises SQLSTATE OR409 and the whole statement, order and ledger entry included, rolls back.
 */
export class OrdersPlanGuard1795933867426 implements MigrationInterface {
  name = 'OrdersPlanGuard1795933867426';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION orders_assert_plan(lots_taken int, lots_planned int, slots_taken int, slots_planned int) RETURNS boolean
      LANGUAGE plpgsql AS $fn$
      BEGIN
        IF lots_taken <> lots_planned OR slots_taken <> slots_planned THEN
          RAISE EXCEPTION 'order plan is stale: took % of % lots and % of % station slots', lots_taken, lots_planned, slots_taken, slots_planned
            USING ERRCODE = 'OR409';
        END IF;
        RETURN true;
      END
      $fn$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION orders_assert_plan(int, int, int, int)`);
  }
}
