import { StaleWhileRevalidateCache } from './stale-while-revalidate.cache';

describe('StaleWhileRevalidateCache', () => {
  let now: number;
  let cache: StaleWhileRevalidateCache;

  beforeEach(() => {
    now = 1_000_000;
    cache = new StaleWhileRevalidateCache(10_000, 1_000, () => now);
  });

  it('serves a fresh entry to everyone', async () => {
    await cache.set('page', 'v1', { ttl: 2 });
    now += 1_999;
    expect(await cache.get('page')).toBe('v1');
    expect(await cache.get('page')).toBe('v1');
  });

  it('sends the first caller after expiry to recompute, and serves the others the expired entry meanwhile', async () => {
    await cache.set('page', 'v1', { ttl: 2 });
    now += 2_000;
    expect(await cache.get('page')).toBeUndefined(); // this one recomputes
    expect(await cache.get('page')).toBe('v1');
    expect(await cache.get('page')).toBe('v1');
    await cache.set('page', 'v2', { ttl: 2 });
    expect(await cache.get('page')).toBe('v2');
  });

  it('sends another caller when the refresh has not come back in time (an error is never cached)', async () => {
    await cache.set('page', 'v1', { ttl: 2 });
    now += 2_000;
    expect(await cache.get('page')).toBeUndefined();
    now += 999;
    expect(await cache.get('page')).toBe('v1');
    now += 1;
    expect(await cache.get('page')).toBeUndefined();
  });

  it('keeps nothing that is not cacheable, and nothing at all is unknown', async () => {
    await cache.set('page', 'v1', { ttl: 0 });
    await cache.set('other', 'v1');
    expect(await cache.get('page')).toBeUndefined();
    expect(await cache.get('other')).toBeUndefined();
    expect(await cache.get('never')).toBeUndefined();
  });

  it('forgets an entry on delete', async () => {
    await cache.set('page', 'v1', { ttl: 2 });
    await cache.delete('page');
    expect(await cache.get('page')).toBeUndefined();
  });
});
