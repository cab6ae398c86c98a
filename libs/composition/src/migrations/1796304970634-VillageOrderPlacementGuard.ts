import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: placing a village order is one statement (the stock taken, the order, its lines and
 * the deposit's journal entry); it fails as a whole with SQLSTATE VO409 when fewer goods were taken than
 * ordered (stock gone, or goods repriced, renamed or taken off sale since the read) or the station's
 * terms changed, and the order is built again from a fresh read.
 */
export class VillageOrderPlacementGuard1796304970634 implements MigrationInterface {
  name = 'VillageOrderPlacementGuard1796304970634';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION village_orders_assert_placed(goods_taken int, goods_ordered int, station_unchanged boolean)
      RETURNS boolean LANGUAGE plpgsql AS $fn$
      BEGIN
        IF goods_taken <> goods_ordered OR NOT station_unchanged THEN
          RAISE EXCEPTION 'village order is stale: % of % goods taken, station unchanged: %', goods_taken, goods_ordered, station_unchanged
            USING ERRCODE = 'VO409';
        END IF;
        RETURN true;
      END
      $fn$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION village_orders_assert_placed(int, int, boolean)`);
  }
}
