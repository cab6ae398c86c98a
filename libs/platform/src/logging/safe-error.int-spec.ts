import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { safeError, withoutValues } from './safe-error';

/*
 * Real PostgreSQL errors, raised through TypeORM as the services raise them, serialised as the log does:
 * what failed and where, never the values (SQL parameters, a unique key's value, a refused input).
 */
describe('errors as the log keeps them', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: db.url });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE log_probe (id int PRIMARY KEY, account text UNIQUE, n int)`);
    await dataSource.query(`INSERT INTO log_probe VALUES (1, '6222020200112233445', 1)`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const failure = async (sql: string, params: unknown[]) => {
    try {
      await dataSource.query(sql, params);
    } catch (error) {
      return error;
    }
    throw new Error('expected the query to fail');
  };

  /** What a pino logger with the serializer writes for `{ err }`. */
  const logged = (err: unknown) => {
    let out = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((out += chunk), done()) });
    pino({ serializers: { err: safeError } }, sink).error({ err }, 'internal error');
    return out;
  };

  it.each([
    ['a unique violation (its detail names the key and value)', `INSERT INTO log_probe VALUES (2, $1, 2)`, ['6222020200112233445'], '23505', '6222020200112233445'],
    ['a value the type refuses (quoted in the message)', `INSERT INTO log_probe VALUES (3, 'x', $1::int)`, ['abc-13800138000'], '22P02', 'abc-13800138000'],
    ['a number out of range (quoted in the message)', `INSERT INTO log_probe VALUES (4, 'y', $1::int)`, ['99999999999999'], '22003', '99999999999999'],
    ['a not-null violation (its detail is the failing row)', `INSERT INTO log_probe VALUES (NULL, $1, 5)`, ['王秀英-6222'], '23502', '王秀英-6222'],
  ])('%s: keeps the code and where, drops the value', async (_what, sql, params, code, secret) => {
    const error = await failure(sql, params);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toContain(secret);
    const line = logged(error);
    expect(JSON.parse(line).err).toMatchObject({ type: 'QueryFailedError', code });
    for (const leak of [secret, 'parameters', 'driverError', 'detail', 'INSERT INTO']) expect(line).not.toContain(leak);
  });

  it('keeps the names of the constraint and table', async () => {
    const error = await failure(`INSERT INTO log_probe VALUES (6, $1, 6)`, ['6222020200112233445']);
    expect(safeError(error)).toMatchObject({ code: '23505', constraint: 'log_probe_account_key', table: 'log_probe' });
  });

  it('cuts quoted values from messages and stacks logged as text', () => {
    expect(withoutValues('invalid input syntax for type bigint: "12345678901234567890123"')).toBe('invalid input syntax for type bigint: [value]');
    expect(withoutValues('Key (account)=(6222020200112233445) already exists.')).toBe('Key (account)=([value]) already exists.');
    expect(withoutValues('QueryFailedError: invalid input value for enum role: "BOSS"\n    at x (y.js:1:2)')).toBe('QueryFailedError: invalid input value for enum role: [value]\n    at x (y.js:1:2)');
    expect(withoutValues('relation "counties" does not exist')).toBe('relation "counties" does not exist');
  });
});
