import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWebRoot } from './web-root';

describe('findWebRoot', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-root-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds web/dist from the sources, from dist/ and from a build under node_modules/.cache', () => {
    mkdirSync(join(dir, 'web', 'dist', 'dashboard'), { recursive: true });
    writeFileSync(join(dir, 'web', 'dist', 'dashboard', 'index.html'), '<!doctype html>');
    for (const from of ['apps/api/src/web', 'dist/apps/api/src/web', 'node_modules/.cache/test-dist/t1/apps/api/src/web']) {
      expect(findWebRoot(join(dir, from))).toBe(join(dir, 'web', 'dist'));
    }
  });

  it('is null while the front end has not been built (web/ holds only its sources)', () => {
    mkdirSync(join(dir, 'web', 'src'), { recursive: true });
    mkdirSync(join(dir, 'apps', 'api', 'src', 'web'), { recursive: true });
    // The walk goes on past the checkout to the file system's root; nothing above a temp dir has one.
    expect(findWebRoot(join(dir, 'apps', 'api', 'src', 'web'))).toBeNull();
  });
});
