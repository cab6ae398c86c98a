#!/usr/bin/env node
// One owner per table: fails when the code of a lib or an app names, in SQL or through a TypeORM
// entity, a table that another domain owns (scripts/table-owners.json; docs/table-owners.md explains).
//
// What it reads: every .ts file under apps/*/src and libs/*/src, but the migrations (they create
// everything, calling the owners' exported SQL for functions and triggers), the tests (*.spec.ts,
// *.int-spec.ts, *.e2e-spec.ts, which set up whole worlds) and libs/testing. In each file it takes the
// string and template literals (a template's ${...} holes read as a name, and as each string literal
// the file gives the hole's const, property or conditional) and finds the table names
// after FROM, JOIN, INTO, UPDATE, TABLE, REFERENCES, ON (trigger and index targets) and a comma (FROM a, b); and the entity
// classes passed to getRepository, InjectRepository, createQueryBuilder, a query builder's
// from/into/update/delete and an EntityManager's methods.
//
// The allowlist (scripts/table-owners.allow.json: file -> foreign tables it may still name) holds the
// violations not yet removed: a new one fails, and so does an allowlist entry that no longer occurs
// (shrink the list as they go).
//
//   node scripts/check-table-owners.mjs            the check (exit 1 on a violation)
//   node scripts/check-table-owners.mjs --report   every foreign name by lib, with counts
//   node scripts/check-table-owners.mjs --write-allowlist   records the current violations
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// TABLE_OWNERS_ROOT checks another tree (the check's own test builds one with a violation in it).
const root = process.env.TABLE_OWNERS_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ownersFile = join(root, 'scripts', 'table-owners.json');
const allowFile = join(root, 'scripts', 'table-owners.allow.json');
const migrationsDir = join('libs', 'composition', 'src', 'migrations');

/** table -> owning domain (a lib's folder name). */
export function loadOwners() {
  const byDomain = JSON.parse(readFileSync(ownersFile, 'utf8')).owners;
  const owners = new Map();
  for (const [domain, tables] of Object.entries(byDomain)) {
    for (const table of tables) {
      if (owners.has(table)) throw new Error(`table ${table} has two owners: ${owners.get(table)} and ${domain}`);
      owners.set(table, domain);
    }
  }
  return owners;
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The domain (or app) a source file speaks for: `libs/orders/...` -> orders, `apps/api/...` -> app:api. */
function unitOf(file) {
  const parts = relative(root, file).split(sep);
  return parts[0] === 'apps' ? `app:${parts[1]}` : parts[1];
}

function checkedFiles() {
  const files = [];
  for (const top of ['apps', 'libs']) {
    for (const unit of readdirSync(join(root, top))) {
      if (top === 'libs' && unit === 'testing') continue;
      const src = join(root, top, unit, 'src');
      try {
        statSync(src);
      } catch {
        continue;
      }
      files.push(...walk(src));
    }
  }
  return files.filter((file) => {
    const rel = relative(root, file);
    if (rel.startsWith(migrationsDir + sep)) return false;
    return !/\.(spec|int-spec|e2e-spec)\.ts$/.test(rel);
  });
}

const SQL_WORDS = /\b(FROM|WHERE|SET|SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|TRUNCATE|COPY|LOCK|REFERENCES|JOIN|RETURNING|PERFORM)\b/i;
const NAME_AFTER =
  /(?:\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|ON|ONLY|EXISTS|TRUNCATE)|,)\s+(?:ONLY\s+)?(?:public\.)?("?)([a-z_][a-z0-9_]*)\1(?![a-z0-9_.])/gi;

/**
 * The string literals a template hole's expression can stand for, as far as the file shows them: a
 * literal, a `const` of the file initialised with one, a property (`side.table`) given a literal in any
 * object literal of the file, either branch of a conditional. Anything else (a call, a parameter) gives
 * none: what it returns is another file's SQL, checked there.
 */
function holeValues(expr, consts, props) {
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression?.(expr)) expr = expr.expression;
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
  if (ts.isIdentifier(expr)) return consts.get(expr.text) ?? [];
  if (ts.isPropertyAccessExpression(expr)) return props.get(expr.name.text) ?? [];
  if (ts.isConditionalExpression(expr)) return [...holeValues(expr.whenTrue, consts, props), ...holeValues(expr.whenFalse, consts, props)];
  return [];
}

/** A file's `const x = 'text'` and `{ key: 'text' }`: name -> the literals it is given. */
function literalBindings(source) {
  const consts = new Map();
  const props = new Map();
  const add = (map, name, value) => map.set(name, [...(map.get(name) ?? []), value]);
  const literal = (node) => {
    while (node && (ts.isParenthesizedExpression(node) || ts.isAsExpression(node))) node = node.expression;
    return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  };
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && ts.isVariableDeclarationList(node.parent) && node.parent.flags & ts.NodeFlags.Const) {
      const value = literal(node.initializer);
      if (value !== undefined) add(consts, node.name.text, value);
    } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
      const value = literal(node.initializer);
      if (value !== undefined) add(props, node.name.text, value);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { consts, props };
}

/**
 * The texts of each string or template literal of a file. A template gives its text with every hole
 * read as a name-like placeholder (so "FROM ${table}" names nothing and "x ${a} FROM y" still parses),
 * and one more text for each literal a hole can stand for (holeValues): `JOIN ${side.table} p` with
 * `side.table` given 'households' reads as `JOIN households p`.
 */
function literals(source) {
  const out = [];
  const { consts, props } = literalBindings(source);
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      out.push({ texts: [node.text], node });
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      const join = (holes) => parts.reduce((text, part, i) => (i === 0 ? part : `${text}${holes[i - 1]}${part}`), '');
      const placeholders = node.templateSpans.map(() => ' __hole__ ');
      const texts = [join(placeholders)];
      node.templateSpans.forEach((span, i) => {
        for (const value of new Set(holeValues(span.expression, consts, props))) {
          texts.push(join(placeholders.map((p, j) => (j === i ? value : p))));
        }
      });
      out.push({ texts, node });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const ENTITY_CALLS = new Set([
  'getRepository',
  'InjectRepository',
  'createQueryBuilder',
  'from',
  'into',
  'update',
  'delete',
  'insert',
  'upsert',
  'find',
  'findOne',
  'findOneBy',
  'findOneByOrFail',
  'findOneOrFail',
  'findBy',
  'findAndCount',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'save',
  'remove',
  'increment',
  'decrement',
  'sum',
  'query',
]);

/** entity class name -> table, from the @Entity('table') decorators of the libs. */
function entityTables() {
  const out = new Map();
  for (const file of walk(join(root, 'libs'))) {
    const text = readFileSync(file, 'utf8');
    const re = /@Entity\(\s*'([a-z_0-9]+)'[^)]*\)\s*(?:@[\s\S]*?)?export class (\w+)/g;
    for (const m of text.matchAll(re)) out.set(m[2], { table: m[1], file: relative(root, file) });
  }
  return out;
}

/** Every foreign name of a file: [{ table, owner, line, how }]. */
function scanFile(file, owners, entities) {
  const unit = unitOf(file);
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const foreign = (table) => {
    const owner = owners.get(table);
    return owner !== undefined && owner !== unit;
  };
  const lineOf = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  for (const { texts, node } of literals(source)) {
    // Every name of the literal's plain text, then those only a hole's value adds (once each).
    const seen = new Set();
    texts.forEach((sql, i) => {
      if (!SQL_WORDS.test(sql)) return;
      for (const m of sql.matchAll(NAME_AFTER)) {
        const table = m[2].toLowerCase();
        if (!foreign(table) || (i > 0 && seen.has(table))) continue;
        seen.add(table);
        found.push({ table, owner: owners.get(table), line: lineOf(node), how: i === 0 ? 'sql' : 'sql (a template hole)' });
      }
    });
  }
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined;
      const arg = node.arguments[0];
      if (name && ENTITY_CALLS.has(name) && arg && ts.isIdentifier(arg) && entities.has(arg.text)) {
        const { table } = entities.get(arg.text);
        if (foreign(table)) found.push({ table, owner: owners.get(table), line: lineOf(node), how: `${name}(${arg.text})` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Tables the migrations create, each of which must have an owner. */
function migrationTables() {
  const tables = new Set();
  for (const file of walk(join(root, migrationsDir))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_0-9]+)"?/g)) tables.add(m[1]);
  }
  return tables;
}

export function scan() {
  const owners = loadOwners();
  const entities = entityTables();
  const problems = [];
  for (const table of migrationTables()) {
    if (!owners.has(table)) problems.push(`table ${table} (created by a migration) has no owner in scripts/table-owners.json`);
  }
  for (const [cls, { table, file }] of entities) {
    const domain = file.split(sep)[1];
    if (owners.get(table) !== domain) {
      problems.push(`entity ${cls} (${file}) maps table ${table}, which scripts/table-owners.json gives to ${owners.get(table) ?? 'nobody'}`);
    }
  }
  const violations = new Map(); // file -> hits
  for (const file of checkedFiles()) {
    const hits = scanFile(file, owners, entities);
    if (hits.length) violations.set(relative(root, file).split(sep).join('/'), hits);
  }
  return { owners, problems, violations };
}

function report(violations) {
  const byUnit = new Map();
  for (const [file, hits] of violations) {
    const unit = file.startsWith('apps/') ? `app:${file.split('/')[1]}` : file.split('/')[1];
    const counts = byUnit.get(unit) ?? new Map();
    for (const hit of hits) counts.set(`${hit.table} (${hit.owner})`, (counts.get(`${hit.table} (${hit.owner})`) ?? 0) + 1);
    byUnit.set(unit, counts);
  }
  const lines = [];
  for (const [unit, counts] of [...byUnit].sort()) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    lines.push(`${unit}: ${total} (${[...counts].sort().map(([t, n]) => `${t} x${n}`).join(', ')})`);
  }
  return lines.join('\n');
}

function main() {
  const { problems, violations } = scan();
  const args = process.argv.slice(2);
  if (args.includes('--report')) {
    console.log(report(violations));
    if (args.includes('--files')) {
      for (const [file, hits] of violations) {
        for (const h of hits) console.log(`  ${file}:${h.line} ${h.table} (${h.owner}) ${h.how}`);
      }
    }
    return;
  }
  const current = {};
  for (const [file, hits] of [...violations].sort()) current[file] = [...new Set(hits.map((h) => h.table))].sort();
  if (args.includes('--write-allowlist')) {
    writeFileSync(allowFile, JSON.stringify(current, null, 2) + '\n');
    console.log(`wrote ${relative(root, allowFile)}: ${Object.keys(current).length} files`);
    return;
  }
  const allow = JSON.parse(readFileSync(allowFile, 'utf8'));
  for (const [file, hits] of violations) {
    const allowed = new Set(allow[file] ?? []);
    for (const h of hits) {
      if (!allowed.has(h.table)) {
        problems.push(`${file}:${h.line} names ${h.table}, owned by ${h.owner} (${h.how}): ask ${h.owner} for a function or an SQL fragment`);
      }
    }
  }
  for (const [file, tables] of Object.entries(allow)) {
    for (const table of tables) {
      if (!(current[file] ?? []).includes(table)) {
        problems.push(`scripts/table-owners.allow.json: ${file} no longer names ${table}: take it off the list`);
      }
    }
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    console.error(`table owners: ${problems.length} problem(s) (docs/table-owners.md)`);
    process.exit(1);
  }
  const left = Object.values(allow).reduce((n, t) => n + t.length, 0);
  console.log(`table owners: ok (${left} allowlisted foreign name(s) in ${Object.keys(allow).length} file(s) left)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
