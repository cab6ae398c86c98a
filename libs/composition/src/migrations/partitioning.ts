import { QueryRunner } from 'typeorm';

/**
 * Native PostgreSQL partitioning for the big append-only tables, by year of a timestamp column (the
 * Asia/Shanghai calendar year, the marketplace's one calendar), with a DEFAULT partition for whatever
 * falls outside the years created (back-dated rows before the first year; rows after the last year if
 * nobody added the next years in time: see docs/scaling.md).
 *
 * TypeORM does not model partitioning: the entity sees the parent table (its columns, its primary key,
 * which must hold the partition key, its indexes and foreign keys), and so does the drift check; the
 * partitions are the database's business.
 */

/** The partition of `table` holding Shanghai calendar year `year`. */
export function yearPartition(table: string, year: number): string {
  return `${table}_y${year}`;
}

/** Creates the yearly partitions `from`..`to` (inclusive) of a table partitioned by RANGE of a timestamptz. */
export async function createYearPartitions(queryRunner: QueryRunner, table: string, from: number, to: number): Promise<void> {
  for (let year = from; year <= to; year++) {
    await queryRunner.query(
      `CREATE TABLE "${yearPartition(table, year)}" PARTITION OF "${table}" FOR VALUES FROM ('${year}-01-01 00:00:00+08') TO ('${year + 1}-01-01 00:00:00+08')`,
    );
  }
}

interface Rebuild {
  table: string;
  /** The primary key after the rebuild: it must hold the partition key when there is one. */
  primaryKey: { name: string; columns: string[] };
  /** RANGE by year of this column, with these years and a DEFAULT partition; absent: a plain table. */
  partition?: { column: string; from: number; to: number };
}

/**
 * Rebuilds a populated table as partitioned (or, for a migration's down, back as a plain table): the
 * table and its identity sequence are renamed aside, the new table is created like it (columns,
 * defaults, checks, identity), the rows moved, the sequence carried on, then the primary key, the
 * indexes, the foreign keys and the triggers the old table had are created again under their own
 * names, and the old table dropped. Indexes are built after the rows are in (a bulk build per
 * partition), and the parent analysed (autovacuum analyses the partitions, never a partitioned parent).
 * Run inside the migration's transaction: readers wait on the lock, and a failure leaves nothing.
 */
export async function rebuildTable(queryRunner: QueryRunner, spec: Rebuild): Promise<void> {
  const { table, primaryKey, partition } = spec;
  const old = `${table}_unpartitioned`;
  // Moving a million rows takes longer than the session's statement limit.
  await queryRunner.query(`SET LOCAL statement_timeout = 0`);

  const indexes: Array<{ name: string; def: string; constraint: string | null; primary: boolean }> = await queryRunner.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, c.conname AS constraint, x.indisprimary AS primary
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
      WHERE x.indrelid = $1::regclass`,
    [table],
  );
  const unique = indexes.filter((i) => !i.primary && (i.constraint !== null || /^CREATE UNIQUE/.test(i.def)));
  if (unique.length > 0) throw new Error(`${table}: unique indexes besides the primary key (${unique.map((i) => i.name).join(', ')}) would need the partition key`);
  const foreignKeys: Array<{ name: string; def: string }> = await queryRunner.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
    [table],
  );
  const triggers: Array<{ def: string }> = await queryRunner.query(
    `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
    [table],
  );
  const [{ sequence }]: Array<{ sequence: string | null }> = await queryRunner.query(`SELECT pg_get_serial_sequence($1, 'id') AS sequence`, [table]);

  // Free the names the new table takes: the table's, the sequence's (LIKE ... INCLUDING IDENTITY names a
  // new one after the table), the indexes'.
  await queryRunner.query(`ALTER TABLE "${table}" RENAME TO "${old}"`);
  if (sequence) await queryRunner.query(`ALTER SEQUENCE ${sequence} RENAME TO "${old}_id_seq"`);
  for (const index of indexes) {
    if (index.constraint) await queryRunner.query(`ALTER TABLE "${old}" DROP CONSTRAINT "${index.constraint}"`);
    else await queryRunner.query(`DROP INDEX "${index.name}"`);
  }

  const like = `LIKE "${old}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMMENTS`;
  if (partition) {
    await queryRunner.query(`CREATE TABLE "${table}" (${like}) PARTITION BY RANGE ("${partition.column}")`);
    await createYearPartitions(queryRunner, table, partition.from, partition.to);
    await queryRunner.query(`CREATE TABLE "${table}_default" PARTITION OF "${table}" DEFAULT`);
  } else {
    await queryRunner.query(`CREATE TABLE "${table}" (${like})`);
  }
  await queryRunner.query(`INSERT INTO "${table}" SELECT * FROM "${old}"`);
  if (sequence) {
    await queryRunner.query(
      `SELECT setval(pg_get_serial_sequence($1, 'id'), last_value, is_called) FROM "${old}_id_seq"`,
      [table],
    );
  }
  await queryRunner.query(`DROP TABLE "${old}"`);

  await queryRunner.query(
    `ALTER TABLE "${table}" ADD CONSTRAINT "${primaryKey.name}" PRIMARY KEY (${primaryKey.columns.map((c) => `"${c}"`).join(', ')})`,
  );
  // A partitioned parent's index reads `ON ONLY` (itself, not its partitions): build it everywhere.
  for (const index of indexes.filter((i) => !i.constraint)) await queryRunner.query(index.def.replace(' ON ONLY ', ' ON '));
  for (const fk of foreignKeys) await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${fk.name}" ${fk.def}`);
  for (const trigger of triggers) await queryRunner.query(trigger.def);
  await queryRunner.query(`ANALYZE "${table}"`);
}
