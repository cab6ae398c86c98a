import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addDays, civilDay } from '@app/kernel';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import {
  ARTIFACTS,
  backdate,
  createListing,
  deliver,
  DESKTOP,
  ensureWebBuilt,
  expectNoSidewaysScroll,
  launchBrowser,
  monthStart,
  ok,
  openPage,
  OpenPage,
  PHONE,
  placeOrder,
  screenshot,
  signIn,
  submitSignIn,
} from './web-fixtures';

// The county dashboard in a real browser against the real server: an official signs in, sees the
// impact summary as figures, narrows the date range and sees the chart change, sorts the village
// table and downloads the CSV. Sales: 4 jin of pepper (1,250 fen) from a registered-poor household of
// the poor village two months ago; this month 2 more jin of it and 3 jin of millet (800 fen) from a
// household of the plain village. Stations charge 500 bps, the platform 300 bps:
//   4 x 1250 = 5000 gross, net 5000 - 250 - 150 = 4600 (registered poor)
//   2 x 1250 = 2500 gross, net 2500 - 125 - 75  = 2300 (registered poor)
//   3 x  800 = 2400 gross, net 2400 - 120 - 72  = 2208 (not registered)

const SUMMARY_FIELDS = `ordersCount grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen paidOutFen villagesReached
  povertyStrickenVillagesReached householdsReached registeredPoorHouseholdsReached`;

const TWELVE_MONTHS = {
  ordersCount: 2,
  grossSalesFen: 9900,
  supplierIncomeFen: 9108,
  incomeToRegisteredPoorFen: 6900,
  paidOutFen: 0,
  villagesReached: 2,
  povertyStrickenVillagesReached: 1,
  householdsReached: 2,
  registeredPoorHouseholdsReached: 1,
};

const THIS_MONTH = { ...TWELVE_MONTHS, ordersCount: 1, grossSalesFen: 4900, supplierIncomeFen: 4508, incomeToRegisteredPoorFen: 2300 };

let api: TestApi;
let world: World;
let browser: Browser;
const today = civilDay(new Date());
const tomorrow = new Date(Date.parse(`${today}T00:00:00+08:00`) + 86_400_000);

const dayAfter = (day: string) => addDays(day, 1);

async function summaryFromApi(from: string, stationId?: string): Promise<Record<string, number>> {
  const filter = { countyId: world.county.id, ...(stationId ? { stationId } : {}), from: `${from}T00:00:00+08:00`, to: tomorrow.toISOString() };
  const data = await ok(api, `query ($filter: ImpactFilter) { impactSummary(filter: $filter) { ${SUMMARY_FIELDS} } }`, { filter }, world.users.official.token);
  return data.impactSummary as Record<string, number>;
}

/** Waits for the report of the current filters to be on the page, then reads it. */
async function shownSummary(page: Page): Promise<Record<string, number>> {
  const figures = page.getByTestId('figures');
  await page.waitForSelector('[data-testid="figures"][aria-busy="false"]:not([data-summary=""])');
  return JSON.parse((await figures.getAttribute('data-summary'))!) as Record<string, number>;
}

/** Waits until the figures on the page are `expected` (after a filter change the old ones stay up a moment). */
async function waitForSummary(page: Page, expected: Record<string, number>): Promise<void> {
  // A function, not a string: the page's CSP forbids eval.
  await page.waitForFunction((want: Record<string, number>) => {
    const raw: string | null | undefined = (globalThis as any).document.querySelector('[data-testid="figures"]')?.getAttribute('data-summary');
    const shown = raw ? (JSON.parse(raw) as Record<string, number>) : null;
    return !!shown && Object.keys(shown).length === Object.keys(want).length && Object.keys(want).every((k) => shown[k] === want[k]);
  }, expected);
}

async function figureText(page: Page, key: string): Promise<string> {
  return (await page.locator(`[data-figure="${key}"]`).innerText()).replace(/\s+/g, ' ').trim();
}

async function chartRows(page: Page): Promise<string[][]> {
  const rows = await page.locator('[data-testid="chart-data"] tbody tr').all();
  return Promise.all(rows.map(async (r) => (await r.locator('th, td').allTextContents()).map((t) => t.trim())));
}

async function villageNames(page: Page): Promise<string[]> {
  // The name is the cell's first text node (a badge may follow it).
  return page.locator('[data-testid="village-table"] tbody tr th').evaluateAll((cells: any[]) => cells.map((c) => String(c.firstChild?.textContent ?? '').trim()));
}

beforeAll(async () => {
  await ensureWebBuilt();
  api = await startTestApi();
  world = await createWorld(api.db.pool, api.config);
  browser = await launchBrowser();

  const pepper = await createListing(api, world, {
    title: '涉县花椒 Sichuan pepper',
    priceFen: 1250,
    unit: 'jin',
    originVillageId: world.villages.poor,
    supply: [{ householdId: world.households.poorA, quantity: 100 }],
  });
  const millet = await createListing(api, world, {
    title: '涉县小米 millet',
    priceFen: 800,
    unit: 'jin',
    originVillageId: world.villages.plain,
    supply: [{ householdId: world.households.plain, quantity: 100 }],
  });
  const earlier = await placeOrder(api, world, [{ listingId: pepper, quantity: 4 }]);
  // The 15th, noon, two months back: inside the default twelve-month range, outside "this month".
  await backdate(api, earlier.id, new Date(`${monthStart(today, 2).slice(0, 8)}15T12:00:00+08:00`));
  const recent = await placeOrder(api, world, [
    { listingId: pepper, quantity: 2 },
    { listingId: millet, quantity: 3 },
  ]);
  for (const f of [...earlier.fulfillments, ...recent.fulfillments]) {
    expect(f.stationId).toBe(world.stations.main);
    await deliver(api, world, f.id);
  }
  // The reports are what the page must match; they are checked against the hand-computed figures too.
  expect(await summaryFromApi(monthStart(today, 11))).toEqual(TWELVE_MONTHS);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the county dashboard', () => {
  let desktop: OpenPage;

  afterAll(async () => {
    await desktop?.context.close();
  });

  it('refuses a wrong password with a message next to the form, and sends a station operator to the station page', async () => {
    desktop = await openPage(browser, `${api.url}/dashboard`, DESKTOP);
    const { page } = desktop;
    await submitSignIn(page, world.users.official.email, 'not-the-password');
    await expect(page.getByRole('alert').innerText()).resolves.toBe('邮箱或密码不正确。');
    expect(await page.getByTestId('sign-out').count()).toBe(0);

    await submitSignIn(page, world.users.operator.email);
    await page.waitForURL(/\/station$/);
    // The station console loads its tabs' data: leaving while those requests run aborts them
    // (net::ERR_ABORTED), a failure of this test's navigation and not of the page.
    await page.waitForLoadState('networkidle');
    await page.getByTestId('sign-out').click();
    await page.goto(`${api.url}/dashboard`);
    expect(desktop.problems).toEqual([]);
  });

  it('shows an official the figures of impactSummary for the last twelve months', async () => {
    const { page } = desktop;
    await signIn(page, world.users.official.email);
    await expect(page.locator('.topbar__place').innerText()).resolves.toBe('涉县 She');
    await expect(page.locator('#filter-from').inputValue()).resolves.toBe(monthStart(today, 11));
    await expect(page.locator('#filter-to').inputValue()).resolves.toBe(today);

    expect(await shownSummary(page)).toEqual(await summaryFromApi(monthStart(today, 11)));
    expect(await shownSummary(page)).toEqual(TWELVE_MONTHS);
    expect(await figureText(page, 'incomeToRegisteredPoorFen')).toBe('贫困户增收 ¥69.00');
    expect(await figureText(page, 'villagesReached')).toBe('带动村数 2 其中贫困村 1 个');
    expect(await figureText(page, 'householdsReached')).toBe('带动农户数 2 其中建档立卡贫困户 1 户');
    expect(await figureText(page, 'supplierIncomeFen')).toBe('供货农户收入（净额） ¥91.08');
    expect(await figureText(page, 'paidOutFen')).toBe('已打款给农户 ¥0.00');
    expect(await figureText(page, 'grossSalesFen')).toBe('销售总额 ¥99.00 2 笔订单');

    // Twelve months; the sale two months back and this month's, with the villages adding up.
    await expect(page.getByTestId('impact-chart').getAttribute('data-points')).resolves.toBe('12');
    const rows = await chartRows(page);
    expect(rows).toHaveLength(12);
    expect(rows[9].slice(1)).toEqual(['¥46.00', '1', '1']);
    expect(rows[10].slice(1)).toEqual(['¥0.00', '0', '1']);
    expect(rows[11].slice(1)).toEqual(['¥23.00', '2', '2']);

    // Villages, largest supplier income first: 偏城村 4600 + 2300, 涉城村 2208.
    expect(await villageNames(page)).toEqual(['偏城村', '涉城村']);
    const first = page.locator('[data-testid="village-table"] tbody tr').first();
    expect((await first.innerText()).replace(/\s+/g, ' ')).toBe('偏城村贫困村 偏城镇 ¥69.00 ¥69.00 ¥75.00 1 1');
    await screenshot(page, 'dashboard-desktop');
  });

  it("shows the county's credit report, month by month, beside the impact", async () => {
    const { page } = desktop;
    const rows = page.locator('[data-testid="credit-table"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(12);
    expect((await rows.last().innerText()).replace(/\s+/g, ' ')).toBe(`${today.slice(0, 7)} 0 ¥0.00 ¥0.00 ¥0.00 0.0% 0.0% ¥0.00 ¥0.00 ¥0.00`);
  });

  it('sorts the village table by a column, both ways', async () => {
    const { page } = desktop;
    const gross = page.getByRole('button', { name: /^销售总额/ });
    await gross.click();
    await expect(page.locator('th[aria-sort="descending"]').innerText()).resolves.toMatch(/^销售总额/);
    expect(await villageNames(page)).toEqual(['偏城村', '涉城村']);
    await gross.click();
    await expect(page.locator('th[aria-sort="ascending"]').innerText()).resolves.toMatch(/^销售总额/);
    expect(await villageNames(page)).toEqual(['涉城村', '偏城村']);
  });

  it('narrows the date range: the chart, the figures and the table follow', async () => {
    const { page } = desktop;
    const canvas = page.locator('[data-testid="impact-chart"] canvas');
    const before = await canvas.screenshot();

    await page.locator('#filter-from').fill(monthStart(today, 0));
    await page.waitForSelector('[data-testid="impact-chart"][data-points="1"]');
    expect(await shownSummary(page)).toEqual(await summaryFromApi(monthStart(today, 0)));
    expect(await shownSummary(page)).toEqual(THIS_MONTH);
    expect(await figureText(page, 'incomeToRegisteredPoorFen')).toBe('贫困户增收 ¥23.00');
    expect(await chartRows(page)).toEqual([[expect.any(String), '¥23.00', '2', '2']]);
    const after = await canvas.screenshot();
    expect(after.equals(before)).toBe(false);
    await screenshot(page, 'dashboard-desktop-this-month');
  });

  it('downloads the CSV of the same filter', async () => {
    const { page } = desktop;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(download.suggestedFilename()).toBe(`impact-county-${world.county.id}-from-${monthStart(today, 0)}-to-${dayAfter(today)}.csv`);
    const path = join(ARTIFACTS, 'impact.csv');
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'villageId,villageCode,villageName,township,ordersCount,grossSalesFen,supplierIncomeFen,incomeToRegisteredPoorFen,paidOutFen,villagesReached,povertyStrickenVillagesReached,householdsReached,registeredPoorHouseholdsReached',
    );
    // This month only: 2 jin of pepper from 偏城村, 3 jin of millet from 涉城村.
    expect(lines.slice(1)).toEqual([
      `${world.villages.poor},130426100201,偏城村,偏城镇,1,2500,2300,2300,0,1,1,1,1`,
      `${world.villages.plain},130426100202,涉城村,偏城镇,1,2400,2208,0,0,1,0,1,0`,
    ]);
    expect(desktop.problems).toEqual([]);
  });

  it('filters by station', async () => {
    const { page } = desktop;
    // Every sale so far went through the main station: the second one shows none of them.
    await page.locator('#filter-station').selectOption({ label: '涉城电商服务站' });
    const none = await summaryFromApi(monthStart(today, 0), world.stations.second);
    expect(none).toEqual({ ...THIS_MONTH, ordersCount: 0, grossSalesFen: 0, supplierIncomeFen: 0, incomeToRegisteredPoorFen: 0, villagesReached: 0, povertyStrickenVillagesReached: 0, householdsReached: 0, registeredPoorHouseholdsReached: 0 });
    await waitForSummary(page, none);
    await expect(page.getByTestId('village-count').innerText()).resolves.toBe('这段时间没有村有销售。');
    await page.locator('#filter-station').selectOption({ label: '偏城电商服务站' });
    await waitForSummary(page, await summaryFromApi(monthStart(today, 0), world.stations.main));
    await waitForSummary(page, THIS_MONTH);
    expect(desktop.problems).toEqual([]);
  });

  it('lets an admin choose the county', async () => {
    const admin = await openPage(browser, `${api.url}/dashboard`, DESKTOP);
    try {
      await signIn(admin.page, world.users.admin.email);
      await admin.page.locator('#filter-county').selectOption({ label: '涉县 She' });
      await waitForSummary(admin.page, TWELVE_MONTHS);
      await admin.page.locator('#filter-county').selectOption({ label: '魏县 Wei' });
      await waitForSummary(admin.page, { ...TWELVE_MONTHS, ordersCount: 0, grossSalesFen: 0, supplierIncomeFen: 0, incomeToRegisteredPoorFen: 0, villagesReached: 0, povertyStrickenVillagesReached: 0, householdsReached: 0, registeredPoorHouseholdsReached: 0 });
      await expect(admin.page.locator('.topbar__place').innerText()).resolves.toBe('魏县 Wei');
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.context.close();
    }
  });

  it('is readable on a phone: no sideways scrolling, the same figures', async () => {
    const phone = await openPage(browser, `${api.url}/dashboard`, PHONE);
    try {
      await screenshot(phone.page, 'dashboard-phone-signin');
      await signIn(phone.page, world.users.official.email);
      expect(await shownSummary(phone.page)).toEqual(TWELVE_MONTHS);
      await expectNoSidewaysScroll(phone.page);
      await screenshot(phone.page, 'dashboard-phone');
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });
});
