import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { dataSourceOptions, pendingSchemaChanges, runMigrations } from '@app/platform';
import { CATALOG_STOCK_TRIGGERS } from '@app/catalog';
import { LEDGER_TRIGGERS } from '@app/ledger';
import { ORDERS_PLAN_GUARD } from '@app/orders';
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

  it('leaves each function as the text its owning domain exports', async () => {
    const functions = [...CATALOG_STOCK_TRIGGERS, ...ORDERS_PLAN_GUARD, ...LEDGER_TRIGGERS]
      .map((statement) => /FUNCTION (\w+)\([\s\S]*?\$fn\$([\s\S]*)\$fn\$/.exec(statement))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(functions.length).toBe(8);
    for (const [, name, body] of functions) {
      const installed: Array<{ prosrc: string }> = await dataSource.query(`SELECT prosrc FROM pg_proc WHERE proname = $1`, [name]);
      expect(installed.map((row) => row.prosrc)).toContain(body);
    }
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await runMigrations(dataSource)).toEqual([]);
  });
});
