import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainEvents, inTransaction } from '@app/platform';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { DataSource } from 'typeorm';

const CREATE = `mutation ($input: CreateListingInput!) {
  createListing(input: $input) { id title status available povertyAlleviation priceFen allocationPolicy
    station { id } originVillage { id } supply { quantity remaining household { id } } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id title description category priceFen status available } }`;
const ADD = `mutation ($listingId: ID!, $supply: SupplyLotInput!) { addSupply(listingId: $listingId, supply: $supply) { id status available povertyAlleviation supply { quantity remaining household { id } } } }`;
const ONE = `query ($id: ID!) { listing(id: $id) { id status available povertyAlleviation supply { quantity remaining household { id } } } }`;

describe('catalog: listing produce, supply and who sees what', () => {
  let api: TestApi;
  let w: World;
  const count = async (sql: string, params: unknown[] = []) => Number((await api.db.pool.query(sql, params)).rows[0].n);
  const listingCount = () => count('SELECT count(*) AS n FROM listings');
  const lotCount = () => count('SELECT count(*) AS n FROM supply_lots');

  const input = (over: Record<string, unknown> = {}) => ({
    title: '涉县薄皮核桃 She County walnuts',
    description: '太行山区散养核桃，手工去青皮',
    category: '坚果',
    unit: '斤',
    priceFen: 2800,
    originVillageId: w.villages.poor,
    supply: [
      { householdId: w.households.poorA, quantity: 30 },
      { householdId: w.households.notRegistered, quantity: 20 },
    ],
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}, token = w.users.operator.token) => {
    const r = await api.gql(CREATE, { input: input(over) }, token);
    expect(r.errors).toBeUndefined();
    return r.data!.createListing;
  };

  beforeAll(async () => {
    api = await startTestApi();
    w = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('createListing', () => {
    it('lists produce of served households: ACTIVE, stock summed, flagged for the poor village', async () => {
      const l = await create();
      expect(l).toMatchObject({ status: 'ACTIVE', available: 50, povertyAlleviation: true, priceFen: 2800, allocationPolicy: 'PRECISION' });
      expect(l.station.id).toBe(w.stations.main);
      expect(l.originVillage.id).toBe(w.villages.poor);
      expect(l.supply).toEqual([
        { quantity: 30, remaining: 30, household: { id: w.households.poorA } },
        { quantity: 20, remaining: 20, household: { id: w.households.notRegistered } },
      ]);
      const row = (await api.db.pool.query('SELECT county_id, station_id, (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots WHERE listing_id = listings.id) AS available, status FROM listings WHERE id = $1', [l.id])).rows[0];
      expect(row).toEqual({ county_id: w.county.id, station_id: w.stations.main, available: 50, status: 'ACTIVE' });
    });

    it('keeps a draft unpublished and honours FIFO', async () => {
      const l = await create({ publish: false, allocationPolicy: 'FIFO' });
      expect(l).toMatchObject({ status: 'DRAFT', available: 50, allocationPolicy: 'FIFO' });
    });

    it('is FORBIDDEN for an origin village the station does not serve, and writes nothing', async () => {
      const [listings, lots] = [await listingCount(), await lotCount()];
      // the second station serves only the poor village
      const r = await api.gql(CREATE, { input: input({ originVillageId: w.villages.plain, supply: [{ householdId: w.households.poorA, quantity: 1 }] }) }, w.users.secondOperator.token);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const other = await api.gql(CREATE, { input: input({ originVillageId: w.villages.other }) }, w.users.operator.token);
      expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect([await listingCount(), await lotCount()]).toEqual([listings, lots]);
    });

    it('is FORBIDDEN when a supplying household lies outside the served villages', async () => {
      const listings = await listingCount();
      const r = await api.gql(CREATE, { input: input({ supply: [{ householdId: w.households.poorA, quantity: 1 }, { householdId: w.households.plain, quantity: 1 }] }) }, w.users.secondOperator.token);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await listingCount()).toBe(listings);
    });

    it('is for station operators only: admins and buyers FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
      const listings = await listingCount();
      expect((await api.gql(CREATE, { input: input() }, w.users.admin.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(CREATE, { input: input() }, w.users.buyer.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(CREATE, { input: input() }, w.users.official.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(CREATE, { input: input() })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(await listingCount()).toBe(listings);
    });

    it.each([
      ['an empty title', { title: '' }, 'input.title'],
      ['a blank title', { title: '   ' }, 'input.title'],
      ['a title over 200 characters', { title: '核'.repeat(201) }, 'input.title'],
      ['an empty unit', { unit: '' }, 'input.unit'],
      ['a unit over 30 characters', { unit: 'x'.repeat(31) }, 'input.unit'],
      ['an empty category', { category: '' }, 'input.category'],
      ['a description over 5,000 characters', { description: 'x'.repeat(5001) }, 'input.description'],
      ['a zero price', { priceFen: 0 }, 'input.priceFen'],
      ['a negative price', { priceFen: -5 }, 'input.priceFen'],
      ['a price over 10^10 fen', { priceFen: 10_000_000_001 }, 'input.priceFen'],
      ['no supply', { supply: [] }, 'input.supply'],
      ['a zero quantity', { supply: [{ householdId: '1', quantity: 0 }] }, 'input.supply.0.quantity'],
      ['a quantity over a million', { supply: [{ householdId: '1', quantity: 1_000_001 }] }, 'input.supply.0.quantity'],
    ])('refuses %s as BAD_USER_INPUT with its field', async (_what, over, field) => {
      const listings = await listingCount();
      const r = await api.gql(CREATE, { input: input(over) }, w.users.operator.token);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await listingCount()).toBe(listings);
    });

    it('refuses more than 100 lots and the same household twice', async () => {
      const many = Array.from({ length: 101 }, (_, i) => ({ householdId: String(i + 1), quantity: 1 }));
      expect((await api.gql(CREATE, { input: input({ supply: many }) }, w.users.operator.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.supply' });
      const twice = [
        { householdId: w.households.poorA, quantity: 1 },
        { householdId: w.households.poorB, quantity: 1 },
        { householdId: w.households.poorA, quantity: 2 },
      ];
      expect((await api.gql(CREATE, { input: input({ supply: twice }) }, w.users.operator.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.supply.2.householdId' });
    });

    it('says NOT_FOUND with the field for an unknown village or household', async () => {
      expect((await api.gql(CREATE, { input: input({ originVillageId: '999999' }) }, w.users.operator.token)).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.originVillageId' });
      expect((await api.gql(CREATE, { input: input({ originVillageId: 'abc' }) }, w.users.operator.token)).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.originVillageId' });
      const r = await api.gql(CREATE, { input: input({ supply: [{ householdId: w.households.poorA, quantity: 1 }, { householdId: '999999', quantity: 1 }] }) }, w.users.operator.token);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.supply.1.householdId' });
    });
  });

  describe('who sees a listing and its supply', () => {
    let active: string;
    let draft: string;
    beforeAll(async () => {
      active = (await create()).id;
      draft = (await create({ publish: false })).id;
    });

    it('shows supply to admins, the county officials and the station operators; null to everyone else', async () => {
      const supplyOf = async (token?: string) => (await api.gql(ONE, { id: active }, token)).data!.listing.supply;
      const lots = [
        { quantity: 30, remaining: 30, household: { id: w.households.poorA } },
        { quantity: 20, remaining: 20, household: { id: w.households.notRegistered } },
      ];
      expect(await supplyOf(w.users.admin.token)).toEqual(lots);
      expect(await supplyOf(w.users.operator.token)).toEqual(lots);
      expect(await supplyOf(w.users.official.token)).toEqual(lots);
      expect(await supplyOf(w.users.buyer.token)).toBeNull();
      expect(await supplyOf(undefined)).toBeNull();
      expect(await supplyOf(w.users.secondOperator.token)).toBeNull();
      expect(await supplyOf(w.users.otherOfficial.token)).toBeNull();
      // and in a list too
      const r = await api.gql(`{ listings(first: 100) { edges { node { id supply { quantity } } } } }`, {}, w.users.buyer.token);
      expect(r.data!.listings.edges.length).toBeGreaterThan(0);
      expect(r.data!.listings.edges.every((e: { node: { supply: unknown } }) => e.node.supply === null)).toBe(true);
    });

    it('hides a non-ACTIVE listing from buyers, anonymous callers and other stations', async () => {
      const seen = async (token?: string) => (await api.gql(ONE, { id: draft }, token)).data!.listing?.id ?? null;
      expect(await seen(w.users.buyer.token)).toBeNull();
      expect(await seen(undefined)).toBeNull();
      expect(await seen(w.users.secondOperator.token)).toBeNull();
      expect(await seen(w.users.otherOfficial.token)).toBeNull();
      expect(await seen(w.users.operator.token)).toBe(draft);
      expect(await seen(w.users.official.token)).toBe(draft);
      expect(await seen(w.users.admin.token)).toBe(draft);
      const ids = async (token?: string) =>
        (await api.gql(`{ listings(first: 100) { edges { node { id status } } } }`, {}, token)).data!.listings.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(await ids(w.users.buyer.token)).not.toContain(draft);
      expect(await ids(w.users.buyer.token)).toContain(active);
      expect(await ids(w.users.operator.token)).toContain(draft);
      expect(await ids(w.users.secondOperator.token)).not.toContain(draft);
      // a buyer asking for drafts gets none
      const drafts = await api.gql(`{ listings(filter: { status: DRAFT }) { totalCount edges { node { id } } } }`, {}, w.users.buyer.token);
      expect(drafts.errors).toBeUndefined();
      expect(drafts.data!.listings).toEqual({ totalCount: 0, edges: [] });
    });

    it('answers null for an unknown or malformed id', async () => {
      expect((await api.gql(ONE, { id: '987654321' })).data!.listing).toBeNull();
      expect((await api.gql(ONE, { id: 'not-an-id' })).data!.listing).toBeNull();
    });
  });

  describe('stock: SOLD_OUT and back, kept by the trigger whoever changes the lots', () => {
    it('reads SOLD_OUT when the lots run out and ACTIVE again when supply is added', async () => {
      const l = await create();
      // what the orders domain does: conditional decrements of the lots, in one statement
      await api.db.pool.query(`UPDATE supply_lots SET remaining = remaining - 10 WHERE listing_id = $1 AND remaining >= 10`, [l.id]);
      expect((await api.gql(ONE, { id: l.id }, w.users.operator.token)).data!.listing).toMatchObject({ status: 'ACTIVE', available: 30 });
      await api.db.pool.query(`UPDATE supply_lots SET remaining = 0 WHERE listing_id = $1`, [l.id]);
      expect((await api.gql(ONE, { id: l.id }, w.users.operator.token)).data!.listing).toMatchObject({ status: 'SOLD_OUT', available: 0, povertyAlleviation: true });
      expect((await api.gql(ONE, { id: l.id }, w.users.buyer.token)).data!.listing).toBeNull();

      const added = await api.gql(ADD, { listingId: l.id, supply: { householdId: w.households.poorB, quantity: 7 } }, w.users.operator.token);
      expect(added.errors).toBeUndefined();
      expect(added.data!.addSupply).toMatchObject({ status: 'ACTIVE', available: 7, povertyAlleviation: true });
      expect(added.data!.addSupply.supply).toHaveLength(3);

      // restoring stock (a cancelled order) also counts
      await api.db.pool.query(`UPDATE supply_lots SET remaining = quantity WHERE listing_id = $1`, [l.id]);
      expect((await api.gql(ONE, { id: l.id }, w.users.buyer.token)).data!.listing).toMatchObject({ status: 'ACTIVE', available: 57 });
    });

    it('leaves PAUSED and DRAFT alone when stock changes', async () => {
      const l = await create({ publish: false });
      await api.db.pool.query(`UPDATE supply_lots SET remaining = 0 WHERE listing_id = $1`, [l.id]);
      expect((await api.db.pool.query('SELECT status, (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots WHERE listing_id = listings.id) AS available FROM listings WHERE id = $1', [l.id])).rows[0]).toEqual({ status: 'DRAFT', available: 0 });
      // publishing with no stock makes it SOLD_OUT
      const published = await api.gql(UPDATE, { id: l.id, input: { status: 'ACTIVE' } }, w.users.operator.token);
      expect(published.data!.updateListing).toMatchObject({ status: 'SOLD_OUT', available: 0 });
      const paused = await api.gql(UPDATE, { id: l.id, input: { status: 'PAUSED' } }, w.users.operator.token);
      expect(paused.data!.updateListing.status).toBe('PAUSED');
      const added = await api.gql(ADD, { listingId: l.id, supply: { householdId: w.households.plain, quantity: 3 } }, w.users.operator.token);
      expect(added.data!.addSupply).toMatchObject({ status: 'PAUSED', available: 3 });
    });

    it('updates each listing once for a statement over lots of several listings', async () => {
      const a = await create();
      const b = await create();
      await api.db.pool.query(`UPDATE supply_lots SET remaining = remaining - 1 WHERE listing_id = ANY ($1::bigint[])`, [[a.id, b.id]]);
      const rows = (await api.db.pool.query('SELECT id, (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots WHERE listing_id = listings.id) AS available FROM listings WHERE id = ANY ($1::bigint[]) ORDER BY id', [[a.id, b.id]])).rows;
      expect(rows).toEqual([
        { id: a.id, available: 48 },
        { id: b.id, available: 48 },
      ]);
    });
  });

  describe('stock under concurrency', () => {
    it('keeps available exact and never deadlocks when many transactions take stock of the same listings', async () => {
      const lotsOf = async (listingId: string) =>
        (await api.db.pool.query('SELECT id FROM supply_lots WHERE listing_id = $1 ORDER BY id', [listingId])).rows.map((r) => String(r.id));
      const a = await create({ supply: [{ householdId: w.households.poorA, quantity: 40 }, { householdId: w.households.poorB, quantity: 40 }] });
      const b = await create({ supply: [{ householdId: w.households.poorA, quantity: 40 }, { householdId: w.households.poorB, quantity: 40 }] });
      const [a1, a2] = await lotsOf(a.id);
      const [b1, b2] = await lotsOf(b.id);
      // each transaction takes one unit of a lot of A and one of B in one statement, half of them naming B's lot first
      const take = async (i: number) => {
        const client = await api.db.pool.connect();
        try {
          await client.query('BEGIN');
          const lots = i % 2 === 0 ? [a1, b1] : [b2, a2];
          await client.query('UPDATE supply_lots SET remaining = remaining - 1 WHERE id = ANY ($1::bigint[]) AND remaining >= 1', [lots]);
          await new Promise((r) => setTimeout(r, 5));
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      };
      await Promise.all(Array.from({ length: 24 }, (_, i) => take(i)));
      const rows = (await api.db.pool.query('SELECT id, (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots WHERE listing_id = listings.id) AS available, status FROM listings WHERE id = ANY ($1::bigint[]) ORDER BY id', [[a.id, b.id]])).rows;
      expect(rows).toEqual([
        { id: a.id, available: 56, status: 'ACTIVE' },
        { id: b.id, available: 56, status: 'ACTIVE' },
      ]);
    });
  });

  describe('povertyAlleviation', () => {
    const plainInput = (householdId: string) => ({ originVillageId: w.villages.plain, supply: [{ householdId, quantity: 5 }] });

    it('is false for an ordinary village with no registered-poor supplier, true with one that has stock', async () => {
      expect((await create(plainInput(w.households.exited))).povertyAlleviation).toBe(false);
      expect((await create(plainInput(w.households.plain))).povertyAlleviation).toBe(false);
      const withPoor = await create(plainInput(w.households.poorA));
      expect(withPoor.povertyAlleviation).toBe(true);
      // the poor household's lot sold out: the flag goes, though the listing is still on sale
      await api.gql(ADD, { listingId: withPoor.id, supply: { householdId: w.households.plain, quantity: 4 } }, w.users.operator.token);
      await api.db.pool.query(`UPDATE supply_lots SET remaining = 0 WHERE listing_id = $1 AND household_id = $2`, [withPoor.id, w.households.poorA]);
      expect((await api.gql(ONE, { id: withPoor.id })).data!.listing).toMatchObject({ status: 'ACTIVE', available: 4, povertyAlleviation: false });
    });

    it("follows a household's status change (domain event household.status-changed)", async () => {
      const l = await create(plainInput(w.households.plain));
      expect(l.povertyAlleviation).toBe(false);
      const events = api.app.get(DomainEvents);
      const dataSource = api.app.get(DataSource);
      const setStatus = (status: string) =>
        inTransaction(dataSource, async (tx) => {
          await tx.manager.query(`UPDATE households SET poverty_status = $2 WHERE id = $1`, [w.households.plain, status]);
          await events.emit(tx, 'household.status-changed', { changes: [{ householdId: w.households.plain, effectiveAt: new Date() }] });
        });
      await setStatus('REGISTERED_POOR');
      expect((await api.gql(ONE, { id: l.id })).data!.listing.povertyAlleviation).toBe(true);
      await setStatus('EXITED');
      expect((await api.gql(ONE, { id: l.id })).data!.listing.povertyAlleviation).toBe(false);
      await setStatus('NOT_REGISTERED');
    });
  });

  describe('povertyAlleviation through the registry', () => {
    it("follows setPovertyStatus by the county's official", async () => {
      const l = await create({ originVillageId: w.villages.plain, supply: [{ householdId: w.households.exited, quantity: 5 }] });
      expect(l.povertyAlleviation).toBe(false);
      const SET = `mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { id povertyStatus } }`;
      const poor = await api.gql(SET, { input: { householdId: w.households.exited, status: 'REGISTERED_POOR', category: 'GENERAL' } }, w.users.official.token);
      expect(poor.errors).toBeUndefined();
      expect((await api.gql(ONE, { id: l.id })).data!.listing.povertyAlleviation).toBe(true);
      const exited = await api.gql(SET, { input: { householdId: w.households.exited, status: 'EXITED' } }, w.users.official.token);
      expect(exited.errors).toBeUndefined();
      expect((await api.gql(ONE, { id: l.id })).data!.listing.povertyAlleviation).toBe(false);
    });
  });

  describe('updateListing and addSupply', () => {
    it("changes text and price for the listing's own station", async () => {
      const l = await create();
      const r = await api.gql(UPDATE, { id: l.id, input: { title: '花椒 Sichuan pepper', description: '涉县大红袍花椒', category: '调味品', priceFen: 6800 } }, w.users.operator.token);
      expect(r.data!.updateListing).toEqual({ id: l.id, title: '花椒 Sichuan pepper', description: '涉县大红袍花椒', category: '调味品', priceFen: 6800, status: 'ACTIVE', available: 50 });
      const onlyPrice = await api.gql(UPDATE, { id: l.id, input: { priceFen: 7000 } }, w.users.admin.token);
      expect(onlyPrice.data!.updateListing).toMatchObject({ title: '花椒 Sichuan pepper', priceFen: 7000 });
    });

    it("is FORBIDDEN to another station's operator, and changes nothing", async () => {
      const l = await create();
      const r = await api.gql(UPDATE, { id: l.id, input: { priceFen: 1 } }, w.users.secondOperator.token);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const s = await api.gql(ADD, { listingId: l.id, supply: { householdId: w.households.poorA, quantity: 1 } }, w.users.secondOperator.token);
      expect(s.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(UPDATE, { id: l.id, input: { priceFen: 1 } }, w.users.buyer.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.db.pool.query('SELECT price_fen, (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots WHERE listing_id = listings.id) AS available FROM listings WHERE id = $1', [l.id])).rows[0]).toEqual({ price_fen: '2800', available: 50 });
    });

    it('validates the input with its field', async () => {
      const l = await create();
      expect((await api.gql(UPDATE, { id: l.id, input: { title: '' } }, w.users.operator.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
      expect((await api.gql(UPDATE, { id: l.id, input: { priceFen: 0 } }, w.users.operator.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.priceFen' });
      expect((await api.gql(UPDATE, { id: l.id, input: { status: 'SOLD_OUT' } }, w.users.operator.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
      expect((await api.gql(ADD, { listingId: l.id, supply: { householdId: w.households.poorA, quantity: 0 } }, w.users.operator.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'supply.quantity' });
      expect((await api.gql(UPDATE, { id: '999999', input: { priceFen: 5 } }, w.users.operator.token)).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      expect((await api.db.pool.query('SELECT title, price_fen, status FROM listings WHERE id = $1', [l.id])).rows[0]).toEqual({ title: input().title, price_fen: '2800', status: 'ACTIVE' });
    });

    it('pauses, resumes and archives; an archived listing is final', async () => {
      const l = await create();
      const set = (status: string) => api.gql(UPDATE, { id: l.id, input: { status } }, w.users.operator.token);
      expect((await set('PAUSED')).data!.updateListing.status).toBe('PAUSED');
      expect((await api.gql(ONE, { id: l.id }, w.users.buyer.token)).data!.listing).toBeNull();
      expect((await set('ACTIVE')).data!.updateListing.status).toBe('ACTIVE');
      expect((await set('DRAFT')).errors?.[0].extensions?.code).toBe('INVALID_STATE');
      expect((await set('ARCHIVED')).data!.updateListing.status).toBe('ARCHIVED');
      expect((await set('ACTIVE')).errors?.[0].extensions?.code).toBe('INVALID_STATE');
      expect((await api.gql(UPDATE, { id: l.id, input: { title: 'again' } }, w.users.operator.token)).errors?.[0].extensions?.code).toBe('INVALID_STATE');
      const lots = await lotCount();
      expect((await api.gql(ADD, { listingId: l.id, supply: { householdId: w.households.poorA, quantity: 1 } }, w.users.operator.token)).errors?.[0].extensions?.code).toBe('INVALID_STATE');
      expect(await lotCount()).toBe(lots);
    });

    it("refuses supply from a household outside the listing station's villages", async () => {
      const l = (await api.gql(CREATE, { input: input({ supply: [{ householdId: w.households.poorA, quantity: 2 }] }) }, w.users.secondOperator.token)).data!.createListing;
      const lots = await lotCount();
      const r = await api.gql(ADD, { listingId: l.id, supply: { householdId: w.households.plain, quantity: 1 } }, w.users.secondOperator.token);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const missing = await api.gql(ADD, { listingId: l.id, supply: { householdId: '999999', quantity: 1 } }, w.users.secondOperator.token);
      expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'supply.householdId' });
      expect(await lotCount()).toBe(lots);
    });
  });
});
