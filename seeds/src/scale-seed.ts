import { Pool } from 'pg';
import { apportion, readHandanCounties } from './handan-reference';

/** Handan's published size (the source study): what `npm run seed -- --scale handan` builds. */
export const HANDAN_SCALE = { counties: 18, townships: 213, villages: 5208, registeredPoor: 153_500, stations: 180, povertyStrickenVillages: 536 };
/** Non-poor households added per village (two never registered, one exited), so filters have something to filter. */
const NON_POOR_PER_VILLAGE = 3;
const MARKER = 'HD-000001';

export interface ScaleSeedSummary {
  skipped: boolean;
  counties: number;
  townships: number;
  villages: number;
  stations: number;
  registeredPoor: number;
  households: number;
  historyEntries: number;
  millis: number;
}

/**
 * Builds Handan-sized data for the benchmarks in one transaction, with multi-row inserts and
 * households generated inside PostgreSQL. Skips (changes nothing) when it has run before.
 */
export async function seedHandanScale(pool: Pool): Promise<ScaleSeedSummary> {
  const started = Date.now();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One generator at a time, and none after one has committed.
    await client.query('SELECT pg_advisory_xact_lock(72834501)');
    if ((await client.query('SELECT 1 FROM households WHERE registry_number = $1', [MARKER])).rowCount) {
      await client.query('ROLLBACK');
      return { skipped: true, counties: 0, townships: 0, villages: 0, stations: 0, registeredPoor: 0, households: 0, historyEntries: 0, millis: Date.now() - started };
    }
    const counties = readHandanCounties();
    await client.query(
      `INSERT INTO counties (code, name, national_poverty_county) SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[]) ON CONFLICT (code) DO NOTHING`,
      [counties.map((c) => c.code), counties.map((c) => `${c.nameZh} ${c.nameEn}`), counties.map((c) => c.nationalPovertyCounty)],
    );
    const countyId = new Map<string, string>((await client.query('SELECT id::text, code FROM counties WHERE code = ANY($1)', [counties.map((c) => c.code)])).rows.map((r) => [r.code, r.id]));

    // 213 townships over 18 counties, 5,208 villages over 213 townships, as evenly as the numbers go.
    const townshipsPer = apportion(HANDAN_SCALE.townships, counties.map(() => 1));
    const townships: Array<{ countyCode: string; index: number; name: string }> = [];
    counties.forEach((c, ci) => {
      for (let t = 0; t < townshipsPer[ci]; t++) townships.push({ countyCode: c.code, index: t, name: `${c.nameZh}第${t + 1}镇` });
    });
    const townshipRows = await client.query(
      `INSERT INTO townships (county_id, name) SELECT * FROM unnest($1::bigint[], $2::text[]) RETURNING id::text, county_id::text, name`,
      [townships.map((t) => countyId.get(t.countyCode)), townships.map((t) => t.name)],
    );
    const townshipId = new Map<string, string>(townshipRows.rows.map((r) => [`${r.county_id}/${r.name}`, r.id]));
    const villagesPer = apportion(HANDAN_SCALE.villages, townships.map(() => 1));
    const villages: Array<{ townshipId: string; countyId: string; code: string; name: string; poor: boolean; countyCode: string; township: number }> = [];
    let global = 0;
    townships.forEach((t, ti) => {
      const cid = countyId.get(t.countyCode)!;
      for (let v = 0; v < villagesPer[ti]; v++, global++) {
        // 536 key poverty-stricken villages spread evenly through the list.
        const poor = Math.floor(((global + 1) * HANDAN_SCALE.povertyStrickenVillages) / HANDAN_SCALE.villages) > Math.floor((global * HANDAN_SCALE.povertyStrickenVillages) / HANDAN_SCALE.villages);
        villages.push({ townshipId: townshipId.get(`${cid}/${t.name}`)!, countyId: cid, code: `${t.countyCode}${300 + t.index}${200 + v + 1}`, name: `${t.name.replace(/镇$/, '')}${v + 1}村`, poor, countyCode: t.countyCode, township: t.index });
      }
    });
    const villageRows = await client.query(
      `INSERT INTO villages (township_id, county_id, code, name, poverty_stricken) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::boolean[]) RETURNING id::text, code`,
      [villages.map((v) => v.townshipId), villages.map((v) => v.countyId), villages.map((v) => v.code), villages.map((v) => v.name), villages.map((v) => v.poor)],
    );
    const villageId = new Map<string, string>(villageRows.rows.map((r) => [r.code, r.id]));

    // 180 stations, ten a county: station s serves township s, and the townships past ten go to the first ones.
    const stationsPer = apportion(HANDAN_SCALE.stations, counties.map(() => 1));
    const stations: Array<{ name: string; countyCode: string; villageId: string; served: string[] }> = [];
    counties.forEach((c, ci) => {
      const count = stationsPer[ci];
      const own = villages.filter((v) => v.countyCode === c.code);
      for (let s = 0; s < count; s++) {
        const served = own.filter((v) => v.township % count === s).map((v) => villageId.get(v.code)!);
        stations.push({ name: `${c.nameZh}第${s + 1}电商服务站`, countyCode: c.code, villageId: served[0], served });
      }
    });
    const stationRows = await client.query(
      `INSERT INTO stations (name, village_id, county_id, daily_capacity, commission_bps, active)
       SELECT n, v, c, 200, 500, true FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS s(n, v, c) RETURNING id::text, name`,
      [stations.map((s) => s.name), stations.map((s) => s.villageId), stations.map((s) => countyId.get(s.countyCode))],
    );
    const stationId = new Map<string, string>(stationRows.rows.map((r) => [r.name, r.id]));
    const pairs = stations.flatMap((s) => s.served.map((v) => [stationId.get(s.name)!, v] as const));
    await client.query('INSERT INTO station_villages (station_id, village_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])', [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);

    // 153,500 registered-poor households: 29 or 30 a village, categories in the poverty table's overall
    // split (general 50,903 : minimum subsistence 32,886 : five-guarantee 2,521), generated in SQL.
    const ids = villageRows.rows.map((r) => r.id);
    const thirty = HANDAN_SCALE.registeredPoor - 29 * HANDAN_SCALE.villages; // villages with 30
    const households = await client.query(
      `WITH v AS (SELECT v.id, v.county_id, row_number() OVER (ORDER BY v.id) AS vi FROM villages v WHERE v.id = ANY($1::bigint[])),
       g AS (SELECT v.id AS village_id, v.county_id, (v.vi - 1) * 40 + k AS seq, k, CASE WHEN v.vi <= $2 THEN 30 ELSE 29 END AS poor
             FROM v CROSS JOIN LATERAL generate_series(1, CASE WHEN v.vi <= $2 THEN 30 ELSE 29 END + $3) AS k)
       INSERT INTO households (village_id, county_id, registry_number, head_name, members, payout_account, poverty_status, poverty_category)
       SELECT village_id, county_id, 'HD-' || lpad(seq::text, 6, '0'),
              (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','马','朱','胡','郭','何','高','林','罗'])[1 + seq % 20]
                || (ARRAY['秀英','建国','桂兰','志强','玉梅','国华','淑珍','卫东','春生','凤英','海军','丽娟','文明','红霞','永刚','金花'])[1 + (seq * 3) % 16],
              1 + (seq * 5) % 6, '62284801' || lpad(seq::text, 10, '0'),
              (CASE WHEN k <= poor THEN 'REGISTERED_POOR' WHEN k <= poor + 2 THEN 'NOT_REGISTERED' ELSE 'EXITED' END)::poverty_status,
              (CASE WHEN k > poor THEN NULL WHEN (seq * 7919) % 86310 < 50903 THEN 'GENERAL' WHEN (seq * 7919) % 86310 < 83789 THEN 'MINIMUM_SUBSISTENCE' ELSE 'FIVE_GUARANTEE' END)::poverty_category
       FROM g`,
      [ids, thirty, NON_POOR_PER_VILLAGE],
    );
    const history = await client.query(
      `INSERT INTO poverty_status_history (household_id, status, category, effective_at)
       SELECT id, CASE WHEN poverty_status = 'EXITED' THEN 'REGISTERED_POOR'::poverty_status ELSE poverty_status END,
              CASE WHEN poverty_status = 'EXITED' THEN 'GENERAL'::poverty_category ELSE poverty_category END, '2016-01-01T00:00:00+08:00'::timestamptz
       FROM households WHERE village_id = ANY($1::bigint[])
       UNION ALL
       SELECT id, 'EXITED'::poverty_status, NULL::poverty_category, '2019-12-31T00:00:00+08:00'::timestamptz FROM households WHERE village_id = ANY($1::bigint[]) AND poverty_status = 'EXITED'`,
      [ids],
    );
    const poor = (await client.query(`SELECT count(*)::int AS n FROM households WHERE village_id = ANY($1::bigint[]) AND poverty_status = 'REGISTERED_POOR'`, [ids])).rows[0].n;
    await client.query('COMMIT');
    await client.query('ANALYZE households; ANALYZE poverty_status_history; ANALYZE villages; ANALYZE station_villages');
    return {
      skipped: false,
      counties: counties.length,
      townships: townshipRows.rowCount ?? 0,
      villages: villageRows.rowCount ?? 0,
      stations: stationRows.rowCount ?? 0,
      registeredPoor: poor,
      households: households.rowCount ?? 0,
      historyEntries: history.rowCount ?? 0,
      millis: Date.now() - started,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
