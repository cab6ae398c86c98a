import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { ADDRESS, createHousehold, createListing, createUser, footprint, placeOrder, remaining } from './orders-fixtures';

// placeOrder end to end: allocation, money, routing, ledger, validation and who may order. Commission
// is the world's 500 bps, the platform fee the default 300 bps.

describe('placing an order', () => {
  let api: TestApi;
  let world: World;
  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  const listingAtMain = (priceFen: number, lots: Array<{ householdId: string; quantity: number; createdAt?: string }>, policy: 'PRECISION' | 'FIFO' = 'PRECISION') =>
    createListing(api.db.pool, { stationId: world.stations.main, originVillageId: world.villages.poor, countyId: world.county.id, priceFen, policy, lots });

  it('allocates by PRECISION, prices every allocation, routes to the listing station and books the ledger', async () => {
    const poor = await createHousehold(api.db.pool, world.villages.poor, world.county.id, 'REGISTERED_POOR');
    const notRegistered = await createHousehold(api.db.pool, world.villages.poor, world.county.id, 'NOT_REGISTERED');
    const exited = await createHousehold(api.db.pool, world.villages.plain, world.county.id, 'EXITED');
    const listing = await listingAtMain(2550, [
      { householdId: notRegistered, quantity: 10, createdAt: daysAgo(3) },
      { householdId: poor, quantity: 5, createdAt: daysAgo(1) },
      { householdId: exited, quantity: 10, createdAt: daysAgo(5) },
    ]);

    const r = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 7 }]);
    expect(r.errors).toBeUndefined();
    const order = r.data!.placeOrder as any;
    expect(order).toMatchObject({
      status: 'PLACED',
      totalFen: 17_850,
      shippingAddress: ADDRESS,
      pickupStation: null,
      buyer: { id: world.users.buyer.id },
      lines: [{ quantity: 7, unitPriceFen: 2550, lineTotalFen: 17_850, listing: { id: listing.id }, allocations: null }],
      fulfillments: [{ status: 'ROUTED', station: { id: world.stations.main } }],
    });
    expect(order.fulfillments[0].lines).toEqual([{ id: order.lines[0].id }]);

    // The registered-poor household first (whatever its lot's age), then the older of the others.
    const { rows: allocations } = await api.db.pool.query(
      `SELECT household_id::text, lot_id::text, quantity, gross_fen::int, station_commission_fen::int AS commission, platform_fee_fen::int AS fee,
              supplier_net_fen::int AS net, status_at_placement, poverty_status_at_sale, village_poverty_stricken_at_sale AS stricken,
              listing_station_id::text, village_id::text, county_id::text, fulfillment_id::text, order_line_id::text,
              placed_at = (SELECT placed_at FROM orders WHERE id = $1) AS same_instant
         FROM allocations WHERE order_id = $1 ORDER BY id`,
      [order.id],
    );
    const common = { listing_station_id: world.stations.main, county_id: world.county.id, fulfillment_id: order.fulfillments[0].id, order_line_id: order.lines[0].id, same_instant: true };
    expect(allocations).toEqual([
      // 5 x 2550 = 12750: commission floor(637.5) = 637, fee floor(382.5) = 382, net 11731.
      { household_id: poor, lot_id: listing.lotIds[1], quantity: 5, gross_fen: 12_750, commission: 637, fee: 382, net: 11_731, status_at_placement: 'REGISTERED_POOR', poverty_status_at_sale: 'REGISTERED_POOR', stricken: true, village_id: world.villages.poor, ...common },
      // 2 x 2550 = 5100: commission 255, fee 153, net 4692; the plain village is not poverty-stricken.
      { household_id: exited, lot_id: listing.lotIds[2], quantity: 2, gross_fen: 5100, commission: 255, fee: 153, net: 4692, status_at_placement: 'EXITED', poverty_status_at_sale: 'EXITED', stricken: false, village_id: world.villages.plain, ...common },
    ]);
    expect(await remaining(api.db.pool, listing.lotIds)).toEqual([10, 0, 8]);
    const { rows: [listingRow] } = await api.db.pool.query(`SELECT (SELECT COALESCE(sum(remaining), 0)::int FROM supply_lots WHERE listing_id = listings.id) AS available, status FROM listings WHERE id = $1`, [listing.id]);
    expect(listingRow).toEqual({ available: 18, status: 'ACTIVE' });

    const { rows: ledger } = await api.db.pool.query(
      `SELECT e.kind, l.account, l.debit_fen::int AS debit, l.credit_fen::int AS credit
         FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id WHERE e.reference = $1 ORDER BY l.account`,
      [order.id],
    );
    expect(ledger).toEqual([
      { kind: 'ORDER_PLACED', account: 'escrow', debit: 0, credit: 17_850 },
      { kind: 'ORDER_PLACED', account: 'gateway:clearing', debit: 17_850, credit: 0 },
    ]);
    const { rows: [stored] } = await api.db.pool.query(
      `SELECT o.payment_reference, f.routed_day::text = (now() AT TIME ZONE 'Asia/Shanghai')::date::text AS today,
              (SELECT routed FROM station_day_loads d WHERE d.station_id = f.station_id AND d.day = f.routed_day) AS routed
         FROM orders o JOIN fulfillments f ON f.order_id = o.id WHERE o.id = $1`,
      [order.id],
    );
    expect(stored).toEqual({ payment_reference: expect.stringMatching(/^sbx_/), today: true, routed: 1 });
    const { rows: [placed] } = await api.db.pool.query(`SELECT placed_at FROM orders WHERE id = $1`, [order.id]);
    expect(order.placedAt).toBe(placed.placed_at.toISOString());

    // An admin sees which households supplied the line; the buyer does not.
    const asAdmin = await api.gql(
      `query ($id: ID!) { order(id: $id) { lines { allocations { quantity grossFen stationCommissionFen platformFeeFen supplierNetFen povertyStatusAtSale household { id } } } } }`,
      { id: order.id },
      world.users.admin.token,
    );
    expect((asAdmin.data as any).order.lines[0].allocations).toEqual([
      { quantity: 5, grossFen: 12_750, stationCommissionFen: 637, platformFeeFen: 382, supplierNetFen: 11_731, povertyStatusAtSale: 'REGISTERED_POOR', household: { id: poor } },
      { quantity: 2, grossFen: 5100, stationCommissionFen: 255, platformFeeFen: 153, supplierNetFen: 4692, povertyStatusAtSale: 'EXITED', household: { id: exited } },
    ]);
    const asBuyer = await api.gql(`query ($id: ID!) { order(id: $id) { lines { allocations { id } } } }`, { id: order.id }, world.users.buyer.token);
    expect(asBuyer.data).toEqual({ order: { lines: [{ allocations: null }] } });
  });

  it('PRECISION: the registered-poor household with the least income over 90 days (non-cancelled orders) first, splitting across lots', async () => {
    const p1 = await createHousehold(api.db.pool, world.villages.poor, world.county.id, 'REGISTERED_POOR');
    const p2 = await createHousehold(api.db.pool, world.villages.poor, world.county.id, 'REGISTERED_POOR');
    const n1 = await createHousehold(api.db.pool, world.villages.poor, world.county.id, 'NOT_REGISTERED');
    // Earlier income: p1 sold 3 units (net 2760) on another listing; p2's sales are older than 90 days or cancelled.
    const other1 = await listingAtMain(1000, [{ householdId: p1, quantity: 3 }]);
    const other2 = await listingAtMain(1000, [{ householdId: p2, quantity: 10 }]);
    expect((await placeOrder(api, world.users.otherBuyer.token, [{ listingId: other1.id, quantity: 3 }])).errors).toBeUndefined();
    const old = await placeOrder(api, world.users.otherBuyer.token, [{ listingId: other2.id, quantity: 5 }]);
    // As if placed 91 days ago: the allocations and the household's income of that day.
    await api.db.pool.query(`UPDATE allocations SET placed_at = now() - interval '91 days' WHERE order_id = $1`, [(old.data as any).placeOrder.id]);
    await api.db.pool.query(`UPDATE household_income_days SET day = day - 91 WHERE household_id = $1`, [p2]);
    const cancelled = await placeOrder(api, world.users.otherBuyer.token, [{ listingId: other2.id, quantity: 4 }]);
    const cancel = await api.gql(`mutation ($id: ID!) { cancelOrder(id: $id) { status } }`, { id: (cancelled.data as any).placeOrder.id }, world.users.otherBuyer.token);
    expect(cancel.data).toEqual({ cancelOrder: { status: 'CANCELLED' } });

    const listing = await listingAtMain(1000, [
      { householdId: n1, quantity: 10, createdAt: daysAgo(3) },
      { householdId: p1, quantity: 10, createdAt: daysAgo(2) },
      { householdId: p2, quantity: 10, createdAt: daysAgo(1) },
    ]);
    const [n1Lot, p1Lot, p2Lot] = listing.lotIds;
    const takes = async (quantity: number) => {
      const r = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity }]);
      expect(r.errors).toBeUndefined();
      const { rows } = await api.db.pool.query(`SELECT lot_id::text, quantity FROM allocations WHERE order_id = $1 ORDER BY id`, [(r.data as any).placeOrder.id]);
      return rows.map((x) => [x.lot_id, x.quantity]);
    };
    // p2 has no counted income (91 days ago, and a cancelled order), p1 has 2760: p2 first.
    expect(await takes(4)).toEqual([[p2Lot, 4]]);
    // Now p2 has 4 x 920 = 3680 > 2760: p1 first, its whole lot, then p2.
    expect(await takes(12)).toEqual([[p1Lot, 10], [p2Lot, 2]]);
    // p1 is empty; p2 before the not-registered household, whatever the lots' ages.
    expect(await takes(6)).toEqual([[p2Lot, 4], [n1Lot, 2]]);
    expect(await remaining(api.db.pool, listing.lotIds)).toEqual([8, 0, 0]);
    // The per-day income rollup agrees with the allocations of the non-cancelled orders.
    const { rows: incomes } = await api.db.pool.query(
      `SELECT h AS household,
              (SELECT COALESCE(sum(net_fen), 0)::int FROM household_income_days WHERE household_id = h) AS rollup,
              (SELECT COALESCE(sum(a.supplier_net_fen), 0)::int FROM allocations a JOIN orders o ON o.id = a.order_id
                WHERE a.household_id = h AND o.status <> 'CANCELLED') AS exact
         FROM unnest($1::bigint[]) AS h ORDER BY h`,
      [[p1, p2, n1]],
    );
    expect(incomes.map((r) => r.rollup)).toEqual(incomes.map((r) => r.exact));
    // p1: 13 units, p2: 5 + 4 + 2 + 4 units (the cancelled 4 not counted), n1: 2 units; 920 each.
    expect(incomes.map((r) => r.exact)).toEqual([13 * 920, 15 * 920, 2 * 920]);
  });

  it('FIFO: the oldest lot first whatever the household, then the lower lot id', async () => {
    const p = await createHousehold(api.db.pool, world.villages.poor, world.county.id, 'REGISTERED_POOR');
    const n = await createHousehold(api.db.pool, world.villages.poor, world.county.id, 'NOT_REGISTERED');
    const same = daysAgo(4);
    const listing = await listingAtMain(
      800,
      [
        { householdId: p, quantity: 5, createdAt: daysAgo(1) },
        { householdId: n, quantity: 5, createdAt: daysAgo(3) },
        { householdId: p, quantity: 2, createdAt: same },
        { householdId: n, quantity: 2, createdAt: same },
      ],
      'FIFO',
    );
    const r = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 7 }]);
    expect(r.errors).toBeUndefined();
    const { rows } = await api.db.pool.query(`SELECT lot_id::text, quantity FROM allocations WHERE order_id = $1 ORDER BY id`, [(r.data as any).placeOrder.id]);
    const [, nLot, sameA, sameB] = listing.lotIds;
    expect(rows.map((x) => [x.lot_id, x.quantity])).toEqual([[sameA, 2], [sameB, 2], [nLot, 3]]);
    expect(await remaining(api.db.pool, listing.lotIds)).toEqual([5, 2, 0, 0]);
  });

  it('refuses bad input with the offending field, and writes nothing', async () => {
    const listing = await listingAtMain(500, [{ householdId: world.households.poorA, quantity: 100 }]);
    const paused = await listingAtMain(500, [{ householdId: world.households.poorA, quantity: 5 }]);
    await api.db.pool.query(`UPDATE listings SET status = 'PAUSED' WHERE id = $1`, [paused.id]);
    const draft = await createListing(api.db.pool, { stationId: world.stations.main, originVillageId: world.villages.poor, countyId: world.county.id, priceFen: 500, status: 'DRAFT', lots: [] });
    const line = { listingId: listing.id, quantity: 1 };
    const before = await footprint(api.db.pool);
    const cases: Array<[string, unknown[], Record<string, unknown>, string, string]> = [
      ['no lines', [], {}, 'BAD_USER_INPUT', 'input.lines'],
      ['21 lines', Array.from({ length: 21 }, () => line), {}, 'BAD_USER_INPUT', 'input.lines'],
      ['a zero quantity', [{ listingId: listing.id, quantity: 0 }], {}, 'BAD_USER_INPUT', 'input.lines.0.quantity'],
      ['a quantity above 10000', [{ listingId: listing.id, quantity: 10_001 }], {}, 'BAD_USER_INPUT', 'input.lines.0.quantity'],
      ['a listing id that is no id', [{ listingId: 'abc', quantity: 1 }], {}, 'BAD_USER_INPUT', 'input.lines.0.listingId'],
      ['the same listing twice', [line, { listingId: listing.id, quantity: 2 }], {}, 'BAD_USER_INPUT', 'input.lines.1.listingId'],
      ['an unknown listing', [line, { listingId: '999999', quantity: 1 }], {}, 'NOT_FOUND', 'input.lines.1.listingId'],
      ['a paused listing', [{ listingId: paused.id, quantity: 1 }], {}, 'INVALID_STATE', 'input.lines.0.listingId'],
      ['a draft listing', [{ listingId: draft.id, quantity: 1 }], {}, 'INVALID_STATE', 'input.lines.0.listingId'],
      ['both address and pickup station', [line], { shippingAddress: ADDRESS, pickupStationId: world.stations.main }, 'BAD_USER_INPUT', 'input.shippingAddress'],
      ['neither address nor pickup station', [line], { shippingAddress: null }, 'BAD_USER_INPUT', 'input.shippingAddress'],
      ['an empty recipient', [line], { shippingAddress: { ...ADDRESS, recipient: '  ' } }, 'BAD_USER_INPUT', 'input.shippingAddress.recipient'],
      ['a phone that is not digits', [line], { shippingAddress: { ...ADDRESS, phone: 'call me' } }, 'BAD_USER_INPUT', 'input.shippingAddress.phone'],
      ['an overlong address line', [line], { shippingAddress: { ...ADDRESS, line1: 'x'.repeat(201) } }, 'BAD_USER_INPUT', 'input.shippingAddress.line1'],
      ['an empty idempotency key', [line], { idempotencyKey: '' }, 'BAD_USER_INPUT', 'input.idempotencyKey'],
      ['an unknown pickup station', [line], { pickupStationId: '999999' }, 'NOT_FOUND', 'input.pickupStationId'],
    ];
    for (const [name, lines, extra, code, field] of cases) {
      const r = await placeOrder(api, world.users.buyer.token, lines as any, extra as any);
      expect([name, r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.field]).toEqual([name, code, field]);
    }
    expect(await footprint(api.db.pool)).toEqual(before);
  });

  it('a declined payment and an order for more than the stock change nothing at all', async () => {
    const a = await listingAtMain(700, [{ householdId: world.households.poorA, quantity: 3 }, { householdId: world.households.poorB, quantity: 2 }]);
    const b = await listingAtMain(900, [{ householdId: world.households.notRegistered, quantity: 4 }]);
    const before = await footprint(api.db.pool);

    const declined = await placeOrder(api, world.users.buyer.token, [{ listingId: a.id, quantity: 1 }], { paymentToken: 'decline' });
    expect(declined.errors?.[0].extensions?.code).toBe('PAYMENT_DECLINED');
    expect(await footprint(api.db.pool)).toEqual(before);

    // The first line alone could be served; the second cannot: nothing is taken from either.
    const short = await placeOrder(api, world.users.buyer.token, [{ listingId: a.id, quantity: 5 }, { listingId: b.id, quantity: 5 }]);
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', field: 'input.lines.1.quantity' });
    expect(await footprint(api.db.pool)).toEqual(before);

    // All of it is fine; then the listing is sold out, which is a stock problem too.
    expect((await placeOrder(api, world.users.buyer.token, [{ listingId: a.id, quantity: 5 }])).errors).toBeUndefined();
    expect(await remaining(api.db.pool, a.lotIds)).toEqual([0, 0]);
    const soldOut = await placeOrder(api, world.users.buyer.token, [{ listingId: a.id, quantity: 1 }]);
    expect(soldOut.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', field: 'input.lines.0.quantity' });
  });

  it('a repeated idempotency key returns the first order and changes nothing; the key is per buyer', async () => {
    const listing = await listingAtMain(1200, [{ householdId: world.households.poorB, quantity: 10 }]);
    const first = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 2 }], { idempotencyKey: 'same-key' });
    expect(first.errors).toBeUndefined();
    const before = await footprint(api.db.pool);
    // Even with other content: the key names the order.
    const again = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 9 }], { idempotencyKey: 'same-key' });
    expect(again.errors).toBeUndefined();
    expect((again.data as any).placeOrder).toMatchObject({ id: (first.data as any).placeOrder.id, totalFen: 2400 });
    expect(await footprint(api.db.pool)).toEqual(before);
    const otherBuyer = await placeOrder(api, world.users.otherBuyer.token, [{ listingId: listing.id, quantity: 1 }], { idempotencyKey: 'same-key' });
    expect((otherBuyer.data as any).placeOrder.id).not.toBe((first.data as any).placeOrder.id);
    expect(await remaining(api.db.pool, listing.lotIds)).toEqual([7]);
  });

  it('lets buyers and station operators order (operators only for pickup at their own station), no one else', async () => {
    const listing = await listingAtMain(300, [{ householdId: world.households.poorA, quantity: 50 }]);
    const line = [{ listingId: listing.id, quantity: 1 }];
    const before = await footprint(api.db.pool);
    const refused: Array<[string, string | undefined, Record<string, unknown>, string]> = [
      ['anonymous', undefined, {}, 'UNAUTHENTICATED'],
      ['an official', world.users.official.token, {}, 'FORBIDDEN'],
      ['an admin', world.users.admin.token, {}, 'FORBIDDEN'],
      ['an operator shipping to an address', world.users.operator.token, {}, 'FORBIDDEN'],
      ["an operator for another station's pickup", world.users.operator.token, { pickupStationId: world.stations.second }, 'FORBIDDEN'],
    ];
    for (const [who, token, extra, code] of refused) {
      const r = await placeOrder(api, token as string, line, extra as any);
      expect([who, r.errors?.[0].extensions?.code]).toEqual([who, code]);
    }
    expect(await footprint(api.db.pool)).toEqual(before);

    const assisted = await placeOrder(api, world.users.operator.token, line, { pickupStationId: world.stations.main });
    expect(assisted.errors).toBeUndefined();
    expect((assisted.data as any).placeOrder).toMatchObject({ shippingAddress: null, pickupStation: { id: world.stations.main }, buyer: { id: world.users.operator.id } });
    const pickupByBuyer = await placeOrder(api, world.users.buyer.token, line, { pickupStationId: world.stations.second });
    expect((pickupByBuyer.data as any).placeOrder.pickupStation).toEqual({ id: world.stations.second });
    await api.db.pool.query(`UPDATE stations SET active = false WHERE id = $1`, [world.stations.other]);
    const inactive = await placeOrder(api, world.users.buyer.token, line, { pickupStationId: world.stations.other });
    expect(inactive.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE', field: 'input.pickupStationId' });
    await api.db.pool.query(`UPDATE stations SET active = true WHERE id = $1`, [world.stations.other]);
  });

  describe('queries', () => {
    const ORDER = `query ($id: ID!) { order(id: $id) { id status totalFen lines { allocations { id } } fulfillments { station { id } } } }`;
    let orderId: string;
    beforeAll(async () => {
      const listing = await listingAtMain(1000, [{ householdId: world.households.poorA, quantity: 10 }]);
      const r = await placeOrder(api, world.users.buyer.token, [{ listingId: listing.id, quantity: 1 }]);
      orderId = (r.data as any).placeOrder.id;
    });

    it('order: its buyer and admins, operators of a station with a fulfilment in it; NOT_FOUND for everyone else', async () => {
      const seen = async (token: string) => {
        const r = await api.gql(ORDER, { id: orderId }, token);
        return r.errors ? r.errors[0].extensions?.code : (r.data as any).order.lines[0].allocations === null ? 'without allocations' : 'with allocations';
      };
      expect(await seen(world.users.buyer.token)).toBe('without allocations');
      expect(await seen(world.users.admin.token)).toBe('with allocations');
      expect(await seen(world.users.operator.token)).toBe('with allocations');
      expect(await seen(world.users.otherBuyer.token)).toBe('NOT_FOUND');
      expect(await seen(world.users.secondOperator.token)).toBe('NOT_FOUND');
      expect(await seen(world.users.official.token)).toBe('FORBIDDEN');
      expect((await api.gql(ORDER, { id: orderId })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await api.gql(ORDER, { id: '987654' }, world.users.admin.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('myOrders: the caller own orders, newest first, in keyset pages', async () => {
      const buyer = await createUser(api.db.pool, api.config);
      const listing = await listingAtMain(100, [{ householdId: world.households.poorB, quantity: 10 }]);
      const ids: string[] = [];
      for (let i = 1; i <= 3; i++) ids.push(((await placeOrder(api, buyer.token, [{ listingId: listing.id, quantity: i }])).data as any).placeOrder.id);
      const page = (after?: string) =>
        api.gql(`query ($after: String) { myOrders(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id totalFen } } } }`, { after }, buyer.token);
      const p1 = (await page()).data as any;
      expect(p1.myOrders).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
      expect(p1.myOrders.edges.map((e: any) => e.node)).toEqual([{ id: ids[2], totalFen: 300 }, { id: ids[1], totalFen: 200 }]);
      const p2 = (await page(p1.myOrders.pageInfo.endCursor)).data as any;
      expect(p2.myOrders.pageInfo.hasNextPage).toBe(false);
      expect(p2.myOrders.edges.map((e: any) => e.node)).toEqual([{ id: ids[0], totalFen: 100 }]);
      expect((await page('bogus')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect((await api.gql(`{ myOrders(first: 101) { totalCount } }`, {}, buyer.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it('stationFulfillments: the station operators and admins, oldest first, by status', async () => {
      const q = `query ($s: ID!, $status: FulfillmentStatus, $after: String) {
        stationFulfillments(stationId: $s, status: $status, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status order { id } station { id } } } } }`;
      const { rows } = await api.db.pool.query(`SELECT id::text, order_id::text FROM fulfillments WHERE station_id = $1 ORDER BY id`, [world.stations.main]);
      const first = (await api.gql(q, { s: world.stations.main }, world.users.operator.token)).data as any;
      expect(first.stationFulfillments.totalCount).toBe(rows.length);
      expect(first.stationFulfillments.edges.map((e: any) => e.node.id)).toEqual(rows.slice(0, 2).map((r) => r.id));
      expect(first.stationFulfillments.edges[0].node).toMatchObject({ status: 'ROUTED', order: { id: rows[0].order_id }, station: { id: world.stations.main } });
      const second = (await api.gql(q, { s: world.stations.main, after: first.stationFulfillments.pageInfo.endCursor }, world.users.admin.token)).data as any;
      expect(second.stationFulfillments.edges.map((e: any) => e.node.id)).toEqual(rows.slice(2, 4).map((r) => r.id));
      const delivered = (await api.gql(q, { s: world.stations.main, status: 'DELIVERED' }, world.users.operator.token)).data as any;
      expect(delivered.stationFulfillments).toMatchObject({ totalCount: 0, edges: [] });
      expect((await api.gql(q, { s: world.stations.main }, world.users.secondOperator.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(q, { s: world.stations.main }, world.users.buyer.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });
});
