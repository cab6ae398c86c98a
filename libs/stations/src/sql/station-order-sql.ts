/**
 * What placing a village order needs of a station, as SQL this domain owns (the village-orders domain
 * composes it into its own statements, so that only this lib names stations and station_villages).
 * Each takes the SQL expressions (a `$n` parameter, usually) of its inputs.
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
