/**
 * Lists of households as SQL this domain owns, for another domain to join to its own rows in one
 * statement (finance's reconciliation with a lender's list), so that only this lib names households.
 */

/** The county's (an SQL expression) registered-poor households now, as a derived table of (id, village_id, registry_number). */
export const registeredPoorOfCountySql = (countyId: string): string =>
  `(SELECT h.id, h.village_id, h.registry_number FROM households h WHERE h.county_id = ${countyId} AND h.poverty_status = 'REGISTERED_POOR')`;
