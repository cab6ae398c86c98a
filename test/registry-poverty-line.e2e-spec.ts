import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { ImpactDriver, net } from './impact-fixtures';

// Income against the poverty line, hand-computed: the county's line set to 10 yuan (1,000 fen) a
// person a year; households of 3 need 3,000 fen of supplier net in the 365 days before the instant.
const DAY = 86_400_000;

describe('registry: income against the poverty line', () => {
  let api: TestApi;
  let world: World;
  let d: ImpactDriver;
  const token = (who: keyof World['users'] | null) => (who ? world.users[who].token : undefined);
  const M = `mutation ($input: SetCountyPovertyLineInput!) { setCountyPovertyLine(input: $input) { id povertyLineFen } }`;
  const SUMMARY = `query ($f: ImpactFilter) { impactSummary(filter: $f) { registeredPoorHouseholds registeredPoorEarningAboveLine registeredPoorEarningAboveLineShare } }`;
  let above: string;
  let below: string;
  let soldAt: Date;
  let oldSale: Date;

  beforeAll(async () => {
    api = await startTestApi({ logLevel: 'error' });
    world = await createWorld(api.db.pool, api.config);
    d = new ImpactDriver(api, world);
    const r = await api.gql(M, { input: { countyId: world.county.id, povertyLineFen: 1000 } }, token('official'));
    expect(r.errors).toBeUndefined();
    // above: 4 x 1000 -> 3680 net in the window (>= 3 x 1000). below: 2 x 1000 -> 1840 in it, 9200 just before it.
    above = await d.household(world.villages.plain, 'REGISTERED_POOR');
    below = await d.household(world.villages.plain, 'REGISTERED_POOR');
    const rich = await d.household(world.villages.plain, 'NOT_REGISTERED');
    soldAt = new Date(Date.now() - 100 * DAY);
    await d.sell([{ listingId: await d.listing(world.stations.main, above, 1000), quantity: 4 }], soldAt);
    const belowListing = await d.listing(world.stations.main, below, 1000);
    await d.sell([{ listingId: belowListing, quantity: 2 }], new Date(Date.now() - 10 * DAY));
    oldSale = new Date(Date.now() - 366 * DAY);
    await d.sell([{ listingId: belowListing, quantity: 10 }], oldSale);
    await d.sell([{ listingId: await d.listing(world.stations.main, rich, 1000), quantity: 50 }], new Date(Date.now() - DAY));
    expect([net(4, 1000), net(2, 1000), net(10, 1000)]).toEqual([3680, 1840, 9200]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("shows the county's line to anyone, 4,000 yuan unless set", async () => {
    const r = await api.gql(`{ counties { id povertyLineFen } }`, {});
    expect(r.data!.counties).toEqual(
      expect.arrayContaining([
        { id: world.county.id, povertyLineFen: 1000 },
        { id: world.otherCounty.id, povertyLineFen: 400000 },
      ]),
    );
  });

  it.each([
    ['otherOfficial', 'FORBIDDEN'],
    ['operator', 'FORBIDDEN'],
    ['buyer', 'FORBIDDEN'],
    [null, 'UNAUTHENTICATED'],
  ] as const)('refuses %s setting the line (%s)', async (who, code) => {
    const r = await api.gql(M, { input: { countyId: world.county.id, povertyLineFen: 5 } }, token(who));
    expect(r.errors?.[0].extensions?.code).toBe(code);
    const { rows } = await api.db.pool.query('SELECT poverty_line_fen::int AS l FROM counties WHERE id = $1', [world.county.id]);
    expect(rows[0].l).toBe(1000);
  });

  it.each([[0], [-5], [1.5], [100_000_001]])('refuses a line of %p fen', async (povertyLineFen) => {
    const r = await api.gql(M, { input: { countyId: world.county.id, povertyLineFen } }, token('admin'));
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('counts the registered-poor households whose last 365 days reach the line, in the summary and per village', async () => {
    // She County's registered poor now: the world's poorA and poorB (no sales) and the two above.
    const r = await api.gql(SUMMARY, { f: { countyId: world.county.id } }, token('official'));
    expect(r.errors).toBeUndefined();
    expect(r.data!.impactSummary).toEqual({ registeredPoorHouseholds: 4, registeredPoorEarningAboveLine: 1, registeredPoorEarningAboveLineShare: 0.25 });
    const v = await api.gql(
      `query ($f: ImpactFilter) { impactByVillage(filter: $f) { edges { node { village { id } registeredPoorHouseholds registeredPoorEarningAboveLine registeredPoorEarningAboveLineShare } } } }`,
      { f: { countyId: world.county.id } },
      token('official'),
    );
    expect(v.errors).toBeUndefined();
    expect(v.data!.impactByVillage.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { village: { id: world.villages.plain }, registeredPoorHouseholds: 2, registeredPoorEarningAboveLine: 1, registeredPoorEarningAboveLineShare: 0.5 },
    ]);
  });

  it("reads the 365 days before the range's end: a sale drops out exactly 365 days after it was placed", async () => {
    const count = async (to: Date) =>
      (await api.gql(SUMMARY, { f: { countyId: world.county.id, to: to.toISOString() } }, token('admin'))).data!.impactSummary.registeredPoorEarningAboveLine;
    // below reaches the line only while its old sale (9200) lies in the window: [to - 365 days, to) holds it for to <= oldSale + 365 days.
    expect(await count(new Date(oldSale.getTime() + 365 * DAY))).toBe(2);
    expect(await count(new Date(oldSale.getTime() + 365 * DAY + 1))).toBe(1);
    // above's sale counts from the instant after it was placed, not at it.
    expect(await count(soldAt)).toBe(1);
    expect(await count(new Date(soldAt.getTime() + 1))).toBe(2);
    // A range ending later than now reads up to now.
    expect(await count(new Date(Date.now() + 30 * DAY))).toBe(1);
  });

  it("gives a household's income against the line to those who may see its personal data", async () => {
    const Q = `query ($id: ID!) { household(id: $id) { incomeAgainstPovertyLine { supplierNetFen perMemberFen povertyLineFen reachesLine } } }`;
    for (const who of ['admin', 'official', 'operator'] as const) {
      const r = await api.gql(Q, { id: above }, token(who));
      expect(r.data!.household.incomeAgainstPovertyLine).toEqual({ supplierNetFen: 3680, perMemberFen: 1226, povertyLineFen: 1000, reachesLine: true });
    }
    expect((await api.gql(Q, { id: below }, token('official'))).data!.household.incomeAgainstPovertyLine).toEqual({
      supplierNetFen: 1840,
      perMemberFen: 613,
      povertyLineFen: 1000,
      reachesLine: false,
    });
    for (const who of ['otherOfficial', 'buyer', 'otherOperator'] as const) {
      const r = await api.gql(Q, { id: above }, token(who));
      expect(r.data?.household?.incomeAgainstPovertyLine ?? null).toBeNull();
    }
  });
});
