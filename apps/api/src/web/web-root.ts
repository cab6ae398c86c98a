import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The pages the front end builds, each a directory of web/dist holding its index.html. */
export const PAGES = ['dashboard', 'station', 'shop', 'admin'] as const;
export type Page = (typeof PAGES)[number];

/**
 * The built front end (`web/dist`, made by `npm run build`). Found by walking up from this file, so
 * the same code finds it from the sources (tests), from dist/ (`npm start`) and from a test run's own
 * build under node_modules/.cache; null while it has not been built.
 */
export function findWebRoot(from: string = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'web', 'dist');
    if (existsSync(join(candidate, 'dashboard', 'index.html'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
