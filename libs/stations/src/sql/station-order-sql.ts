/**
 * What placing an order or a village order needs of a station, as SQL this domain owns (the orders and
 * village-orders domains compose it into their own statements, so that only this lib names stations and
 * station_villages). A function takes the SQL expressions (a `$n` parameter, usually) of its inputs; a
 * relation is a parenthesised SELECT of the columns others may read, which PostgreSQL pulls up into the
 * caller's query (the plan is the one of a plain join).
 */

/** The station's terms as one JSON array `[active, commission_bps, county_id]`, or null when there is no such station. */
export const stationTermsJsonSql = (stationId: string): string =>
  `(SELECT json_build_array(s.active, s.commission_bps, s.county_id::text) FROM stations s WHERE s.id = ${stationId})`;

/** True when the station serves the village. */
export const stationServesVillageSql = (stationId: string, villageId: string): string =>
  `EXISTS (SELECT 1 FROM station_villages sv WHERE sv.station_id = ${stationId} AND sv.village_id = ${villageId})`;

/** True when the station is still active and charges the commission rate given: what an order was split by. */
export const stationTermsUnchangedSql = (stationId: string, commissionBps: string): string =>
  `EXISTS (SELECT 1 FROM stations s WHERE s.id = ${stationId} AND s.active AND s.commission_bps = ${commissionBps})`;

/** Stations as the orders domain reads them in its statements: id, name, active, daily_capacity, commission_bps. */
export const stationTermsSql = `(SELECT s.id, s.name, s.active, s.daily_capacity, s.commission_bps FROM stations s)`;

/** Which station serves which village: station_id, village_id. */
export const stationVillagesSql = `(SELECT sv.station_id, sv.village_id FROM station_villages sv)`;

/** Every station as a payee, a derived table of (id, county_id) to join by id: settlement writes a payout's county from it. */
export const STATION_PAYEES_SQL = '(SELECT s.id, s.county_id FROM stations s)';

/** The ids of the villages the station (an SQL expression) serves, as a parenthesised subquery for `IN`. */
export const villagesServedBySql = (stationId: string): string => `(SELECT sv.village_id FROM station_villages sv WHERE sv.station_id = ${stationId})`;

/** `JOIN stations <alias> ON <alias>.id = <id>` (an SQL expression of the caller's row): the catalog's page reads each listing's station with it. */
export const joinStationSql = (alias: string, id: string): string => `JOIN stations ${alias} ON ${alias}.id = ${id}`;

/** True when the station (an SQL expression) exists. */
export const stationExistsSql = (id: string): string => `EXISTS (SELECT 1 FROM stations WHERE id = ${id})`;
