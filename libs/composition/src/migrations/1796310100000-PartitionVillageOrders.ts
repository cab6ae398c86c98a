import { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildTable } from './partitioning';

/**
 * Hand-written (TypeORM does not model partitioning). `village_orders` (a million a year at Handan's
 * size, as many as the delivered orders) becomes partitioned by RANGE of `placed_at`, like allocations
 * (PartitionAllocations): one partition per Shanghai calendar year 2025-2028 and a DEFAULT one, the
 * primary key (id, placed_at). An order's later steps (shipped, received, collected, settled) update
 * its row in place; placed_at never changes, so a row never moves between partitions. Nothing references
 * village_orders by foreign key (its lines hold the order's id without one).
 */
export class PartitionVillageOrders1796310100000 implements MigrationInterface {
  name = 'PartitionVillageOrders1796310100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await rebuildTable(queryRunner, {
      table: 'village_orders',
      primaryKey: { name: 'PK_024fc7fbe7f4172ae7ce3155a47', columns: ['id', 'placed_at'] },
      partition: { column: 'placed_at', from: 2025, to: 2028 },
    });
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await rebuildTable(queryRunner, { table: 'village_orders', primaryKey: { name: 'PK_aefca1c153bd59b2a2bad9d0c72', columns: ['id'] } });
  }
}
