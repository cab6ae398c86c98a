import { expect } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { placeOrderInput, TEST_PASSWORD, TestApi, World } from '@app/testing';

// Shared by the browser tests of the two pages: the built front end, Debian's Chromium driven by
// playwright-core, and data made through the contract's mutations.

const ROOT = join(__dirname, '..');
const WEB = join(ROOT, 'web');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');
export const CHROMIUM = '/usr/bin/chromium';

/** The newest modification time under `dir` (the front end's sources). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Builds web/dist when it is missing or older than its sources (`npm run build` makes it too; CI has
 * it from there). Two test files may ask at once: a lock directory lets one build while the other waits.
 */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB, 'dist', 'dashboard', 'index.html');
  const fresh = () => existsSync(index) && existsSync(join(WEB, 'dist', 'station', 'index.html')) && existsSync(join(WEB, 'dist', 'shop', 'index.html')) && existsSync(join(WEB, 'dist', 'admin', 'index.html')) && statSync(index).mtimeMs >= newest(WEB);
  if (fresh()) return;
  const lock = join(ROOT, 'node_modules', '.cache', 'web-build.lock');
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after two minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited two minutes for another build of web/ (lock ${lock})`);
      await sleep(250);
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', WEB, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Debian's Chromium, headless, with the flags this machine needs; fails saying how to install it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}: install it with ` +
        '`apt-get update && apt-get install -y chromium fonts-noto-cjk` (.ci/run does this when it is missing).',
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
export const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, failed requests and uncaught exceptions seen on the page (CSP violations among them). */
  problems: string[];
}

/** A fresh browser context (its own sessionStorage) on `url`, collecting what goes wrong. */
export async function openPage(browser: Browser, url: string, device: typeof DESKTOP | typeof PHONE): Promise<OpenPage> {
  const context = await browser.newContext({ ...device, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto(url);
  return { context, page, problems };
}

/** Fills and sends the shared sign-in form (in either language). */
export async function submitSignIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(password);
  await page.getByTestId('sign-in').click();
}

/** Signs in through the shared form and waits for the page of the role (its sign-out button). */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await submitSignIn(page, email, password);
  await page.getByTestId('sign-out').waitFor();
}


let seq = 0;

/** The data of a GraphQL answer, failing the test (with the errors) if there were any. */
export async function ok<T = Record<string, any>>(api: TestApi, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await api.gql<T>(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data as T;
}

/** createListing as the main station's operator, with one lot per supplying household. */
export async function createListing(
  api: TestApi,
  world: World,
  input: { title: string; priceFen: number; unit: string; originVillageId: string; supply: Array<{ householdId: string; quantity: number }> },
): Promise<string> {
  const data = await ok<{ createListing: { id: string } }>(
    api,
    `mutation ($input: CreateListingInput!) { createListing(input: $input) { id } }`,
    { input: { description: '太行山区农户直供', category: 'produce', allocationPolicy: 'FIFO', ...input } },
    world.users.operator.token,
  );
  return data.createListing.id;
}

export interface PlacedOrder {
  id: string;
  fulfillments: Array<{ id: string; status: string; stationId: string | null }>;
}

/** placeOrder as the buyer, shipped to TEST_ADDRESS. */
export async function placeOrder(api: TestApi, world: World, lines: Array<{ listingId: string; quantity: number }>): Promise<PlacedOrder> {
  const input = placeOrderInput(lines, { idempotencyKey: `web-${process.pid}-${++seq}`, paymentToken: 'tok_web' });
  const data = await ok<{ placeOrder: { id: string; fulfillments: Array<{ id: string; status: string; station: { id: string } | null }> } }>(
    api,
    `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id fulfillments { id status station { id } } } }`,
    { input },
    world.users.buyer.token,
  );
  const order = data.placeOrder;
  return { id: order.id, fulfillments: order.fulfillments.map((f) => ({ id: f.id, status: f.status, stationId: f.station?.id ?? null })) };
}

/**
 * Moves an order to an earlier placement instant (orders and allocations), as if placed then: the
 * reports count by placement time, which placeOrder sets to now. Done before delivery, as the impact
 * engineer's own tests do, so the rollups see the moved time.
 */
export async function backdate(api: TestApi, orderId: string, placedAt: Date): Promise<void> {
  await api.db.pool.query(`UPDATE orders SET placed_at = $2 WHERE id = $1`, [orderId, placedAt]);
  await api.db.pool.query(`UPDATE allocations SET placed_at = $2 WHERE order_id = $1`, [orderId, placedAt]);
}

/** accept, collect, ship as the station's operator, then confirmDelivery as the buyer. */
export async function deliver(api: TestApi, world: World, fulfillmentId: string): Promise<void> {
  const operator = world.users.operator.token;
  await ok(api, `mutation ($id: ID!) { acceptFulfillment(id: $id) { id } }`, { id: fulfillmentId }, operator);
  await ok(api, `mutation ($id: ID!) { markCollected(id: $id) { id } }`, { id: fulfillmentId }, operator);
  await ok(api, `mutation ($input: ShipInput!) { markShipped(input: $input) { id } }`, { input: { fulfillmentId, carrier: '顺丰速运', trackingNumber: `SF${fulfillmentId}` } }, operator);
  const data = await ok<{ confirmDelivery: { status: string } }>(
    api,
    `mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { status } }`,
    { id: fulfillmentId },
    world.users.buyer.token,
  );
  expect(data.confirmDelivery.status).toBe('DELIVERED');
}

/** The fen figure as the pages show it: 690050 -> "¥6,900.50". */
export function yuan(fen: number): string {
  return `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
}

/** The first day of the month `back` months before the month of `day`. */
export function monthStart(day: string, back = 0): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 10);
}

/** The page fits the viewport's width: nothing to scroll sideways (tables scroll inside their box). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = (await page.evaluate('({ page: document.documentElement.scrollWidth, viewport: window.innerWidth })')) as { page: number; viewport: number };
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** axe-core on the page as it is now: no serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}
