import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { ImpactDriver, net, summaryWith } from './impact-fixtures';

// Filters, intervals and Asia/Shanghai period edges. Five sales, moved to hand-picked placement
// instants (the API places orders now; the reports count by placement time):
//   s1 2025-01-31 23:59:59.999 +08 main / poorA (poor village, REGISTERED_POOR) 1 x 1000 -> net 920
//   s2 2025-02-01 00:00:00.000 +08 second / notRegistered (poor village)      1 x 800  -> net 736
//   s3 2025-02-03 10:00 +08 (a Monday) main / plain (plain village)            1 x 1200 -> net 1104
//   s4 2025-02-09 23:30 +08 (a Sunday) other / other (other county, REGISTERED_POOR) 2 x 500 -> net 920
//   s5 2025-03-15 12:00 +08 main / poorB (poor village, REGISTERED_POOR)       2 x 1000 -> net 1840
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => at(local).toISOString();

describe('impact: filters, intervals and period edges', () => {
  let api: TestApi;
  let world: World;
  let d: ImpactDriver;

  beforeAll(async () => {
    api = await startTestApi({ logLevel: 'error' });
    world = await createWorld(api.db.pool, api.config);
    d = new ImpactDriver(api, world);
    const { stations: s, households: h } = world;
    expect([net(1, 1000), net(1, 800), net(1, 1200), net(2, 500), net(2, 1000)]).toEqual([920, 736, 1104, 920, 1840]);
    await d.sell([{ listingId: await d.listing(s.main, h.poorA, 1000), quantity: 1 }], at('2025-01-31T23:59:59.999'));
    await d.sell([{ listingId: await d.listing(s.second, h.notRegistered, 800), quantity: 1 }], at('2025-02-01T00:00:00.000'));
    await d.sell([{ listingId: await d.listing(s.main, h.plain, 1200), quantity: 1 }], at('2025-02-03T10:00:00'));
    await d.sell([{ listingId: await d.listing(s.other, h.other, 500), quantity: 2 }], at('2025-02-09T23:30:00'));
    await d.sell([{ listingId: await d.listing(s.main, h.poorB, 1000), quantity: 2 }], at('2025-03-15T12:00:00'));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('splits a range that crosses a month boundary at Shanghai midnight exactly', async () => {
    const both = { ordersCount: 2, grossSalesFen: 1800, supplierIncomeFen: 1656, incomeToRegisteredPoorFen: 920, villagesReached: 1, povertyStrickenVillagesReached: 1, householdsReached: 2, registeredPoorHouseholdsReached: 1 };
    const s1 = { ordersCount: 1, grossSalesFen: 1000, supplierIncomeFen: 920, incomeToRegisteredPoorFen: 920, villagesReached: 1, povertyStrickenVillagesReached: 1, householdsReached: 1, registeredPoorHouseholdsReached: 1 };
    const s2 = { ordersCount: 1, grossSalesFen: 800, supplierIncomeFen: 736, villagesReached: 1, povertyStrickenVillagesReached: 1, householdsReached: 1 };
    expect(await d.summaryOf({ from: iso('2025-01-31T00:00:00'), to: iso('2025-02-02T00:00:00') })).toEqual(summaryWith(both));
    expect(await d.summaryOf({ from: iso('2025-01-31T23:59:59.999'), to: iso('2025-02-01T00:00:00.001') })).toEqual(summaryWith(both));
    // [from, to): the instant of s2 (the midnight) belongs to February, the last millisecond of January does not.
    expect(await d.summaryOf({ from: iso('2025-01-01T00:00:00'), to: iso('2025-02-01T00:00:00') })).toEqual(summaryWith(s1));
    expect(await d.summaryOf({ to: iso('2025-02-01T00:00:00') })).toEqual(summaryWith(s1));
    expect(await d.summaryOf({ from: iso('2025-02-01T00:00:00'), to: iso('2025-02-02T00:00:00') })).toEqual(summaryWith(s2));
    expect(await d.summaryOf({ from: iso('2025-01-31T23:59:59.999'), to: iso('2025-01-31T23:59:59.999') })).toEqual(summaryWith({}));
    // In UTC the midnight is 16:00 of Jan 31: a UTC month would put s2 in January.
    expect(iso('2025-02-01T00:00:00')).toBe('2025-01-31T16:00:00.000Z');
    expect(await d.summaryOf({ from: '2025-02-01T00:00:00Z' })).toMatchObject({ ordersCount: 3, supplierIncomeFen: 1104 + 920 + 1840 });
  });

  it('filters by county, by station and by both', async () => {
    const all = { ordersCount: 5, grossSalesFen: 6000, supplierIncomeFen: 5520, incomeToRegisteredPoorFen: 920 + 920 + 1840, villagesReached: 3, povertyStrickenVillagesReached: 1, householdsReached: 5, registeredPoorHouseholdsReached: 3 };
    expect(await d.summaryOf(null)).toEqual(summaryWith(all));
    expect(await d.summaryOf({ countyId: world.county.id })).toEqual(
      summaryWith({ ordersCount: 4, grossSalesFen: 5000, supplierIncomeFen: 4600, incomeToRegisteredPoorFen: 2760, villagesReached: 2, povertyStrickenVillagesReached: 1, householdsReached: 4, registeredPoorHouseholdsReached: 2 }),
    );
    expect(await d.summaryOf({ countyId: world.otherCounty.id })).toEqual(
      summaryWith({ ordersCount: 1, grossSalesFen: 1000, supplierIncomeFen: 920, incomeToRegisteredPoorFen: 920, villagesReached: 1, householdsReached: 1, registeredPoorHouseholdsReached: 1 }),
    );
    expect(await d.summaryOf({ stationId: world.stations.second })).toEqual(
      summaryWith({ ordersCount: 1, grossSalesFen: 800, supplierIncomeFen: 736, villagesReached: 1, povertyStrickenVillagesReached: 1, householdsReached: 1 }),
    );
    const mainFebToMar = { countyId: world.county.id, stationId: world.stations.main, from: iso('2025-02-01T00:00:00'), to: iso('2025-04-01T00:00:00') };
    expect(await d.summaryOf(mainFebToMar)).toEqual(
      summaryWith({ ordersCount: 2, grossSalesFen: 3200, supplierIncomeFen: 2944, incomeToRegisteredPoorFen: 1840, villagesReached: 2, povertyStrickenVillagesReached: 1, householdsReached: 2, registeredPoorHouseholdsReached: 1 }),
    );
    expect(await d.summaryOf({ countyId: world.otherCounty.id, stationId: world.stations.main })).toEqual(summaryWith({}));
    // Monday to Monday: one whole week, read from the weekly rollups.
    const week = { from: iso('2025-02-03T00:00:00'), to: iso('2025-02-10T00:00:00') };
    expect(await d.summaryOf(week)).toEqual(
      summaryWith({ ordersCount: 2, grossSalesFen: 2200, supplierIncomeFen: 2024, incomeToRegisteredPoorFen: 920, villagesReached: 2, householdsReached: 2, registeredPoorHouseholdsReached: 1 }),
    );
    expect(await d.villagesOf(week)).toEqual([
      { villageId: world.villages.plain, householdsReached: 1, registeredPoorHouseholdsReached: 0, grossSalesFen: 1200, supplierIncomeFen: 1104, incomeToRegisteredPoorFen: 0 },
      { villageId: world.villages.other, householdsReached: 1, registeredPoorHouseholdsReached: 1, grossSalesFen: 1000, supplierIncomeFen: 920, incomeToRegisteredPoorFen: 920 },
    ]);
    expect(await d.villagesOf({ from: iso('2025-02-01T00:00:00'), to: iso('2025-03-01T00:00:00') })).toEqual([
      { villageId: world.villages.plain, householdsReached: 1, registeredPoorHouseholdsReached: 0, grossSalesFen: 1200, supplierIncomeFen: 1104, incomeToRegisteredPoorFen: 0 },
      { villageId: world.villages.other, householdsReached: 1, registeredPoorHouseholdsReached: 1, grossSalesFen: 1000, supplierIncomeFen: 920, incomeToRegisteredPoorFen: 920 },
      { villageId: world.villages.poor, householdsReached: 1, registeredPoorHouseholdsReached: 0, grossSalesFen: 800, supplierIncomeFen: 736, incomeToRegisteredPoorFen: 0 },
    ]);
  });

  it('gives a point per Shanghai month, counting villages per month and from the start of the range', async () => {
    const range = { from: iso('2025-01-01T00:00:00'), to: iso('2025-04-01T00:00:00') };
    expect(await d.seriesOf(range, 'MONTH')).toEqual([
      { periodStart: '2024-12-31T16:00:00.000Z', supplierIncomeFen: 920, incomeToRegisteredPoorFen: 920, villagesReached: 1, cumulativeVillagesReached: 1 },
      { periodStart: '2025-01-31T16:00:00.000Z', supplierIncomeFen: 736 + 1104 + 920, incomeToRegisteredPoorFen: 920, villagesReached: 3, cumulativeVillagesReached: 3 },
      { periodStart: '2025-02-28T16:00:00.000Z', supplierIncomeFen: 1840, incomeToRegisteredPoorFen: 1840, villagesReached: 1, cumulativeVillagesReached: 3 },
    ]);
    // MONTH is the default interval; the official sees their county only.
    expect(await d.seriesOf(range, undefined, world.users.official.token)).toEqual([
      { periodStart: '2024-12-31T16:00:00.000Z', supplierIncomeFen: 920, incomeToRegisteredPoorFen: 920, villagesReached: 1, cumulativeVillagesReached: 1 },
      { periodStart: '2025-01-31T16:00:00.000Z', supplierIncomeFen: 1840, incomeToRegisteredPoorFen: 0, villagesReached: 2, cumulativeVillagesReached: 2 },
      { periodStart: '2025-02-28T16:00:00.000Z', supplierIncomeFen: 1840, incomeToRegisteredPoorFen: 1840, villagesReached: 1, cumulativeVillagesReached: 2 },
    ]);
    // A range starting mid-month: the first point is the month, counting from `from` only.
    expect(await d.seriesOf({ from: iso('2025-02-01T00:00:00.001'), to: iso('2025-03-01T00:00:00') }, 'MONTH')).toEqual([
      { periodStart: '2025-01-31T16:00:00.000Z', supplierIncomeFen: 1104 + 920, incomeToRegisteredPoorFen: 920, villagesReached: 2, cumulativeVillagesReached: 2 },
    ]);
  });

  it('gives a point per week starting Monday, empty weeks included', async () => {
    expect(await d.seriesOf({ from: iso('2025-01-27T00:00:00'), to: iso('2025-02-17T00:00:00') }, 'WEEK')).toEqual([
      { periodStart: '2025-01-26T16:00:00.000Z', supplierIncomeFen: 920 + 736, incomeToRegisteredPoorFen: 920, villagesReached: 1, cumulativeVillagesReached: 1 },
      { periodStart: '2025-02-02T16:00:00.000Z', supplierIncomeFen: 1104 + 920, incomeToRegisteredPoorFen: 920, villagesReached: 2, cumulativeVillagesReached: 3 },
      { periodStart: '2025-02-09T16:00:00.000Z', supplierIncomeFen: 0, incomeToRegisteredPoorFen: 0, villagesReached: 0, cumulativeVillagesReached: 3 },
    ]);
    // The station's weeks come from the facts rather than daily rollups: the same answer for its own sales.
    expect(await d.seriesOf({ stationId: world.stations.main, from: iso('2025-01-27T00:00:00'), to: iso('2025-02-10T00:00:00') }, 'WEEK')).toEqual([
      { periodStart: '2025-01-26T16:00:00.000Z', supplierIncomeFen: 920, incomeToRegisteredPoorFen: 920, villagesReached: 1, cumulativeVillagesReached: 1 },
      { periodStart: '2025-02-02T16:00:00.000Z', supplierIncomeFen: 1104, incomeToRegisteredPoorFen: 0, villagesReached: 1, cumulativeVillagesReached: 2 },
    ]);
  });

  it('gives a point per day, the first one counting from `from`', async () => {
    expect(await d.seriesOf({ from: iso('2025-01-31T12:00:00'), to: iso('2025-02-03T00:00:00') }, 'DAY')).toEqual([
      { periodStart: '2025-01-30T16:00:00.000Z', supplierIncomeFen: 920, incomeToRegisteredPoorFen: 920, villagesReached: 1, cumulativeVillagesReached: 1 },
      { periodStart: '2025-01-31T16:00:00.000Z', supplierIncomeFen: 736, incomeToRegisteredPoorFen: 0, villagesReached: 1, cumulativeVillagesReached: 1 },
      { periodStart: '2025-02-01T16:00:00.000Z', supplierIncomeFen: 0, incomeToRegisteredPoorFen: 0, villagesReached: 0, cumulativeVillagesReached: 1 },
    ]);
    expect(await d.seriesOf({ from: iso('2025-02-01T00:00:00.001'), to: iso('2025-02-02T00:00:00') }, 'DAY')).toEqual([
      { periodStart: '2025-01-31T16:00:00.000Z', supplierIncomeFen: 0, incomeToRegisteredPoorFen: 0, villagesReached: 0, cumulativeVillagesReached: 0 },
    ]);
  });

  it('starts at the first counted allocation without `from` and ends now without `to`', async () => {
    const months = await d.seriesOf({ to: iso('2025-04-01T00:00:00') }, 'MONTH');
    expect(months.map((p) => p.periodStart)).toEqual(['2024-12-31T16:00:00.000Z', '2025-01-31T16:00:00.000Z', '2025-02-28T16:00:00.000Z']);
    // The other county's first sale is s4, in February.
    const other = await d.seriesOf({ countyId: world.otherCounty.id, to: iso('2025-03-01T00:00:00') }, 'WEEK');
    const quiet = { supplierIncomeFen: 0, incomeToRegisteredPoorFen: 0, villagesReached: 0, cumulativeVillagesReached: 1 };
    expect(other).toEqual([
      { periodStart: '2025-02-02T16:00:00.000Z', supplierIncomeFen: 920, incomeToRegisteredPoorFen: 920, villagesReached: 1, cumulativeVillagesReached: 1 },
      { periodStart: '2025-02-09T16:00:00.000Z', ...quiet },
      { periodStart: '2025-02-16T16:00:00.000Z', ...quiet },
      { periodStart: '2025-02-23T16:00:00.000Z', ...quiet },
    ]);
    // Up to now: every month from January 2025 to the current Shanghai month.
    const now = new Date(Date.now() + 8 * 3600_000);
    const expected = (now.getUTCFullYear() - 2025) * 12 + now.getUTCMonth() + 1;
    const open = await d.seriesOf(null, 'MONTH');
    expect(open).toHaveLength(expected);
    expect(open[open.length - 1]).toMatchObject({ supplierIncomeFen: 0, villagesReached: 0, cumulativeVillagesReached: 3 });
    // Nothing counted in scope: no points.
    expect(await d.seriesOf({ countyId: world.otherCounty.id, stationId: world.stations.main }, 'DAY')).toEqual([]);
  });
});
