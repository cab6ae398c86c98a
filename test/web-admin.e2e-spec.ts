import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { writeDeliveredOrder } from './payouts-fixtures';
import { DESKTOP, ensureWebBuilt, expectNoSidewaysScroll, launchBrowser, ok, openPage, OpenPage, PHONE, screenshot, signIn, submitSignIn } from './web-fixtures';

// The admin console in a real browser against the real server, at desktop and phone widths: sign in,
// geography (a county, a township, a village), a station's capacity, commission and activity, users
// (create, disable, end sessions), a settlement run and a failed payout's retry, the trial balance.
// Every API error shows next to its field; axe-core finds no serious violation; screenshots go to
// test-artifacts/web/.

let api: TestApi;
let world: World;
let browser: Browser;

async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

/** The error shown under input `id` (the shared Field's data-error-for). */
const errorFor = (page: Page, id: string) => page.locator(`[data-error-for="${id}"]`);

async function section(page: Page, name: string): Promise<void> {
  await page.getByTestId(`nav-${name}`).click();
  await page.waitForFunction((n: string) => (globalThis as any).location.hash === `#${n}`, name);
}

beforeAll(async () => {
  await ensureWebBuilt();
  api = await startTestApi({ logLevel: 'error', rateLimitLoginPerMinute: 0 });
  world = await createWorld(api.db.pool, api.config);
  browser = await launchBrowser();
  // A build of web/ may come first: longer than a hook's default minute on a busy machine.
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the admin console (%s)', (width, device) => {
  let open: OpenPage;
  let page: Page;
  const tag = width === 'desktop' ? 'd' : 'p';

  beforeAll(async () => {
    open = await openPage(browser, `${api.url}/admin`, device);
    page = open.page;
  });
  afterAll(async () => {
    await open?.context.close();
  });

  it('signs an admin in (Chinese first) and sends an official to their own page', async () => {
    if (width === 'desktop') {
      const other = await openPage(browser, `${api.url}/admin`, device);
      await submitSignIn(other.page, world.users.official.email);
      await other.page.waitForURL(/\/dashboard/);
      await other.context.close();
    }
    await signIn(page, world.users.admin.email);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('平台管理');
    await page.getByTestId('townships').waitFor();
    await expectAccessible(page, 'geography');
    if (width === 'phone') await expectNoSidewaysScroll(page);
    await screenshot(page, `admin-geography-${width}`);
  });

  it('adds a county, a township and a village, with the API errors next to their fields', async () => {
    const code = width === 'desktop' ? '130427' : '130428';
    const name = width === 'desktop' ? '磁县' : '肥乡区';
    // A code that is not six digits: the API's message under the code field.
    await page.locator('#county-code').fill('12');
    await page.locator('#county-name').fill(name);
    await page.locator('#county-name').press('Enter');
    await expect(errorFor(page, 'county-code').textContent()).resolves.toContain('six-digit');
    await page.locator('#county-code').fill(code);
    await page.getByRole('button', { name: '新建' }).first().click();
    await page.getByText(`已新建县“${name}”。`).waitFor();
    await page.getByText('该县还没有乡镇。').waitFor();
    await page.locator('#township-name').fill('讲武城镇');
    await page.locator('#township-name').press('Enter');
    await page.getByText('已新建乡镇“讲武城镇”。').waitFor();
    await page.locator('#village-code').fill(`${code}100201`);
    await page.locator('#village-name').fill('');
    await page.locator('#village-name').press('Enter');
    await expect(errorFor(page, 'village-name').textContent()).resolves.toContain('name');
    await page.locator('#village-name').fill('东武城村');
    await page.locator('#village-name').press('Enter');
    await page.getByText('已新建村“东武城村”。').waitFor();
    await page.getByTestId('townships').getByText('东武城村').waitFor();

    const counties = (await ok(api, `{ counties { id code name } }`, {}, world.users.admin.token)).counties as any[];
    const county = counties.find((c) => c.code === code);
    expect(county.name).toBe(name);
    const made = (await ok(api, `query ($id: ID!) { county(id: $id) { townships { name villages { code name } } } }`, { id: county.id }, world.users.admin.token)).county;
    expect(made.townships).toEqual([{ name: '讲武城镇', villages: [{ code: `${code}100201`, name: '东武城村' }] }]);
    await screenshot(page, `admin-geography-created-${width}`);
  });

  it("edits a station's capacity, commission and activity", async () => {
    await section(page, 'stations');
    const item = page.getByTestId(`station-${world.stations.second}`);
    await item.waitFor();
    await expectAccessible(page, 'stations');
    await item.getByRole('button').click();
    const capacity = page.locator(`#edit-${world.stations.second}-capacity`);
    const commission = page.locator(`#edit-${world.stations.second}-commission`);
    // Out of the API's range: its message under the capacity field.
    await capacity.fill('0');
    await item.getByRole('button', { name: '保存' }).click();
    await expect(errorFor(page, `edit-${world.stations.second}-capacity`).textContent()).resolves.toContain('dailyCapacity must be at least 1');
    await commission.fill('五');
    await item.getByRole('button', { name: '保存' }).click();
    await errorFor(page, `edit-${world.stations.second}-commission`).waitFor();
    const cap = width === 'desktop' ? 37 : 38;
    await capacity.fill(String(cap));
    await commission.fill('4.5');
    await item.getByLabel('营业中').uncheck();
    await item.getByRole('button', { name: '保存' }).click();
    await item.getByText('已停用').waitFor();
    const station = (await ok(api, `query ($id: ID!) { station(id: $id) { dailyCapacity commissionBps active } }`, { id: world.stations.second }, world.users.admin.token)).station;
    expect(station).toEqual({ dailyCapacity: cap, commissionBps: 450, active: false });
    if (width === 'phone') await expectNoSidewaysScroll(page);
    await screenshot(page, `admin-stations-${width}`);

    // A new station in the poor village serving both villages; a name left out is refused under its field.
    const name = width === 'desktop' ? '偏城二站' : '偏城三站';
    await page.locator('#station-village').selectOption(world.villages.poor);
    await page.locator('#station-served').selectOption([world.villages.poor, world.villages.plain]);
    await page.locator('#station-capacity').fill('25');
    await page.locator('#station-commission').fill('3');
    await page.locator('#station-commission').press('Enter');
    await expect(errorFor(page, 'station-name').textContent()).resolves.toContain('name must not be empty');
    await page.locator('#station-name').fill(name);
    await page.locator('#station-name').press('Enter');
    await page.getByText(`已新建服务站“${name}”。`).waitFor();
    const made = ((await ok(api, `query ($c: ID) { stations(countyId: $c) { name dailyCapacity commissionBps active village { id } servedVillages { id } } }`, { c: world.county.id }, world.users.admin.token)).stations as any[]).find((x) => x.name === name);
    expect(made).toEqual({ name, dailyCapacity: 25, commissionBps: 300, active: true, village: { id: world.villages.poor }, servedVillages: expect.arrayContaining([{ id: world.villages.poor }, { id: world.villages.plain }]) });
    // Back to work for the next run.
    await ok(api, `mutation ($id: ID!) { updateStation(id: $id, input: { active: true }) { id } }`, { id: world.stations.second }, world.users.admin.token);
  });

  it('creates a user, disables one and ends its sessions', async () => {
    await section(page, 'users');
    await page.getByTestId('users').waitFor();
    await expectAccessible(page, 'users');
    const email = `op-${width}@she.gov.cn`;
    await page.locator('#user-email').fill(email);
    await page.locator('#user-name').fill(`站长${tag}`);
    await page.locator('#user-role').selectOption('STATION_OPERATOR');
    await page.locator('#user-station').locator(`option[value="${world.stations.second}"]`).waitFor({ state: 'attached' });
    await page.locator('#user-station').selectOption(world.stations.second);
    await page.locator('#user-password').fill('short');
    await page.locator('#user-password').press('Enter');
    await expect(errorFor(page, 'user-password').textContent()).resolves.toContain('password must be at least');
    await page.locator('#user-password').fill('a-long-enough-password-2026');
    await page.locator('#user-password').press('Enter');
    await page.getByText(`已新建用户“站长${tag}”。`).waitFor();

    // The filter shows the operators only; disable the new one, then end its sessions.
    await page.locator('#users-role').selectOption('STATION_OPERATOR');
    const users = (await ok(api, `{ users(role: STATION_OPERATOR, first: 100) { totalCount edges { node { id email } } } }`, {}, world.users.admin.token)).users;
    await page.getByTestId('user-count').filter({ hasText: `共 ${users.totalCount} 个用户` }).waitFor();
    const created = users.edges.find((e: any) => e.node.email === email).node;
    const row = page.getByTestId(`user-${created.id}`);
    await row.getByRole('button', { name: `停用 站长${tag}` }).click();
    await row.getByText('已停用').waitFor();
    await row.getByRole('button', { name: `强制下线 站长${tag}` }).click();
    await page.getByText(`已让“站长${tag}”的所有登录失效。`).waitFor();
    const login = await api.gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: 'a-long-enough-password-2026' });
    expect(login.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await row.getByRole('button', { name: `启用 站长${tag}` }).click();
    await row.getByText('正常').waitFor();
    expect((await api.gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: 'a-long-enough-password-2026' })).errors).toBeUndefined();
    if (width === 'phone') await expectNoSidewaysScroll(page);
    await screenshot(page, `admin-users-${width}`);
  });

  it('runs a settlement and retries a failed payout', async () => {
    await writeDeliveredOrder(api.db.pool, world, [{ householdId: world.households.poorA, stationId: world.stations.main, quantity: 2, unitPriceFen: 1_234 }]);
    const { rows: [failed] } = await api.db.pool.query(
      `INSERT INTO payouts (payee_kind, household_id, county_id, amount_fen, status, attempts, last_error)
       SELECT 'HOUSEHOLD', id, county_id, 5678, 'FAILED', 3, '银行退回：账户已冻结' FROM households WHERE id = $1 RETURNING id::text`,
      [world.households.poorB],
    );
    await section(page, 'settlement');
    await page.getByTestId(`payout-${failed.id}`).waitFor();
    await expectAccessible(page, 'settlement');
    await page.getByRole('button', { name: '立即结算' }).click();
    await page.getByText(/^结算完成：生成 \d+ 笔打款/).waitFor();
    const run = (await ok(api, `{ settlementRuns(first: 1) { edges { node { payoutsCreated amountFen } } } }`, {}, world.users.admin.token)).settlementRuns.edges[0].node;
    expect(run.payoutsCreated).toBeGreaterThan(0);
    await expect(page.getByText(/^结算完成/).textContent()).resolves.toBe(
      `结算完成：生成 ${run.payoutsCreated} 笔打款，共 ¥${Math.floor(run.amountFen / 100).toLocaleString('en-US')}.${String(run.amountFen % 100).padStart(2, '0')}。`,
    );
    await page.getByTestId(`payout-${failed.id}`).getByText('银行退回：账户已冻结').waitFor();
    await page.getByRole('button', { name: `重新打款 ${failed.id}` }).click();
    await page.getByText(`已重新打款：第 ${failed.id} 号打款回到待打款。`).waitFor();
    expect(await page.getByTestId(`payout-${failed.id}`).count()).toBe(0);
    const { rows: [after] } = await api.db.pool.query(`SELECT status::text FROM payouts WHERE id = $1`, [failed.id]);
    expect(after.status).not.toBe('FAILED');
    if (width === 'phone') await expectNoSidewaysScroll(page);
    await screenshot(page, `admin-settlement-${width}`);
  });

  it('shows the trial balance as the API gives it, and switches to English', async () => {
    // The payouts queued above are paid by the worker in the background: wait until none is left, then
    // the page's figures and the API's are of the same ledger.
    for (let i = 0; i < 100; i++) {
      const { rows: [left] } = await api.db.pool.query(`SELECT count(*)::int AS n FROM payouts WHERE status IN ('PENDING', 'PROCESSING')`);
      if (left.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await section(page, 'ledger');
    await page.getByTestId('trial-balance').waitFor();
    const tb = (await ok(api, `{ trialBalance { balanced accounts { code } } }`, {}, world.users.admin.token)).trialBalance;
    expect(tb.balanced).toBe(true);
    await page.getByTestId('balanced').waitFor();
    const codes = await page.locator('[data-testid="trial-balance"] tbody td.admin__code').allTextContents();
    expect(codes).toEqual(tb.accounts.map((a: any) => a.code));
    await expectAccessible(page, 'ledger');
    if (width === 'phone') await expectNoSidewaysScroll(page);
    await screenshot(page, `admin-ledger-${width}`);
    await page.getByTestId('language-switch').click();
    await page.getByText('Trial balance', { exact: true }).first().waitFor();
    await screenshot(page, `admin-ledger-en-${width}`);
    await page.getByTestId('language-switch').click();
    expect(open.problems.filter((p) => !/HTTP 4\d\d: .*\/graphql/.test(p))).toEqual([]);
  });
});
