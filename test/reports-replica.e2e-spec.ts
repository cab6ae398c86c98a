import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Pool } from 'pg';
import { ReportReads } from '@app/platform';
import { createWorld, PrimaryWithReplica, startPrimaryWithReplica, startTestApi, TestApi, TestDatabase, World } from '@app/testing';
import { ImpactDriver } from './impact-fixtures';

/*
 * The reports read a real streaming replica (pg_basebackup of a primary of this test's own) when
 * DATABASE_REPLICA_URL is set. The replica's replay is paused to make it visibly behind: a caller who
 * changed nothing reads the replica's (older) figures, a caller who just wrote reads the primary's, a
 * replica further behind than the bound is passed over, and a replica that is down is never an error.
 */
describe('reports on a read replica', () => {
  let pair: PrimaryWithReplica;
  let db: TestDatabase;
  let api: TestApi;
  let world: World;
  let driver: ImpactDriver;
  let reads: ReportReads;

  const ordersSeenBy = async (token: string): Promise<number> => {
    const r = await api.gql('{ impactSummary { ordersCount } }', {}, token);
    expect(r.errors).toBeUndefined();
    return r.data!.impactSummary.ordersCount as number;
  };
  const sell = async () => {
    const listing = await driver.listing(world.stations.main, world.households.poorA, 1000);
    const order = await driver.order([{ listingId: listing, quantity: 1 }]);
    await driver.deliver(order.fulfillments[0]);
  };

  beforeAll(async () => {
    pair = await startPrimaryWithReplica();
    const name = 'marketplace';
    const admin = new Pool({ connectionString: pair.primaryUrl('postgres'), max: 1 });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const pool = new Pool({ connectionString: pair.primaryUrl(name), max: 4 });
    db = { name, url: pair.primaryUrl(name), pool, drop: async () => void (await pool.end()) };
    api = await startTestApi({ databaseReplicaUrl: pair.replicaUrl(name) }, db);
    world = await createWorld(db.pool, api.config);
    driver = new ImpactDriver(api, world);
    reads = api.app.get(ReportReads);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await pair?.stop();
  }, 60_000);

  it('reads the replica, the primary for a caller who just wrote, and the primary when the replica lags', async () => {
    const official = world.users.official.token;
    await sell();
    await pair.waitCaughtUp();
    expect(await ordersSeenBy(official)).toBe(1);
    expect(reads.lastTarget).toBe('replica');

    // The replica stops replaying; a second sale reaches only the primary.
    await pair.pauseReplay();
    await sell();
    expect(await ordersSeenBy(official)).toBe(1);
    expect(reads.lastTarget).toBe('replica');

    // The official writes (a station's capacity): their reports come from the primary at once.
    const write = await api.gql(`mutation ($id: ID!) { updateStation(id: $id, input: { dailyCapacity: 77 }) { id } }`, { id: world.stations.main }, official);
    expect(write.errors).toBeUndefined();
    expect(await ordersSeenBy(official)).toBe(2);
    expect(reads.lastTarget).toBe('primary');

    // Past the read-your-writes window, a replica that is still behind by more than the bound is passed over.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await ordersSeenBy(official)).toBe(2);
    expect(reads.lastTarget).toBe('primary');

    // Caught up again, the replica serves.
    await pair.resumeReplay();
    await pair.waitCaughtUp();
    await new Promise((r) => setTimeout(r, 1_100)); // the next lag check
    expect(await ordersSeenBy(official)).toBe(2);
    expect(reads.lastTarget).toBe('replica');
  }, 120_000);

  it('reads the primary, with no error, when the replica is down', async () => {
    await pair.stopReplica();
    const official = world.users.official.token;
    expect(await ordersSeenBy(official)).toBe(2);
    expect(reads.lastTarget).toBe('primary');
    const villages = await api.gql('{ impactByVillage(first: 5) { totalCount edges { node { ordersCount } } } }', {}, official);
    expect(villages.errors).toBeUndefined();
    expect(reads.lastTarget).toBe('primary');
  }, 60_000);
});
