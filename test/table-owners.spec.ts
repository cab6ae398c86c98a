import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/check-table-owners.mjs: the repository passes, and a lib naming another domain's table fails.
const root = join(__dirname, '..');
const script = join(root, 'scripts', 'check-table-owners.mjs');

function check(treeRoot?: string) {
  return spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    env: { ...process.env, ...(treeRoot ? { TABLE_OWNERS_ROOT: treeRoot } : {}) },
  });
}

describe('table owners', () => {
  it('passes on this repository (every foreign name is on the shrinking allowlist)', () => {
    const run = check();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('docs/table-owners.md lists the map of scripts/table-owners.json', () => {
    const map = JSON.parse(readFileSync(join(root, 'scripts', 'table-owners.json'), 'utf8')).owners as Record<string, string[]>;
    const rows = readFileSync(join(root, 'docs', 'table-owners.md'), 'utf8')
      .split('\n')
      .filter((line) => /^\| [a-z-]+ \| [a-z_, ]+ \|$/.test(line) && !line.startsWith('| owner |'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const documented = Object.fromEntries(rows.map(([, owner, tables]) => [owner, tables.split(', ').sort()]));
    const expected = Object.fromEntries(Object.entries(map).map(([owner, tables]) => [owner, [...tables].sort()]));
    expect(documented).toEqual(expected);
  });

  describe('on a tree with one violation', () => {
    let tree: string;
    beforeAll(() => {
      tree = mkdtempSync(join(tmpdir(), 'table-owners-'));
      mkdirSync(join(tree, 'scripts'));
      cpSync(join(root, 'scripts', 'table-owners.json'), join(tree, 'scripts', 'table-owners.json'));
      writeFileSync(join(tree, 'scripts', 'table-owners.allow.json'), '{}');
      mkdirSync(join(tree, 'libs', 'composition', 'src', 'migrations'), { recursive: true });
      writeFileSync(
        join(tree, 'libs', 'composition', 'src', 'migrations', '1-Init.ts'),
        'export const up = `CREATE TABLE "payouts" (id bigint); CREATE TABLE "allocations" (id bigint)`;',
      );
      mkdirSync(join(tree, 'apps'));
      mkdirSync(join(tree, 'libs', 'impact', 'src'), { recursive: true });
      mkdirSync(join(tree, 'libs', 'payouts', 'src'), { recursive: true });
      // The owner may name its table; impact may not, not even inside a template with holes.
      writeFileSync(join(tree, 'libs', 'payouts', 'src', 'own.ts'), 'export const q = `SELECT 1 FROM payouts`;');
      writeFileSync(
        join(tree, 'libs', 'impact', 'src', 'reads.ts'),
        'const n = 1;\nexport const q = `SELECT a.x\n  FROM impact_facts a\n  JOIN "payouts" p ON p.id = ${n}`;',
      );
      // A name put in by a hole: a property given a literal in the file, a const, a conditional's branch.
      writeFileSync(
        join(tree, 'libs', 'impact', 'src', 'holes.ts'),
        [
          "const sides = [{ kind: 'A', table: 'impact_facts' }, { kind: 'B', table: 'payouts' }];",
          "const LINKS = 'payout_links';",
          'export const q = sides.map((s) => `SELECT 1 FROM impact_facts f JOIN ${s.table} p ON p.id = f.id`);',
          'export const r = (b: boolean) => `SELECT 1 FROM ${b ? LINKS : `impact_facts`} x, ${LINKS} y`;',
        ].join('\n'),
      );
    });
    afterAll(() => rmSync(tree, { recursive: true, force: true }));

    it('fails naming the file, the line, the table and its owner', () => {
      const run = check(tree);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('libs/impact/src/reads.ts:2 names payouts, owned by payouts');
      expect(run.stderr).not.toContain('own.ts');
    });

    it('sees a table name a template hole puts in: a property, a const, a branch of a conditional', () => {
      const run = check(tree);
      expect(run.stderr).toContain('libs/impact/src/holes.ts:3 names payouts, owned by payouts (sql (a template hole))');
      expect(run.stderr).toContain('libs/impact/src/holes.ts:4 names payout_links, owned by payouts (sql (a template hole))');
      expect(run.stderr).not.toContain('names impact_facts');
    });

    it('passes once the allowlist records it, and fails again when the entry is stale', () => {
      writeFileSync(join(tree, 'scripts', 'table-owners.allow.json'), JSON.stringify({ 'libs/impact/src/reads.ts': ['payouts'], 'libs/impact/src/holes.ts': ['payout_links', 'payouts'] }));
      expect(check(tree).status).toBe(0);
      writeFileSync(join(tree, 'libs', 'impact', 'src', 'reads.ts'), 'export const q = `SELECT 1 FROM impact_facts`;');
      const run = check(tree);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('no longer names payouts');
    });
  });
});
