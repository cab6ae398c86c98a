import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { signAccessToken } from '@app/auth';
import { createTestDatabase, createWorld, startTestApi, TEST_JWT_SECRET, TEST_PASSWORD, TestApi, World } from '@app/testing';

async function users(api: TestApi): Promise<unknown> {
  const { rows } = await api.db.pool.query(`SELECT string_agg(concat_ws('|', id, email, role, station_id, county_id), ',' ORDER BY id) AS users FROM users`);
  return rows[0].users;
}

const ME = `{ me { id email displayName role station { name } county { code } } }`;

describe('accounts over HTTP', () => {
  let api: TestApi;
  let world: World;
  beforeAll(async () => {
    api = await startTestApi({ adminEmail: ' Root@Handan.GOV.cn ', adminPassword: 'first-admin-password' });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });
  const token = (who: keyof World['users'] | null) => (who ? world.users[who].token : undefined);

  describe('registerBuyer and login', () => {
    const register = `mutation ($input: RegisterBuyerInput!) { registerBuyer(input: $input) { token user { id email displayName role station { id } county { id } } } }`;
    const login = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token user { id email role } } }`;

    it('registers a buyer with a lower-cased, trimmed email, an argon2id hash and a working token', async () => {
      const r = await api.gql(register, { input: { email: '  Li.Na@Example.COM ', password: 'walnuts-from-she', displayName: ' 李娜 ' } });
      expect(r.errors).toBeUndefined();
      const { token: t, user } = r.data!.registerBuyer;
      expect(user).toEqual({ id: expect.any(String), email: 'li.na@example.com', displayName: '李娜', role: 'BUYER', station: null, county: null });
      const { rows } = await api.db.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
      expect(rows[0].password_hash).not.toContain('walnuts-from-she');
      const claims = jwt.verify(t, TEST_JWT_SECRET) as jwt.JwtPayload;
      expect(claims.sub).toBe(user.id);
      expect(claims.exp! - claims.iat!).toBe(api.config.jwtTtlSeconds);
      expect((await api.gql(ME, {}, t)).data!.me).toEqual({ id: user.id, email: 'li.na@example.com', displayName: '李娜', role: 'BUYER', station: null, county: null });
    });

    it('signs in whatever the case of the email, and the token works', async () => {
      const r = await api.gql(login, { email: 'LI.NA@example.com', password: 'walnuts-from-she' });
      expect(r.errors).toBeUndefined();
      expect(r.data!.login.user).toMatchObject({ email: 'li.na@example.com', role: 'BUYER' });
      expect((await api.gql(`{ me { email } }`, {}, r.data!.login.token)).data!.me).toEqual({ email: 'li.na@example.com' });
    });

    it('says only that the email or password is wrong, for an unknown email and a wrong password alike', async () => {
      const wrong = await api.gql(login, { email: 'li.na@example.com', password: 'walnuts-from-wei' });
      const unknown = await api.gql(login, { email: 'nobody@example.com', password: 'walnuts-from-she' });
      for (const r of [wrong, unknown]) {
        expect(r.data).toBeNull();
        expect(r.errors).toEqual([{ message: 'Email or password is wrong', path: ['login'], extensions: { code: 'UNAUTHENTICATED' } }]);
      }
    });

    it.each([
      [{ email: 'not-an-email' }, 'BAD_USER_INPUT', 'input.email'],
      [{ email: 'a@b' }, 'BAD_USER_INPUT', 'input.email'],
      [{ password: 'short' }, 'BAD_USER_INPUT', 'input.password'],
      [{ password: 'x'.repeat(129) }, 'BAD_USER_INPUT', 'input.password'],
      [{ displayName: '  ' }, 'BAD_USER_INPUT', 'input.displayName'],
      [{ email: 'BUYER@test.cn' }, 'CONFLICT', 'input.email'],
    ])('refuses %j with %s at %s and changes nothing', async (extra, code, field) => {
      const before = await users(api);
      const r = await api.gql(register, { input: { email: 'new.buyer@example.com', password: 'long-enough-password', displayName: '新买家', ...extra } });
      expect(r.errors?.[0].extensions).toEqual({ code, field });
      expect(await users(api)).toEqual(before);
    });
  });

  describe('tokens', () => {
    it('refuses a forged, an expired and a malformed token with UNAUTHENTICATED, even where anonymous callers are welcome', async () => {
      const forged = signAccessToken('another-secret-that-is-also-long-enough!!', world.users.admin.id, 'ADMIN', 3600);
      const expired = jwt.sign({ role: 'ADMIN' }, TEST_JWT_SECRET, { algorithm: 'HS256', subject: world.users.admin.id, expiresIn: -10 });
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"sub":"${world.users.admin.id}"}`).toString('base64url')}.`;
      for (const t of [forged, expired, none, 'garbage']) {
        const r = await api.gql(`{ counties { code } }`, {}, t);
        expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(r.data ?? null).toBeNull();
      }
      const e = await api.gql(`{ me { id } }`, {}, expired);
      expect(e.errors?.[0].message).toBe('Your session has expired: sign in again');
      const forgedAdmin = await api.gql(`mutation { createCounty(input: { code: "130481", name: "Wu'an", nationalPovertyCounty: false }) { id } }`, {}, forged);
      expect(forgedAdmin.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await api.db.pool.query(`SELECT count(*)::int AS n FROM counties WHERE code = '130481'`)).rows[0].n).toBe(0);
    });

    it('shows an operator their station and an official their county', async () => {
      expect((await api.gql(ME, {}, token('operator'))).data!.me).toMatchObject({ role: 'STATION_OPERATOR', station: { name: '偏城电商服务站' }, county: null });
      expect((await api.gql(ME, {}, token('official'))).data!.me).toMatchObject({ role: 'COUNTY_OFFICIAL', station: null, county: { code: '130426' } });
    });
  });

  describe('the first admin', () => {
    it('was created at start from ADMIN_EMAIL and ADMIN_PASSWORD, and signs in', async () => {
      const { rows } = await api.db.pool.query(`SELECT email, display_name FROM users WHERE role = 'ADMIN' ORDER BY id`);
      expect(rows).toEqual([
        { email: 'root@handan.gov.cn', display_name: 'Administrator' },
        { email: 'admin@test.cn', display_name: 'admin' },
      ]);
      const r = await api.gql(`mutation { login(email: "root@handan.gov.cn", password: "first-admin-password") { user { role } } }`);
      expect(r.data!.login.user.role).toBe('ADMIN');
    });

    it('is created once when two servers start together on a database without an admin', async () => {
      const db = await createTestDatabase();
      try {
        const both = await Promise.all([1, 2].map(() => startTestApi({ adminEmail: 'boss@handan.gov.cn', adminPassword: 'first-admin-password' }, db)));
        await Promise.all(both.map((o) => o.close()));
        const { rows } = await db.pool.query(`SELECT email, role FROM users`);
        expect(rows).toEqual([{ email: 'boss@handan.gov.cn', role: 'ADMIN' }]);
      } finally {
        await db.drop();
      }
    });

    it('is not created again by more servers starting on the same database, together', async () => {
      const others = await Promise.all([1, 2].map(() => startTestApi({ adminEmail: 'second@handan.gov.cn', adminPassword: 'another-password' }, api.db)));
      await Promise.all(others.map((o) => o.close()));
      const { rows } = await api.db.pool.query(`SELECT count(*)::int AS n FROM users WHERE role = 'ADMIN'`);
      expect(rows[0].n).toBe(2);
      expect((await api.db.pool.query(`SELECT count(*)::int AS n FROM users WHERE email = 'second@handan.gov.cn'`)).rows[0].n).toBe(0);
    });
  });

  describe('createUser (admins)', () => {
    const m = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id email role station { id } county { id } } }`;
    let n = 0;
    const input = (extra: Record<string, unknown>) => ({ email: `user${++n}@handan.gov.cn`, password: 'long-enough-password', displayName: '用户', role: 'BUYER', ...extra });

    it('creates a user of each role, operators bound to a station and officials to a county', async () => {
      const op = await api.gql(m, { input: input({ role: 'STATION_OPERATOR', stationId: world.stations.second }) }, token('admin'));
      expect(op.data!.createUser).toMatchObject({ role: 'STATION_OPERATOR', station: { id: world.stations.second }, county: null });
      const official = await api.gql(m, { input: input({ role: 'COUNTY_OFFICIAL', countyId: world.otherCounty.id }) }, token('admin'));
      expect(official.data!.createUser).toMatchObject({ role: 'COUNTY_OFFICIAL', station: null, county: { id: world.otherCounty.id } });
      const admin = await api.gql(m, { input: input({ role: 'ADMIN' }) }, token('admin'));
      expect(admin.data!.createUser).toMatchObject({ role: 'ADMIN', station: null, county: null });
      const buyer = await api.gql(m, { input: input({ role: 'BUYER' }) }, token('admin'));
      expect(buyer.data!.createUser).toMatchObject({ role: 'BUYER' });
      const signIn = await api.gql(`mutation ($e: String!) { login(email: $e, password: "long-enough-password") { user { role station { id } } } }`, { e: op.data!.createUser.email });
      expect(signIn.data!.login.user).toEqual({ role: 'STATION_OPERATOR', station: { id: world.stations.second } });
    });

    it.each([
      ['official', 'FORBIDDEN'],
      ['operator', 'FORBIDDEN'],
      ['buyer', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const)('refuses %s (%s) and changes nothing', async (who, code) => {
      const before = await users(api);
      const r = await api.gql(m, { input: input({ role: 'ADMIN' }) }, token(who));
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(await users(api)).toEqual(before);
    });

    it.each([
      [{ role: 'STATION_OPERATOR' }, 'BAD_USER_INPUT', 'input.stationId'],
      [{ role: 'COUNTY_OFFICIAL' }, 'BAD_USER_INPUT', 'input.countyId'],
      [{ role: 'BUYER', stationId: 'STATION' }, 'BAD_USER_INPUT', 'input.stationId'],
      [{ role: 'STATION_OPERATOR', stationId: 'STATION', countyId: 'COUNTY' }, 'BAD_USER_INPUT', 'input.countyId'],
      [{ role: 'STATION_OPERATOR', stationId: '999999' }, 'NOT_FOUND', 'input.stationId'],
      [{ role: 'COUNTY_OFFICIAL', countyId: '999999' }, 'NOT_FOUND', 'input.countyId'],
      [{ role: 'COUNTY_OFFICIAL', countyId: 'she' }, 'BAD_USER_INPUT', 'input.countyId'],
      [{ role: 'EMPEROR' }, 'BAD_USER_INPUT', 'input.role'],
      [{ email: 'Official@Test.cn' }, 'CONFLICT', 'input.email'],
      [{ email: 'official@' }, 'BAD_USER_INPUT', 'input.email'],
      [{ password: '1234567' }, 'BAD_USER_INPUT', 'input.password'],
    ])('refuses %j with %s at %s and changes nothing', async (extra, code, field) => {
      const resolved = JSON.parse(JSON.stringify(extra).replace('"STATION"', `"${world.stations.main}"`).replace('"COUNTY"', `"${world.county.id}"`));
      const before = await users(api);
      const r = await api.gql(m, { input: input(resolved) }, token('admin'));
      expect(r.errors?.[0].extensions).toEqual({ code, field });
      expect(await users(api)).toEqual(before);
    });
  });

  it('keeps the fixture password working (argon2 verify of a hash made elsewhere)', async () => {
    const r = await api.gql(`mutation ($p: String!) { login(email: "official@test.cn", password: $p) { user { county { code } } } }`, { p: TEST_PASSWORD });
    expect(r.data!.login.user.county).toEqual({ code: '130426' });
  });
});
