/**
 * What settlement needs of orders, as SQL this domain owns (the payouts domain composes it into its
 * settlement statements, so that only this lib names allocations and fulfillments): the allocations of
 * DELIVERED fulfilments delivered at least `$1` hours ago (the holdback), with the two payees and what
 * each is owed. Which of them a payout already settles is the payouts domain's to know.
 */
export const SETTLEABLE_ALLOCATIONS_SQL = `
  SELECT a.id, a.household_id, a.listing_station_id, a.supplier_net_fen, a.station_commission_fen
    FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id
   WHERE f.status = 'DELIVERED' AND f.delivered_at <= now() - $1::float8 * interval '1 hour'`;
