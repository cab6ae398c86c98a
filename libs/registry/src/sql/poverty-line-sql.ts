/**
 * What the impact domain's poverty-line count needs of the registry, as SQL this domain owns (the
 * impact domain composes it into its own statements, so that only this lib names households and
 * counties). Each takes the SQL expressions (a `$n` parameter, a column) of its inputs. "Needs" is what
 * a household's supplier net over a year must reach: members x its county's line (fen).
 */

/** The county's poverty line (fen a person a year); with a null county, the lowest line of all counties. */
export const povertyLineSql = (countyId: string | null): string =>
  countyId === null ? `(SELECT min(c.poverty_line_fen) FROM counties c)` : `(SELECT c.poverty_line_fen FROM counties c WHERE c.id = ${countyId})`;

/** The household's members while it is REGISTERED_POOR now; null when it is not (or does not exist). */
export const registeredPoorMembersSql = (householdId: string): string =>
  `(SELECT h.members FROM households h WHERE h.id = ${householdId} AND h.poverty_status = 'REGISTERED_POOR')`;

/** How many households of the county (all counties with null) are REGISTERED_POOR now (an index-only count). */
export const registeredPoorCountSql = (countyId: string | null): string =>
  `(SELECT count(*) FROM households h WHERE h.poverty_status = 'REGISTERED_POOR'${countyId === null ? '' : ` AND h.county_id = ${countyId}`})`;

/**
 * The households REGISTERED_POOR now, of the county (when given) and of the villages for which
 * `villageMatches(village)` holds, as a derived table of (id, village_id, needed).
 */
export const registeredPoorNeedsSql = (countyId: string | null, villageMatches: (villageId: string) => string): string =>
  `(SELECT h.id, h.village_id, h.members::bigint * c.poverty_line_fen AS needed FROM households h JOIN counties c ON c.id = h.county_id
     WHERE h.poverty_status = 'REGISTERED_POOR'${countyId === null ? '' : ` AND h.county_id = ${countyId}`} AND ${villageMatches('h.village_id')})`;

/** The household's members and its county's line, as a derived table of one row (members, line), none when there is no such household. */
export const householdLineSql = (householdId: string): string =>
  `(SELECT h.members, c.poverty_line_fen AS line FROM households h JOIN counties c ON c.id = h.county_id WHERE h.id = ${householdId})`;
