import { seedDemoTraining } from './demo-training';
import { Pool, PoolClient } from 'pg';
import { hashPassword } from '@app/auth';
import { DEMO_PASSWORDS } from '@app/platform';
import { seedDemoFinance } from './demo-finance';
import { seedDemoGoods } from './demo-goods';
import { DemoSeedContext, seedDemoListings } from './demo-listings';
import { apportion, HandanCounty, readHandanCounties } from './handan-reference';

/** Registered-poor households seeded per county: the table's proportions at a demo scale. */
export const DEMO_POOR_PER_TABLE_COUNTY = 300;
export const DEMO_POOR_PER_OTHER_COUNTY = 200;

/**
 * The demo logins, one per role, printed by `npm run seed`. Their passwords are published, so the
 * platform keeps them (DEMO_PASSWORDS) to refuse them in production.
 */
export const DEMO_USERS = [
  { email: 'admin@handan.demo', password: DEMO_PASSWORDS.admin, displayName: '邯郸管理员 Admin', role: 'ADMIN', station: null, county: null },
  { email: 'operator.she@handan.demo', password: DEMO_PASSWORDS.operator, displayName: '偏城站长 Operator', role: 'STATION_OPERATOR', station: '偏城电商服务站', county: null },
  { email: 'official.she@handan.demo', password: DEMO_PASSWORDS.official, displayName: '涉县扶贫办 Official', role: 'COUNTY_OFFICIAL', station: null, county: '130426' },
  { email: 'buyer@handan.demo', password: DEMO_PASSWORDS.buyer, displayName: '城市买家 Buyer', role: 'BUYER', station: null, county: null },
  { email: 'lender.she@handan.demo', password: DEMO_PASSWORDS.lender, displayName: '涉县信用社 Lender', role: 'LENDER', station: null, county: null },
] as const;

/**
 * Townships (and how many villages each) of the counties the demo gives geography: all of She
 * County's e-commerce townships, two in each other national poverty county and table county.
 */
const GEOGRAPHY: Record<string, { townships: string[]; villagesPer: number }> = {
  '130426': { townships: ['涉城镇', '索堡镇', '偏城镇', '西戌镇', '井店镇', '辽城乡'], villagesPer: 5 }, // She
  '130434': { townships: ['魏城镇', '德政镇'], villagesPer: 4 }, // Wei
  '130425': { townships: ['大名镇', '杨桥镇'], villagesPer: 4 }, // Daming
  '130432': { townships: ['广平镇', '平固店镇'], villagesPer: 4 }, // Guangping
  '130423': { townships: ['临漳镇', '柳园镇'], villagesPer: 4 }, // Linzhang
  '130424': { townships: ['成安镇', '商城镇'], villagesPer: 4 }, // Cheng'an
  '130431': { townships: ['鸡泽镇', '小寨镇'], villagesPer: 4 }, // Jize
};

const VILLAGE_PREFIX = ['东', '西', '南', '北', '前', '后', '上', '下', '大', '小', '新', '老'];
const VILLAGE_BASE = ['庄', '岭', '沟', '峪', '坪', '寨', '河', '湾', '堡', '店', '岗', '垴'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['秀英', '建国', '桂兰', '志强', '玉梅', '国华', '淑珍', '卫东', '春生', '凤英', '海军', '丽娟', '文明', '红霞', '永刚', '金花'];

export interface DemoSeedSummary {
  counties: number;
  townships: number;
  villages: number;
  stations: number;
  households: number;
  registeredPoor: number;
  users: number;
  listings: number;
  /** Rows this run added (all zero on a second run). */
  added: { counties: number; townships: number; villages: number; stations: number; households: number; users: number; listings: number; merchants: number; goods: number; villageOrders: number; trainingSessions: number; trainingAttendances: number; villageExits: number; loans: number; creditAssessments: number };
  scale: string[];
  logins: Array<{ role: string; email: string; password: string }>;
}

const stationName = (township: string) => `${township.replace(/[镇乡]$/, '')}电商服务站`;

/**
 * Loads the Handan demo set in one transaction, upserting by natural keys (county code, township
 * name, village code, station name in its county, registry number, email): a second run adds nothing.
 */
export async function seedDemo(pool: Pool, options: { passwordHashCost: number }): Promise<DemoSeedSummary> {
  const counties = readHandanCounties();
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password, options.passwordHashCost)));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const added = { counties: 0, townships: 0, villages: 0, stations: 0, households: 0, users: 0, listings: 0, merchants: 0, goods: 0, villageOrders: 0, trainingSessions: 0, trainingAttendances: 0, villageExits: 0, loans: 0, creditAssessments: 0 };
    const scale: string[] = [];

    const countyIds = new Map<string, string>();
    for (const c of counties) {
      const r = await client.query(
        'INSERT INTO counties (code, name, national_poverty_county) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING id',
        [c.code, `${c.nameZh} ${c.nameEn}`, c.nationalPovertyCounty],
      );
      added.counties += r.rowCount ?? 0;
    }
    for (const row of (await client.query('SELECT id::text, code FROM counties WHERE code = ANY($1)', [counties.map((c) => c.code)])).rows) countyIds.set(row.code, row.id);

    const villages = new Map<string, { id: string; countyCode: string; povertyStricken: boolean }>();
    const villagesOfTownship = new Map<string, string[]>();
    for (const [countyCode, geo] of Object.entries(GEOGRAPHY)) {
      const countyId = countyIds.get(countyCode)!;
      for (const [t, township] of geo.townships.entries()) {
        const ins = await client.query('INSERT INTO townships (county_id, name) VALUES ($1, $2) ON CONFLICT (county_id, name) DO NOTHING RETURNING id', [countyId, township]);
        added.townships += ins.rowCount ?? 0;
        const townshipId = String((await client.query('SELECT id FROM townships WHERE county_id = $1 AND name = $2', [countyId, township])).rows[0].id);
        const ids: string[] = [];
        for (let v = 0; v < geo.villagesPer; v++) {
          const code = `${countyCode}${100 + t}${String(201 + v)}`;
          const name = `${VILLAGE_PREFIX[(t * 5 + v) % VILLAGE_PREFIX.length]}${VILLAGE_BASE[(t + v * 7) % VILLAGE_BASE.length]}村`;
          const povertyStricken = v < 2; // two poverty-stricken villages in every township
          const r = await client.query(
            `INSERT INTO villages (township_id, county_id, code, name, poverty_stricken) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING RETURNING id`,
            [townshipId, countyId, code, name, povertyStricken],
          );
          added.villages += r.rowCount ?? 0;
          const row = (await client.query('SELECT id::text, poverty_stricken FROM villages WHERE code = $1', [code])).rows[0];
          villages.set(code, { id: row.id, countyCode, povertyStricken: row.poverty_stricken });
          ids.push(row.id);
        }
        villagesOfTownship.set(`${countyCode}/${township}`, ids);
      }
    }

    // Stations: one per She County township serving its villages, plus a county operations centre
    // serving every She village; in each other county one station serving all its demo villages.
    const stationPlan: Array<{ name: string; countyCode: string; villageId: string; served: string[]; capacity: number; commissionBps: number }> = [];
    const she = GEOGRAPHY['130426'];
    for (const township of she.townships) {
      const served = villagesOfTownship.get(`130426/${township}`)!;
      stationPlan.push({ name: stationName(township), countyCode: '130426', villageId: served[0], served, capacity: 60, commissionBps: 500 });
    }
    const allShe = she.townships.flatMap((t) => villagesOfTownship.get(`130426/${t}`)!);
    stationPlan.push({ name: '涉县电商运营中心', countyCode: '130426', villageId: allShe[0], served: allShe, capacity: 300, commissionBps: 300 });
    for (const [countyCode, geo] of Object.entries(GEOGRAPHY)) {
      if (countyCode === '130426') continue;
      const served = geo.townships.flatMap((t) => villagesOfTownship.get(`${countyCode}/${t}`)!);
      const county = counties.find((c) => c.code === countyCode)!;
      stationPlan.push({ name: `${county.nameZh.replace(/[县区市]$/, '')}电商服务站`, countyCode, villageId: served[0], served, capacity: 80, commissionBps: 500 });
    }
    const stations = new Map<string, { id: string; countyCode: string; servedVillageIds: string[] }>();
    for (const s of stationPlan) {
      const countyId = countyIds.get(s.countyCode)!;
      const ins = await client.query(
        `INSERT INTO stations (name, village_id, county_id, daily_capacity, commission_bps, active)
         SELECT $1::varchar, $2::bigint, $3::bigint, $4::int, $5::int, true WHERE NOT EXISTS (SELECT 1 FROM stations WHERE county_id = $3::bigint AND name = $1::varchar) RETURNING id`,
        [s.name, s.villageId, countyId, s.capacity, s.commissionBps],
      );
      added.stations += ins.rowCount ?? 0;
      const id = String((await client.query('SELECT id FROM stations WHERE county_id = $1 AND name = $2 ORDER BY id LIMIT 1', [countyId, s.name])).rows[0].id);
      await client.query('INSERT INTO station_villages (station_id, village_id) SELECT $1, v FROM unnest($2::bigint[]) AS v ON CONFLICT DO NOTHING', [id, s.served]);
      stations.set(s.name, { id, countyCode: s.countyCode, servedVillageIds: s.served });
    }

    // Households: the poverty table's general / minimum-subsistence / five-guarantee split for its
    // counties; Handan's overall split (the table's totals) for the others.
    const tableCounties = counties.filter((c) => c.poverty);
    const overall = [0, 1, 2].map((i) => tableCounties.reduce((sum, c) => sum + [c.poverty!.general, c.poverty!.minimumSubsistence, c.poverty!.fiveGuarantee][i], 0));
    for (const countyCode of Object.keys(GEOGRAPHY)) {
      const county = counties.find((c) => c.code === countyCode)!;
      const villageIds = [...villages.entries()].filter(([, v]) => v.countyCode === countyCode).map(([, v]) => v.id);
      added.households += await seedHouseholds(client, county, countyIds.get(countyCode)!, villageIds, overall, scale);
    }

    const users = new Map<string, string>();
    for (const [i, u] of DEMO_USERS.entries()) {
      const stationId = u.station ? stations.get(u.station)!.id : null;
      const countyId = u.county ? countyIds.get(u.county)! : null;
      const r = await client.query(
        `INSERT INTO users (email, password_hash, display_name, role, station_id, county_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id`,
        [u.email, hashes[i], u.displayName, u.role, stationId, countyId],
      );
      added.users += r.rowCount ?? 0;
      users.set(u.email, String((await client.query('SELECT id FROM users WHERE email = $1', [u.email])).rows[0].id));
    }

    const context: DemoSeedContext = { client, counties: countyIds, villages, stations, users };
    const listings = await seedDemoListings(context);
    added.listings = listings.listings;
    const downward = await seedDemoGoods(context);
    added.merchants = downward.merchants;
    added.goods = downward.goods;
    added.villageOrders = downward.villageOrders;
    const training = await seedDemoTraining(context);
    added.trainingSessions = training.sessions;
    added.trainingAttendances = training.attendances;
    added.villageExits = training.villageExits;
    const finance = await seedDemoFinance(context, 'lender.she@handan.demo');
    added.loans = finance.loans;
    added.creditAssessments = finance.assessments;

    const totals = (
      await client.query(`SELECT (SELECT count(*) FROM counties)::int AS counties, (SELECT count(*) FROM townships)::int AS townships,
        (SELECT count(*) FROM villages)::int AS villages, (SELECT count(*) FROM stations)::int AS stations,
        (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM households WHERE poverty_status = 'REGISTERED_POOR')::int AS poor,
        (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM listings)::int AS listings`)
    ).rows[0];
    await client.query('COMMIT');
    return {
      counties: totals.counties,
      townships: totals.townships,
      villages: totals.villages,
      stations: totals.stations,
      households: totals.households,
      registeredPoor: totals.poor,
      users: totals.users,
      listings: totals.listings,
      added,
      scale,
      logins: DEMO_USERS.map((u) => ({ role: u.role, email: u.email, password: u.password })),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** One county's households and their history; returns how many were new. */
async function seedHouseholds(client: PoolClient, county: HandanCounty, countyId: string, villageIds: string[], overall: number[], scale: string[]): Promise<number> {
  const inTable = county.poverty !== null;
  const poor = inTable ? DEMO_POOR_PER_TABLE_COUNTY : DEMO_POOR_PER_OTHER_COUNTY;
  const weights = inTable ? [county.poverty!.general, county.poverty!.minimumSubsistence, county.poverty!.fiveGuarantee] : overall;
  const parts = apportion(poor, weights);
  // A category the table has at all (Linzhang's 11 five-guarantee people) keeps at least one household.
  for (let i = 0; i < parts.length; i++) {
    if (weights[i] > 0 && parts[i] === 0) {
      parts[i] = 1;
      parts[parts.indexOf(Math.max(...parts))]--;
    }
  }
  const [general, minimum, five] = parts;
  const notRegistered = Math.round(poor / 8);
  const exited = Math.round(poor / 15);
  scale.push(
    inTable
      ? `${county.nameEn}: ${poor} registered-poor households (${general} general, ${minimum} minimum-subsistence, ${five} five-guarantee), the table's split of ${county.poverty!.people.toLocaleString('en')} poor people at about 1:${Math.round(county.poverty!.people / poor)}; plus ${notRegistered} not registered, ${exited} exited`
      : `${county.nameEn}: ${poor} registered-poor households in Handan's overall split (${general}/${minimum}/${five}); plus ${notRegistered} not registered, ${exited} exited`,
  );
  const plan: Array<{ status: string; category: string | null }> = [
    ...Array.from({ length: general }, () => ({ status: 'REGISTERED_POOR', category: 'GENERAL' })),
    ...Array.from({ length: minimum }, () => ({ status: 'REGISTERED_POOR', category: 'MINIMUM_SUBSISTENCE' })),
    ...Array.from({ length: five }, () => ({ status: 'REGISTERED_POOR', category: 'FIVE_GUARANTEE' })),
    ...Array.from({ length: notRegistered }, () => ({ status: 'NOT_REGISTERED', category: null })),
    ...Array.from({ length: exited }, () => ({ status: 'EXITED', category: null })),
  ];
  const rows = plan.map((p, i) => {
    const seq = i + 1;
    return {
      villageId: villageIds[i % villageIds.length],
      registryNumber: `${county.code}-${String(seq).padStart(5, '0')}`,
      headName: `${SURNAMES[(seq * 7) % SURNAMES.length]}${GIVEN[(seq * 3) % GIVEN.length]}`,
      members: 1 + ((seq * 5) % 6),
      payoutAccount: `622848${county.code}${String(seq).padStart(5, '0')}`,
      ...p,
    };
  });
  const inserted = await client.query(
    `INSERT INTO households (village_id, county_id, registry_number, head_name, members, payout_account, poverty_status, poverty_category)
     SELECT i.village_id, $1, i.registry_number, i.head_name, i.members, i.payout_account, i.status::poverty_status, i.category::poverty_category
     FROM unnest($2::bigint[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
       AS i(village_id, registry_number, head_name, members, payout_account, status, category)
     ON CONFLICT (registry_number) DO NOTHING RETURNING id, poverty_status`,
    [
      countyId,
      rows.map((r) => r.villageId),
      rows.map((r) => r.registryNumber),
      rows.map((r) => r.headName),
      rows.map((r) => r.members),
      rows.map((r) => r.payoutAccount),
      rows.map((r) => r.status),
      rows.map((r) => r.category),
    ],
  );
  if (inserted.rowCount) {
    const ids = inserted.rows.map((r) => r.id);
    // Everyone was filed at the 2016 registration; the exited households left at the end of 2019.
    await client.query(
      `INSERT INTO poverty_status_history (household_id, status, category, effective_at)
       SELECT h.id, CASE WHEN h.poverty_status = 'EXITED' THEN 'REGISTERED_POOR' ELSE h.poverty_status END,
              CASE WHEN h.poverty_status = 'EXITED' THEN 'GENERAL' ELSE h.poverty_category END, '2016-01-01T00:00:00+08:00'
       FROM households h WHERE h.id = ANY($1::bigint[])`,
      [ids],
    );
    await client.query(
      `INSERT INTO poverty_status_history (household_id, status, category, effective_at)
       SELECT h.id, 'EXITED', NULL, '2019-12-31T00:00:00+08:00' FROM households h WHERE h.id = ANY($1::bigint[]) AND h.poverty_status = 'EXITED'`,
      [ids],
    );
  }
  return inserted.rowCount ?? 0;
}
