import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Pool } from 'pg';
import IORedis from 'ioredis';
import { expect } from '@jest/globals';
import { TestApi, World } from '@app/testing';

// Shared by the hostile, fault and property tests: real processes (a redis-server of the test's own),
// a fingerprint of every table to prove a refused call changed nothing, and the fulfilment walk.

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it holds (or fails after `timeoutMs`); never asserts a timing. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A redis-server of the test's own on `port`, without persistence: killed, it comes back empty. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitUntil(() => redisAnswers(port), `redis-server on port ${port}`, 10_000);
  return child;
}

/** Stops a process and waits for it to be gone. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export async function redisAnswers(port: number): Promise<boolean> {
  const redis = new IORedis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * An md5 of every row of every table (the migrations' own aside): equal fingerprints mean nothing was
 * inserted, updated or deleted anywhere.
 */
export async function fingerprint(pool: Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> ALL($1) ORDER BY tablename`,
    [UNFINGERPRINTED],
  );
  const { rows } = await pool.query<{ name: string; digest: string }>(
    tables.map((t) => `SELECT '${t.name}' AS name, md5(COALESCE(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM ${t.name} x`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/**
 * Left out of the fingerprints: the migrations, and what background jobs move on their own after an
 * earlier request committed (the payment outbox and the sandbox gateway's own record of captures), which
 * changes while a later, refused request runs. A refused placement would show in orders and the lots.
 */
const UNFINGERPRINTED = ['migrations', 'payment_jobs', 'sandbox_payments'];

/** The tables whose fingerprints differ. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

export const FULFILLMENT_STEPS = {
  accept: `mutation ($id: ID!) { acceptFulfillment(id: $id) { id status } }`,
  collect: `mutation ($id: ID!) { markCollected(id: $id) { id status } }`,
  ship: `mutation ($id: ID!) { markShipped(input: { fulfillmentId: $id, carrier: "顺丰", trackingNumber: "SF1234567890" }) { id status } }`,
  deliver: `mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { id status } }`,
};

/** Takes a ROUTED fulfilment of the main station to DELIVERED through the API, as its operator and the buyer would. */
export async function deliverThroughApi(api: TestApi, world: World, fulfillmentId: string, buyerToken = world.users.buyer.token): Promise<void> {
  const operator = world.users.operator.token;
  for (const [step, token] of [
    ['accept', operator],
    ['collect', operator],
    ['ship', operator],
    ['deliver', buyerToken],
  ] as const) {
    const r = await api.gql(FULFILLMENT_STEPS[step], { id: fulfillmentId }, token);
    expect(r.errors).toBeUndefined();
  }
}

/**
 * Every payout PAID with exactly one sandbox transfer of its amount and one PAYOUT_PAID ledger entry;
 * bank:disbursements credited their total. Returns the number of payouts.
 */
export async function expectEveryPayoutPaidOnce(pool: Pool): Promise<number> {
  const { rows } = await pool.query(
    `SELECT p.id::text, p.status, p.amount_fen::bigint::text AS amount, count(t.id)::int AS transfers, COALESCE(sum(t.amount_fen), 0)::bigint::text AS transferred,
            (SELECT count(*)::int FROM journal_entries e WHERE e.kind = 'PAYOUT_PAID' AND e.reference = p.id::text) AS entries
       FROM payouts p LEFT JOIN sandbox_transfers t ON t.idempotency_key = 'payout:' || p.id
      GROUP BY p.id ORDER BY p.id`,
  );
  for (const row of rows) expect({ id: row.id, status: row.status, transfers: row.transfers, transferred: row.transferred, entries: row.entries }).toEqual({ id: row.id, status: 'PAID', transfers: 1, transferred: row.amount, entries: 1 });
  expect((await pool.query('SELECT count(*)::int AS n FROM sandbox_transfers')).rows[0].n).toBe(rows.length);
  const { rows: [bank] } = await pool.query(`SELECT COALESCE(sum(credit_fen), 0)::bigint::text AS credits FROM journal_lines WHERE account = 'bank:disbursements'`);
  expect(bank.credits).toBe(String(rows.reduce((sum, r) => sum + BigInt(r.amount), 0n)));
  return rows.length;
}

/** Debits equal credits in every journal entry and overall. */
export async function expectBalancedBooks(pool: Pool): Promise<void> {
  const { rows } = await pool.query(
    `SELECT entry_id, sum(debit_fen)::text AS d, sum(credit_fen)::text AS c FROM journal_lines GROUP BY entry_id HAVING sum(debit_fen) <> sum(credit_fen)`,
  );
  expect(rows).toEqual([]);
}
