import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { createListing, ok } from './web-fixtures';

// Listing photos over HTTP: a multipart upload by the listing station's operator, checked, resized and
// re-encoded by sharp, stored under DATA_DIR by content hash, served with a year-long cache and shown
// on Listing.photos; and Listing.priceSplit, the fee rules applied to one unit.

let api: TestApi;
let world: World;
let dataDir: string;
let listingId: string;

/** A 1600x1200 JPEG with EXIF orientation 6 (a phone held upright): upright it is 1200x1600. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 180, g: 40, b: 30 } } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6, exif: { IFD0: { Make: 'PhonePhone', Model: 'Farm camera' } } })
    .toBuffer();
}

async function upload(id: string, bytes: Buffer, type: string, token?: string, field = 'photo'): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), 'photo.jpg');
  const res = await fetch(`${api.url}/listings/${id}/photos`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
}

async function photoRows(): Promise<number> {
  return (await api.db.pool.query(`SELECT count(*)::int AS n FROM listing_photos`)).rows[0].n;
}

const PHOTOS = `query ($id: ID!) { listing(id: $id) { photos { id url width height srcset variants { url width height } } } }`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'photos-'));
  api = await startTestApi({ dataDir, publicCacheSeconds: 0 });
  world = await createWorld(api.db.pool, api.config);
  listingId = await createListing(api, world, {
    title: '涉县核桃 walnuts',
    priceFen: 1250,
    unit: 'jin',
    originVillageId: world.villages.poor,
    supply: [{ householdId: world.households.poorA, quantity: 50 }],
  });
});

afterAll(async () => {
  await api?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('listing photos', () => {
  it('an operator uploads a phone photo: turned upright, stripped, re-encoded as WebP in three widths, named by hash', async () => {
    const { status, body } = await upload(listingId, await phonePhoto(), 'image/jpeg', world.users.operator.token);
    expect(status).toBe(201);
    expect(body.variants.map((v: any) => [v.width, v.height])).toEqual([
      [320, 427],
      [640, 853],
      [1200, 1600],
    ]);
    expect(body.url).toBe(body.variants[1].url);
    expect(body.srcset).toBe(body.variants.map((v: any) => `${v.url} ${v.width}w`).join(', '));

    for (const variant of body.variants) {
      const res = await fetch(`${api.url}${variant.url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(variant.url).toBe(`/photos/${createHash('sha256').update(bytes).digest('hex').slice(0, 40)}.webp`);
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual(['webp', variant.width, variant.height, undefined, undefined]);
      const again = await fetch(`${api.url}${variant.url}`, { headers: { 'if-none-match': res.headers.get('etag')!, 'cache-control': 'max-age=0' } });
      expect(again.status).toBe(304);
    }
    // Stored under DATA_DIR/photos by those names.
    expect(readdirSync(join(dataDir, 'photos')).sort()).toEqual(body.variants.map((v: any) => v.url.slice('/photos/'.length)).sort());

    const data = await ok(api, PHOTOS, { id: listingId }, world.users.buyer.token);
    expect(data.listing.photos).toEqual([body]);
  });

  it('the same picture again is a second photo sharing the stored files', async () => {
    const { status, body } = await upload(listingId, await phonePhoto(), 'image/jpeg', world.users.operator.token);
    expect(status).toBe(201);
    const data = await ok(api, PHOTOS, { id: listingId }, world.users.buyer.token);
    expect(data.listing.photos.map((p: any) => p.id)).toEqual([data.listing.photos[0].id, body.id]);
    expect(data.listing.photos[1].url).toBe(data.listing.photos[0].url);
    expect(readdirSync(join(dataDir, 'photos'))).toHaveLength(3);
  });

  it('refuses what is not a usable picture with BAD_USER_INPUT on `photo`, and too big a file with 413; nothing stored', async () => {
    const before = await photoRows();
    const text = await upload(listingId, Buffer.from('hello'), 'text/plain', world.users.operator.token);
    expect([text.status, text.body.error.code, text.body.error.field]).toEqual([400, 'BAD_USER_INPUT', 'photo']);
    const fake = await upload(listingId, Buffer.from('not really a jpeg at all'), 'image/jpeg', world.users.operator.token);
    expect([fake.status, fake.body.error.code, fake.body.error.field]).toEqual([400, 'BAD_USER_INPUT', 'photo']);
    const tiny = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } }).png().toBuffer();
    const small = await upload(listingId, tiny, 'image/png', world.users.operator.token);
    expect([small.status, small.body.error.field]).toEqual([400, 'photo']);
    expect(small.body.error.message).toContain('50x50');
    const huge = await upload(listingId, Buffer.alloc(10 * 1024 * 1024 + 1), 'image/jpeg', world.users.operator.token);
    expect(huge.status).toBe(413);
    const missing = await upload(listingId, await phonePhoto(), 'image/jpeg', world.users.operator.token, 'picture');
    expect(missing.status).toBe(400);
    expect(await photoRows()).toBe(before);
  });

  it('only the operators of the listing station (and admins) may add one', async () => {
    const before = await photoRows();
    const photo = await phonePhoto();
    expect((await upload(listingId, photo, 'image/jpeg')).status).toBe(401);
    expect((await upload(listingId, photo, 'image/jpeg', world.users.buyer.token)).status).toBe(403);
    const stranger = await upload(listingId, photo, 'image/jpeg', world.users.otherOperator.token);
    expect([stranger.status, stranger.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await upload('999999', photo, 'image/jpeg', world.users.operator.token)).status).toBe(404);
    expect(await photoRows()).toBe(before);
  });

  it('serves no other file name', async () => {
    for (const path of ['/photos/missing.webp', `/photos/${'0'.repeat(40)}.webp`, '/photos/..%2F..%2Fpackage.json', '/photos/.hidden']) {
      expect([path, (await fetch(`${api.url}${path}`)).status]).toEqual([path, 404]);
    }
  });

  it('removeListingPhoto takes a photo off its listing, for its station only', async () => {
    const first = (await ok(api, PHOTOS, { id: listingId }, world.users.buyer.token)).listing.photos[0].id;
    const REMOVE = `mutation ($id: ID!) { removeListingPhoto(id: $id) { id photos { id } } }`;
    const refused = await api.gql(REMOVE, { id: first }, world.users.otherOperator.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const data = await ok(api, REMOVE, { id: first }, world.users.operator.token);
    expect(data.removeListingPhoto.photos.map((p: any) => p.id)).not.toContain(first);
    expect(data.removeListingPhoto.photos).toHaveLength(1);
  });
});

describe('Listing.priceSplit', () => {
  it('splits one unit by the fee rules: station commission and platform fee floored, the rest to the households', async () => {
    // The world's stations charge 500 bps, the platform 300: 1250 -> 62 + 37, 1151 to the households.
    const data = await ok(api, `query ($id: ID!) { listing(id: $id) { priceSplit { priceFen householdsFen stationCommissionFen platformFeeFen stationCommissionBps platformFeeBps } } }`, { id: listingId }, world.users.buyer.token);
    expect(data.listing.priceSplit).toEqual({ priceFen: 1250, householdsFen: 1151, stationCommissionFen: 62, platformFeeFen: 37, stationCommissionBps: 500, platformFeeBps: 300 });
  });
});

describe('listingCategories', () => {
  it('lists the categories of ACTIVE listings, of a county when given', async () => {
    const data = await ok(api, `query ($c: ID) { all: listingCategories both: listingCategories(countyId: $c) }`, { c: world.county.id }, world.users.buyer.token);
    expect(data.all).toEqual(['produce']);
    expect(data.both).toEqual(['produce']);
    const other = await ok(api, `query ($c: ID) { listingCategories(countyId: $c) }`, { c: world.otherCounty.id }, world.users.buyer.token);
    expect(other.listingCategories).toEqual([]);
  });
});
