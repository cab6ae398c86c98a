import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { ImpactDriver, net, summaryWith } from './impact-fixtures';

// Income to the registered poor follows the household's status when each order was placed, by the
// status history as it stands now: setPovertyStatus now, and back-dated with effectiveAt.
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => at(local).toISOString();

describe('impact: attribution to the registered poor', () => {
  let api: TestApi;
  let world: World;
  let d: ImpactDriver;

  beforeAll(async () => {
    api = await startTestApi({ logLevel: 'error' });
    world = await createWorld(api.db.pool, api.config);
    d = new ImpactDriver(api, world);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('counts a sale before a household exits poverty as income to the registered poor, and one after as not', async () => {
    const since = new Date().toISOString();
    const household = await d.household(world.villages.plain, 'REGISTERED_POOR');
    const listing = await d.listing(world.stations.main, household, 1000);
    await d.sell([{ listingId: listing, quantity: 3 }]); // 3000 gross -> 2760 net, while REGISTERED_POOR
    await d.setStatus(household, 'EXITED');
    await d.sell([{ listingId: listing, quantity: 2 }]); // 2000 gross -> 1840 net, EXITED
    expect([net(3, 1000), net(2, 1000)]).toEqual([2760, 1840]);

    const { rows } = await api.db.pool.query(`SELECT poverty_status_at_sale AS s FROM allocations WHERE household_id = $1 ORDER BY id`, [household]);
    expect(rows.map((r) => r.s)).toEqual(['REGISTERED_POOR', 'EXITED']);
    const filter = { countyId: world.county.id, from: since };
    expect(await d.summaryOf(filter)).toEqual(
      summaryWith({ ordersCount: 2, grossSalesFen: 5000, supplierIncomeFen: 4600, incomeToRegisteredPoorFen: 2760, villagesReached: 1, householdsReached: 1, registeredPoorHouseholdsReached: 1 }),
    );
    expect(await d.villagesOf(filter)).toEqual([
      { villageId: world.villages.plain, householdsReached: 1, registeredPoorHouseholdsReached: 1, grossSalesFen: 5000, supplierIncomeFen: 4600, incomeToRegisteredPoorFen: 2760 },
    ]);
    const days = await d.seriesOf({ ...filter, to: new Date().toISOString() }, 'DAY');
    const total = (key: string) => days.reduce((sum, p) => sum + (p[key] as number), 0);
    expect([total('supplierIncomeFen'), total('incomeToRegisteredPoorFen'), days[days.length - 1].cumulativeVillagesReached]).toEqual([4600, 2760, 1]);
  });

  describe('a status set with an effectiveAt in the past', () => {
    let risen: string;
    let fallen: string;
    const june = { from: iso('2025-06-01T00:00:00'), to: iso('2025-07-01T00:00:00') };
    // A ragged range: its June days are read from the daily rollups and the facts, not the month's.
    const ragged = { from: iso('2025-06-09T12:00:00'), to: iso('2025-06-28T00:00:00') };

    beforeAll(async () => {
      // risen: NOT_REGISTERED since 2016, sales on June 10 (4 x 500 -> 1840) and June 20 (2 x 500 -> 920).
      // fallen: REGISTERED_POOR since 2016, a sale on June 12 (1 x 3000 -> 2760).
      risen = await d.household(world.villages.poor, 'NOT_REGISTERED');
      fallen = await d.household(world.villages.poor, 'REGISTERED_POOR');
      const risenListing = await d.listing(world.stations.main, risen, 500);
      const fallenListing = await d.listing(world.stations.main, fallen, 3000);
      await d.sell([{ listingId: risenListing, quantity: 4 }], at('2025-06-10T10:00:00'));
      await d.sell([{ listingId: risenListing, quantity: 2 }], at('2025-06-20T10:00:00'));
      await d.sell([{ listingId: fallenListing, quantity: 1 }], at('2025-06-12T09:00:00'));
      expect([net(4, 500), net(2, 500), net(1, 3000)]).toEqual([1840, 920, 2760]);
    });

    const base = { ordersCount: 3, grossSalesFen: 6000, supplierIncomeFen: 5520, villagesReached: 1, povertyStrickenVillagesReached: 1, householdsReached: 2 };

    it('counts by the history as it stood before the correction', async () => {
      const before = summaryWith({ ...base, incomeToRegisteredPoorFen: 2760, registeredPoorHouseholdsReached: 1 });
      expect(await d.summaryOf(june)).toEqual(before);
      expect(await d.summaryOf(ragged)).toEqual(before);
    });

    it('re-attributes the sales placed since a back-dated registration, and only those', async () => {
      await d.setStatus(risen, 'REGISTERED_POOR', iso('2025-06-15T00:00:00'), 'GENERAL');
      const after = summaryWith({ ...base, incomeToRegisteredPoorFen: 2760 + 920, registeredPoorHouseholdsReached: 2 });
      expect(await d.summaryOf(june)).toEqual(after);
      expect(await d.summaryOf(ragged)).toEqual(after);
      // June 10's sale stays unattributed: before June 15 the household was not registered.
      expect(await d.summaryOf({ from: iso('2025-06-10T00:00:00'), to: iso('2025-06-11T00:00:00') })).toMatchObject({ incomeToRegisteredPoorFen: 0, registeredPoorHouseholdsReached: 0 });
      expect(await d.summaryOf({ from: iso('2025-06-20T00:00:00'), to: iso('2025-06-20T12:00:00') })).toMatchObject({ incomeToRegisteredPoorFen: 920, registeredPoorHouseholdsReached: 1 });
      const days = await d.seriesOf({ from: iso('2025-06-10T00:00:00'), to: iso('2025-06-21T00:00:00') }, 'DAY');
      expect(days.map((p) => [p.supplierIncomeFen, p.incomeToRegisteredPoorFen])).toEqual([
        [1840, 0],
        [0, 0],
        [2760, 2760],
        ...Array(7).fill([0, 0]),
        [920, 920],
      ]);
    });

    it('takes the income of the sales since a back-dated exit away from the registered poor', async () => {
      await d.setStatus(fallen, 'EXITED', iso('2025-06-05T00:00:00'));
      const after = summaryWith({ ...base, incomeToRegisteredPoorFen: 920, registeredPoorHouseholdsReached: 1 });
      expect(await d.summaryOf(june)).toEqual(after);
      expect(await d.summaryOf(ragged)).toEqual(after);
      expect(await d.villagesOf(june)).toEqual([
        { villageId: world.villages.poor, householdsReached: 2, registeredPoorHouseholdsReached: 1, grossSalesFen: 6000, supplierIncomeFen: 5520, incomeToRegisteredPoorFen: 920 },
      ]);
      expect(await d.seriesOf(june, 'MONTH')).toEqual([
        { periodStart: '2025-05-31T16:00:00.000Z', supplierIncomeFen: 5520, incomeToRegisteredPoorFen: 920, villagesReached: 1, cumulativeVillagesReached: 1 },
      ]);
      const { rows } = await api.db.pool.query(`SELECT poverty_status_at_sale AS s FROM allocations WHERE household_id = $1`, [fallen]);
      expect(rows.map((r) => r.s)).toEqual(['EXITED']);
    });
  });
});
