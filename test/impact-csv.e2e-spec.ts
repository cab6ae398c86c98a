import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ImpactRebuildService } from '@app/impact';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { ImpactDriver, net } from './impact-fixtures';

// GET /reports/impact.csv: impactByVillage as a spreadsheet for officials, with the summary's columns.
const HEADER =
  'villageId,villageCode,villageName,township,ordersCount,grossSalesFen,supplierIncomeFen,incomeToRegisteredPoorFen,paidOutFen,villagesReached,povertyStrickenVillagesReached,householdsReached,registeredPoorHouseholdsReached';

describe('impact: the CSV export', () => {
  let api: TestApi;
  let world: World;
  let d: ImpactDriver;

  async function download(query: string, token?: string): Promise<{ status: number; headers: Headers; bytes: Buffer; text: string }> {
    const response = await fetch(`${api.url}/reports/impact.csv${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
  }

  beforeAll(async () => {
    api = await startTestApi({ logLevel: 'error' });
    world = await createWorld(api.db.pool, api.config);
    d = new ImpactDriver(api, world);
    // A village name a spreadsheet must get whole: a comma and quotes.
    await api.db.pool.query(`UPDATE villages SET name = '偏城村, "东"' WHERE id = $1`, [world.villages.poor]);
    const { stations, households } = world;
    await d.sell([{ listingId: await d.listing(stations.main, households.poorA, 2550), quantity: 4 }]); // 10200 -> 9384
    await d.sell([{ listingId: await d.listing(stations.main, households.plain, 1200), quantity: 1 }]); // 1200 -> 1104
    await d.sell([{ listingId: await d.listing(stations.other, households.other, 500), quantity: 10 }]); // 5000 -> 4600
    expect([net(4, 2550), net(1, 1200), net(10, 500)]).toEqual([9384, 1104, 4600]);
  });

  afterAll(async () => {
    await api?.close();
  });

  it("gives an official their county's villages, largest income first, as UTF-8 CSV with a BOM", async () => {
    const r = await download('', world.users.official.token);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="impact-county-${world.county.id}.csv"`);
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.text).toBe(
      '\uFEFF' +
        `${HEADER}\r\n` +
        `${world.villages.poor},130426100201,"偏城村, ""东""",偏城镇,1,10200,9384,9384,0,1,1,1,1\r\n` +
        `${world.villages.plain},130426100202,涉城村,偏城镇,1,1200,1104,0,0,1,0,1,0\r\n`,
    );
    // The same with the county named, and for an admin.
    expect((await download(`?countyId=${world.county.id}`, world.users.official.token)).text).toBe(r.text);
    expect((await download(`?countyId=${world.county.id}&from=&to=`, world.users.admin.token)).text).toBe(r.text);
  });

  it('filters by time and gives everything to an admin and a station to its operator', async () => {
    const later = await download('?from=2099-01-01', world.users.official.token);
    expect(later.status).toBe(200);
    expect(later.headers.get('content-disposition')).toBe(`attachment; filename="impact-county-${world.county.id}-from-2099-01-01.csv"`);
    expect(later.text).toBe(`\uFEFF${HEADER}\r\n`);
    const until = new Date(Date.now() + 60_000).toISOString();
    const all = await download(`?from=2020-01-01&to=${encodeURIComponent(until)}`, world.users.admin.token);
    expect(all.text.split('\r\n').map((line) => line.split(',')[0])).toEqual(['\uFEFFvillageId', world.villages.poor, world.villages.other, world.villages.plain, '']);
    const station = await download('', world.users.otherOperator.token);
    expect(station.text).toBe(`\uFEFF${HEADER}\r\n${world.villages.other},130434100201,魏城村,魏城镇,1,5000,4600,4600,0,1,0,1,1\r\n`);
  });

  it('refuses the wrong callers and bad parameters with the contract codes', async () => {
    const cases: Array<[string, string | undefined, number, Record<string, string>]> = [
      [`?countyId=${world.otherCounty.id}`, world.users.official.token, 403, { code: 'FORBIDDEN' }],
      ['', world.users.buyer.token, 403, { code: 'FORBIDDEN' }],
      ['', undefined, 401, { code: 'UNAUTHENTICATED' }],
      ['?countyId=abc', world.users.admin.token, 400, { code: 'BAD_USER_INPUT', field: 'countyId' }],
      ['?countyId=1&countyId=2', world.users.admin.token, 400, { code: 'BAD_USER_INPUT', field: 'countyId' }],
      ['?from=2025-02-30', world.users.official.token, 400, { code: 'BAD_USER_INPUT', field: 'from' }],
      ['?from=2025-03-01&to=2025-02-01', world.users.official.token, 400, { code: 'BAD_USER_INPUT', field: 'to' }],
      ['?countyId=999999', world.users.admin.token, 404, { code: 'NOT_FOUND', field: 'countyId' }],
    ];
    for (const [query, token, status, error] of cases) {
      const r = await download(query, token);
      expect({ query, status: r.status }).toEqual({ query, status });
      expect(JSON.parse(r.text).error).toMatchObject(error);
    }
  });

  it('streams a county of thousands of villages in batches, in one consistent order', async () => {
    // 1,500 villages of a county of their own, each with one household and one delivered allocation of
    // quantity 1 + (i % 7) at 100 fen, written with SQL and counted by a rebuild of the rollups.
    const pool = api.db.pool;
    const { rows: [c] } = await pool.query(`INSERT INTO counties (code, name, national_poverty_county) VALUES ('130481', '武安市', false) RETURNING id::text`);
    const { rows: [t] } = await pool.query(`INSERT INTO townships (county_id, name) VALUES ($1, '武安镇') RETURNING id::text`, [c.id]);
    await pool.query(
      `INSERT INTO villages (township_id, county_id, code, name, poverty_stricken) SELECT $1, $2, 'WA' || lpad(i::text, 5, '0'), '武安' || i || '村', i % 3 = 0 FROM generate_series(1, 1500) i`,
      [t.id, c.id],
    );
    await pool.query(
      `INSERT INTO households (village_id, county_id, head_name, members, payout_account, poverty_status, poverty_category)
       SELECT v.id, v.county_id, '户' || v.code, 3, '6228480000000000', CASE WHEN v.id % 2 = 0 THEN 'REGISTERED_POOR' ELSE 'NOT_REGISTERED' END::poverty_status,
              CASE WHEN v.id % 2 = 0 THEN 'GENERAL' END::poverty_category
         FROM villages v WHERE v.county_id = $1`,
      [c.id],
    );
    const { rows: [s] } = await pool.query(
      `INSERT INTO stations (name, village_id, county_id, daily_capacity, commission_bps, active) SELECT '武安站', min(id), $1, 100, 500, true FROM villages WHERE county_id = $1 RETURNING id::text`,
      [c.id],
    );
    const { rows: [l] } = await pool.query(
      `INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status)
       SELECT $1, village_id, county_id, '小米 millet', 'bulk', 'grain', 'jin', 100, 'ACTIVE' FROM stations WHERE id = $1 RETURNING id::text`,
      [s.id],
    );
    await pool.query(`INSERT INTO supply_lots (listing_id, household_id, quantity, remaining) SELECT $1, id, 100, 90 FROM households WHERE county_id = $2`, [l.id, c.id]);
    const placedAt = '2025-05-05T10:00:00+08:00';
    const { rows: [o] } = await pool.query(
      `INSERT INTO orders (buyer_id, idempotency_key, status, total_fen, payment_reference, placed_at, shipping_address)
       VALUES ($1, 'bulk-csv', 'DELIVERED', 1, 'sandbox-bulk', $2, '{"recipient":"张三","phone":"13800000000","province":"河北","city":"邯郸","line1":"1号"}') RETURNING id::text`,
      [world.users.buyer.id, placedAt],
    );
    const { rows: [ol] } = await pool.query(`INSERT INTO order_lines (order_id, listing_id, quantity, unit_price_fen, line_total_fen) VALUES ($1, $2, 1, 100, 100) RETURNING id::text`, [o.id, l.id]);
    const { rows: [f] } = await pool.query(`INSERT INTO fulfillments (order_id, station_id, status, delivered_at) VALUES ($1, $2, 'DELIVERED', now()) RETURNING id::text`, [o.id, s.id]);
    await pool.query(
      `INSERT INTO allocations (order_id, order_line_id, fulfillment_id, lot_id, listing_id, listing_station_id, household_id, village_id, county_id, quantity,
                                gross_fen, station_commission_fen, platform_fee_fen, supplier_net_fen, status_at_placement, poverty_status_at_sale,
                                village_poverty_stricken_at_sale, placed_at)
       SELECT $1, $2, $3, lot.id, $4, $5, h.id, h.village_id, h.county_id, q, q * 100, q * 5, q * 3, q * 92, h.poverty_status, h.poverty_status, v.poverty_stricken, $6
         FROM supply_lots lot JOIN households h ON h.id = lot.household_id JOIN villages v ON v.id = h.village_id
         CROSS JOIN LATERAL (SELECT 1 + (v.id % 7)::int AS q) x
        WHERE lot.listing_id = $4`,
      [o.id, ol.id, f.id, l.id, s.id, placedAt],
    );
    expect(await api.app.get(ImpactRebuildService).rebuild()).toBeGreaterThanOrEqual(1500);

    const r = await download(`?countyId=${c.id}`, world.users.admin.token);
    expect(r.status).toBe(200);
    const lines = r.text.split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${HEADER}`);
    expect(lines.pop()).toBe('');
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows).toHaveLength(1500);
    const { rows: villages } = await pool.query(`SELECT id::text, code, name, poverty_stricken FROM villages WHERE county_id = $1`, [c.id]);
    const expected = villages
      .map((v) => {
        const q = 1 + (Number(v.id) % 7);
        const poor = Number(v.id) % 2 === 0; // the village's one household is REGISTERED_POOR when the village id is even
        return [v.id, v.code, v.name, '武安镇', '1', String(q * 100), String(q * 92), String(poor ? q * 92 : 0), '0', '1', v.poverty_stricken ? '1' : '0', '1', poor ? '1' : '0'];
      })
      .sort((a, b) => Number(b[6]) - Number(a[6]) || Number(a[0]) - Number(b[0]));
    expect(rows).toEqual(expected);
  });
});
