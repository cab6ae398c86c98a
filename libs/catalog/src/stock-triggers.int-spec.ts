import fc from 'fast-check';
import { Pool } from 'pg';
import { createTestDatabase, createWorld, TestDatabase, World } from '@app/testing';

/**
 * The supply-lot triggers keep each listing's ACTIVE <-> SOLD_OUT status and `poverty_alleviation`,
 * recounting only when a lot appears, disappears, changes owner or listing, or crosses zero (a listing's
 * `available` is read from its lots). Whatever statements change the lots, the columns must equal a
 * full recount.
 */
describe('catalog stock triggers (PostgreSQL)', () => {
  let db: TestDatabase;
  let world: World;
  let listings: { a: string; b: string; draft: string };

  const listing = async (villageId: string, status: string) => {
    const { rows } = await db.pool.query(
      `INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status)
       VALUES ($1, $2, $3, '小米', '', 'grain', 'kg', 1000, $4) RETURNING id::text`,
      [world.stations.main, villageId, world.county.id, status],
    );
    return rows[0].id as string;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createWorld(db.pool, { jwtSecret: 'stock-triggers-secret-0123456789abcdef', jwtTtlSeconds: 60 });
    // Listings from the ordinary village: only poor households' stock makes them poverty-alleviation.
    listings = { a: await listing(world.villages.plain, 'ACTIVE'), b: await listing(world.villages.plain, 'ACTIVE'), draft: await listing(world.villages.plain, 'DRAFT') };
    // A first lot each, so the listings start as the triggers keep them.
    await db.pool.query(`INSERT INTO supply_lots (listing_id, household_id, quantity, remaining) SELECT id, $2, 3, 3 FROM unnest($1::bigint[]) AS id`, [
      Object.values(listings),
      world.households.plain,
    ]);
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** The listings' status columns as kept by the triggers, beside a full recount from the lots. */
  async function keptAndRecounted() {
    const { rows } = await db.pool.query(
      `SELECT l.id::text, l.status, l.poverty_alleviation,
              COALESCE(sum(s.remaining), 0)::int AS recount_available,
              COALESCE(bool_or(s.remaining > 0 AND h.poverty_status = 'REGISTERED_POOR'), false) OR v.poverty_stricken AS recount_poverty
         FROM listings l
         JOIN villages v ON v.id = l.origin_village_id
         LEFT JOIN supply_lots s ON s.listing_id = l.id
         LEFT JOIN households h ON h.id = s.household_id
        WHERE l.id = ANY($1::bigint[])
        GROUP BY l.id, v.poverty_stricken`,
      [Object.values(listings)],
    );
    return rows;
  }

  async function expectConsistent() {
    for (const r of await keptAndRecounted()) {
      const expectedStatus = r.id === listings.draft ? 'DRAFT' : r.recount_available > 0 ? 'ACTIVE' : 'SOLD_OUT';
      expect({ id: r.id, status: r.status, poverty: r.poverty_alleviation }).toEqual({
        id: r.id,
        status: expectedStatus,
        poverty: r.recount_poverty,
      });
    }
  }

  type ListingKey = 'a' | 'b' | 'draft';
  type HouseholdKey = 'poorA' | 'poorB' | 'notRegistered' | 'plain';
  type Op =
    | { kind: 'insert'; listing: ListingKey; household: HouseholdKey; lots: Array<{ quantity: number; empty: boolean }> }
    | { kind: 'take'; pick: number; count: number; amount: number }
    | { kind: 'empty'; listing: ListingKey }
    | { kind: 'move'; pick: number; listing: ListingKey }
    | { kind: 'owner'; pick: number; household: HouseholdKey }
    | { kind: 'delete'; pick: number };
  const listingKey = fc.constantFrom<ListingKey>('a', 'b', 'draft');
  const householdKey = fc.constantFrom<HouseholdKey>('poorA', 'poorB', 'notRegistered', 'plain');
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), listing: listingKey, household: householdKey, lots: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 5 }), empty: fc.boolean() }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('take' as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 3 }), amount: fc.integer({ min: -3, max: 5 }) }),
    fc.record({ kind: fc.constant('empty' as const), listing: listingKey }),
    fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), listing: listingKey }),
    fc.record({ kind: fc.constant('owner' as const), pick: fc.nat(), household: householdKey }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  );

  async function apply(o: Op) {
    const lots = (await db.pool.query(`SELECT id::text FROM supply_lots WHERE listing_id = ANY($1::bigint[]) ORDER BY id`, [Object.values(listings)])).rows.map((r) => r.id as string);
    const some = (pick: number, count = 1) => Array.from({ length: Math.min(count, lots.length) }, (_, i) => lots[(pick + i) % lots.length]);
    switch (o.kind) {
      case 'insert':
        // Several lots in one statement, some of them already empty.
        await db.pool.query(
          `INSERT INTO supply_lots (listing_id, household_id, quantity, remaining)
           SELECT $1, $2, q, CASE WHEN e THEN 0 ELSE q END FROM unnest($3::int[], $4::boolean[]) AS x(q, e)`,
          [listings[o.listing], world.households[o.household], o.lots.map((l) => l.quantity), o.lots.map((l) => l.empty)],
        );
        break;
      case 'take':
        // Stock taken from (or given back to) several lots, within each lot's quantity.
        await db.pool.query(`UPDATE supply_lots SET remaining = LEAST(quantity, GREATEST(0, remaining - $2)) WHERE id = ANY($1::bigint[])`, [
          some(o.pick, o.count),
          o.amount,
        ]);
        break;
      case 'empty':
        await db.pool.query(`UPDATE supply_lots SET remaining = 0 WHERE listing_id = $1`, [listings[o.listing]]);
        break;
      case 'move':
        await db.pool.query(`UPDATE supply_lots SET listing_id = $2 WHERE id = ANY($1::bigint[])`, [some(o.pick), listings[o.listing]]);
        break;
      case 'owner':
        await db.pool.query(`UPDATE supply_lots SET household_id = $2 WHERE id = ANY($1::bigint[])`, [some(o.pick), world.households[o.household]]);
        break;
      case 'delete':
        await db.pool.query(`DELETE FROM supply_lots WHERE id = ANY($1::bigint[])`, [some(o.pick)]);
        break;
    }
  }

  it('keeps status and povertyAlleviation equal to a full recount, whatever changes the lots', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          await apply(o);
          await expectConsistent();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('ends SOLD_OUT exactly when concurrent statements empty the last lots of two listings, without deadlock', async () => {
    // Twenty lots of 1 per listing; twenty statements in parallel each empty a lot of each listing:
    // every statement crosses zero twice.
    await db.pool.query(`DELETE FROM supply_lots`);
    // Lots inserted alternately, so that in half of the pairs the B lot has the lower id and a statement
    // meets (and would lock) listing B before A.
    const lotsA: string[] = [];
    const lotsB: string[] = [];
    const insert = async (listingId: string, into: string[]) =>
      into.push(
        (await db.pool.query(`INSERT INTO supply_lots (listing_id, household_id, quantity, remaining) VALUES ($1, $2, 1, 1) RETURNING id::text`, [listingId, world.households.poorA]))
          .rows[0].id,
      );
    for (let i = 0; i < 20; i++) {
      if (i % 2) {
        await insert(listings.b, lotsB);
        await insert(listings.a, lotsA);
      } else {
        await insert(listings.a, lotsA);
        await insert(listings.b, lotsB);
      }
    }
    const pool = new Pool({ connectionString: db.url, max: 20 });
    const clients = await Promise.all(Array.from({ length: 20 }, () => pool.connect()));
    try {
      await Promise.all(
        clients.map((c, i) =>
          c.query(`UPDATE supply_lots SET remaining = remaining - 1 WHERE id = ANY($1::bigint[])`, [[lotsA[i], lotsB[i]]]),
        ),
      );
    } finally {
      clients.forEach((c) => c.release());
      await pool.end();
    }
    const rows = await keptAndRecounted();
    expect(rows.find((r) => r.id === listings.a)).toMatchObject({ recount_available: 0, status: 'SOLD_OUT', poverty_alleviation: false });
    expect(rows.find((r) => r.id === listings.b)).toMatchObject({ recount_available: 0, status: 'SOLD_OUT', poverty_alleviation: false });
  });
});
