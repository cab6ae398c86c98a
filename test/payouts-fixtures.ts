import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { fulfillmentDelivered, orderPlaced, writeJournal } from '@app/ledger';
import { World } from '@app/testing';

/** One sale to write as delivered: `quantity` units at `unitPriceFen` from a household, listed by a station. */
export interface Sale {
  householdId: string;
  stationId: string;
  quantity: number;
  unitPriceFen: number;
}

export interface Money {
  gross: number;
  commission: number;
  fee: number;
  net: number;
}

/** The fee arithmetic (docs/design.md, "Money") for one allocation (hand-checkable: commission 500 bps, fee 300 bps in the World). */
export function money(sale: Pick<Sale, 'quantity' | 'unitPriceFen'>, commissionBps = 500, feeBps = 300): Money {
  const gross = sale.quantity * sale.unitPriceFen;
  const commission = Math.floor((gross * commissionBps) / 10000);
  const fee = Math.floor((gross * feeBps) / 10000);
  return { gross, commission, fee, net: gross - commission - fee };
}

/**
 * Writes one delivered order straight into the database, as placeOrder ... confirmDelivery would leave
 * it: an order of the buyer with a line per sale, one DELIVERED fulfilment at `deliveredAt`, one
 * allocation per sale with the fees of docs/design.md, "Money" (the listing station's commission rate, `feeBps`), and the
 * ORDER_PLACED and FULFILLMENT_DELIVERED ledger entries. Set-based, so 10,000 sales take a moment.
 * Used until the orders mutations exist, and for volumes the API would take long to build.
 */
export async function writeDeliveredOrder(pool: Pool, world: World, sales: Sale[], options: { deliveredAt?: Date; feeBps?: number } = {}): Promise<{ orderId: string; fulfillmentId: string }> {
  const deliveredAt = options.deliveredAt ?? new Date(Date.now() - 100 * 3600_000);
  const feeBps = options.feeBps ?? 300;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const stationIds = [...new Set(sales.map((s) => s.stationId))];
    // A listing per station (origin: the station's village) and a lot per household and listing.
    await client.query(
      `INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status)
       SELECT s.id, s.village_id, s.county_id, 'test produce ' || s.id, 'for settlement tests', 'test', 'jin', 100, 'ACTIVE'
         FROM stations s WHERE s.id = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.station_id = s.id AND l.category = 'test')`,
      [stationIds],
    );
    const { rows: [order] } = await client.query(
      `INSERT INTO orders (buyer_id, idempotency_key, status, total_fen, payment_reference, placed_at, shipping_address)
       VALUES ($1, $2, 'DELIVERED', $3, 'sandbox-test', $4, '{"recipient":"测试","phone":"13800000000","province":"河北","city":"邯郸","line1":"1号"}')
       RETURNING id`,
      [world.users.buyer.id, randomBytes(8).toString('hex'), sales.reduce((sum, s) => sum + s.quantity * s.unitPriceFen, 0), new Date(deliveredAt.getTime() - 3600_000)],
    );
    const { rows: [fulfillment] } = await client.query(
      `INSERT INTO fulfillments (order_id, station_id, status, delivered_at) VALUES ($1, $2, 'DELIVERED', $3) RETURNING id`,
      [order.id, stationIds[0], deliveredAt],
    );
    await client.query(
      `WITH sale AS (
         SELECT t.* FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::bigint[]) WITH ORDINALITY AS t(household_id, station_id, quantity, unit_price, n)
       ), listing AS (
         SELECT DISTINCT ON (l.station_id) l.id, l.station_id FROM listings l WHERE l.category = 'test' ORDER BY l.station_id, l.id
       ), lot AS (
         INSERT INTO supply_lots (listing_id, household_id, quantity, remaining)
         SELECT li.id, s.household_id, s.quantity, 0 FROM sale s JOIN listing li ON li.station_id = s.station_id
         ORDER BY s.n
         RETURNING id, listing_id, household_id, quantity
       ), line AS (
         INSERT INTO order_lines (order_id, listing_id, quantity, unit_price_fen, line_total_fen)
         SELECT $5, li.id, s.quantity, s.unit_price, s.quantity * s.unit_price FROM sale s JOIN listing li ON li.station_id = s.station_id
         ORDER BY s.n
         RETURNING id, listing_id, quantity
       ), numbered_lot AS (
         SELECT lot.*, row_number() OVER (ORDER BY lot.id) AS n FROM lot
       ), numbered_line AS (
         SELECT line.*, row_number() OVER (ORDER BY line.id) AS n FROM line
       )
       INSERT INTO allocations (order_id, order_line_id, fulfillment_id, lot_id, listing_id, listing_station_id, household_id, village_id, county_id,
                                quantity, gross_fen, station_commission_fen, platform_fee_fen, supplier_net_fen,
                                status_at_placement, poverty_status_at_sale, village_poverty_stricken_at_sale, placed_at)
       SELECT $5, nl.id, $6, lo.id, nl.listing_id, s.station_id, h.id, h.village_id, h.county_id,
              s.quantity, m.gross, m.commission, m.fee, m.gross - m.commission - m.fee,
              h.poverty_status, h.poverty_status, v.poverty_stricken, $8
         FROM sale s
         JOIN numbered_lot lo ON lo.n = s.n
         JOIN numbered_line nl ON nl.n = s.n
         JOIN households h ON h.id = s.household_id
         JOIN villages v ON v.id = h.village_id
         JOIN stations st ON st.id = s.station_id
         CROSS JOIN LATERAL (SELECT s.quantity * s.unit_price AS gross,
                                    (s.quantity * s.unit_price * st.commission_bps) / 10000 AS commission,
                                    (s.quantity * s.unit_price * $7::bigint) / 10000 AS fee) m`,
      [
        sales.map((s) => s.householdId),
        sales.map((s) => s.stationId),
        sales.map((s) => s.quantity),
        sales.map((s) => s.unitPriceFen),
        order.id,
        fulfillment.id,
        feeBps,
        new Date(deliveredAt.getTime() - 3600_000),
      ],
    );
    // The ledger as orders books it: placement, then delivery, through the ledger's recipes and writer.
    const { rows: allocations } = await client.query(
      `SELECT household_id::text, listing_station_id::text, gross_fen::text, supplier_net_fen::text, station_commission_fen::text, platform_fee_fen::text
         FROM allocations WHERE fulfillment_id = $1 ORDER BY id`,
      [fulfillment.id],
    );
    await writeJournal(async (sql, params) => (await client.query(sql, params)).rows, [
      orderPlaced({ orderId: String(order.id), totalFen: sales.reduce((sum, s) => sum + s.quantity * s.unitPriceFen, 0) }),
      fulfillmentDelivered({
        fulfillmentId: String(fulfillment.id),
        allocations: allocations.map((a) => ({
          householdId: a.household_id,
          listingStationId: a.listing_station_id,
          grossFen: Number(a.gross_fen),
          supplierNetFen: Number(a.supplier_net_fen),
          stationCommissionFen: Number(a.station_commission_fen),
          platformFeeFen: Number(a.platform_fee_fen),
        })),
      }),
    ]);
    await client.query('COMMIT');
    return { orderId: String(order.id), fulfillmentId: String(fulfillment.id) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Adds `count` households to the World's poor village (bulk), returning their ids in order. */
export async function addHouseholds(pool: Pool, world: World, count: number): Promise<string[]> {
  const { rows } = await pool.query(
    `INSERT INTO households (village_id, county_id, registry_number, head_name, members, payout_account, poverty_status, poverty_category)
     SELECT $1, $2, 'BULK-' || $3 || '-' || n, '户主' || n, 3, '62284800' || lpad(n::text, 8, '0'), 'REGISTERED_POOR', 'GENERAL'
       FROM generate_series(1, $4::int) AS n
     ORDER BY n
     RETURNING id::text`,
    [world.villages.poor, world.county.id, randomBytes(3).toString('hex'), count],
  );
  return rows.map((r) => r.id);
}

/** Polls `check` until it holds (or fails after `timeoutMs`); never asserts a timing. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'the condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Payout statuses counted, e.g. { PAID: 3 }. */
export async function payoutStatusCounts(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query(`SELECT status, count(*)::int AS n FROM payouts GROUP BY status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
