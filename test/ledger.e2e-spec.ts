import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { inTransaction } from '@app/platform';
import { Accounts, LedgerService } from '@app/ledger';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';

/*
 * The double-entry ledger: what LedgerService.post books, what the database itself refuses (an entry
 * that does not balance or has fewer than two lines, checked at commit; any UPDATE or DELETE), and the
 * admins' trial balance.
 */
const TRIAL_BALANCE = `{ trialBalance { totalDebitsFen totalCreditsFen balanced accounts { code debitsFen creditsFen } } }`;

describe('the ledger', () => {
  let api: TestApi;
  let world: World;
  let ledger: LedgerService;
  let dataSource: DataSource;

  const count = async (table: 'journal_entries' | 'journal_lines') => (await api.db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

  /** Runs statements in one transaction on a raw connection; resolves to the error COMMIT (or a statement) raised. */
  const attempt = async (statements: Array<[string, unknown[]?]>): Promise<{ code?: string; constraint?: string; message: string } | null> => {
    const client = await api.db.pool.connect();
    try {
      await client.query('BEGIN');
      for (const [sql, params] of statements) await client.query(sql, params);
      await client.query('COMMIT');
      return null;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      return error as { code?: string; constraint?: string; message: string };
    } finally {
      client.release();
    }
  };

  beforeAll(async () => {
    api = await startTestApi({ worker: 'off' });
    world = await createWorld(api.db.pool, api.config);
    ledger = api.app.get(LedgerService);
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('posts a balanced entry, merging lines of one account and side and skipping zero lines', async () => {
    const id = await inTransaction(dataSource, (tx) =>
      ledger.post(tx, {
        kind: 'FULFILLMENT_DELIVERED',
        reference: 'f-1',
        lines: [
          { account: Accounts.escrow, debitFen: 600 },
          { account: Accounts.escrow, debitFen: 400 },
          { account: Accounts.householdPayable('7'), creditFen: 920 },
          { account: Accounts.stationPayable('3'), creditFen: 50 },
          { account: Accounts.stationPayable('4'), creditFen: 0 },
          { account: Accounts.platformRevenue, creditFen: 30 },
        ],
      }),
    );
    const { rows } = await api.db.pool.query(`SELECT account, debit_fen::int AS d, credit_fen::int AS c FROM journal_lines WHERE entry_id = $1 ORDER BY account`, [id]);
    expect(rows).toEqual([
      { account: 'escrow', d: 1000, c: 0 },
      { account: 'payable:household:7', d: 0, c: 920 },
      { account: 'payable:station:3', d: 0, c: 50 },
      { account: 'revenue:platform', d: 0, c: 30 },
    ]);
  });

  it('refuses in code an unbalanced entry and a repeat of (kind, reference), writing nothing', async () => {
    const entries = await count('journal_entries');
    const lines = await count('journal_lines');
    await expect(
      inTransaction(dataSource, (tx) => ledger.post(tx, { kind: 'ORDER_PLACED', reference: 'o-1', lines: [{ account: Accounts.gatewayClearing, debitFen: 100 }, { account: Accounts.escrow, creditFen: 99 }] })),
    ).rejects.toThrow(/unbalanced ORDER_PLACED entry for o-1: debits 100, credits 99/);
    await expect(
      inTransaction(dataSource, (tx) => ledger.post(tx, { kind: 'FULFILLMENT_DELIVERED', reference: 'f-1', lines: [{ account: Accounts.escrow, debitFen: 1 }, { account: Accounts.platformRevenue, creditFen: 1 }] })),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(await count('journal_entries')).toBe(entries);
    expect(await count('journal_lines')).toBe(lines);
  });

  it('refuses at commit, in the database, an entry that does not balance or has fewer than two lines, and lines of no entry', async () => {
    const entries = await count('journal_entries');
    const lines = await count('journal_lines');
    const entry = (reference: string) => `INSERT INTO journal_entries (kind, reference) VALUES ('ORDER_PLACED', '${reference}')`;
    const line = (account: string, debit: number, credit: number) =>
      `INSERT INTO journal_lines (entry_id, account, debit_fen, credit_fen) VALUES (currval(pg_get_serial_sequence('journal_entries', 'id')), '${account}', ${debit}, ${credit})`;

    const unbalanced = await attempt([[entry('db-1')], [line('gateway:clearing', 100, 0)], [line('escrow', 0, 90)]]);
    expect(unbalanced).toMatchObject({ code: '23514', constraint: 'ledger_entry_balanced' });
    expect(unbalanced!.message).toMatch(/does not balance: debits 100, credits 90/);

    const oneLine = await attempt([[entry('db-2')], [line('gateway:clearing', 5, 0)]]);
    expect(oneLine).toMatchObject({ code: '23514', constraint: 'ledger_entry_balanced' });
    expect(oneLine!.message).toMatch(/has 1 line\(s\)/);

    const noLines = await attempt([[entry('db-3')]]);
    expect(noLines).toMatchObject({ code: '23514', constraint: 'ledger_entry_balanced' });
    expect(noLines!.message).toMatch(/has 0 line\(s\)/);

    // Lines of no entry at all, however well they balance.
    const orphans = await attempt([
      [`INSERT INTO journal_lines (entry_id, account, debit_fen, credit_fen) VALUES (987654, 'escrow', 7, 0), (987654, 'gateway:clearing', 0, 7)`],
    ]);
    expect(orphans).toMatchObject({ code: '23503', constraint: 'ledger_line_entry' });
    expect(orphans!.message).toMatch(/refers to journal entry 987654, which does not exist/);

    expect(await count('journal_entries')).toBe(entries);
    expect(await count('journal_lines')).toBe(lines);

    // Balanced, it goes in; a line added to it later (another transaction) is refused.
    expect(await attempt([[entry('db-4')], [line('gateway:clearing', 100, 0)], [line('escrow', 0, 100)]])).toBeNull();
    const { rows: [{ id }] } = await api.db.pool.query(`SELECT id FROM journal_entries WHERE reference = 'db-4'`);
    const appended = await attempt([[`INSERT INTO journal_lines (entry_id, account, debit_fen, credit_fen) VALUES ($1, 'escrow', 0, 1)`, [id]]]);
    expect(appended).toMatchObject({ code: '23514', constraint: 'ledger_entry_balanced' });
    expect(await count('journal_lines')).toBe(lines + 2);
  });

  it('is append-only: UPDATE and DELETE are refused', async () => {
    const { rows: [{ id }] } = await api.db.pool.query(`SELECT id FROM journal_entries WHERE reference = 'db-4'`);
    for (const sql of [
      `UPDATE journal_lines SET credit_fen = credit_fen + 1 WHERE entry_id = $1 AND credit_fen > 0`,
      `UPDATE journal_entries SET reference = 'changed' WHERE id = $1`,
      `DELETE FROM journal_lines WHERE entry_id = $1`,
      `DELETE FROM journal_entries WHERE id = $1`,
    ]) {
      const error = await attempt([[sql, [id]]]);
      expect(error).toMatchObject({ code: '55000' });
      expect(error!.message).toMatch(/the ledger is append-only/);
    }
    const { rows } = await api.db.pool.query(`SELECT account, debit_fen::int AS d, credit_fen::int AS c FROM journal_lines WHERE entry_id = $1 ORDER BY account`, [id]);
    expect(rows).toEqual([
      { account: 'escrow', d: 0, c: 100 },
      { account: 'gateway:clearing', d: 100, c: 0 },
    ]);
  });

  it('gives admins the trial balance: per-account debits and credits, totals, balanced', async () => {
    const r = await api.gql(TRIAL_BALANCE, {}, world.users.admin.token);
    expect(r.errors).toBeUndefined();
    expect(r.data!.trialBalance).toEqual({
      totalDebitsFen: 1100,
      totalCreditsFen: 1100,
      balanced: true,
      accounts: [
        { code: 'escrow', debitsFen: 1000, creditsFen: 100 },
        { code: 'gateway:clearing', debitsFen: 100, creditsFen: 0 },
        { code: 'payable:household:7', debitsFen: 0, creditsFen: 920 },
        { code: 'payable:station:3', debitsFen: 0, creditsFen: 50 },
        { code: 'revenue:platform', debitsFen: 0, creditsFen: 30 },
      ],
    });
    for (const user of [world.users.official, world.users.operator, world.users.buyer]) {
      expect((await api.gql(TRIAL_BALANCE, {}, user.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.gql(TRIAL_BALANCE)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
