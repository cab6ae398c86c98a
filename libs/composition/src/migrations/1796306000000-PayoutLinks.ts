import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payout links move out of `allocations` (the orders domain's) into `payout_links` (the payouts
 * domain's): one row per allocation and payee kind that a payout settles, with the listing's station
 * and the amount paid for it, copied from the allocation. The links are moved, then the columns dropped.
 */
export class PayoutLinks1796306000000 implements MigrationInterface {
  name = 'PayoutLinks1796306000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "payout_links" ("allocation_id" bigint NOT NULL, "payee_kind" "public"."payee_kind" NOT NULL, "payout_id" bigint NOT NULL, "listing_station_id" bigint NOT NULL, "amount_fen" bigint NOT NULL, CONSTRAINT "PK_15813abb3333bd89f78826e827f" PRIMARY KEY ("allocation_id", "payee_kind"))`);
    await queryRunner.query(`
      INSERT INTO "payout_links" ("allocation_id", "payee_kind", "payout_id", "listing_station_id", "amount_fen")
      SELECT id, 'HOUSEHOLD'::payee_kind, household_payout_id, listing_station_id, supplier_net_fen FROM "allocations" WHERE household_payout_id IS NOT NULL
      UNION ALL
      SELECT id, 'STATION'::payee_kind, station_payout_id, listing_station_id, station_commission_fen FROM "allocations" WHERE station_payout_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_699eda28ee146f7cc17a7a0f4a" ON "payout_links"  ("payout_id") `);
    await queryRunner.query(`ALTER TABLE "payout_links" ADD CONSTRAINT "FK_699eda28ee146f7cc17a7a0f4ac" FOREIGN KEY ("payout_id") REFERENCES "payouts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`DROP INDEX "public"."idx_allocations_unsettled_household"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_631576fb079f34578ae576863f"`);
    await queryRunner.query(`ALTER TABLE "allocations" DROP COLUMN "household_payout_id"`);
    await queryRunner.query(`ALTER TABLE "allocations" DROP COLUMN "station_payout_id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "allocations" ADD "station_payout_id" bigint`);
    await queryRunner.query(`ALTER TABLE "allocations" ADD "household_payout_id" bigint`);
    await queryRunner.query(`
      UPDATE "allocations" a SET household_payout_id = h.payout_id, station_payout_id = s.payout_id
        FROM "allocations" x
        LEFT JOIN "payout_links" h ON h.allocation_id = x.id AND h.payee_kind = 'HOUSEHOLD'
        LEFT JOIN "payout_links" s ON s.allocation_id = x.id AND s.payee_kind = 'STATION'
       WHERE a.id = x.id AND (h.payout_id IS NOT NULL OR s.payout_id IS NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_631576fb079f34578ae576863f" ON "allocations" USING btree ("household_payout_id") `);
    await queryRunner.query(`CREATE INDEX "idx_allocations_unsettled_household" ON "allocations" USING btree ("household_id") WHERE (household_payout_id IS NULL)`);
    await queryRunner.query(`DROP TABLE "payout_links"`);
  }
}
