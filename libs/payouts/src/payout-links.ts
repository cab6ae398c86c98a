import { Tx } from '@app/platform';

/**
 * The allocations (the orders domain's, by id) whose household net each of these payouts pays: what
 * the 'payout.paid' event carries, so that its listeners need not read the payouts domain's tables.
 * A station's or a merchant's payout pays none.
 */
export async function householdAllocationsOf(tx: Tx, payoutIds: string[]): Promise<Map<string, string[]>> {
  if (payoutIds.length === 0) return new Map();
  const rows: Array<{ payout_id: string; ids: string[] }> = await tx.manager.query(
    `SELECT payout_id::text, array_agg(allocation_id::text ORDER BY allocation_id) AS ids
       FROM payout_links WHERE payout_id = ANY($1::bigint[]) AND payee_kind = 'HOUSEHOLD'
      GROUP BY payout_id`,
    [payoutIds],
  );
  return new Map(rows.map((r) => [r.payout_id, r.ids]));
}

/**
 * The allocations whose household net a PAID payout has paid (`allocation_id`), as SQL for another
 * domain to compose (impact's rebuild joins it to the allocations it counts).
 */
export const PAID_HOUSEHOLD_ALLOCATIONS_SQL = `
  SELECT l.allocation_id FROM payout_links l JOIN payouts p ON p.id = l.payout_id
   WHERE l.payee_kind = 'HOUSEHOLD' AND p.status = 'PAID'`;
