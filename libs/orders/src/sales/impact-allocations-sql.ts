/**
 * What impact's rollups read of orders, as SQL this domain owns (the impact domain composes it into its
 * own statements, so that only this lib names allocations and fulfillments). Each is a derived table
 * with the allocation's columns, to alias and filter or join by id; PostgreSQL flattens it into the
 * caller's statement, so the plan is the one of naming the table.
 */

/** Every allocation. */
export const ALLOCATIONS_SQL = '(SELECT * FROM allocations)';

/** The allocations of the fulfilment (an SQL expression). */
export const allocationsOfFulfillmentSql = (fulfillmentId: string): string => `(SELECT * FROM allocations WHERE fulfillment_id = ${fulfillmentId})`;

/** The allocations of DELIVERED fulfilments: what impact counts. */
export const DELIVERED_ALLOCATIONS_SQL = `(SELECT a.* FROM allocations a JOIN fulfillments fl ON fl.id = a.fulfillment_id AND fl.status = 'DELIVERED')`;
