import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { findWebRoot, Page } from './web-root';

// The pages load only their own bundle and talk only to this server: no inline script, no CDN.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Vite names every asset after its content hash: a name never changes meaning, so it may be kept a year.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const ASSET_NAME = /^[A-Za-z0-9._-]+$/;
// Text assets go out compressed (the shop's first page on a slow phone network depends on it).
const TEXT_ASSET = /\.(js|css|svg|json)$/;

/**
 * Serves the pages built from web/ (`/` and `/shop`, `/dashboard`, `/station`, `/admin`, and any path below them, for the
 * pages' own navigation) and their hashed assets under `/assets/`. The HTML is revalidated on every
 * load (ETag) so a deployment shows at once; the assets are cached for good.
 */
@Controller()
export class WebController {
  private root: string | null = findWebRoot();
  private readonly compressedCache = new Map<string, Buffer>();

  @Get(['dashboard', 'dashboard/*path'])
  dashboard(@Res() res: Response): void {
    this.page('dashboard', res);
  }

  /** The shop for buyers, at the site's root too. */
  @Get(['', 'shop', 'shop/*path'])
  shop(@Res() res: Response): void {
    this.page('shop', res);
  }

  @Get(['admin', 'admin/*path'])
  admin(@Res() res: Response): void {
    this.page('admin', res);
  }

  @Get(['station', 'station/*path'])
  station(@Res() res: Response): void {
    this.page('station', res);
  }

  @Get('assets/:name')
  async asset(@Param('name') name: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const root = this.webRoot();
    if (!root || !ASSET_NAME.test(name)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const encoding = TEXT_ASSET.test(name) ? req.acceptsEncodings('br', 'gzip') : false;
    if (encoding === 'br' || encoding === 'gzip') {
      const body = await this.compressed(join(root, 'assets', name), encoding);
      if (body) {
        res.setHeader('Cache-Control', IMMUTABLE);
        res.setHeader('Content-Encoding', encoding);
        res.setHeader('Vary', 'Accept-Encoding');
        res.type(name.slice(name.lastIndexOf('.'))).send(body);
        return;
      }
    }
    res.sendFile(name, { root: join(root, 'assets'), dotfiles: 'deny', headers: { 'Cache-Control': IMMUTABLE } }, (error) => {
      if (error && !res.headersSent) res.status(404).type('text/plain').send('Not found');
    });
  }

  private page(page: Page, res: Response): void {
    const root = this.webRoot();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!root) {
      res.status(503).type('text/plain').send('The web pages have not been built: run `npm run build`, then start the server again.');
      return;
    }
    res.setHeader('Content-Security-Policy', CSP);
    // sendFile's own Cache-Control would allow caching for max-age; the HTML must be asked for again.
    res.sendFile('index.html', { root: join(root, page), cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }, (error) => {
      if (error && !res.headersSent) res.status(503).type('text/plain').send('The web pages could not be read: run `npm run build`.');
    });
  }

  /**
   * The asset compressed, made once per process and kept: the assets never change under one name,
   * and there are a handful of them. Null when the file is missing.
   */
  private async compressed(path: string, encoding: 'br' | 'gzip'): Promise<Buffer | null> {
    const key = `${encoding}:${path}`;
    let body = this.compressedCache.get(key);
    if (!body) {
      let raw: Buffer;
      try {
        raw = await readFile(path);
      } catch {
        return null;
      }
      body = encoding === 'br' ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(raw, { level: 9 });
      this.compressedCache.set(key, body);
    }
    return body;
  }

  /** Looks again when the front end was not built at start-up (`npm run build` while the server runs). */
  private webRoot(): string | null {
    this.root ??= findWebRoot();
    return this.root;
  }
}
