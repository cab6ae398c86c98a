import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createWorld, GqlResult, startTestApi, TestApi, World } from '@app/testing';
import { ADDRESS, createListing } from './orders-fixtures';
import { changedTables, fingerprint } from './hostile-fixtures';

/*
 * Random valid and invalid input thrown at placeOrder (with cancellations between), createListing and
 * importHouseholds, over HTTP; after every call the books must hold: stock never negative and always
 * what the allocations left, every order whole (lines, allocations, fulfilments, ledger entry), the
 * trial balance balanced, every listing with its lots, every import row applied whole or not at all.
 * A call that fails fails with a contract code (never INTERNAL_SERVER_ERROR) and changes nothing.
 */

const CONTRACT_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'INSUFFICIENT_STOCK', 'PAYMENT_DECLINED', 'INVALID_STATE', 'CONFLICT', 'RATE_LIMITED'];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

function expectContractFailure(r: GqlResult): void {
  expect(r.status).toBeLessThan(500);
  for (const e of r.errors!) expect(CONTRACT_CODES).toContain(e.extensions?.code);
}

describe('invariants under random input', () => {
  let api: TestApi;
  let world: World;
  const rows = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => (await api.db.pool.query(sql, params)).rows as T[];

  beforeAll(async () => {
    api = await startTestApi({ rateLimitLoginPerMinute: 0 });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Stock and catalog: lots within 0..quantity, the status and povertyAlleviation the lots imply, every listing with lots. */
  async function expectStockConsistent(): Promise<void> {
    expect(await rows(`SELECT id FROM supply_lots WHERE remaining < 0 OR remaining > quantity`)).toEqual([]);
    expect(
      await rows(
        `SELECT l.id, l.status, l.poverty_alleviation FROM listings l JOIN villages v ON v.id = l.origin_village_id
           LEFT JOIN supply_lots s ON s.listing_id = l.id LEFT JOIN households h ON h.id = s.household_id
          GROUP BY l.id, v.poverty_stricken
         HAVING (l.status = 'ACTIVE' AND COALESCE(sum(s.remaining), 0) = 0) OR (l.status = 'SOLD_OUT' AND COALESCE(sum(s.remaining), 0) > 0)
             OR l.poverty_alleviation <> (COALESCE(bool_or(s.remaining > 0 AND h.poverty_status = 'REGISTERED_POOR'), false) OR v.poverty_stricken)`,
      ),
    ).toEqual([]);
    expect(await rows(`SELECT l.id FROM listings l WHERE NOT EXISTS (SELECT 1 FROM supply_lots s WHERE s.listing_id = l.id)`)).toEqual([]);
  }

  /** Orders: whole, their stock taken exactly, their money booked, the trial balance balanced. */
  async function expectOrdersConsistent(): Promise<void> {
    // What each lot has given is what the allocations of live orders hold.
    expect(
      await rows(
        `SELECT s.id, s.quantity - s.remaining AS taken, COALESCE(a.q, 0) AS allocated FROM supply_lots s
           LEFT JOIN (SELECT a.lot_id, sum(a.quantity)::int AS q FROM allocations a JOIN orders o ON o.id = a.order_id WHERE o.status <> 'CANCELLED' GROUP BY a.lot_id) a ON a.lot_id = s.id
          WHERE s.quantity - s.remaining <> COALESCE(a.q, 0)`,
      ),
    ).toEqual([]);
    // No order without lines, no line without its allocations, totals as the lines say.
    expect(await rows(`SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)`)).toEqual([]);
    expect(
      await rows(
        `SELECT l.id FROM order_lines l LEFT JOIN (SELECT order_line_id, sum(quantity)::int AS q FROM allocations GROUP BY order_line_id) a ON a.order_line_id = l.id
          WHERE COALESCE(a.q, 0) <> l.quantity OR l.line_total_fen <> l.quantity * l.unit_price_fen`,
      ),
    ).toEqual([]);
    expect(await rows(`SELECT o.id FROM orders o WHERE o.total_fen <> (SELECT sum(line_total_fen) FROM order_lines l WHERE l.order_id = o.id)`)).toEqual([]);
    // Every allocation in a fulfilment of its own order; every order with fulfilments.
    expect(await rows(`SELECT a.id FROM allocations a LEFT JOIN fulfillments f ON f.id = a.fulfillment_id WHERE f.id IS NULL OR f.order_id <> a.order_id`)).toEqual([]);
    expect(await rows(`SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM fulfillments f WHERE f.order_id = o.id)`)).toEqual([]);
    // The fees of every allocation as docs/design.md, "Money" computes them.
    expect(
      await rows(
        `SELECT a.id FROM allocations a JOIN order_lines l ON l.id = a.order_line_id
          WHERE a.gross_fen <> a.quantity * l.unit_price_fen OR a.supplier_net_fen <> a.gross_fen - a.station_commission_fen - a.platform_fee_fen
             OR a.platform_fee_fen <> (a.gross_fen * ${api.config.platformFeeBps}) / 10000`,
      ),
    ).toEqual([]);
    // The ledger: each entry balanced; escrow holds the total of the live orders; one entry per order placed.
    expect(await rows(`SELECT entry_id FROM journal_lines GROUP BY entry_id HAVING sum(debit_fen) <> sum(credit_fen)`)).toEqual([]);
    const [money] = await rows(
      `SELECT (SELECT COALESCE(sum(credit_fen - debit_fen), 0) FROM journal_lines WHERE account = 'escrow')::text AS escrow,
              (SELECT COALESCE(sum(total_fen), 0) FROM orders WHERE status <> 'CANCELLED')::text AS live,
              (SELECT count(*) FROM orders)::int AS orders,
              (SELECT count(*) FROM journal_entries WHERE kind = 'ORDER_PLACED')::int AS placed`,
    );
    expect(money.escrow).toBe(money.live);
    expect(money.placed).toBe(money.orders);
    const trial = await api.gql(`{ trialBalance { totalDebitsFen totalCreditsFen balanced } }`, {}, world.users.admin.token);
    expect((trial.data as any).trialBalance.balanced).toBe(true);
    expect((trial.data as any).trialBalance.totalDebitsFen).toBe((trial.data as any).trialBalance.totalCreditsFen);
  }

  it('placeOrder and cancelOrder: stock never negative, no order without its allocations, trial balance balanced', async () => {
    const lot = (householdId: string, quantity: number) => ({ householdId, quantity });
    const precision = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 1990,
      lots: [lot(world.households.poorA, 40), lot(world.households.poorB, 30), lot(world.households.notRegistered, 20)],
    });
    const fifo = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.plain,
      countyId: world.county.id,
      priceFen: 333,
      policy: 'FIFO',
      lots: [lot(world.households.plain, 25), lot(world.households.exited, 15)],
    });
    const elsewhere = await createListing(api.db.pool, {
      stationId: world.stations.other,
      originVillageId: world.villages.other,
      countyId: world.otherCounty.id,
      priceFen: 777,
      lots: [lot(world.households.other, 30)],
    });
    const draft = await createListing(api.db.pool, {
      stationId: world.stations.main,
      originVillageId: world.villages.poor,
      countyId: world.county.id,
      priceFen: 100,
      status: 'DRAFT',
      lots: [lot(world.households.poorA, 10)],
    });

    const callers = { buyer: world.users.buyer, otherBuyer: world.users.otherBuyer, operator: world.users.operator, official: world.users.official };
    const line = fc.record({
      listingId: fc.constantFrom(precision.id, precision.id, fifo.id, elsewhere.id, draft.id, '999999', 'abc'),
      quantity: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -3, 10_001, 1.5, 2 ** 31) }),
    });
    const delivery = fc.constantFrom<Record<string, unknown>>(
      { shippingAddress: ADDRESS },
      { shippingAddress: ADDRESS },
      { pickupStationId: world.stations.main },
      { pickupStationId: world.stations.other },
      { pickupStationId: '999999' },
      { shippingAddress: ADDRESS, pickupStationId: world.stations.main },
      {},
      { shippingAddress: { ...ADDRESS, phone: 'call me' } },
    );
    const place = fc.record({
      kind: fc.constant('place' as const),
      caller: fc.constantFrom<keyof typeof callers>('buyer', 'buyer', 'otherBuyer', 'operator', 'official'),
      lines: fc.array(line, { minLength: 0, maxLength: 3 }),
      delivery,
      key: fc.oneof(fc.uuid(), fc.constantFrom('repeat-1', 'repeat-2', '')),
      paymentToken: fc.constantFrom('tok_visa', 'tok_visa', 'tok_visa', 'decline', ''),
    });
    const cancel = fc.record({ kind: fc.constant('cancel' as const), caller: fc.constantFrom<keyof typeof callers>('buyer', 'otherBuyer', 'operator'), pick: fc.nat() });

    const firstOrderOfKey = new Map<string, string>();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ weight: 4, arbitrary: place }, { weight: 1, arbitrary: cancel }), { minLength: 1, maxLength: 3 }), async (commands) => {
        for (const command of commands) {
          const before = await fingerprint(api.db.pool);
          const caller = callers[command.caller];
          let r: GqlResult;
          if (command.kind === 'place') {
            const input = { idempotencyKey: command.key, lines: command.lines, paymentToken: command.paymentToken, ...command.delivery };
            r = await api.gql(`mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id totalFen lines { quantity unitPriceFen listing { id } } } }`, { input }, caller.token);
            if (!r.errors) {
              const order = (r.data as any).placeOrder;
              const repeatOf = firstOrderOfKey.get(`${caller.id}/${command.key}`);
              if (repeatOf) {
                // A repeat of a key returns the first order and writes nothing.
                expect(order.id).toBe(repeatOf);
                expect(changedTables(before, await fingerprint(api.db.pool))).toEqual([]);
              } else {
                firstOrderOfKey.set(`${caller.id}/${command.key}`, order.id);
                const asked = new Map<string, number>();
                for (const l of command.lines) asked.set(l.listingId, (asked.get(l.listingId) ?? 0) + l.quantity);
                const got = new Map<string, number>();
                for (const l of order.lines) got.set(l.listing.id, (got.get(l.listing.id) ?? 0) + l.quantity);
                expect(got).toEqual(asked);
              }
            }
          } else {
            const [target] = await rows<{ id: string }>(`SELECT id::text FROM orders ORDER BY id OFFSET $1 LIMIT 1`, [command.pick % Math.max(1, (await rows(`SELECT 1 FROM orders`)).length)]);
            r = await api.gql(`mutation ($id: ID!) { cancelOrder(id: $id) { id status } }`, { id: target?.id ?? '1' }, caller.token);
            if (!r.errors) expect((r.data as any).cancelOrder.status).toBe('CANCELLED');
          }
          if (r.errors) {
            expectContractFailure(r);
            expect(changedTables(before, await fingerprint(api.db.pool))).toEqual([]);
          }
          await expectStockConsistent();
          await expectOrdersConsistent();
        }
      }),
      {
        numRuns: RUNS,
        endOnFailure: true,
        // Random inputs are mostly refused; one known-good run makes sure the invariants also see a placed order.
        examples: [[[{ kind: 'place', caller: 'buyer', lines: [{ listingId: precision.id, quantity: 1 }], delivery: { shippingAddress: ADDRESS }, key: 'known-good', paymentToken: 'tok_visa' }]]],
      },
    );
    // The runs did place and refuse orders, both.
    const [{ n }] = await rows(`SELECT count(*)::int AS n FROM orders`);
    expect(n).toBeGreaterThan(0);
  });

  it('createListing: a listing is created whole with exactly its lots, or not at all', async () => {
    const callers = { operator: world.users.operator, secondOperator: world.users.secondOperator, otherOperator: world.users.otherOperator, official: world.users.official };
    const stationOf: Record<string, string> = { operator: world.stations.main, secondOperator: world.stations.second, otherOperator: world.stations.other };
    type Lot = { householdId: string; quantity: number };
    // Mostly valid values, so that listings do get created; now and then one that must be refused.
    const text = (max: number) =>
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('核桃', 'walnuts', `x'); DROP TABLE listings;--`, '<b>花椒</b>', '小米 millet') },
        { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).filter((t) => /\S/.test(t)) },
        { weight: 1, arbitrary: fc.constantFrom('', '   ', 'x'.repeat(max + 1)) },
      );
    const input = fc.record({
      caller: fc.constantFrom<keyof typeof callers>('operator', 'operator', 'operator', 'operator', 'secondOperator', 'otherOperator', 'official'),
      title: text(200),
      description: fc.oneof({ weight: 9, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: fc.constant('d'.repeat(5001)) }),
      category: text(60),
      unit: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('kg', '斤', 'box') }, { weight: 1, arbitrary: text(30) }),
      priceFen: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 100_000 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 10_000_000_001, 2 ** 53 + 2) }),
      originVillageId: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(world.villages.poor, world.villages.plain) }, { weight: 1, arbitrary: fc.constantFrom(world.villages.other, '999999', 'abc') }),
      supply: fc.oneof(
        {
          weight: 9,
          arbitrary: fc.uniqueArray(
            fc.record({
              householdId: fc.oneof(
                { weight: 9, arbitrary: fc.constantFrom(world.households.poorA, world.households.poorB, world.households.notRegistered, world.households.plain, world.households.exited) },
                { weight: 1, arbitrary: fc.constantFrom(world.households.other, '999999', 'x') },
              ),
              quantity: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 500 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -2, 1_000_001, 2.5) }),
            }),
            { minLength: 1, maxLength: 4, selector: (s: Lot) => s.householdId },
          ) as fc.Arbitrary<Lot[]>,
        },
        { weight: 1, arbitrary: fc.constantFrom<Lot[]>([], [{ householdId: world.households.poorA, quantity: 1 }, { householdId: world.households.poorA, quantity: 2 }]) },
      ),
      publish: fc.constantFrom(true, false, null, undefined),
      allocationPolicy: fc.constantFrom('PRECISION', 'FIFO', null, undefined),
    });

    let created = 0;
    await fc.assert(
      fc.asyncProperty(input, async ({ caller, ...fields }) => {
        const before = await fingerprint(api.db.pool);
        const variables = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
        const r = await api.gql(
          `mutation ($input: CreateListingInput!) { createListing(input: $input) { id title description category unit priceFen status allocationPolicy available station { id } originVillage { id } } }`,
          { input: variables },
          callers[caller].token,
        );
        if (r.errors) {
          expectContractFailure(r);
          expect(changedTables(before, await fingerprint(api.db.pool))).toEqual([]);
        } else {
          created++;
          const listing = (r.data as any).createListing;
          const total = fields.supply.reduce((sum, s) => sum + s.quantity, 0);
          expect(listing).toMatchObject({
            title: fields.title,
            priceFen: fields.priceFen,
            status: fields.publish === false ? 'DRAFT' : 'ACTIVE',
            allocationPolicy: fields.allocationPolicy ?? 'PRECISION',
            available: total,
            station: { id: stationOf[caller] },
            originVillage: { id: fields.originVillageId },
          });
          const lots = await rows(`SELECT household_id::text AS "householdId", quantity, remaining FROM supply_lots WHERE listing_id = $1 ORDER BY id`, [listing.id]);
          expect(lots).toEqual(fields.supply.map((s) => ({ householdId: s.householdId, quantity: s.quantity, remaining: s.quantity })));
          expect(changedTables(before, await fingerprint(api.db.pool)).sort()).toEqual(expect.arrayContaining(['listings', 'supply_lots']));
        }
        await expectStockConsistent();
      }),
      { numRuns: RUNS * 2, endOnFailure: true },
    );
    expect(created).toBeGreaterThan(0);
  });

  it('importHouseholds: every row applied whole or not at all, the registry and its history consistent', async () => {
    const COLUMNS = ['registry_number', 'head_name', 'members', 'village_code', 'poverty_status', 'poverty_category', 'payout_account', 'effective_date'] as const;
    type Row = Record<(typeof COLUMNS)[number], string>;
    const row: fc.Arbitrary<Row> = fc.record({
      registry_number: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'SX-0001', 'SX-0003') }, { weight: 1, arbitrary: fc.constantFrom('WX-0001', '', 'not a number!') }),
      head_name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('王秀英', '李建国', `O'Brien; DROP TABLE households`, ' 张 伟 ') }, { weight: 1, arbitrary: fc.constantFrom('', '名'.repeat(101)) }),
      members: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 100 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom('0', '101', '-1', '3.5', 'four') }),
      village_code: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('130426100201', '130426100202') }, { weight: 1, arbitrary: fc.constantFrom('130434100201', '999999999999', '') }),
      poverty_status: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('NOT_REGISTERED', 'REGISTERED_POOR', 'EXITED') }, { weight: 1, arbitrary: fc.constantFrom('RICH', '') }),
      poverty_category: fc.constantFrom('', '', 'GENERAL', 'MINIMUM_SUBSISTENCE', 'FIVE_GUARANTEE', 'OTHER'),
      payout_account: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('6228480000001234', '6228 4800 0000 5678', 'ACC-99') }, { weight: 1, arbitrary: fc.constantFrom('', '12', '!!!!') }),
      effective_date: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('2016-01-01', '2019-07-01', '2021-12-31', '2024-02-29') }, { weight: 1, arbitrary: fc.constantFrom('2023-02-29', '2999-01-01', '01/02/2020', '') }),
    });
    const file = fc.record({
      order: fc.shuffledSubarray([...COLUMNS], { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
      rows: fc.array(row, { minLength: 1, maxLength: 8 }),
      ragged: fc.boolean(),
      caller: fc.constantFrom('official', 'official', 'admin', 'otherOfficial'),
    });
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const HOUSEHOLD = `SELECT h.id::text, h.registry_number, h.head_name, h.members, v.code AS village_code, h.county_id::text, h.payout_account, h.poverty_status::text, h.poverty_category::text,
                              (SELECT json_agg(json_build_array(status, category, effective_at) ORDER BY id) FROM poverty_status_history p WHERE p.household_id = h.id) AS history
                         FROM households h JOIN villages v ON v.id = h.village_id`;
    const byRegistry = async () => new Map((await rows(HOUSEHOLD)).map((h) => [h.registry_number as string, h]));

    let applied = 0;
    await fc.assert(
      fc.asyncProperty(file, async ({ order, rows: data, ragged, caller }) => {
        const lines = data.map((r) => order.map((c) => quote(r[c])).join(','));
        if (ragged) lines.push(`${quote('P-9')},${quote('短行')}`);
        const csv = [order.join(','), ...lines].join('\n');
        const before = await byRegistry();
        const snapshot = await fingerprint(api.db.pool);
        const token = (world.users as any)[caller].token as string;
        const r = await api.gql(`mutation ($c: ID!, $csv: String!) { importHouseholds(countyId: $c, csv: $csv) { created updated rejected { line reason } } }`, { c: world.county.id, csv }, token);
        if (r.errors) {
          expectContractFailure(r);
          expect(caller).toBe('otherOfficial');
          expect(changedTables(snapshot, await fingerprint(api.db.pool))).toEqual([]);
          return;
        }
        const report = (r.data as any).importHouseholds as { created: number; updated: number; rejected: Array<{ line: number; reason: string }> };
        const rejected = new Set(report.rejected.map((x) => x.line));
        expect(rejected.size).toBe(report.rejected.length);
        for (const line of rejected) expect(line >= 2 && line <= lines.length + 1).toBe(true);
        if (ragged) expect(rejected.has(lines.length + 1)).toBe(true);
        const after = await byRegistry();

        // Each row not rejected is in the registry whole, its status in force from its date.
        const appliedNumbers = new Set<string>();
        for (const [i, r0] of data.entries()) {
          if (rejected.has(i + 2)) continue;
          applied++;
          const number = r0.registry_number.trim();
          expect(appliedNumbers.has(number)).toBe(false);
          appliedNumbers.add(number);
          const h = after.get(number);
          expect(h).toMatchObject({
            head_name: r0.head_name.trim(),
            members: Number(r0.members),
            village_code: r0.village_code,
            county_id: world.county.id,
            payout_account: r0.payout_account.replace(/\s+/g, ''),
          });
          const effective = new Date(`${r0.effective_date}T00:00:00+08:00`).getTime();
          const inForce = (h.history as Array<[string, string | null, string]>)
            .filter(([, , at]) => new Date(at).getTime() <= effective)
            .sort((a, b) => new Date(a[2]).getTime() - new Date(b[2]).getTime())
            .pop();
          // Before its first entry a household counts as NOT_REGISTERED (the registry's own rule).
          expect(inForce?.slice(0, 2) ?? ['NOT_REGISTERED', null]).toEqual([r0.poverty_status, r0.poverty_category || null]);
        }
        // Rows rejected leave their household as it was (or absent).
        for (const [i, r0] of data.entries()) {
          const number = r0.registry_number.trim();
          if (!rejected.has(i + 2) || appliedNumbers.has(number)) continue;
          expect(after.get(number)).toEqual(before.get(number));
        }
        // Nothing else moved: households not named by an applied row are as they were.
        for (const [number, h] of before) if (!appliedNumbers.has(number)) expect(after.get(number)).toEqual(h);
        expect([...after.keys()].filter((n) => !before.has(n) && !appliedNumbers.has(n))).toEqual([]);
        expect(report.created).toBe([...appliedNumbers].filter((n) => !before.has(n)).length);

        // Every household has a history, and its cached status is the one in force now.
        expect(await rows(`SELECT h.id FROM households h WHERE NOT EXISTS (SELECT 1 FROM poverty_status_history p WHERE p.household_id = h.id)`)).toEqual([]);
        expect(
          await rows(
            `SELECT h.id FROM households h CROSS JOIN LATERAL (SELECT status, category FROM poverty_status_history p WHERE p.household_id = h.id AND p.effective_at <= now() ORDER BY effective_at DESC, id DESC LIMIT 1) cur
              WHERE (cur.status, cur.category) IS DISTINCT FROM (h.poverty_status, h.poverty_category)`,
          ),
        ).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(applied).toBeGreaterThan(0);
  });
});
