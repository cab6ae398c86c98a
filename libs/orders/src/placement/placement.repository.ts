import { AllocationPolicyName } from '../domain/allocation-policy';
import { OrderPlan, PlanListing, PlanLot, PlanStation, PovertyStatusName } from '../domain/order-plan';
import { ShippingAddress } from '../entities/order.entity';
import { listingTermsSql, lockStockSql, supplyLotsSql, takeStockSql } from '@app/catalog';
import { journalEntryArgs, journalEntryCtes, journalEntryParamsFrom, Posting } from '@app/ledger';
import { PreparedSql } from '@app/platform';
import { householdsSql, villagesSql } from '@app/registry';
import { stationTermsSql, stationVillagesSql } from '@app/stations';

/** The Asia/Shanghai calendar day of the statement's start: the day whose station capacity routing takes. */
export const SHANGHAI_TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
/** The Asia/Shanghai day on which the 90-day window of recent income starts (partly). */
const WINDOW_FIRST_DAY = `((now() - interval '90 days') AT TIME ZONE 'Asia/Shanghai')::date`;
/** The Asia/Shanghai day of the order's placedAt ($33 of the write). */
const PLACED_DAY = `($33::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;

export interface SnapshotListing extends PlanListing {
  status: string;
}

export interface PlacementSnapshot {
  /** When the snapshot was read: the order's placedAt. */
  now: Date;
  /** The same instant as PostgreSQL prints it (microseconds), handed back to the write. */
  nowText: string;
  /** An order this buyer already placed with this idempotency key. */
  existingOrderId: string | null;
  /** Reserved for the new order (null when it already exists). */
  newOrderId: string | null;
  listings: Map<string, SnapshotListing>;
  lots: PlanLot[];
  recentNetFen: Map<string, number>;
  stations: PlanStation[];
  pickupStation: { id: string; active: boolean } | null;
}

interface SnapshotRow {
  now: Date;
  now_text: string;
  existing_id: string | null;
  new_id: string | null;
  listings: ListingRow[] | null;
  lots: LotRow[] | null;
  nets: Array<[string, string]> | null;
  stations: StationRow[] | null;
  pickup: [string, boolean] | null;
}

interface WriteRow {
  ok: boolean;
  line_ids: string[];
  fulfillment_ids: string[];
}

type ListingRow = [string, string, string, AllocationPolicyName, string, number];
type LotRow = [string, string, string, number, string, PovertyStatusName, string, string, boolean];
type StationRow = [string, string, boolean, number, number, string[]];

/**
 * Everything placing an order needs to know, in one round trip: the idempotent repeat, the listings and
 * their stations' rates, the lots with stock and what is known of their households, each household's
 * recent net (PRECISION listings only), and the stations serving those villages with today's load.
 * Ids travel as text (bigint), rows as JSON arrays to keep the payload small.
 */
export async function readSnapshot(
  sql: PreparedSql,
  args: { buyerId: string; idempotencyKey: string; listingIds: string[]; pickupStationId: string | null },
): Promise<PlacementSnapshot> {
  const [row] = await sql<SnapshotRow>(
    'orders.placement.snapshot',
    `WITH ex AS (
       SELECT id FROM orders WHERE buyer_id = $1 AND idempotency_key = $2
     ), lst AS (
       SELECT l.id, l.status, l.price_fen, l.allocation_policy, l.station_id, st.commission_bps
         FROM ${listingTermsSql} l JOIN ${stationTermsSql} st ON st.id = l.station_id
        WHERE l.id = ANY($3::bigint[])
     ), lot AS (
       SELECT s.id, s.listing_id, s.household_id, s.remaining, s.created_at, h.poverty_status, h.village_id, h.county_id,
              v.poverty_stricken, lst.allocation_policy
         FROM ${supplyLotsSql} s
         JOIN lst ON lst.id = s.listing_id
         JOIN ${householdsSql} h ON h.id = s.household_id
         JOIN ${villagesSql} v ON v.id = h.village_id
        WHERE s.listing_id = ANY($3::bigint[]) AND s.remaining > 0
     ), net AS (
       -- The last 90 days: whole days from the per-day rollup, the window's first (partial) day exactly.
       SELECT h.household_id,
              COALESCE((SELECT sum(b.net_fen) FROM household_income_days b
                         WHERE b.household_id = h.household_id AND b.day > ${WINDOW_FIRST_DAY}), 0)
            + COALESCE((SELECT sum(a.supplier_net_fen) FROM allocations a JOIN orders o ON o.id = a.order_id
                         WHERE a.household_id = h.household_id AND o.status <> 'CANCELLED'
                           AND a.placed_at >= now() - interval '90 days'
                           AND a.placed_at < ((${WINDOW_FIRST_DAY} + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')), 0) AS net
         FROM (SELECT DISTINCT household_id FROM lot WHERE allocation_policy = 'PRECISION') h
     ), cand AS (
       SELECT st.id, st.name, st.active, st.daily_capacity, COALESCE(d.routed, 0) AS routed,
              array_agg(sv.village_id::text) AS village_ids
         FROM ${stationVillagesSql} sv
         JOIN ${stationTermsSql} st ON st.id = sv.station_id
         LEFT JOIN station_day_loads d ON d.station_id = st.id AND d.day = ${SHANGHAI_TODAY}
        WHERE sv.village_id IN (SELECT village_id FROM lot) AND st.active
        GROUP BY st.id, st.name, st.active, st.daily_capacity, d.routed
     )
     SELECT now() AS now, now()::text AS now_text,
            (SELECT id::text FROM ex) AS existing_id,
            (SELECT nextval('orders_id_seq')::text WHERE NOT EXISTS (SELECT 1 FROM ex)) AS new_id,
            (SELECT json_agg(json_build_array(id::text, status, price_fen::text, allocation_policy, station_id::text, commission_bps)) FROM lst) AS listings,
            (SELECT json_agg(json_build_array(id::text, listing_id::text, household_id::text, remaining, created_at, poverty_status,
                                              village_id::text, county_id::text, poverty_stricken)) FROM lot) AS lots,
            (SELECT json_agg(json_build_array(household_id::text, net::text)) FROM net) AS nets,
            (SELECT json_agg(json_build_array(id::text, name, active, daily_capacity, routed, village_ids)) FROM cand) AS stations,
            (SELECT json_build_array(st.id::text, st.active) FROM ${stationTermsSql} st WHERE st.id = $4) AS pickup`,
    [args.buyerId, args.idempotencyKey, args.listingIds, args.pickupStationId],
  );
  const listings = new Map<string, SnapshotListing>();
  for (const [id, status, price, policy, stationId, commissionBps] of row.listings ?? []) {
    listings.set(id, { id, status, priceFen: Number(price), policy, stationId, commissionBps });
  }
  const lots = (row.lots ?? []).map(
    ([lotId, listingId, householdId, remaining, createdAt, povertyStatus, villageId, countyId, villagePovertyStricken]): PlanLot => ({
      lotId,
      listingId,
      householdId,
      remaining,
      createdAt: new Date(createdAt),
      povertyStatus,
      villageId,
      countyId,
      villagePovertyStricken,
    }),
  );
  const recentNetFen = new Map<string, number>((row.nets ?? []).map(([h, net]) => [h, Number(net)]));
  const stations = (row.stations ?? []).map(
    ([stationId, name, active, dailyCapacity, routedToday, villageIds]): PlanStation => ({ stationId, name, active, dailyCapacity, routedToday, villageIds }),
  );
  const pickup = row.pickup;
  return {
    now: row.now,
    nowText: row.now_text,
    existingOrderId: row.existing_id,
    newOrderId: row.new_id,
    listings,
    lots,
    recentNetFen,
    stations,
    pickupStation: pickup ? { id: pickup[0], active: pickup[1] } : null,
  };
}

/** Locks every lot of the listings, in id order: the fallback once optimistic attempts keep going stale. */
export async function lockLots(sql: PreparedSql, listingIds: string[]): Promise<void> {
  await sql('orders.placement.lock', lockStockSql('$1'), [listingIds]);
}

export interface WriteOrderArgs {
  orderId: string;
  /** The snapshot's instant (PlacementSnapshot.nowText): placedAt, and the day whose slots are taken. */
  placedAt: string;
  buyerId: string;
  idempotencyKey: string;
  shippingAddress: ShippingAddress | null;
  pickupStationId: string | null;
  paymentReference: string;
  plan: OrderPlan;
  /** The ORDER_PLACED journal entry (the ledger's recipe orderPlaced), written by the ledger's CTEs in this statement. */
  placed: Posting;
}

export interface WriteOrderResult {
  lineIds: string[];
  fulfillmentIds: string[];
}

/** SQLSTATE raised by orders_assert_plan when the stock or a slot the plan counted on is gone. */
export const STALE_PLAN = 'OR409';

/**
 * Writes a planned order in one statement, which on its own is one transaction: takes the stock (only
 * where it is still there), takes one slot today at each routed station (only below its capacity, read
 * in the same statement), and unless both took all they planned (else SQLSTATE OR409 and nothing at all
 * is written) inserts the order, its lines, fulfilments, allocations, its ORDER_PLACED journal entry (the ledger's CTEs),
 * and adds the allocations' nets to the households' income of the day.
 * Lots are updated in id order and before any slot, in every statement that takes stock, so concurrent
 * orders queue rather than deadlock; the hot rows are held only while this statement commits.
 */
export async function writeOrder(sql: PreparedSql, a: WriteOrderArgs): Promise<WriteOrderResult> {
  const { plan } = a;
  const allocs = plan.allocations;
  const [row] = await sql<WriteRow>(
    'orders.placement.write',
    `WITH take AS (
       ${takeStockSql('$1', '$2')}
     ), slot AS (
       INSERT INTO station_day_loads AS d (station_id, day, routed)
       SELECT st.id, ${PLACED_DAY}, 1 FROM ${stationTermsSql} st WHERE st.id = ANY($3::bigint[]) AND st.active ORDER BY st.id
       ON CONFLICT (station_id, day) DO UPDATE SET routed = d.routed + 1
        WHERE d.routed < (SELECT s2.daily_capacity FROM ${stationTermsSql} s2 WHERE s2.id = d.station_id AND s2.active)
       RETURNING d.station_id
     ), income AS (
       INSERT INTO household_income_days AS b (household_id, day, net_fen)
       SELECT x.household_id, ${PLACED_DAY}, sum(x.net) FROM unnest($21::bigint[], $28::bigint[]) AS x(household_id, net)
        GROUP BY x.household_id ORDER BY x.household_id
       ON CONFLICT (household_id, day) DO UPDATE SET net_fen = b.net_fen + EXCLUDED.net_fen
     ), ord AS (
       INSERT INTO orders (id, buyer_id, idempotency_key, status, total_fen, shipping_address, pickup_station_id, payment_reference, placed_at)
       VALUES ($4, $5, $6, 'PLACED', $7, $8::jsonb, $9, $10, $33::timestamptz)
     ), line AS (
       SELECT nextval('order_lines_id_seq') AS id, x.*
         FROM unnest($11::bigint[], $12::int[], $13::bigint[], $14::bigint[]) WITH ORDINALITY AS x(listing_id, quantity, unit_price, line_total, n)
     ), line_ins AS (
       INSERT INTO order_lines (id, order_id, listing_id, quantity, unit_price_fen, line_total_fen)
       SELECT id, $4, listing_id, quantity, unit_price, line_total FROM line
     ), ful AS (
       SELECT nextval('fulfillments_id_seq') AS id, x.* FROM unnest($15::bigint[]) WITH ORDINALITY AS x(station_id, n)
     ), ful_ins AS (
       INSERT INTO fulfillments (id, order_id, station_id, status, routed_day)
       SELECT id, $4, station_id,
              (CASE WHEN station_id IS NULL THEN 'UNROUTED' ELSE 'ROUTED' END)::fulfillment_status,
              CASE WHEN station_id IS NULL THEN NULL ELSE ${PLACED_DAY} END
         FROM ful
     ), alloc_ins AS (
       INSERT INTO allocations (order_id, order_line_id, fulfillment_id, lot_id, listing_id, listing_station_id, household_id, village_id,
                                county_id, quantity, gross_fen, station_commission_fen, platform_fee_fen, supplier_net_fen,
                                status_at_placement, poverty_status_at_sale, village_poverty_stricken_at_sale, placed_at)
       SELECT $4, line.id, ful.id, x.lot_id, x.listing_id, x.listing_station_id, x.household_id, x.village_id,
              x.county_id, x.quantity, x.gross, x.commission, x.fee, x.net,
              x.status::poverty_status, x.status::poverty_status, x.stricken, $33::timestamptz
         FROM unnest($16::int[], $17::int[], $18::bigint[], $19::bigint[], $20::bigint[], $21::bigint[], $22::bigint[], $23::bigint[],
                     $24::int[], $25::bigint[], $26::bigint[], $27::bigint[], $28::bigint[], $29::text[], $30::boolean[]) WITH ORDINALITY
              AS x(line_n, ful_n, lot_id, listing_id, listing_station_id, household_id, village_id, county_id,
                   quantity, gross, commission, fee, net, status, stricken, n)
         JOIN line ON line.n = x.line_n
         JOIN ful ON ful.n = x.ful_n
        ORDER BY x.n -- allocation ids in the plan's order, whatever order the joins produce
     ), capture_job AS (
       -- The payments outbox: the authorised total is captured once this has committed.
       INSERT INTO payment_jobs (order_id, kind, authorisation, amount_fen) VALUES ($4, 'CAPTURE', $10, $7)
     ), decided AS (
       -- What the plan decided on, as it stands now: each ordered listing still ACTIVE, at the price the
       -- lines charge, its station at the rate the allocations split by. A change since the snapshot
       -- (paused, repriced) makes the plan stale, never a sale on the old terms.
       SELECT count(*)::int AS n
         FROM unnest($11::bigint[], $13::bigint[], $34::int[]) AS x(listing_id, price, commission_bps)
         JOIN ${listingTermsSql} l ON l.id = x.listing_id AND l.status = 'ACTIVE' AND l.price_fen = x.price
         JOIN ${stationTermsSql} st ON st.id = l.station_id AND st.commission_bps = x.commission_bps
     ), ${journalEntryCtes(journalEntryParamsFrom(35))}
     SELECT orders_assert_plan((SELECT count(*) FROM take)::int, $31, (SELECT count(*) FROM slot)::int, $32,
                               (SELECT n FROM decided), cardinality($11::bigint[])) AS ok,
            (SELECT json_agg(id::text ORDER BY n) FROM line) AS line_ids,
            (SELECT json_agg(id::text ORDER BY n) FROM ful) AS fulfillment_ids`,
    [
      plan.lotTakes.map((t) => t.lotId),
      plan.lotTakes.map((t) => t.quantity),
      plan.slotStationIds,
      a.orderId,
      a.buyerId,
      a.idempotencyKey,
      plan.totalFen,
      a.shippingAddress === null ? null : JSON.stringify(a.shippingAddress),
      a.pickupStationId,
      a.paymentReference,
      plan.lines.map((l) => l.listingId),
      plan.lines.map((l) => l.quantity),
      plan.lines.map((l) => l.unitPriceFen),
      plan.lines.map((l) => l.lineTotalFen),
      plan.fulfillments.map((f) => f.stationId),
      allocs.map((x) => x.lineIndex + 1),
      allocs.map((x) => x.fulfillmentIndex + 1),
      allocs.map((x) => x.lotId),
      allocs.map((x) => x.listingId),
      allocs.map((x) => x.listingStationId),
      allocs.map((x) => x.householdId),
      allocs.map((x) => x.villageId),
      allocs.map((x) => x.countyId),
      allocs.map((x) => x.quantity),
      allocs.map((x) => x.grossFen),
      allocs.map((x) => x.stationCommissionFen),
      allocs.map((x) => x.platformFeeFen),
      allocs.map((x) => x.supplierNetFen),
      allocs.map((x) => x.statusAtPlacement),
      allocs.map((x) => x.villagePovertyStricken),
      plan.lotTakes.length,
      plan.slotStationIds.length,
      a.placedAt,
      plan.lines.map((l) => l.commissionBps),
      ...journalEntryArgs(a.placed),
    ],
  );
  return { lineIds: row.line_ids, fulfillmentIds: row.fulfillment_ids };
}
