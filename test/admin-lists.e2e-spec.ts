import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { writeDeliveredOrder } from './payouts-fixtures';
import { ok } from './village-orders-fixtures';

// The lists the admin console reads: every user (paged, by role) and the recent settlement runs.
const USERS = `query ($role: Role, $first: Int, $after: String) { users(role: $role, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id email role disabledAt station { id } county { id } } } } }`;
const RUNS = `query ($first: Int, $after: String) { settlementRuns(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id ranAt payoutsCreated amountFen } } } }`;

describe('admin lists: users and settlement runs', () => {
  let api: TestApi;
  let world: World;

  beforeAll(async () => {
    api = await startTestApi({ logLevel: 'error' });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('pages through every user, oldest first, and filters by role', async () => {
    const { rows } = await api.db.pool.query(`SELECT id::text, email, role::text FROM users ORDER BY users.id`);
    expect(rows.length).toBeGreaterThan(5);
    const seen: Array<{ id: string; email: string; role: string }> = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = (await ok(api, USERS, { first: 3, after }, world.users.admin.token)).users;
      expect(page.totalCount).toBe(rows.length);
      seen.push(...page.edges.map((e: any) => ({ id: e.node.id, email: e.node.email, role: e.node.role })));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(seen).toEqual(rows);
    expect(pages).toBe(Math.ceil(rows.length / 3));

    const operators = (await ok(api, USERS, { role: 'STATION_OPERATOR', first: 100 }, world.users.admin.token)).users;
    const expected = rows.filter((r) => r.role === 'STATION_OPERATOR').map((r) => r.id);
    expect(operators.edges.map((e: any) => e.node.id)).toEqual(expected);
    expect(operators.totalCount).toBe(expected.length);
    const main = operators.edges.find((e: any) => e.node.id === world.users.operator.id).node;
    expect(main).toMatchObject({ station: { id: world.stations.main }, disabledAt: null });

    // A disabled user shows as such.
    await ok(api, `mutation ($id: ID!) { disableUser(id: $id) { id } }`, { id: world.users.otherBuyer.id }, world.users.admin.token);
    const buyers = (await ok(api, USERS, { role: 'BUYER', first: 100 }, world.users.admin.token)).users;
    expect(buyers.edges.find((e: any) => e.node.id === world.users.otherBuyer.id).node.disabledAt).not.toBeNull();
  });

  it('refuses users to anyone but admins, and bad arguments with the field', async () => {
    for (const who of ['official', 'operator', 'buyer'] as const) {
      const r = await api.gql(USERS, { first: 5 }, world.users[who].token);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.gql(USERS, { first: 5 })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const big = await api.gql(USERS, { first: 101 }, world.users.admin.token);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const cursor = await api.gql(USERS, { after: 'nonsense' }, world.users.admin.token);
    expect(cursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('records every settlement run and lists them newest first', async () => {
    expect((await ok(api, RUNS, {}, world.users.admin.token)).settlementRuns).toMatchObject({ totalCount: 0, edges: [] });
    await writeDeliveredOrder(api.db.pool, world, [
      { householdId: world.households.poorA, stationId: world.stations.main, quantity: 3, unitPriceFen: 1_000 },
      { householdId: world.households.poorB, stationId: world.stations.main, quantity: 1, unitPriceFen: 1_000 },
    ]);
    const first = (await ok(api, `mutation { runSettlement { id ranAt payoutsCreated amountFen } }`, {}, world.users.admin.token)).runSettlement;
    const { rows: [sum] } = await api.db.pool.query(`SELECT count(*)::int AS n, sum(amount_fen)::int AS fen FROM payouts`);
    expect(first).toMatchObject({ payoutsCreated: sum.n, amountFen: sum.fen });
    expect(first.payoutsCreated).toBe(3); // two households and the station's commission
    const second = (await ok(api, `mutation { runSettlement { id ranAt payoutsCreated amountFen } }`, {}, world.users.admin.token)).runSettlement;
    expect(second).toMatchObject({ payoutsCreated: 0, amountFen: 0 });

    const runs = (await ok(api, RUNS, { first: 1 }, world.users.admin.token)).settlementRuns;
    expect(runs.totalCount).toBe(2);
    expect(runs.edges.map((e: any) => e.node)).toEqual([second]);
    const rest = (await ok(api, RUNS, { first: 1, after: runs.pageInfo.endCursor }, world.users.admin.token)).settlementRuns;
    expect(rest.edges.map((e: any) => e.node)).toEqual([first]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect((await api.gql(RUNS, {}, world.users.official.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
