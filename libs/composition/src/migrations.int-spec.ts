import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { dataSourceOptions, pendingSchemaChanges, runMigrations } from '@app/platform';
import { DATABASE } from './database';

describe('the migration stream', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Start from an empty database, not the migrated template.
    await db.pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    dataSource = new DataSource(dataSourceOptions(db.url, DATABASE, 2, 'drift-check'));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('migrates an empty database and leaves nothing for the generator to find (no drift)', async () => {
    const applied = await runMigrations(dataSource);
    expect(applied.length).toBe((DATABASE.migrations as unknown[]).length);
    const { up } = await pendingSchemaChanges(dataSource);
    expect(up).toEqual([]);
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await runMigrations(dataSource)).toEqual([]);
  });
});
