#!/usr/bin/env node
// Compiles the TypeScript sources to CommonJS in dist/ with swc (type checking is `npm run typecheck`).
// swc wants an absolute baseUrl for the path aliases, so the config is resolved here for this checkout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(join(root, 'swc.config.json'), 'utf8'));
config.jsc.baseUrl = root;
const resolved = join(root, 'node_modules', '.cache', 'swcrc.json');
mkdirSync(dirname(resolved), { recursive: true });
writeFileSync(resolved, JSON.stringify(config));
// `--out-dir DIR` builds elsewhere (each test run builds its own copy, so parallel runs never race).
const outIndex = process.argv.indexOf('--out-dir');
const outDir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'dist');
rmSync(outDir, { recursive: true, force: true });
execFileSync(
  join(root, 'node_modules', '.bin', 'swc'),
  ['apps', 'libs', 'seeds', 'bench', '-d', outDir, '--config-file', resolved, '--no-swcrc', '--quiet', '--copy-files'],
  { cwd: root, stdio: 'inherit' },
);
