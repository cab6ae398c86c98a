import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { createListing, DESKTOP, ensureWebBuilt, expectNoSidewaysScroll, launchBrowser, ok, openPage, OpenPage, PHONE, placeOrder, PlacedOrder, screenshot, signIn } from './web-fixtures';

// The station page in a real browser against the real server: an operator signs in, accepts,
// collects and ships a buyer's fulfilment (an empty tracking number first: the API's message shows
// next to that field and nothing changes), and the buyer's order then shows it shipped; the operator
// adds supply to a listing, a bad quantity first.

let api: TestApi;
let world: World;
let browser: Browser;
let walnuts: string;
let first: PlacedOrder;
let second: PlacedOrder;

async function orderAsBuyer(id: string) {
  const data = await ok(
    api,
    `query ($id: ID!) { order(id: $id) { status fulfillments { id status carrier trackingNumber } } }`,
    { id },
    world.users.buyer.token,
  );
  return data.order as { status: string; fulfillments: Array<{ id: string; status: string; carrier: string | null; trackingNumber: string | null }> };
}

async function available(): Promise<number> {
  const data = await ok(api, `query ($id: ID!) { listing(id: $id) { available } }`, { id: walnuts }, world.users.operator.token);
  return (data.listing as { available: number }).available;
}

function card(page: Page, status: string, fulfilmentId: string): Locator {
  return page.locator(`[data-group="${status}"] [data-fulfilment-id="${fulfilmentId}"]`);
}

async function count(page: Page, status: string): Promise<string> {
  return page.locator(`[data-count="${status}"] .count__n`).innerText();
}

beforeAll(async () => {
  await ensureWebBuilt();
  api = await startTestApi();
  world = await createWorld(api.db.pool, api.config);
  browser = await launchBrowser();
  walnuts = await createListing(api, world, {
    title: '涉县核桃 walnuts',
    priceFen: 2600,
    unit: 'jin',
    originVillageId: world.villages.poor,
    supply: [{ householdId: world.households.poorA, quantity: 20 }],
  });
  first = await placeOrder(api, world, [{ listingId: walnuts, quantity: 3 }]);
  second = await placeOrder(api, world, [{ listingId: walnuts, quantity: 2 }]);
  for (const o of [first, second]) {
    expect(o.fulfillments).toEqual([{ id: expect.any(String), status: 'ROUTED', stationId: world.stations.main }]);
  }
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the station page', () => {
  let desktop: OpenPage;

  afterAll(async () => {
    await desktop?.context.close();
  });

  it("shows an operator the station's fulfilments to accept and its listings", async () => {
    desktop = await openPage(browser, `${api.url}/station`, DESKTOP);
    const { page } = desktop;
    await signIn(page, world.users.operator.email);
    await expect(page.locator('.topbar__place').innerText()).resolves.toBe('偏城电商服务站');
    const f = first.fulfillments[0].id;
    await card(page, 'ROUTED', f).waitFor();
    expect(await count(page, 'ROUTED')).toBe('2');
    expect(await count(page, 'SHIPPED')).toBe('0');
    await expect(card(page, 'ROUTED', f).innerText()).resolves.toContain('涉县核桃 walnuts × 3 jin');
    await expect(card(page, 'ROUTED', f).innerText()).resolves.toContain('张三, 北京市 朝阳区建国路 1 号 · 13800138000');
    await expect(page.locator(`[data-listing-id="${walnuts}"] [data-available]`).getAttribute('data-available')).resolves.toBe('15');
  });

  it('accepts, collects and ships it; the buyer then sees it shipped', async () => {
    const { page } = desktop;
    const f = first.fulfillments[0].id;
    await card(page, 'ROUTED', f).getByRole('button', { name: 'Accept' }).click();
    await card(page, 'ACCEPTED', f).getByRole('button', { name: 'Mark collected' }).click();
    const shipping = card(page, 'COLLECTED', f);
    await shipping.getByLabel('Carrier').fill('顺丰速运');
    await shipping.getByRole('button', { name: 'Mark shipped' }).click();

    // The API's refusal, next to the field it names; the fulfilment stays COLLECTED.
    const error = shipping.locator(`[data-error-for="f${f}-tracking"]`);
    await expect(error.innerText()).resolves.toBe('trackingNumber must not be empty');
    await expect(shipping.getByLabel('Tracking number').getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await orderAsBuyer(first.id)).fulfillments[0].status).toBe('COLLECTED');
    await screenshot(page, 'station-desktop-field-error');

    await shipping.getByLabel('Tracking number').fill('SF1234567890');
    await shipping.getByRole('button', { name: 'Mark shipped' }).click();
    await card(page, 'SHIPPED', f).waitFor();
    await expect(card(page, 'SHIPPED', f).innerText()).resolves.toContain('顺丰速运 SF1234567890');
    expect(await count(page, 'ROUTED')).toBe('1');
    expect(await count(page, 'COLLECTED')).toBe('0');
    expect(await count(page, 'SHIPPED')).toBe('1');

    expect(await orderAsBuyer(first.id)).toEqual({
      status: 'IN_FULFILLMENT',
      fulfillments: [{ id: f, status: 'SHIPPED', carrier: '顺丰速运', trackingNumber: 'SF1234567890' }],
    });
    // The other order was left alone.
    expect((await orderAsBuyer(second.id)).fulfillments[0].status).toBe('ROUTED');
  });

  it('adds supply to a listing, showing the API refusal of a bad quantity next to the field', async () => {
    const { page } = desktop;
    const listing = page.locator(`[data-listing-id="${walnuts}"]`);
    await listing.getByRole('button', { name: '+ Add supply' }).click();
    const household = listing.getByLabel('Household');
    await household.locator(`option[value="${world.households.poorB}"]`).waitFor({ state: 'attached' });
    await household.selectOption(world.households.poorB);
    await listing.getByLabel('Quantity (jin)').fill('0');
    await listing.getByRole('button', { name: 'Add supply' }).click();
    await expect(listing.locator(`[data-error-for="l${walnuts}-quantity"]`).innerText()).resolves.toBe('quantity must be at least 1');
    expect(await available()).toBe(15);

    await listing.getByLabel('Quantity (jin)').fill('5');
    await listing.getByRole('button', { name: 'Add supply' }).click();
    await expect(listing.getByRole('status').innerText()).resolves.toBe('Added 5 jin from 李建国 · SX-0002.');
    await expect(listing.locator('[data-available]').getAttribute('data-available')).resolves.toBe('20');
    expect(await available()).toBe(20);
    await screenshot(page, 'station-desktop');
    expect(desktop.problems).toEqual([]);
  });

  it('is readable on a phone', async () => {
    // One more order, accepted and collected, so that the phone shows each kind of step.
    const third = await placeOrder(api, world, [{ listingId: walnuts, quantity: 1 }]);
    const id = third.fulfillments[0].id;
    await ok(api, `mutation ($id: ID!) { acceptFulfillment(id: $id) { id } }`, { id }, world.users.operator.token);
    await ok(api, `mutation ($id: ID!) { markCollected(id: $id) { id } }`, { id }, world.users.operator.token);
    const phone = await openPage(browser, `${api.url}/station`, PHONE);
    try {
      await signIn(phone.page, world.users.operator.email);
      await card(phone.page, 'ROUTED', second.fulfillments[0].id).waitFor();
      await card(phone.page, 'COLLECTED', id).getByLabel('Tracking number').waitFor();
      await expectNoSidewaysScroll(phone.page);
      await screenshot(phone.page, 'station-phone');
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });
});
