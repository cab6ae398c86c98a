/**
 * Lists of households as SQL this domain owns, for another domain to join to its own rows in one
 * statement (finance's reconciliation with a lender's list), so that only this lib names households.
 */

/** The county's (an SQL expression) registered-poor households now, as a derived table of (id, village_id, registry_number). */
export const registeredPoorOfCountySql = (countyId: string): string =>
  `(SELECT h.id, h.village_id, h.registry_number FROM households h WHERE h.county_id = ${countyId} AND h.poverty_status = 'REGISTERED_POOR')`;

/** Every household as a payee, a derived table of (id, county_id, payout_account) to join by id: settlement writes a payout's county and account from it. */
export const HOUSEHOLD_PAYEES_SQL = '(SELECT h.id, h.county_id, h.payout_account FROM households h)';

/** The household's (an SQL expression) payout account now; null for no such household. */
export const householdPayoutAccountSql = (householdId: string): string => `(SELECT h.payout_account FROM households h WHERE h.id = ${householdId})`;

/** The ids of the households living in the villages of `villageIds` (an SQL set: a subquery or a parenthesised list), as a parenthesised subquery for `IN`. */
export const householdIdsInVillagesSql = (villageIds: string): string => `(SELECT h.id FROM households h WHERE h.village_id IN ${villageIds})`;
