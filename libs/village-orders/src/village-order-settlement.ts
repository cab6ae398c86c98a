/**
 * What settlement needs of village orders, as SQL this domain owns: the payouts domain composes it into
 * its settlement statement (one payout per payee and county), so that only this lib names its tables.
 * Eligible: COLLECTED orders collected before the holdback ($1 hours) and in no payout of that side yet.
 */
export interface VillageOrderSettlementSide {
  kind: 'MERCHANT' | 'STATION';
  /** SELECT payee_id, county_id, amount, ids: the eligible orders grouped by payee and county. */
  dueSql: string;
  /** UPDATE linking the orders: `$ids` and `$payout` stand for the ids and the payout id columns of `l`. */
  linkSql: (from: string) => string;
}

const side = (kind: 'MERCHANT' | 'STATION', payee: string, amount: string, link: string): VillageOrderSettlementSide => ({
  kind,
  dueSql: `SELECT o.${payee} AS payee_id, o.county_id, sum(o.${amount}) AS amount, array_agg(o.id) AS ids
             FROM village_orders o
            WHERE o.status = 'COLLECTED' AND o.${link} IS NULL AND o.collected_at <= now() - $1::float8 * interval '1 hour'
            GROUP BY o.${payee}, o.county_id
           HAVING sum(o.${amount}) > 0
            ORDER BY o.${payee}, o.county_id`,
  linkSql: (from) => `UPDATE village_orders o SET ${link} = l.payout_id FROM (${from}) l WHERE o.id = l.order_id AND o.${link} IS NULL RETURNING o.${amount} AS amount`,
});

export const VILLAGE_ORDER_SETTLEMENT: readonly VillageOrderSettlementSide[] = [
  side('MERCHANT', 'merchant_id', 'merchant_net_fen', 'merchant_payout_id'),
  side('STATION', 'station_id', 'station_commission_fen', 'station_payout_id'),
];
