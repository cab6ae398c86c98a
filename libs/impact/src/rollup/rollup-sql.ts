// SQL shared by the rollup maintenance and the reports. A fact `f` counts in four scopes (its county
// and station, its county over all stations, its station over all counties, everything), each keyed
// with 0 for "all"; in its Asia/Shanghai day, week (by its Monday) and month; and, for the bitmaps,
// under up to four kinds.

/** Bits per bitmap chunk: bit `id % CHUNK_BITS` of chunk `id / CHUNK_BITS` stands for `id`. */
export const CHUNK_BITS = 1024;

/** An all-zero bitmap chunk. */
export const ZERO_BITS = `B'0'::bit(${CHUNK_BITS})`;

/** The one-bit chunk of id expression `id`. */
export const bitOf = (id: string) => `set_bit(${ZERO_BITS}, (${id} % ${CHUNK_BITS})::int, 1)`;

/** The chunk of id expression `id`. */
export const chunkOf = (id: string) => `(${id} / ${CHUNK_BITS})::int`;

/** The first day of the month of date expression `day`. */
export const monthOf = (day: string) => `date_trunc('month', ${day}::timestamp)::date`;

/** The Monday of the week of date expression `day` (ISO weeks start on Monday). */
export const weekOf = (day: string) => `date_trunc('week', ${day}::timestamp)::date`;

/** The Asia/Shanghai calendar day of an instant expression. */
export const shanghaiDay = (instant: string) => `(${instant} AT TIME ZONE 'Asia/Shanghai')::date`;

export const SCOPES = (f: string) =>
  `CROSS JOIN LATERAL (VALUES (${f}.county_id, ${f}.station_id), (${f}.county_id, 0::bigint), (0::bigint, ${f}.station_id), (0::bigint, 0::bigint)) sc(county_id, station_id)`;

export const GRAINS = (f: string) =>
  `CROSS JOIN LATERAL (VALUES ('D', ${f}.day), ('W', ${weekOf(`${f}.day`)}), ('M', ${monthOf(`${f}.day`)})) gr(grain, period)`;

/** The day after the period `period` of grain `grain` ('D', 'W' or 'M'). */
export const periodEnd = (grain: string, period: string) =>
  `CASE ${grain} WHEN 'D' THEN ${period} + 1 WHEN 'W' THEN ${period} + 7 ELSE (${period} + interval '1 month')::date END`;

/** Daily and weekly bitmaps are kept for the all-stations scopes only (a station's days are few enough to read from the facts). */
export const KEEPS_BITS = `(gr.grain = 'M' OR sc.station_id = 0)`;

export const SCOPE_KINDS = (f: string) =>
  `CROSS JOIN LATERAL (VALUES ('H', ${f}.household_id, true), ('P', ${f}.household_id, ${f}.poor), ('V', ${f}.village_id, true), ('S', ${f}.village_id, ${f}.village_poor)) k(kind, id, keep)`;

export const VILLAGE_KINDS = (f: string) => `CROSS JOIN LATERAL (VALUES ('H', ${f}.household_id, true), ('P', ${f}.household_id, ${f}.poor)) k(kind, id, keep)`;

export const VILLAGE_STATIONS = (f: string) => `CROSS JOIN LATERAL (VALUES (${f}.station_id), (0::bigint)) vs(station_id)`;

/** The columns of impact_facts, and how a counted allocation (allocations a) becomes one. */
export const FACT_COLUMNS = `allocation_id, order_id, county_id, station_id, village_id, household_id, placed_at, day, gross_fen, net_fen, poor, village_poor, paid`;

/** The fact columns of an allocation `a`; `paid` is whether a payout has paid its household net. */
export const factFromAllocation = (paid: string) => `a.id, a.order_id, a.county_id, a.listing_station_id, a.village_id, a.household_id, a.placed_at,
  ${shanghaiDay('a.placed_at')}, a.gross_fen, a.supplier_net_fen, a.poverty_status_at_sale = 'REGISTERED_POOR',
  a.village_poverty_stricken_at_sale, ${paid}`;
