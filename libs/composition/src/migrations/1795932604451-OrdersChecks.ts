import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrity checks on the order tables (exactly one of address and pickup station, positive totals and
 * quantities) and the index behind stationFulfillments without a status filter.
 */
export class OrdersChecks1795932604451 implements MigrationInterface {
  name = 'OrdersChecks1795932604451';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_e8f840849ea4143cbc67bf6e3b" ON "fulfillments"  ("station_id", "id") `);
    await queryRunner.query(`ALTER TABLE "orders" ADD CONSTRAINT "chk_orders_total" CHECK (total_fen > 0)`);
    await queryRunner.query(`ALTER TABLE "orders" ADD CONSTRAINT "chk_orders_destination" CHECK ((shipping_address IS NULL) <> (pickup_station_id IS NULL))`);
    await queryRunner.query(`ALTER TABLE "order_lines" ADD CONSTRAINT "chk_order_lines_quantity" CHECK (quantity > 0)`);
    await queryRunner.query(`ALTER TABLE "allocations" ADD CONSTRAINT "chk_allocations_quantity" CHECK (quantity > 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "allocations" DROP CONSTRAINT "chk_allocations_quantity"`);
    await queryRunner.query(`ALTER TABLE "order_lines" DROP CONSTRAINT "chk_order_lines_quantity"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "chk_orders_destination"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "chk_orders_total"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e8f840849ea4143cbc67bf6e3b"`);
  }
}
