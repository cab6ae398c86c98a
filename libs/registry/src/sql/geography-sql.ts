/**
 * Joins to the geography as SQL this domain owns, for another domain's statement that must read a
 * village or county with its own rows in one go (the catalog's page of listings, impact's villages
 * export), so that only this lib names villages, townships and counties. `alias` is the name the row
 * gets; `id` an SQL expression of the caller's row.
 */

/** `JOIN villages <alias> ON <alias>.id = <id>`. */
export const joinVillageSql = (alias: string, id: string): string => `JOIN villages ${alias} ON ${alias}.id = ${id}`;

/** `LEFT JOIN townships <alias> ON <alias>.id = <id>`: the township of a village, if it has one. */
export const leftJoinTownshipSql = (alias: string, id: string): string => `LEFT JOIN townships ${alias} ON ${alias}.id = ${id}`;

/** `JOIN counties <alias> ON <alias>.id = <id>`. */
export const joinCountySql = (alias: string, id: string): string => `JOIN counties ${alias} ON ${alias}.id = ${id}`;

/** True when the county (an SQL expression) exists. */
export const countyExistsSql = (id: string): string => `EXISTS (SELECT 1 FROM counties WHERE id = ${id})`;
