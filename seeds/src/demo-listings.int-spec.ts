import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { DEMO_LISTINGS } from './demo-listings';
import { seedDemo } from './demo-seed';

describe('the demo listings', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('lists the counties\' produce on sale, with stock from served households, once', async () => {
    const first = await seedDemo(db.pool, { passwordHashCost: 4 });
    expect(first.added.listings).toBe(DEMO_LISTINGS.length);
    const { rows } = await db.pool.query(
      `SELECT l.title, l.status, (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots s WHERE s.listing_id = l.id) AS available, l.poverty_alleviation, c.code AS county,
              (SELECT sum(quantity)::int FROM supply_lots s WHERE s.listing_id = l.id) AS supplied,
              (SELECT bool_and(EXISTS (SELECT 1 FROM station_villages sv JOIN households h ON h.village_id = sv.village_id WHERE h.id = s.household_id AND sv.station_id = l.station_id))
                 FROM supply_lots s WHERE s.listing_id = l.id) AS served,
              EXISTS (SELECT 1 FROM station_villages sv WHERE sv.station_id = l.station_id AND sv.village_id = l.origin_village_id) AS origin_served
         FROM listings l JOIN counties c ON c.id = l.county_id ORDER BY l.id`,
    );
    expect(rows.map((r) => [r.title, r.county, r.status, r.available, r.supplied, r.served, r.origin_served])).toEqual(
      DEMO_LISTINGS.map((d) => [d.title, d.countyCode, 'ACTIVE', d.lots.reduce((a, b) => a + b, 0), d.lots.reduce((a, b) => a + b, 0), true, true]),
    );
    // registered-poor suppliers come first, so every demo listing helps a poor household
    expect(rows.every((r) => r.poverty_alleviation)).toBe(true);
    const again = await seedDemo(db.pool, { passwordHashCost: 4 });
    expect(again.added.listings).toBe(0);
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM supply_lots')).rows[0].n)).toBe(DEMO_LISTINGS.reduce((n, d) => n + d.lots.length, 0));
  });
});
