import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { ImpactDriver } from './impact-fixtures';

// Registry depth: a household's status history readable by whoever sees its personal data, a
// village's exits and re-entries readable by anyone, and the impact's poverty-stricken village counts
// following a back-dated exit at once.
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => at(local).toISOString();

describe('registry: readable histories and village exits', () => {
  let api: TestApi;
  let world: World;
  let d: ImpactDriver;
  const token = (who: keyof World['users'] | null) => (who ? world.users[who].token : undefined);

  beforeAll(async () => {
    api = await startTestApi({ logLevel: 'error' });
    world = await createWorld(api.db.pool, api.config);
    d = new ImpactDriver(api, world);
  });
  afterAll(async () => {
    await api?.close();
  });

  describe("a household's status history", () => {
    const Q = `query ($id: ID!) { household(id: $id) { statusHistory { status category effectiveAt recordedAt recordedBy { id displayName } } } }`;

    beforeAll(async () => {
      const r = await api.gql(
        `mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { id } }`,
        { input: { householdId: world.households.poorA, status: 'EXITED', effectiveAt: iso('2020-12-31T00:00:00') } },
        token('official'),
      );
      expect(r.errors).toBeUndefined();
    });

    it.each(['admin', 'official', 'operator', 'secondOperator'] as const)('is readable by %s, who may see the personal data: who recorded each entry, when, effective when', async (who) => {
      const r = await api.gql(Q, { id: world.households.poorA }, token(who));
      expect(r.errors).toBeUndefined();
      expect(r.data!.household.statusHistory).toEqual([
        { status: 'REGISTERED_POOR', category: 'GENERAL', effectiveAt: iso('2016-01-01T00:00:00'), recordedAt: expect.any(String), recordedBy: null },
        {
          status: 'EXITED',
          category: null,
          effectiveAt: iso('2020-12-31T00:00:00'),
          recordedAt: expect.any(String),
          recordedBy: { id: world.users.official.id, displayName: 'official' },
        },
      ]);
    });

    it.each(['otherOfficial', 'otherOperator', 'buyer', null] as const)('is null for %s', async (who) => {
      const r = await api.gql(Q, { id: world.households.poorA }, token(who));
      // Anonymous callers may be refused the household outright by the personal-data rule; never given its history.
      if (r.errors) expect(r.errors[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
      else expect(r.data!.household?.statusHistory ?? null).toBeNull();
    });

    it('comes with each household of a page (batched per request)', async () => {
      const r = await api.gql(`{ households(first: 10) { edges { node { id statusHistory { status } } } } }`, {}, token('official'));
      expect(r.errors).toBeUndefined();
      const nodes = r.data!.households.edges.map((e: { node: { id: string; statusHistory: unknown[] } }) => e.node);
      expect(nodes.length).toBeGreaterThan(3);
      expect(nodes.every((n: { statusHistory: unknown[] }) => Array.isArray(n.statusHistory))).toBe(true);
    });
  });

  describe('village exits and re-entries', () => {
    const M = `mutation ($input: SetVillagePovertyStatusInput!) { setVillagePovertyStatus(input: $input) { id povertyStricken } }`;
    const H = `query ($id: ID!) { village(id: $id) { povertyStricken povertyHistory { povertyStricken effectiveAt recordedBy { id } } } }`;
    const snapshot = async () =>
      (await api.db.pool.query(`SELECT (SELECT count(*) FROM village_poverty_history)::int AS n, (SELECT string_agg(poverty_stricken::text, ',' ORDER BY id) FROM villages) AS flags`)).rows[0];

    it.each([
      ['otherOfficial', 'FORBIDDEN'],
      ['operator', 'FORBIDDEN'],
      ['buyer', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const)('refuses %s (%s) and changes nothing', async (who, code) => {
      const before = await snapshot();
      const r = await api.gql(M, { input: { villageId: world.villages.plain, povertyStricken: true } }, token(who));
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      [{ effectiveAt: new Date(Date.now() + 3_600_000).toISOString() }, 'BAD_USER_INPUT', 'input.effectiveAt'],
      [{ villageId: '999999' }, 'NOT_FOUND', 'input.villageId'],
      [{ villageId: 'v-1' }, 'BAD_USER_INPUT', 'input.villageId'],
    ])('refuses %j with %s at %s', async (extra, code, field) => {
      const before = await snapshot();
      const r = await api.gql(M, { input: { villageId: world.villages.plain, povertyStricken: true, ...extra } }, token('admin'));
      expect(r.errors?.[0].extensions).toEqual({ code, field });
      expect(await snapshot()).toEqual(before);
    });

    it('writes nothing when the flag in force then is already the one given', async () => {
      const before = await snapshot();
      const r = await api.gql(M, { input: { villageId: world.villages.poor, povertyStricken: true } }, token('official'));
      expect(r.data!.setVillagePovertyStatus.povertyStricken).toBe(true);
      expect(await snapshot()).toEqual(before);
    });

    it('re-attributes sales at once when an exit is recorded back in time, and readers of the history see it', async () => {
      // A household of the poor village sells on 2025-03-10 and 2025-05-10 (delivered).
      const household = await d.household(world.villages.poor, 'NOT_REGISTERED');
      const listing = await d.listing(world.stations.main, household, 1000);
      await d.sell([{ listingId: listing, quantity: 1 }], at('2025-03-10T10:00:00'));
      await d.sell([{ listingId: listing, quantity: 2 }], at('2025-05-10T10:00:00'));
      const march = { countyId: world.county.id, from: iso('2025-03-01T00:00:00'), to: iso('2025-04-01T00:00:00') };
      const may = { countyId: world.county.id, from: iso('2025-05-01T00:00:00'), to: iso('2025-06-01T00:00:00') };
      const year = { countyId: world.county.id, from: iso('2025-01-01T00:00:00'), to: iso('2026-01-01T00:00:00') };
      const stricken = async (filter: object) => (await d.summaryOf(filter)).povertyStrickenVillagesReached;
      expect([await stricken(march), await stricken(may), await stricken(year)]).toEqual([1, 1, 1]);

      // The village exited on 2025-04-01 (recorded today): May's sale was made in a village no longer poverty-stricken.
      const exit = await api.gql(M, { input: { villageId: world.villages.poor, povertyStricken: false, effectiveAt: iso('2025-04-01T00:00:00') } }, token('official'));
      expect(exit.errors).toBeUndefined();
      expect(exit.data!.setVillagePovertyStatus.povertyStricken).toBe(false);
      expect([await stricken(march), await stricken(may), await stricken(year)]).toEqual([1, 0, 1]);
      const { rows } = await api.db.pool.query(
        `SELECT village_poverty_stricken_at_sale AS s FROM allocations WHERE household_id = $1 ORDER BY placed_at`,
        [household],
      );
      expect(rows.map((r) => r.s)).toEqual([true, false]);
      const villages = await d.villagesOf(may);
      expect(villages.map((v) => v.villageId)).toContain(world.villages.poor);

      // Then a correction: the exit really took effect on 2025-02-01, so March's sale is not a stricken village's either.
      const earlier = await api.gql(M, { input: { villageId: world.villages.poor, povertyStricken: false, effectiveAt: iso('2025-02-01T00:00:00') } }, token('admin'));
      expect(earlier.errors).toBeUndefined();
      expect([await stricken(march), await stricken(may), await stricken(year)]).toEqual([0, 0, 0]);
      // And a re-entry on 2025-05-01 brings May back.
      const back = await api.gql(M, { input: { villageId: world.villages.poor, povertyStricken: true, effectiveAt: iso('2025-05-01T00:00:00') } }, token('official'));
      expect(back.data!.setVillagePovertyStatus.povertyStricken).toBe(true);
      expect([await stricken(march), await stricken(may), await stricken(year)]).toEqual([0, 1, 1]);

      for (const who of [null, 'buyer', 'otherOfficial', 'operator'] as const) {
        const h = await api.gql(H, { id: world.villages.poor }, token(who));
        expect(h.errors).toBeUndefined();
        expect(h.data!.village).toEqual({
          povertyStricken: true,
          povertyHistory: [
            { povertyStricken: false, effectiveAt: iso('2025-02-01T00:00:00'), recordedBy: { id: world.users.admin.id } },
            { povertyStricken: false, effectiveAt: iso('2025-04-01T00:00:00'), recordedBy: { id: world.users.official.id } },
            { povertyStricken: true, effectiveAt: iso('2025-05-01T00:00:00'), recordedBy: { id: world.users.official.id } },
          ],
        });
      }
    });

    it("recomputes the flag of the village's listings when it exits now", async () => {
      const household = await d.household(world.villages.plain, 'NOT_REGISTERED');
      const listing = await d.listing(world.stations.main, household, 700);
      const flag = async () => (await api.db.pool.query(`SELECT poverty_alleviation AS f FROM listings WHERE id = $1`, [listing])).rows[0].f;
      await api.db.pool.query(`SELECT catalog_refresh_listings(ARRAY[$1::bigint])`, [listing]);
      expect(await flag()).toBe(false);
      const r = await api.gql(M, { input: { villageId: world.villages.plain, povertyStricken: true } }, token('official'));
      expect(r.data!.setVillagePovertyStatus.povertyStricken).toBe(true);
      expect(await flag()).toBe(true);
      const out = await api.gql(M, { input: { villageId: world.villages.plain, povertyStricken: false } }, token('official'));
      expect(out.data!.setVillagePovertyStatus.povertyStricken).toBe(false);
      expect(await flag()).toBe(false);
    });
  });
});
