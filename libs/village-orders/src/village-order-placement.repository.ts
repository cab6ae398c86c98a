import { goodsTermsJsonSql, takeGoodsCtes } from '@app/goods';
import { JournalEntryArgs, journalEntryCtes, journalEntryParamsFrom } from '@app/ledger';
import { PreparedSql } from '@app/platform';
import { householdPlaceJsonSql, householdVillageSql, villageExistsSql } from '@app/registry';
import { stationServesVillageSql, stationTermsJsonSql, stationTermsUnchangedSql } from '@app/stations';

/** SQLSTATE raised by village_orders_assert_placed when stock or terms the order was built on are gone. */
export const STALE_VILLAGE_ORDER = 'VO409';

export interface PlacementGoods {
  goodsId: string;
  merchantId: string;
  kind: string;
  title: string;
  priceFen: number;
  active: boolean;
  stock: number;
}

/** What placing needs to know, read in one statement (no lock: the write checks it all again). */
export interface VillageOrderSnapshot {
  /** The new order's id, taken from the sequence. */
  orderId: string;
  station: { active: boolean; commissionBps: number; countyId: string } | null;
  household: { villageId: string; povertyStatus: string } | null;
  villageExists: boolean;
  /** The station serves the household's village (or the village given). */
  served: boolean;
  goods: Map<string, PlacementGoods>;
}

/**
 * One round trip, composed from the owners' fragments (stations, registry, goods): the station's terms,
 * the household (or the village), whether the station serves it, and the goods ordered.
 */
export async function readPlacementSnapshot(
  sql: PreparedSql,
  args: { stationId: string; householdId: string | null; villageId: string | null; goodsIds: string[] },
): Promise<VillageOrderSnapshot> {
  const [row] = await sql<{
    id: string;
    station: [boolean, number, string] | null;
    household: [string, string] | null;
    village_exists: boolean;
    served: boolean;
    goods: Array<[string, string, string, string, string, boolean, number]> | null;
  }>(
    'village-orders.placement.snapshot',
    `SELECT nextval(pg_get_serial_sequence('village_orders', 'id'))::text AS id,
            ${stationTermsJsonSql('$1')} AS station,
            ${householdPlaceJsonSql('$2::bigint')} AS household,
            ${villageExistsSql('$3::bigint')} AS village_exists,
            ${stationServesVillageSql('$1', `COALESCE(${householdVillageSql('$2::bigint')}, $3::bigint)`)} AS served,
            ${goodsTermsJsonSql('$4')} AS goods`,
    [args.stationId, args.householdId, args.villageId, args.goodsIds],
  );
  return {
    orderId: row.id,
    station: row.station ? { active: row.station[0], commissionBps: row.station[1], countyId: row.station[2] } : null,
    household: row.household ? { villageId: row.household[0], povertyStatus: row.household[1] } : null,
    villageExists: row.village_exists,
    served: row.served,
    goods: new Map(
      (row.goods ?? []).map(([goodsId, merchantId, kind, title, price, active, stock]) => [goodsId, { goodsId, merchantId, kind, title, priceFen: Number(price), active, stock }]),
    ),
  };
}

export interface WriteVillageOrderArgs {
  orderId: string;
  stationId: string;
  countyId: string;
  villageId: string;
  householdId: string | null;
  villagerName: string | null;
  merchantId: string;
  totalFen: number;
  depositFen: number;
  commissionBps: number;
  stationCommissionFen: number;
  platformFeeFen: number;
  merchantNetFen: number;
  farmInputFen: number;
  registeredPoorAtOrder: boolean;
  pickupCodeHash: string;
  placedByUserId: string;
  /** One per distinct goods, in the order of the input's first mention. */
  lines: Array<{ goodsId: string; title: string; kind: string; quantity: number; unitPriceFen: number }>;
  /** The deposit's journal entry (journalEntryArgs of the ledger's recipe), or null when there is no deposit. */
  journal: JournalEntryArgs | null;
}

/** The statement's CTEs up to the order's lines; the deposit's entry (if any) follows, then WRITE_RESULT. */
const WRITE_ORDER = `WITH ${takeGoodsCtes({ ids: '$17', quantities: '$18', prices: '$19', kinds: '$20', titles: '$21', merchantId: '$6' })},
     station_ok AS (SELECT ${stationTermsUnchangedSql('$1', '$9')} AS ok),
     o AS (
       INSERT INTO village_orders (id, station_id, county_id, village_id, household_id, villager_name, merchant_id, total_fen, deposit_fen, commission_bps,
         station_commission_fen, platform_fee_fen, merchant_net_fen, farm_input_fen, registered_poor_at_order, pickup_code_hash, placed_by_user_id)
       VALUES ($22, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING placed_at
     ), l AS (
       INSERT INTO village_order_lines (village_order_id, goods_id, title, kind, quantity, unit_price_fen, line_total_fen)
       SELECT $22, t.goods_id, t.title, t.kind::goods_kind, t.quantity, t.price, t.quantity::bigint * t.price
         FROM unnest($17::bigint[], $21::text[], $20::text[], $18::int[], $19::bigint[]) WITH ORDINALITY AS t(goods_id, title, kind, quantity, price, n)
        ORDER BY t.n
     )`;

const WRITE_RESULT = `SELECT village_orders_assert_placed((SELECT count(*) FROM goods_taken)::int, cardinality($17::bigint[]), (SELECT ok FROM station_ok)) AS ok,
            (SELECT placed_at FROM o) AS placed_at`;

const WRITE_WITHOUT_DEPOSIT = `${WRITE_ORDER}
     ${WRITE_RESULT}`;

const WRITE_WITH_DEPOSIT = `${WRITE_ORDER}, ${journalEntryCtes(journalEntryParamsFrom(23))}
     ${WRITE_RESULT}`;

/**
 * Writes the order in one statement, which on its own is one transaction: takes the goods (goods'
 * fragment: locked in id order, only where still on sale on the snapshot's terms with the units),
 * re-checks the station's terms, inserts the order and its lines, and books the deposit (the ledger's
 * CTEs); unless every line was taken and the station unchanged (else SQLSTATE VO409 and nothing at all
 * is written). Returns the order's placedAt.
 *
 * An order without a deposit runs a statement of its own, without the journal's CTEs: PostgreSQL
 * starts every part of a statement (opens the tables it may write, their indexes and triggers) even
 * when it writes no row there. An order with one books its one entry (journalEntryCtes).
 */
export async function writeVillageOrder(sql: PreparedSql, a: WriteVillageOrderArgs): Promise<Date> {
  const params = [
    a.stationId, a.countyId, a.villageId, a.householdId, a.villagerName, a.merchantId, a.totalFen, a.depositFen, a.commissionBps,
    a.stationCommissionFen, a.platformFeeFen, a.merchantNetFen, a.farmInputFen, a.registeredPoorAtOrder, a.pickupCodeHash, a.placedByUserId,
    a.lines.map((l) => l.goodsId), a.lines.map((l) => l.quantity), a.lines.map((l) => l.unitPriceFen), a.lines.map((l) => l.kind), a.lines.map((l) => l.title),
    a.orderId,
  ];
  const [row] = a.journal
    ? await sql<{ ok: boolean; placed_at: Date }>('village-orders.placement.write-deposit', WRITE_WITH_DEPOSIT, [...params, ...a.journal])
    : await sql<{ ok: boolean; placed_at: Date }>('village-orders.placement.write', WRITE_WITHOUT_DEPOSIT, params);
  return row.placed_at;
}
