import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { join } from 'node:path';
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

/**
 * Serves the two pages built from web/ (`/dashboard`, `/station`, and any path below them, for the
 * pages' own navigation) and their hashed assets under `/assets/`. The HTML is revalidated on every
 * load (ETag) so a deployment shows at once; the assets are cached for good.
 */
@Controller()
export class WebController {
  private root: string | null = findWebRoot();

  @Get(['dashboard', 'dashboard/*path'])
  dashboard(@Res() res: Response): void {
    this.page('dashboard', res);
  }

  @Get(['station', 'station/*path'])
  station(@Res() res: Response): void {
    this.page('station', res);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const root = this.webRoot();
    if (!root || !ASSET_NAME.test(name)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
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

  /** Looks again when the front end was not built at start-up (`npm run build` while the server runs). */
  private webRoot(): string | null {
    this.root ??= findWebRoot();
    return this.root;
  }
}
