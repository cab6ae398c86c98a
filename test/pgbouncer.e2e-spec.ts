import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { createTestDatabase, createWorld, PgBouncer, startPgBouncer, startTestApi, TestApi, TestDatabase, World, WorldUser } from '@app/testing';
import { loadConfig } from '@app/platform';
import { createListing, createUser, placeOrder } from './orders-fixtures';

/*
 * Behind a real PgBouncer (Debian's 1.18) in transaction pooling, as an operator would deploy it:
 * without DATABASE_POOLER the start fails, saying what to set (PgBouncer refuses the session limits as
 * startup parameters); with DATABASE_POOLER=transaction the server starts, its session limits are the
 * role's defaults in the database, and 320 concurrent orders over 4 server connections all succeed
 * (named prepared statements would be missing on the connections that did not prepare them).
 */
describe('behind PgBouncer in transaction pooling', () => {
  let bouncer: PgBouncer;
  let db: TestDatabase;
  let api: TestApi;
  let world: World;
  let buyers: WorldUser[];

  beforeAll(async () => {
    bouncer = await startPgBouncer('transaction', 4);
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await api?.close();
    await bouncer?.stop();
    await db?.drop();
  });

  it('refuses to start without DATABASE_POOLER, naming the setting', async () => {
    await expect(startTestApi({ databaseUrl: bouncer.url(db.name) }, db)).rejects.toThrow(/unsupported startup parameter.*DATABASE_POOLER=transaction/);
  });

  it('refuses DATABASE_POOLER=transaction without Redis: the PostgreSQL queue backend needs a session', () => {
    expect(() => loadConfig({ DATABASE_URL: bouncer.url(db.name), DATABASE_POOLER: 'transaction' })).toThrow(/REDIS_URL/);
  });

  it('starts with DATABASE_POOLER=transaction and the role carries the session limits', async () => {
    api = await startTestApi({ databaseUrl: bouncer.url(db.name), databasePooler: 'transaction', databasePoolSize: 20 }, db);
    world = await createWorld(db.pool, api.config);
    // A new session of the role in the database starts with them (the pooler's server connections
    // opened before the first start keep theirs until recycled: see README).
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const timeout = (await client.query('SHOW statement_timeout')).rows[0].statement_timeout;
      const idle = (await client.query('SHOW idle_in_transaction_session_timeout')).rows[0].idle_in_transaction_session_timeout;
      expect([timeout, idle]).toEqual(['30s', '1min']);
    } finally {
      await client.end();
    }
  });

  it('takes 320 concurrent orders through 4 server connections without one failing', async () => {
    buyers = [];
    for (let i = 0; i < 32; i++) buyers.push(await createUser(db.pool, api.config));
    const listing = await createListing(db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 1000,
      lots: [{ householdId: world.households.poorA, quantity: 1000 }],
    });
    // Every station may take them all today.
    await db.pool.query(`UPDATE stations SET daily_capacity = 100000`);
    const results = await Promise.all(
      Array.from({ length: 320 }, (_, n) => placeOrder(api, buyers[n % buyers.length].token, [{ listingId: listing.id, quantity: 1 }])),
    );
    const failures = results.filter((r) => r.errors).map((r) => r.errors![0]);
    expect(failures).toEqual([]);
    const { rows: [row] } = await db.pool.query(`SELECT count(*)::int AS n FROM orders`);
    expect(row.n).toBe(320);
  });
});
