import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the write of a planned order also re-checks what the plan decided on. Besides the stock
 * and the slots it took, it counts the ordered listings that are still ACTIVE at the planned price with
 * their station still charging the planned commission; any fewer (paused, repriced, a rate changed
 * since the snapshot) raises the same OR409 and the order is planned again from a fresh snapshot.
 */
export class OrdersDecisionGuard1796294200000 implements MigrationInterface {
  name = 'OrdersDecisionGuard1796294200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION orders_assert_plan(lots_taken int, lots_planned int, slots_taken int, slots_planned int, listings_unchanged int, listings_planned int)
      RETURNS boolean LANGUAGE plpgsql AS $fn$
      BEGIN
        IF listings_unchanged <> listings_planned THEN
          RAISE EXCEPTION 'order plan is stale: % of % listings changed status, price or commission', listings_planned - listings_unchanged, listings_planned
            USING ERRCODE = 'OR409';
        END IF;
        RETURN orders_assert_plan(lots_taken, lots_planned, slots_taken, slots_planned);
      END
      $fn$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION orders_assert_plan(int, int, int, int, int, int)`);
  }
}
