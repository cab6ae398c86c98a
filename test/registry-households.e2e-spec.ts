import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainEvents } from '@app/platform';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';

async function snapshot(api: TestApi): Promise<unknown> {
  const { rows } = await api.db.pool.query(
    `SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM poverty_status_history)::int AS history,
            (SELECT md5(string_agg(concat_ws('|', id, village_id, registry_number, head_name, members, payout_account, poverty_status, poverty_category), ',' ORDER BY id)) FROM households) AS digest`,
  );
  return rows[0];
}

async function history(api: TestApi, householdId: string): Promise<Array<{ status: string; category: string | null; effective_at: string }>> {
  const { rows } = await api.db.pool.query(
    `SELECT status, category, to_char(effective_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS effective_at FROM poverty_status_history WHERE household_id = $1 ORDER BY effective_at, id`,
    [householdId],
  );
  return rows;
}

async function cached(api: TestApi, householdId: string): Promise<{ poverty_status: string; poverty_category: string | null }> {
  const { rows } = await api.db.pool.query('SELECT poverty_status, poverty_category FROM households WHERE id = $1', [householdId]);
  return rows[0];
}

describe('registering households and their poverty status over HTTP', () => {
  let api: TestApi;
  let world: World;
  /** household.status-changed as the listeners (orders, catalog) receive it, inside the transaction. */
  const events: Array<{ householdId: string; effectiveAt: Date }> = [];
  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
    api.app.get(DomainEvents).on('household.status-changed', async (_tx, payload) => {
      events.push(...payload.changes);
    });
  });
  afterAll(async () => {
    await api?.close();
  });
  const token = (who: keyof World['users'] | null) => (who ? world.users[who].token : undefined);

  describe('registerHousehold', () => {
    const m = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) {
      id members povertyStatus povertyCategory registryNumber headName payoutAccountMasked village { id } } }`;
    let n = 0;
    const input = (villageId: string, extra: Record<string, unknown> = {}) => ({
      villageId,
      headName: '赵桂兰',
      members: 3,
      registryNumber: `SX-9${String(++n).padStart(3, '0')}`,
      payoutAccount: '6217 0000 1111 2222',
      ...extra,
    });

    it.each([
      ['admin', 'other'],
      ['official', 'plain'],
      ['operator', 'plain'],
      ['secondOperator', 'poor'],
    ] as const)('lets %s register a household in the %s village: NOT_REGISTERED, with no history entry of its own', async (who, village) => {
      events.length = 0;
      const r = await api.gql(m, { input: input(world.villages[village]) }, token(who));
      expect(r.errors).toBeUndefined();
      const h = r.data!.registerHousehold;
      expect(h).toEqual({
        id: expect.any(String),
        members: 3,
        povertyStatus: 'NOT_REGISTERED',
        povertyCategory: null,
        registryNumber: expect.stringMatching(/^SX-9\d{3}$/),
        headName: '赵桂兰',
        payoutAccountMasked: '****2222',
        village: { id: world.villages[village] },
      });
      const { rows } = await api.db.pool.query('SELECT payout_account, county_id::text FROM households WHERE id = $1', [h.id]);
      expect(rows[0]).toEqual({ payout_account: '6217000011112222', county_id: village === 'other' ? world.otherCounty.id : world.county.id });
      // Registering asserts no status: NOT_REGISTERED is what an empty history says.
      expect(events).toEqual([]);
      expect(await history(api, h.id)).toEqual([]);
    });

    it('lets a status recorded later with an earlier effective date hold from that date (issue 14, item 10)', async () => {
      const r = await api.gql(m, { input: input(world.villages.poor) }, token('official'));
      const id = r.data!.registerHousehold.id;
      const set = await api.gql(
        `mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { povertyStatus povertyCategory } }`,
        { input: { householdId: id, status: 'REGISTERED_POOR', category: 'GENERAL', effectiveAt: `${new Date().getUTCFullYear()}-01-01T00:00:00+08:00` } },
        token('official'),
      );
      expect(set.errors).toBeUndefined();
      expect(set.data!.setPovertyStatus).toEqual({ povertyStatus: 'REGISTERED_POOR', povertyCategory: 'GENERAL' });
      expect(await cached(api, id)).toEqual({ poverty_status: 'REGISTERED_POOR', poverty_category: 'GENERAL' });
      expect((await history(api, id)).map((e) => e.status)).toEqual(['REGISTERED_POOR']);
    });

    it('registers without a registry number (it is optional)', async () => {
      const r = await api.gql(m, { input: input(world.villages.poor, { registryNumber: null }) }, token('admin'));
      expect(r.errors).toBeUndefined();
      expect(r.data!.registerHousehold.registryNumber).toBeNull();
    });

    it.each([
      ['otherOfficial', 'poor', 'FORBIDDEN'],
      ['secondOperator', 'plain', 'FORBIDDEN'],
      ['otherOperator', 'poor', 'FORBIDDEN'],
      ['buyer', 'poor', 'FORBIDDEN'],
      [null, 'poor', 'UNAUTHENTICATED'],
    ] as const)('refuses %s in the %s village (%s) and changes nothing', async (who, village, code) => {
      events.length = 0;
      const before = await snapshot(api);
      const r = await api.gql(m, { input: input(world.villages[village]) }, token(who));
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(r.data).toBeNull();
      expect(await snapshot(api)).toEqual(before);
      expect(events).toEqual([]);
    });

    it.each([
      [{ villageId: '999999' }, 'NOT_FOUND', 'input.villageId'],
      [{ villageId: 'v1' }, 'BAD_USER_INPUT', 'input.villageId'],
      [{ members: 0 }, 'BAD_USER_INPUT', 'input.members'],
      [{ members: -3 }, 'BAD_USER_INPUT', 'input.members'],
      [{ members: 2.5 }, 'BAD_USER_INPUT', 'input.members'],
      [{ headName: '   ' }, 'BAD_USER_INPUT', 'input.headName'],
      [{ payoutAccount: '12' }, 'BAD_USER_INPUT', 'input.payoutAccount'],
      [{ registryNumber: 'SX-0001' }, 'CONFLICT', 'input.registryNumber'],
      [{ registryNumber: 'SX 0001!' }, 'BAD_USER_INPUT', 'input.registryNumber'],
    ])('refuses %j with %s at %s and changes nothing', async (extra, code, field) => {
      const before = await snapshot(api);
      const r = await api.gql(m, { input: input(world.villages.poor, extra) }, token('admin'));
      expect(r.errors?.[0].extensions).toEqual({ code, field });
      expect(await snapshot(api)).toEqual(before);
    });
  });

  describe('setPovertyStatus', () => {
    const m = `mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { id povertyStatus povertyCategory } }`;

    it('records a change effective now: the cached status follows and the history grows by one', async () => {
      const id = world.households.poorB;
      const r = await api.gql(m, { input: { householdId: id, status: 'EXITED' } }, token('official'));
      expect(r.errors).toBeUndefined();
      expect(r.data!.setPovertyStatus).toEqual({ id, povertyStatus: 'EXITED', povertyCategory: null });
      expect(await cached(api, id)).toEqual({ poverty_status: 'EXITED', poverty_category: null });
      const entries = await history(api, id);
      expect(entries.map((e) => [e.status, e.category])).toEqual([
        ['REGISTERED_POOR', 'MINIMUM_SUBSISTENCE'],
        ['EXITED', null],
      ]);
      const { rows } = await api.db.pool.query('SELECT recorded_by_id::text FROM poverty_status_history WHERE household_id = $1 ORDER BY id DESC LIMIT 1', [id]);
      expect(rows[0].recorded_by_id).toBe(world.users.official.id);
    });

    it('takes a back-dated correction: the status in force now follows the latest entry by effective date', async () => {
      const id = world.households.notRegistered;
      const r = await api.gql(m, { input: { householdId: id, status: 'REGISTERED_POOR', category: 'FIVE_GUARANTEE', effectiveAt: '2019-07-01T00:00:00Z' } }, token('admin'));
      expect(r.errors).toBeUndefined();
      expect(r.data!.setPovertyStatus).toEqual({ id, povertyStatus: 'REGISTERED_POOR', povertyCategory: 'FIVE_GUARANTEE' });
      expect(events.pop()).toEqual({ householdId: id, effectiveAt: new Date('2019-07-01T00:00:00Z') });
      expect(await history(api, id)).toEqual([
        { status: 'NOT_REGISTERED', category: null, effective_at: '2015-12-31T16:00:00' },
        { status: 'REGISTERED_POOR', category: 'FIVE_GUARANTEE', effective_at: '2019-07-01T00:00:00' },
      ]);
    });

    it('keeps the status in force now when the correction lies before a later entry', async () => {
      const id = world.households.exited; // EXITED since 2016-01-01
      const r = await api.gql(m, { input: { householdId: id, status: 'REGISTERED_POOR', category: 'GENERAL', effectiveAt: '2014-03-01T00:00:00+08:00' } }, token('official'));
      expect(r.errors).toBeUndefined();
      expect(r.data!.setPovertyStatus.povertyStatus).toBe('EXITED');
      expect(await cached(api, id)).toEqual({ poverty_status: 'EXITED', poverty_category: null });
      expect((await history(api, id)).map((e) => e.status)).toEqual(['REGISTERED_POOR', 'EXITED']);
    });

    it('writes no entry when the status in force at that instant is already the one given', async () => {
      const id = world.households.poorA;
      events.length = 0;
      const before = await snapshot(api);
      const r = await api.gql(m, { input: { householdId: id, status: 'REGISTERED_POOR', category: 'GENERAL' } }, token('official'));
      expect(r.data!.setPovertyStatus).toEqual({ id, povertyStatus: 'REGISTERED_POOR', povertyCategory: 'GENERAL' });
      expect(await snapshot(api)).toEqual(before);
      expect(events).toEqual([]);
    });

    it.each([
      ['otherOfficial', 'FORBIDDEN'],
      ['operator', 'FORBIDDEN'],
      ['buyer', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const)('refuses %s (%s) and changes nothing', async (who, code) => {
      const before = await snapshot(api);
      const r = await api.gql(m, { input: { householdId: world.households.poorA, status: 'EXITED' } }, token(who));
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(await snapshot(api)).toEqual(before);
    });

    it('lets the official of the other county change a household of theirs, and nobody else\'s', async () => {
      const r = await api.gql(m, { input: { householdId: world.households.other, status: 'EXITED' } }, token('otherOfficial'));
      expect(r.data!.setPovertyStatus.povertyStatus).toBe('EXITED');
      const refused = await api.gql(m, { input: { householdId: world.households.other, status: 'NOT_REGISTERED' } }, token('official'));
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it.each([
      [{ effectiveAt: new Date(Date.now() + 3_600_000).toISOString() }, 'BAD_USER_INPUT', 'input.effectiveAt'],
      [{ effectiveAt: 'yesterday' }, 'BAD_USER_INPUT', 'input.effectiveAt'],
      [{ status: 'REGISTERED_POOR' }, 'BAD_USER_INPUT', 'input.category'],
      [{ status: 'EXITED', category: 'GENERAL' }, 'BAD_USER_INPUT', 'input.category'],
      [{ status: 'RICH' }, 'BAD_USER_INPUT', 'input.status'],
      [{ householdId: '999999' }, 'NOT_FOUND', 'input.householdId'],
      [{ householdId: 'h-1' }, 'BAD_USER_INPUT', 'input.householdId'],
    ])('refuses %j with %s at %s and changes nothing', async (extra, code, field) => {
      const before = await snapshot(api);
      const r = await api.gql(m, { input: { householdId: world.households.plain, status: 'EXITED', ...extra } }, token('admin'));
      expect(r.errors?.[0].extensions).toEqual({ code, field });
      expect(await snapshot(api)).toEqual(before);
    });
  });
});
