/**
 * What placing a village order needs of the registry, as SQL this domain owns (the village-orders
 * domain composes it into its own statements, so that only this lib names households and villages).
 * Each takes the SQL expressions (a `$n` parameter, usually) of its inputs; a null id gives null/false.
 */

/** The household's village and poverty status now, as a JSON array `[village_id, poverty_status]`, or null. */
export const householdPlaceJsonSql = (householdId: string): string =>
  `(SELECT json_build_array(h.village_id::text, h.poverty_status) FROM households h WHERE h.id = ${householdId})`;

/** The household's village id (null when there is no such household). */
export const householdVillageSql = (householdId: string): string => `(SELECT h.village_id FROM households h WHERE h.id = ${householdId})`;

/** True when the village exists. */
export const villageExistsSql = (villageId: string): string => `EXISTS (SELECT 1 FROM villages v WHERE v.id = ${villageId})`;
