/**
 * The registry's rows as other domains read them inside their own statements (placing an order reads a
 * lot's household and village in the same round trip), as SQL this domain owns, so that only this lib
 * names households, villages and their histories. A relation is a parenthesised SELECT of the columns
 * others may read, which PostgreSQL pulls up into the caller's query (the plan is the one of a plain
 * join); a function takes the SQL expressions of its inputs.
 */

/** Households: id, village_id, county_id, poverty_status (now). */
export const householdsSql = `(SELECT h.id, h.village_id, h.county_id, h.poverty_status FROM households h)`;

/** Villages: id, poverty_stricken (now), designated_poverty_stricken (before any history entry). */
export const villagesSql = `(SELECT v.id, v.poverty_stricken, v.designated_poverty_stricken FROM villages v)`;

/**
 * The household's poverty-status entry in force at the instant (SQL expressions), by its history as it
 * stands: zero or one row (`status`), for a LATERAL join.
 */
export const householdStatusEntryAtSql = (household: string, instant: string): string =>
  `SELECT p.status FROM poverty_status_history p
    WHERE p.household_id = ${household} AND p.effective_at <= ${instant}
    ORDER BY p.effective_at DESC, p.id DESC LIMIT 1`;

/**
 * The village's poverty entry in force at the instant (SQL expressions), by its history as it stands:
 * zero or one row (`poverty_stricken`), for a LATERAL join.
 */
export const villagePovertyEntryAtSql = (village: string, instant: string): string =>
  `SELECT p.poverty_stricken FROM village_poverty_history p
    WHERE p.village_id = ${village} AND p.effective_at <= ${instant}
    ORDER BY p.effective_at DESC, p.id DESC LIMIT 1`;
