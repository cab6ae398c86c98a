import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImpactRollups1795932923332 implements MigrationInterface {
  name = 'ImpactRollups1795932923332';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "impact_facts" ("allocation_id" bigint NOT NULL, "order_id" bigint NOT NULL, "county_id" bigint NOT NULL, "station_id" bigint NOT NULL, "village_id" bigint NOT NULL, "household_id" bigint NOT NULL, "placed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "day" date NOT NULL, "gross_fen" bigint NOT NULL, "net_fen" bigint NOT NULL, "poor" boolean NOT NULL, "village_poor" boolean NOT NULL, "paid" boolean NOT NULL, CONSTRAINT "PK_20b9af120c805cfa189a8afdde1" PRIMARY KEY ("allocation_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_597c25a44a9399893b26a4931d" ON "impact_facts"  ("order_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_4d0240cec227c611455f4ecc44" ON "impact_facts"  ("household_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_d4ef2133d52c56e652b3d85926" ON "impact_facts"  ("placed_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_74ea28e90b213600e75a4cb7e2" ON "impact_facts"  ("station_id", "placed_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_ae7986c4a2c15afb94cb55b9e9" ON "impact_facts"  ("county_id", "placed_at") `);
    await queryRunner.query(`CREATE TABLE "impact_scope_bits" ("county_id" bigint NOT NULL, "station_id" bigint NOT NULL, "grain" character(1) NOT NULL, "period" date NOT NULL, "kind" character(1) NOT NULL, "chunk" integer NOT NULL, "bits" bit(1024) NOT NULL, CONSTRAINT "PK_191824743865de756e2679e9a1b" PRIMARY KEY ("county_id", "station_id", "grain", "period", "kind", "chunk"))`);
    await queryRunner.query(`CREATE TABLE "impact_scope_sums" ("county_id" bigint NOT NULL, "station_id" bigint NOT NULL, "grain" character(1) NOT NULL, "period" date NOT NULL, "orders_count" integer NOT NULL, "allocations_count" integer NOT NULL, "gross_fen" bigint NOT NULL, "net_fen" bigint NOT NULL, "poor_net_fen" bigint NOT NULL, "paid_net_fen" bigint NOT NULL, CONSTRAINT "PK_04782739715119c3fadd99cdeec" PRIMARY KEY ("county_id", "station_id", "grain", "period"))`);
    await queryRunner.query(`CREATE TABLE "impact_village_bits" ("county_id" bigint NOT NULL, "station_id" bigint NOT NULL, "month" date NOT NULL, "village_id" bigint NOT NULL, "kind" character(1) NOT NULL, "chunk" integer NOT NULL, "bits" bit(1024) NOT NULL, CONSTRAINT "PK_0b01e3fb899b30c04694144530f" PRIMARY KEY ("county_id", "station_id", "month", "village_id", "kind", "chunk"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bff70add489ec7e4570dde58f0" ON "impact_village_bits"  ("station_id", "month") `);
    await queryRunner.query(`CREATE TABLE "impact_village_sums" ("county_id" bigint NOT NULL, "station_id" bigint NOT NULL, "month" date NOT NULL, "village_id" bigint NOT NULL, "orders_count" integer NOT NULL, "allocations_count" integer NOT NULL, "stricken_count" integer NOT NULL, "gross_fen" bigint NOT NULL, "net_fen" bigint NOT NULL, "poor_net_fen" bigint NOT NULL, "paid_net_fen" bigint NOT NULL, CONSTRAINT "PK_c563dc5170bc1e22ce1a92f50b2" PRIMARY KEY ("county_id", "station_id", "month", "village_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_650c1c22c0cdac50ab89cbf0a1" ON "impact_village_sums"  ("station_id", "month") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_650c1c22c0cdac50ab89cbf0a1"`);
    await queryRunner.query(`DROP TABLE "impact_village_sums"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bff70add489ec7e4570dde58f0"`);
    await queryRunner.query(`DROP TABLE "impact_village_bits"`);
    await queryRunner.query(`DROP TABLE "impact_scope_sums"`);
    await queryRunner.query(`DROP TABLE "impact_scope_bits"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ae7986c4a2c15afb94cb55b9e9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_74ea28e90b213600e75a4cb7e2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d4ef2133d52c56e652b3d85926"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4d0240cec227c611455f4ecc44"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_597c25a44a9399893b26a4931d"`);
    await queryRunner.query(`DROP TABLE "impact_facts"`);
  }
}
