import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, TEST_PASSWORD, TestApi, startTestApi, World } from '@app/testing';

/*
 * Locking someone out, over HTTP: an admin disables and re-enables an account and ends its sessions;
 * a user changes their password. A token that worked stops working at once in each case. Every
 * client below comes from an address of its own (X-Forwarded-For, believed from loopback), so the
 * rate limits of one test do not spill into the next.
 */

interface Reply {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

const LOGIN = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id email } } }`;
const ME = `{ me { id email disabledAt } }`;
const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id email disabledAt } }`;
const DISABLE = `mutation ($id: ID!) { disableUser(id: $id) { id email disabledAt } }`;
const ENABLE = `mutation ($id: ID!) { enableUser(id: $id) { id disabledAt } }`;
const END = `mutation ($id: ID!) { endUserSessions(id: $id) { id disabledAt } }`;
const CHANGE = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { token user { id email } } }`;

const codes = (r: Reply) => (r.errors ?? []).map((e) => e.extensions?.code);
const LOGIN_FAILED = [{ message: 'Email or password is wrong', path: ['login'], extensions: { code: 'UNAUTHENTICATED' } }];

describe('locking someone out', () => {
  let api: TestApi;
  let world: World;
  let n = 0;
  let address = 0;

  beforeAll(async () => {
    api = await startTestApi({ rateLimitLoginPerMinute: 3, trustProxy: 'loopback' });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  /** One GraphQL call from `from` (an address of this test's own). */
  async function gql(query: string, variables: Record<string, unknown>, token: string | undefined, from: string): Promise<Reply> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Reply;
  }

  /** A fresh buyer (created by the admin) signed in from a fresh address, with a caller bound to that address. */
  async function someone(password = 'first-password-of-mine') {
    const from = `10.9.${Math.floor(++address / 250)}.${address % 250}`;
    const call = (query: string, variables: Record<string, unknown> = {}, token?: string) => gql(query, variables, token, from);
    const email = `lockout${++n}@example.cn`;
    const created = await call(CREATE, { input: { email, password, displayName: '买家', role: 'BUYER' } }, world.users.admin.token);
    expect(created.errors).toBeUndefined();
    const signedIn = await call(LOGIN, { e: email, p: password });
    expect(signedIn.errors).toBeUndefined();
    return { id: created.data!.createUser.id as string, email, password, token: signedIn.data!.login.token as string, call };
  }

  const row = async (id: string) => (await api.db.pool.query('SELECT password_hash, token_version, disabled_at FROM users WHERE id = $1', [id])).rows[0];

  describe('disableUser and enableUser', () => {
    it('a disabled user’s token stops working at once, and signing in fails as a wrong password does', async () => {
      const u = await someone();
      expect((await u.call(ME, {}, u.token)).data!.me).toEqual({ id: u.id, email: u.email, disabledAt: null });

      const disabled = await u.call(DISABLE, { id: u.id }, world.users.admin.token);
      expect(disabled.errors).toBeUndefined();
      expect(disabled.data!.disableUser).toEqual({ id: u.id, email: u.email, disabledAt: expect.any(String) });

      const refused = await u.call(ME, {}, u.token);
      expect(refused.data?.me ?? null).toBeNull();
      expect(refused.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['This account is disabled', 'UNAUTHENTICATED']]);
      // The right password says no more than a wrong one would.
      expect((await u.call(LOGIN, { e: u.email, p: u.password })).errors).toEqual(LOGIN_FAILED);
      expect((await u.call(LOGIN, { e: u.email, p: 'not-my-password' })).errors).toEqual(LOGIN_FAILED);
    });

    it('re-enabling restores sign-in, but not the tokens from before the account was disabled', async () => {
      const u = await someone();
      await u.call(DISABLE, { id: u.id }, world.users.admin.token);
      const enabled = await u.call(ENABLE, { id: u.id }, world.users.admin.token);
      expect(enabled.data!.enableUser).toEqual({ id: u.id, disabledAt: null });

      const old = await u.call(ME, {}, u.token);
      expect(old.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['Your session has ended: sign in again', 'UNAUTHENTICATED']]);
      const again = await u.call(LOGIN, { e: u.email, p: u.password });
      expect(again.errors).toBeUndefined();
      expect((await u.call(ME, {}, again.data!.login.token)).data!.me.id).toBe(u.id);
    });

    it('is the same for every role: a disabled operator’s token can no longer work its station', async () => {
      const from = '10.8.0.1';
      const op = await gql(LOGIN, { e: world.users.secondOperator.email, p: TEST_PASSWORD }, undefined, from);
      const token = op.data!.login.token;
      const FULFILMENTS = `query ($s: ID!) { stationFulfillments(stationId: $s) { totalCount } }`;
      expect((await gql(FULFILMENTS, { s: world.stations.second }, token, from)).errors).toBeUndefined();
      await gql(DISABLE, { id: world.users.secondOperator.id }, world.users.admin.token, from);
      expect(codes(await gql(FULFILMENTS, { s: world.stations.second }, token, from))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await gql(FULFILMENTS, { s: world.stations.second }, world.users.secondOperator.token, from))).toEqual(['UNAUTHENTICATED']);
      await gql(ENABLE, { id: world.users.secondOperator.id }, world.users.admin.token, from);
    });

    it('an admin cannot disable themself (BAD_USER_INPUT id); an unknown user is NOT_FOUND; nothing changes', async () => {
      const from = '10.8.0.2';
      const self = await gql(DISABLE, { id: world.users.admin.id }, world.users.admin.token, from);
      expect(self.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'id' }]);
      for (const query of [DISABLE, ENABLE, END]) {
        expect((await gql(query, { id: '987654321' }, world.users.admin.token, from)).errors?.map((e) => e.extensions)).toEqual([{ code: 'NOT_FOUND', field: 'id' }]);
      }
      expect(await row(world.users.admin.id)).toMatchObject({ token_version: 0, disabled_at: null });
      expect((await gql(ME, {}, world.users.admin.token, from)).data!.me.id).toBe(world.users.admin.id);
    });

    it('only an admin disables, re-enables or ends sessions (FORBIDDEN for the others), and nothing changes', async () => {
      const u = await someone();
      for (const who of [world.users.operator, world.users.official, world.users.buyer]) {
        for (const query of [DISABLE, ENABLE, END]) expect(codes(await u.call(query, { id: u.id }, who.token))).toEqual(['FORBIDDEN']);
      }
      expect(await row(u.id)).toMatchObject({ token_version: 0, disabled_at: null });
      expect((await u.call(ME, {}, u.token)).data!.me.id).toBe(u.id);
    });
  });

  describe('endUserSessions', () => {
    it('every token of the account stops working at once; signing in again works', async () => {
      const u = await someone();
      const second = (await u.call(LOGIN, { e: u.email, p: u.password })).data!.login.token;
      const ended = await u.call(END, { id: u.id }, world.users.admin.token);
      expect(ended.data!.endUserSessions).toEqual({ id: u.id, disabledAt: null });
      for (const token of [u.token, second]) expect(codes(await u.call(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
      const again = await u.call(LOGIN, { e: u.email, p: u.password });
      expect((await u.call(ME, {}, again.data!.login.token)).data!.me.id).toBe(u.id);
    });
  });

  describe('changePassword', () => {
    it('ends every earlier session at once and returns a token that works; only the new password signs in', async () => {
      const u = await someone();
      const second = (await u.call(LOGIN, { e: u.email, p: u.password })).data!.login.token;
      const changed = await u.call(CHANGE, { input: { currentPassword: u.password, newPassword: 'second-password-of-mine' } }, u.token);
      expect(changed.errors).toBeUndefined();
      expect(changed.data!.changePassword.user).toEqual({ id: u.id, email: u.email });
      for (const token of [u.token, second]) {
        const r = await u.call(ME, {}, token);
        expect(r.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['Your session has ended: sign in again', 'UNAUTHENTICATED']]);
      }
      expect((await u.call(ME, {}, changed.data!.changePassword.token)).data!.me.id).toBe(u.id);
      expect((await u.call(LOGIN, { e: u.email, p: u.password })).errors).toEqual(LOGIN_FAILED);
      const fresh = await u.call(LOGIN, { e: u.email, p: 'second-password-of-mine' });
      expect((await u.call(ME, {}, fresh.data!.login.token)).data!.me.id).toBe(u.id);
    });

    it.each([
      ['a wrong current password', { currentPassword: 'not-my-password' }, 'input.currentPassword'],
      ['a 10,000-character current password', { currentPassword: 'x'.repeat(10_000) }, 'input.currentPassword'],
      ['a short new password', { newPassword: 'short' }, 'input.newPassword'],
      ['a 129-character new password', { newPassword: 'x'.repeat(129) }, 'input.newPassword'],
      ['the same password again', { newPassword: 'first-password-of-mine' }, 'input.newPassword'],
    ])('refuses %s with BAD_USER_INPUT; the password and the sessions are as they were', async (_what, extra, field) => {
      const u = await someone();
      const before = await row(u.id);
      const r = await u.call(CHANGE, { input: { currentPassword: u.password, newPassword: 'second-password-of-mine', ...extra } }, u.token);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
      expect(await row(u.id)).toEqual(before);
      expect((await u.call(ME, {}, u.token)).data!.me.id).toBe(u.id);
    });

    it('is rate-limited like sign-in: the 4th wrong current password in a minute is RATE_LIMITED, even from another address', async () => {
      const u = await someone();
      for (let i = 0; i < 3; i++) {
        expect(codes(await u.call(CHANGE, { input: { currentPassword: `wrong-${i}-password`, newPassword: 'second-password-of-mine' } }, u.token))).toEqual(['BAD_USER_INPUT']);
      }
      const limited = await gql(CHANGE, { input: { currentPassword: u.password, newPassword: 'second-password-of-mine' } }, u.token, '10.7.0.1');
      expect(limited.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
      expect(limited.errors?.[0].message).toMatch(/^Too many password changes: try again in \d+ seconds?$/);
      expect((await u.call(ME, {}, u.token)).data!.me.id).toBe(u.id);
    });

    it('needs a signed-in caller', async () => {
      const r = await gql(CHANGE, { input: { currentPassword: TEST_PASSWORD, newPassword: 'second-password-of-mine' } }, undefined, '10.8.0.3');
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    });
  });
});
