/**
 * What placing and cancelling an order needs of the catalog, as SQL this domain owns: the orders domain
 * composes it into its own single statements (placement is the hot path: one round trip, one plan), so
 * that only this lib names listings and supply_lots. A relation is a parenthesised SELECT of the columns
 * others may read (PostgreSQL pulls it up into the caller's query: the plan is the one of a plain join);
 * a function takes the SQL expressions (`$n` parameters, usually) of its inputs.
 */

/** Listings as the orders domain reads them: id, status, price_fen, allocation_policy, station_id. */
export const listingTermsSql = `(SELECT l.id, l.status, l.price_fen, l.allocation_policy, l.station_id FROM listings l)`;

/** Supply lots as the orders domain reads them: id, listing_id, household_id, remaining, created_at. */
export const supplyLotsSql = `(SELECT s.id, s.listing_id, s.household_id, s.remaining, s.created_at FROM supply_lots s)`;

/**
 * Takes stock: each lot of `lotIds` (bigint[]) loses the quantity at the same place of `quantities`
 * (int[]) only where that much remains. A data-modifying statement for a WITH; RETURNING the lots taken
 * (`id`). The catalog's triggers flip a listing to SOLD_OUT when its last unit goes.
 */
export const takeStockSql = (lotIds: string, quantities: string): string =>
  `UPDATE supply_lots s SET remaining = s.remaining - t.q
     FROM unnest(${lotIds}::bigint[], ${quantities}::int[]) AS t(id, q)
    WHERE s.id = t.id AND s.remaining >= t.q
   RETURNING s.id`;

/**
 * Gives stock back: `returns` is a relation of (lot_id, q), each lot once, ordered by lot_id (the order
 * every statement that changes stock locks lots in). For a WITH; RETURNING the lots restored (`id`).
 */
export const returnStockSql = (returns: string): string =>
  `UPDATE supply_lots s SET remaining = s.remaining + x.q
     FROM (${returns}) x
    WHERE s.id = x.lot_id
   RETURNING s.id`;

/** Locks every lot of the listings (`listingIds`, bigint[]) in id order: a statement of its own. */
export const lockStockSql = (listingIds: string): string => `SELECT 1 FROM supply_lots WHERE listing_id = ANY(${listingIds}::bigint[]) ORDER BY id FOR UPDATE`;
