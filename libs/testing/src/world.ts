import { Pool } from 'pg';
import { hashPassword, signAccessToken } from '@app/auth';
import { AppConfig } from '@app/platform';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface WorldUser {
  id: string;
  email: string;
  token: string;
}

/**
 * A small county network written straight into a test database, for tests of the domains that build
 * on the registry: two counties; in She County a township with a poverty-stricken village (poor) and
 * an ordinary one (plain); households of each poverty status; two stations (main serves poor and
 * plain, second serves poor); one user of each role, with tokens.
 */
export interface World {
  county: { id: string; code: string };
  otherCounty: { id: string; code: string };
  township: { id: string };
  villages: { poor: string; plain: string; other: string };
  households: { poorA: string; poorB: string; notRegistered: string; exited: string; plain: string; other: string };
  stations: { main: string; second: string; other: string };
  /** Merchant organisations: main in She County's park, other in Wei County. */
  merchants: { main: string; other: string };
  users: {
    admin: WorldUser;
    operator: WorldUser;
    secondOperator: WorldUser;
    otherOperator: WorldUser;
    official: WorldUser;
    otherOfficial: WorldUser;
    buyer: WorldUser;
    otherBuyer: WorldUser;
    merchant: WorldUser;
    otherMerchant: WorldUser;
  };
}

async function one(pool: Pool, sql: string, params: unknown[]): Promise<string> {
  const { rows } = await pool.query(sql, params);
  return String(rows[0].id);
}

/** Writes the World into the database behind `pool`; tokens are signed with the server's secret. */
export async function createWorld(pool: Pool, config: Pick<AppConfig, 'jwtSecret' | 'jwtTtlSeconds'>): Promise<World> {
  const county = await one(pool, `INSERT INTO counties (code, name, national_poverty_county) VALUES ('130426', '涉县 She', true) RETURNING id`, []);
  const otherCounty = await one(pool, `INSERT INTO counties (code, name, national_poverty_county) VALUES ('130434', '魏县 Wei', true) RETURNING id`, []);
  const township = await one(pool, `INSERT INTO townships (county_id, name) VALUES ($1, '偏城镇') RETURNING id`, [county]);
  const otherTownship = await one(pool, `INSERT INTO townships (county_id, name) VALUES ($1, '魏城镇') RETURNING id`, [otherCounty]);
  const village = (code: string, name: string, t: string, c: string, poor: boolean) =>
    one(pool, `INSERT INTO villages (township_id, county_id, code, name, poverty_stricken) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [t, c, code, name, poor]);
  const poor = await village('130426100201', '偏城村', township, county, true);
  const plain = await village('130426100202', '涉城村', township, county, false);
  const other = await village('130434100201', '魏城村', otherTownship, otherCounty, false);

  const household = async (villageId: string, countyId: string, reg: string, name: string, status: string, category: string | null) => {
    const id = await one(
      pool,
      `INSERT INTO households (village_id, county_id, registry_number, head_name, members, payout_account, poverty_status, poverty_category)
       VALUES ($1, $2, $3, $4, 4, $5, $6, $7) RETURNING id`,
      [villageId, countyId, reg, name, `6228480012345${reg.slice(-4)}`, status, category],
    );
    await pool.query(
      `INSERT INTO poverty_status_history (household_id, status, category, effective_at) VALUES ($1, $2, $3, '2016-01-01T00:00:00+08:00')`,
      [id, status, category],
    );
    return id;
  };
  const households = {
    poorA: await household(poor, county, 'SX-0001', '王秀英', 'REGISTERED_POOR', 'GENERAL'),
    poorB: await household(poor, county, 'SX-0002', '李建国', 'REGISTERED_POOR', 'MINIMUM_SUBSISTENCE'),
    notRegistered: await household(poor, county, 'SX-0003', '张伟', 'NOT_REGISTERED', null),
    exited: await household(plain, county, 'SX-0004', '刘洋', 'EXITED', null),
    plain: await household(plain, county, 'SX-0005', '陈静', 'NOT_REGISTERED', null),
    other: await household(other, otherCounty, 'WX-0001', '赵磊', 'REGISTERED_POOR', 'FIVE_GUARANTEE'),
  };

  const station = async (name: string, villageId: string, countyId: string, served: string[]) => {
    const id = await one(
      pool,
      `INSERT INTO stations (name, village_id, county_id, daily_capacity, commission_bps, active) VALUES ($1, $2, $3, 100, 500, true) RETURNING id`,
      [name, villageId, countyId],
    );
    for (const v of served) await pool.query(`INSERT INTO station_villages (station_id, village_id) VALUES ($1, $2)`, [id, v]);
    return id;
  };
  const stations = {
    main: await station('偏城电商服务站', poor, county, [poor, plain]),
    second: await station('涉城电商服务站', plain, county, [poor]),
    other: await station('魏县电商服务站', other, otherCounty, [other]),
  };

  const merchant = (name: string, countyId: string, account: string) =>
    one(pool, `INSERT INTO merchants (name, county_id, payout_account) VALUES ($1, $2, $3) RETURNING id`, [name, countyId, account]);
  const merchants = {
    main: await merchant('涉县电商产业园农资公司', county, '6230520000007777'),
    other: await merchant('魏县百货批发部', otherCounty, '6230520000008888'),
  };

  const hash = await hashPassword(TEST_PASSWORD, 10);
  const user = async (email: string, role: string, stationId: string | null, countyId: string | null, merchantId: string | null = null): Promise<WorldUser> => {
    const id = await one(
      pool,
      `INSERT INTO users (email, password_hash, display_name, role, station_id, county_id, merchant_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [email, hash, email.split('@')[0], role, stationId, countyId, merchantId],
    );
    return { id, email, token: signAccessToken(config.jwtSecret!, id, role, config.jwtTtlSeconds) };
  };
  const users = {
    admin: await user('admin@test.cn', 'ADMIN', null, null),
    operator: await user('operator@test.cn', 'STATION_OPERATOR', stations.main, null),
    secondOperator: await user('operator2@test.cn', 'STATION_OPERATOR', stations.second, null),
    otherOperator: await user('operator3@test.cn', 'STATION_OPERATOR', stations.other, null),
    official: await user('official@test.cn', 'COUNTY_OFFICIAL', null, county),
    otherOfficial: await user('official2@test.cn', 'COUNTY_OFFICIAL', null, otherCounty),
    buyer: await user('buyer@test.cn', 'BUYER', null, null),
    otherBuyer: await user('buyer2@test.cn', 'BUYER', null, null),
    merchant: await user('merchant@test.cn', 'MERCHANT', null, null, merchants.main),
    otherMerchant: await user('merchant2@test.cn', 'MERCHANT', null, null, merchants.other),
  };
  return {
    county: { id: county, code: '130426' },
    otherCounty: { id: otherCounty, code: '130434' },
    township: { id: township },
    villages: { poor, plain, other },
    households,
    stations,
    merchants,
    users,
  };
}
