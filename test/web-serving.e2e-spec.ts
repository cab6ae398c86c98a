import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApi, TestApi } from '@app/testing';
import { ensureWebBuilt } from './web-fixtures';

// How the API serves the built pages: the HTML revalidated on every load with a strict CSP, the
// hashed assets cached for good, paths below a page falling back to its HTML, nothing else served.

let api: TestApi;

beforeAll(async () => {
  await ensureWebBuilt();
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

describe('the web pages as served', () => {
  it.each(['dashboard', 'station', 'shop', 'admin'])('/%s is its built index.html, revalidated on every load, under a CSP', async (page) => {
    const built = readFileSync(join(__dirname, '..', 'web', 'dist', page, 'index.html'), 'utf8');
    for (const path of [`/${page}`, `/${page}/`, `/${page}/some/deep/link`]) {
      const res = await fetch(`${api.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('etag')).toBeTruthy();
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(built);
    }
    // fetch adds `Cache-Control: no-cache` to a conditional request unless one is given (the Fetch
    // standard), and a no-cache request is never answered 304: give the browser's reload header.
    const etag = (await fetch(`${api.url}/${page}`)).headers.get('etag')!;
    const again = await fetch(`${api.url}/${page}`, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
    expect(again.status).toBe(304);
  });

  it('the site root is the shop', async () => {
    const res = await fetch(`${api.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(readFileSync(join(__dirname, '..', 'web', 'dist', 'shop', 'index.html'), 'utf8'));
  });

  it('sends the script and style assets compressed to a browser that takes it, and whole to one that does not', async () => {
    const html = readFileSync(join(__dirname, '..', 'web', 'dist', 'shop', 'index.html'), 'utf8');
    const script = assetsOf(html).find((a) => a.endsWith('.js'))!;
    const whole = readFileSync(join(__dirname, '..', 'web', 'dist', script.slice(1)));
    for (const encoding of ['br', 'gzip']) {
      const res = await fetch(`${api.url}${script}`, { headers: { 'accept-encoding': encoding } });
      expect([encoding, res.headers.get('content-encoding'), res.headers.get('vary'), res.headers.get('cache-control')]).toEqual([encoding, encoding, 'Accept-Encoding', 'public, max-age=31536000, immutable']);
      expect(Buffer.from(await res.arrayBuffer()).equals(whole)).toBe(true); // fetch decodes it
    }
    const plain = await fetch(`${api.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(whole)).toBe(true);
  });

  it('serves the hashed assets with a year-long immutable cache, and no CDN is referenced', async () => {
    const html = readFileSync(join(__dirname, '..', 'web', 'dist', 'dashboard', 'index.html'), 'utf8');
    const assets = assetsOf(html);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    for (const asset of assets) {
      const res = await fetch(`${api.url}${asset}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toMatch(asset.endsWith('.js') ? /^text\/javascript|^application\/javascript/ : /^text\/css/);
      expect(await res.text()).not.toMatch(/https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.(com|net|org|io|cn)\//i);
    }
  });

  it('serves nothing else from the disk', async () => {
    for (const path of ['/assets/missing.js', '/assets/..%2F..%2Fpackage.json', '/assets/%2e%2e%2fdashboard%2findex.html', '/assets/.hidden', '/web/dist/dashboard/index.html']) {
      const res = await fetch(`${api.url}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });
});
