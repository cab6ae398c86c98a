import { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildTable } from './partitioning';

/**
 * Hand-written (TypeORM does not model partitioning). `allocations`, the biggest append-only table (one
 * row per unit of an order line taken from a lot, written once at placement), becomes partitioned by
 * RANGE of `placed_at`, one partition per Shanghai calendar year 2025-2028 and a DEFAULT one: a year's
 * rows can be detached and archived, vacuum and index builds work a year at a time, and the time-bound
 * reads (a household's sales over a period, the rebuild of a year's facts) prune to their years. The
 * primary key becomes (id, placed_at): PostgreSQL wants the partition key in every unique constraint.
 * Nothing references allocations by foreign key (payout_links and impact_facts hold allocation ids
 * without one), so nothing else changes. The rows are moved: see rebuildTable.
 */
export class PartitionAllocations1796310000000 implements MigrationInterface {
  name = 'PartitionAllocations1796310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await rebuildTable(queryRunner, {
      table: 'allocations',
      primaryKey: { name: 'PK_e8e68165b5a5329803d6453d024', columns: ['id', 'placed_at'] },
      partition: { column: 'placed_at', from: 2025, to: 2028 },
    });
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await rebuildTable(queryRunner, { table: 'allocations', primaryKey: { name: 'PK_ca63099fc248466264af0fa6f1f', columns: ['id'] } });
  }
}
