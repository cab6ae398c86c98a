import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MigrationInterface, DataSource } from 'typeorm';
import { PoolClient } from 'pg';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { dataSourceOptions } from '@app/platform';
import { MIGRATIONS } from './migrations';
import { DATABASE } from './database';

/** A partitioned table: its time column, the migration that partitioned it, and one row to insert at a given instant. */
interface Partitioned {
  table: string;
  column: string;
  /** The class name of the migration that partitioned it. */
  migration: string;
  /** An INSERT of one row at $1 (the partition key) returning `id`; foreign keys are not checked (replica role). */
  insert: string;
}

const TABLES: Partitioned[] = [
  {
    table: 'allocations',
    column: 'placed_at',
    migration: 'PartitionAllocations1796310000000',
    insert: `INSERT INTO allocations (order_id, order_line_id, fulfillment_id, lot_id, listing_id, listing_station_id, household_id, village_id, county_id,
               quantity, gross_fen, station_commission_fen, platform_fee_fen, supplier_net_fen, status_at_placement, poverty_status_at_sale, village_poverty_stricken_at_sale, placed_at)
             VALUES (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1000, 50, 30, 920, 'REGISTERED_POOR', 'REGISTERED_POOR', false, $1) RETURNING id::text`,
  },
  {
    table: 'village_orders',
    column: 'placed_at',
    migration: 'PartitionVillageOrders1796310100000',
    insert: `INSERT INTO village_orders (station_id, county_id, village_id, villager_name, merchant_id, total_fen, deposit_fen, commission_bps, station_commission_fen,
               platform_fee_fen, merchant_net_fen, farm_input_fen, pickup_code_hash, placed_by_user_id, placed_at)
             VALUES (1, 1, 1, 'Li', 1, 1000, 0, 500, 50, 30, 920, 0, 'salt$hash', 1, $1) RETURNING id::text`,
  },
];

/** The Shanghai calendar year of now: the partitions' calendar. */
const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

describe('the partitioned append-only tables', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(db.url, DATABASE, 2, 'partitioning'));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** Runs the work in a transaction with foreign keys off (replica role), rolled back. */
  async function rolledBack<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      return await work(client);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  async function partitions(table: string): Promise<Record<string, string>> {
    const { rows } = await db.pool.query(
      `SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
      [table],
    );
    return Object.fromEntries(rows.map((r) => [r.relname, r.bound]));
  }

  /** The partition each row landed in, by id. */
  async function where(client: PoolClient, table: string, ids: string[]): Promise<string[]> {
    const { rows } = await client.query(`SELECT id::text, tableoid::regclass::text AS part FROM ${table} WHERE id = ANY($1::bigint[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r.part]));
    return ids.map((id) => byId.get(id)!);
  }

  it.each(TABLES)('$table is partitioned by range of its time column, with this year, next year and a DEFAULT', async (t) => {
    const table = t.table;
    const { rows } = await db.pool.query(
      `SELECT p.partstrat, a.attname FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
        WHERE p.partrelid = $1::regclass`,
      [table],
    );
    expect(rows).toEqual([{ partstrat: 'r', attname: t.column }]);
    const parts = await partitions(table);
    expect(parts[`${table}_default`]).toBe('DEFAULT');
    // When this fails, the years ran out: a migration must create the next ones (docs/scaling.md).
    expect(parts[`${table}_y${thisYear}`]).toBeDefined();
    expect(parts[`${table}_y${thisYear + 1}`]).toBeDefined();
    // The primary key holds the partition key, as PostgreSQL requires.
    const pk = await db.pool.query(
      `SELECT array_agg(a.attname::text ORDER BY a.attname) AS columns FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
        WHERE c.conrelid = $1::regclass AND c.contype = 'p'`,
      [table],
    );
    expect(pk.rows[0].columns).toEqual(['id', t.column].sort());
  });

  it.each(TABLES)('$table routes a row to the partition of its Shanghai year, and one outside the years created to DEFAULT', async (t) => {
    const table = t.table;
    await rolledBack(async (client) => {
      const at = async (instant: string) => (await client.query(t.insert, [instant])).rows[0].id as string;
      const ids = [
        await at(`${thisYear}-06-15T12:00:00Z`),
        // The year begins at midnight in Shanghai, 16:00 UTC the day before.
        await at(`${thisYear}-12-31T15:59:59Z`),
        await at(`${thisYear}-12-31T16:00:00Z`),
        await at('2019-03-01T00:00:00Z'),
        await at('2099-03-01T00:00:00Z'),
      ];
      expect(await where(client, table, ids)).toEqual([
        `${table}_y${thisYear}`,
        `${table}_y${thisYear}`,
        `${table}_y${thisYear + 1}`,
        `${table}_default`,
        `${table}_default`,
      ]);
      // A time-bound read touches only its year's partition.
      const plan = await client.query(`EXPLAIN (FORMAT JSON) SELECT count(*) FROM ${table} WHERE ${t.column} >= $1 AND ${t.column} < $2`, [
        `${thisYear}-03-01T00:00:00+08`,
        `${thisYear}-04-01T00:00:00+08`,
      ]);
      const scanned = JSON.stringify(plan.rows[0]['QUERY PLAN']).match(new RegExp(`"${table}_[a-z0-9]+"`, 'g'));
      expect([...new Set(scanned)]).toEqual([`"${table}_y${thisYear}"`]);
    });
  });

  it.each(TABLES)('$table: the migration moves the rows of a populated table, keeps its indexes and carries its ids on', async (t) => {
    const table = t.table;
    const indexes = async () =>
      (await db.pool.query(`SELECT indexname FROM pg_indexes WHERE tablename = $1 ORDER BY indexname`, [table])).rows.map((r) => r.indexname as string);
    const partitionedIndexes = await indexes();
    const runner = dataSource.createQueryRunner();
    const migrate = async (step: 'up' | 'down') => {
      await runner.startTransaction();
      const migration = MIGRATIONS.find((m) => m.name === t.migration)!;
      await (new migration() as MigrationInterface)[step](runner);
      await runner.commitTransaction();
    };
    // The rows below are made with foreign keys off: drop them on this database, or the migration's own
    // check of them (it adds them back, validated) refuses the rows. The drift test checks they exist.
    const fks = await db.pool.query(`SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [table]);
    for (const fk of fks.rows) await db.pool.query(`ALTER TABLE ${table} DROP CONSTRAINT "${fk.conname}"`);
    try {
      await migrate('down');
      expect(Object.keys(await partitions(table))).toEqual([]);
      const client = await db.pool.connect();
      let ids: string[];
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL session_replication_role = replica');
        ids = [];
        for (const instant of [`${thisYear}-02-01T00:00:00Z`, `${thisYear - 1}-02-01T00:00:00Z`, '2019-02-01T00:00:00Z']) {
          ids.push((await client.query(t.insert, [instant])).rows[0].id);
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }

      await migrate('up');
      expect(await indexes()).toEqual(partitionedIndexes);
      await rolledBack(async (c) => {
        expect(await where(c, table, ids)).toEqual([`${table}_y${thisYear}`, `${table}_y${thisYear - 1}`, `${table}_default`]);
        const next = (await c.query(t.insert, [new Date().toISOString()])).rows[0].id as string;
        expect(BigInt(next)).toBeGreaterThan(BigInt(ids[ids.length - 1]));
      });
    } finally {
      await runner.release();
    }
  });
});
