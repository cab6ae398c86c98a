/**
 * Stock taking as SQL this domain owns, for a caller whose one statement must also write its own rows
 * (placing a village order takes the goods in the statement that writes the order): only this lib
 * names goods. Each takes the SQL expressions (`$n` parameters) of its inputs.
 */

/**
 * The goods of `ids` (bigint[]) as one JSON array of `[id, merchant_id, kind, title, price_fen, active,
 * stock]` per goods found (null when none is).
 */
export const goodsTermsJsonSql = (ids: string): string =>
  `(SELECT json_agg(json_build_array(g.id::text, g.merchant_id::text, g.kind, g.title, g.price_fen::text, g.active, g.stock) ORDER BY g.id)
      FROM goods g WHERE g.id = ANY(${ids}::bigint[]))`;

export interface TakeGoodsParams {
  /** bigint[] of distinct goods ids. */
  ids: string;
  /** int[]: the units to take of each. */
  quantities: string;
  /** bigint[]: the unit price the order charges for each. */
  prices: string;
  /** text[]: the kind the order counts each as. */
  kinds: string;
  /** text[]: the title the order's lines keep. */
  titles: string;
  /** bigint: the merchant all of them must belong to. */
  merchantId: string;
}

/**
 * CTEs (to follow a `WITH` or a comma) that take the units of each goods where it is still on sale on
 * the terms given (merchant, kind, title, price) and has the units; `goods_taken` holds the ids taken
 * (the caller compares their count with the number asked for, and fails the statement when short, so
 * that nothing is taken). The rows are locked in id order first, so two statements taking the same
 * goods queue rather than deadlock, and `stock >= q` is checked on the row as it stands: never oversold.
 * `id = ANY(ids)` is repeated on both scans so that the generic plan (the statement is prepared once per
 * connection) reads the goods by primary key whatever the table's size: joined to the unnest alone, it
 * scanned the whole table (hash join) on every placement.
 */
export function takeGoodsCtes(p: TakeGoodsParams): string {
  return `goods_locked AS (
       SELECT g.id, r.q, r.price, r.kind, r.title
         FROM goods g JOIN unnest(${p.ids}::bigint[], ${p.quantities}::int[], ${p.prices}::bigint[], ${p.kinds}::text[], ${p.titles}::text[])
                           AS r(id, q, price, kind, title) ON r.id = g.id
        WHERE g.id = ANY(${p.ids}::bigint[])
        ORDER BY g.id FOR UPDATE OF g
     ), goods_taken AS (
       UPDATE goods g SET stock = g.stock - l.q, updated_at = now()
         FROM goods_locked l
        WHERE g.id = l.id AND g.id = ANY(${p.ids}::bigint[]) AND g.active AND g.stock >= l.q AND g.price_fen = l.price AND g.kind::text = l.kind AND g.title = l.title
          AND g.merchant_id = ${p.merchantId}
       RETURNING g.id
     )`;
}
