/**
 * The layering of the house, checked (issue 11, item 8). Parses the imports of every `.ts`/`.tsx`
 * file under src/ and web/src/ with the TypeScript parser and checks the rules of the README's "How
 * the code is laid out" and ../shared/docs/architecture.md ("dependencies point inward"):
 *
 * - src/core imports nothing outside src/core, no Node built-in and only the pure npm packages below;
 * - web/ imports no server code: from src/ only src/core and (type-only) src/contract;
 * - routes import no repositories (nothing from src/db); services nothing from src/server; src/db
 *   nothing from src/services or src/server; nothing in src/ imports web/;
 * - SQL only in src/db;
 * - no import cycles.
 *
 * Test and benchmark code (`*.test.ts`, `test/**`, `bench/**`, the benchmark files `bench.ts` that
 * bench/run.ts collects beside the code, and test fixtures under a `fixtures/` folder) is exempt from
 * the layering and SQL rules, but production code may not import it, and it takes part in the cycle
 * rule when production code reaches it. Each violation is listed as `file → imported file` (or
 * `file:line → what` for SQL), paths relative to the repository root.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** npm packages src/core may use: pure code that runs in Node and in the browser, no I/O. */
const CORE_PACKAGES = new Set([
  'proj4', // coordinate transformations (SWEREF 99 ↔ WGS84), pure arithmetic
  'geojson', // types only (@types/geojson)
]);

/** npm packages that only make sense on the server; web/ may not import them. */
const SERVER_PACKAGES = [
  'fastify', '@fastify/', 'fastify-plugin', 'pg', '@electric-sql/', 'argon2', 'nodemailer', 'smtp-server',
  'pdfkit', 'docx', 'sharp', 'commander', 'csv-parse', 'tsx',
];

// ---------------------------------------------------------------------------------------------
// Files and their imports

/** Repository-relative path with forward slashes. */
const rel = (abs: string): string => relative(ROOT, abs).split(sep).join('/');

/** Test, benchmark and fixture code: exempt from the layering and SQL rules. */
function isTestCode(path: string): boolean {
  return /\.test\.tsx?$/.test(path)
    || path.startsWith('test/')
    || path.startsWith('bench/')
    || /(^|\/)bench\.ts$/.test(path)
    || /(^|\/)fixtures\//.test(path);
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name)) out.push(rel(p));
  }
  return out;
}

interface Import {
  /** As written, e.g. '../db/repositories/index.ts', 'node:fs', 'proj4'. */
  specifier: string;
  /** Repository-relative file it resolves to, for a relative (or aliased) import; null when unresolved. */
  target: string | null;
  /** `import type`, `export type … from`, `typeof import('…')`: erased at run time. */
  typeOnly: boolean;
  line: number;
}

interface Literal { text: string; line: number }
interface Call { receiver: string; method: string; line: number }

interface Parsed { imports: Import[]; literals: Literal[]; calls: Call[] }

const CANDIDATE_SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** Resolves a relative (or vite `@core/…`) specifier to a repository-relative file. */
function resolveSpecifier(from: string, specifier: string): string | null {
  const bare = specifier.replace(/[?#].*$/, '');
  let base: string;
  if (bare.startsWith('.')) base = resolve(ROOT, dirname(from), bare);
  else if (bare === '@core' || bare.startsWith('@core/')) base = resolve(ROOT, 'src/core', bare.slice('@core/'.length));
  else return null;
  const candidates = CANDIDATE_SUFFIXES.map((s) => base + s);
  if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return rel(c);
  return null;
}

const isLocal = (specifier: string): boolean => specifier.startsWith('.') || specifier === '@core' || specifier.startsWith('@core/');

/** `node:fs`, `fs`, `fs/promises`, … */
function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return builtinModules.includes(specifier) || builtinModules.includes(specifier.split('/')[0]!);
}

/** 'proj4' → 'proj4', '@fastify/cookie/x' → '@fastify/cookie', 'csv-parse/sync' → 'csv-parse'. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function receiverName(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) return receiverName(e.expression);
  return '';
}

/** Imports, string/template literals and `x.query(…)`/`x.exec(…)` calls of one source text. */
function parseSource(fileName: string, text: string): Parsed {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const imports: Omit<Import, 'target'>[] = [];
  const literals: Literal[] = [];
  const calls: Call[] = [];
  // A literal given straight to `.query(`/`.exec(` is reported on the call's line.
  const callLine = new Map<ts.Node, number>();
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      imports.push({ specifier: n.moduleSpecifier.text, typeOnly: !!n.importClause?.isTypeOnly, line: line(n) });
      return;
    }
    if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      imports.push({ specifier: n.moduleSpecifier.text, typeOnly: n.isTypeOnly, line: line(n) });
      return;
    }
    if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) {
      imports.push({ specifier: n.moduleReference.expression.text, typeOnly: n.isTypeOnly, line: line(n) });
      return;
    }
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      imports.push({ specifier: n.argument.literal.text, typeOnly: true, line: line(n) });
    }
    if (ts.isCallExpression(n)) {
      const [arg] = n.arguments;
      if (n.expression.kind === ts.SyntaxKind.ImportKeyword && arg && ts.isStringLiteralLike(arg)) {
        imports.push({ specifier: arg.text, typeOnly: false, line: line(n) });
      } else if (ts.isIdentifier(n.expression) && n.expression.text === 'require' && arg && ts.isStringLiteralLike(arg)) {
        imports.push({ specifier: arg.text, typeOnly: false, line: line(n) });
      } else if (ts.isPropertyAccessExpression(n.expression) && (n.expression.name.text === 'query' || n.expression.name.text === 'exec')) {
        calls.push({ receiver: receiverName(n.expression.expression), method: n.expression.name.text, line: line(n) });
        for (const a of n.arguments) callLine.set(a, line(n));
      }
    }
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) literals.push({ text: n.text, line: callLine.get(n) ?? line(n) });
    if (ts.isTemplateExpression(n)) {
      literals.push({ text: n.head.text + n.templateSpans.map((s) => ' $x ' + s.literal.text).join(''), line: callLine.get(n) ?? line(n) });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { imports: imports.map((i) => ({ ...i, target: null })), literals, calls };
}

// ---------------------------------------------------------------------------------------------
// The SQL detector

/**
 * SQL statements in a literal. Keywords in upper case, as every query of the project is written:
 * prose ("Välj område från listan", "select the area from the list", "Update the map") never matches.
 */
const SQL_PATTERNS: [string, RegExp][] = [
  ['INSERT INTO', /\bINSERT\s+INTO\b/],
  ['UPDATE … SET', /\bUPDATE\s+(ONLY\s+)?[\w."]+(\s+(AS\s+)?\w+)?\s+SET\b/],
  ['DELETE FROM', /\bDELETE\s+FROM\b/],
  ['CREATE TABLE', /\bCREATE\s+(OR\s+REPLACE\s+)?((TEMP|TEMPORARY|UNLOGGED)\s+)?(TABLE|(UNIQUE\s+)?INDEX|(MATERIALIZED\s+)?VIEW|FUNCTION|TRIGGER|EXTENSION|TYPE|SCHEMA)\b/],
  ['ALTER TABLE', /\bALTER\s+(TABLE|INDEX|VIEW|FUNCTION|TYPE|SCHEMA)\b/],
  ['DROP TABLE', /\bDROP\s+(TABLE|INDEX|VIEW|FUNCTION|TRIGGER|TYPE|SCHEMA)\b/],
  ['WITH … AS (', /\bWITH\s+(RECURSIVE\s+)?[\w"]+(\s*\([\w\s,"]*\))?\s+AS\s+(NOT\s+)?(MATERIALIZED\s+)?\(/],
  ['SELECT … FROM', /\bSELECT\b[\s\S]*?\bFROM\b/],
  ['SELECT', /^\s*SELECT\s/],
];

/** The receivers of `.query(`/`.exec(` that are a database (engine, transaction, client, pool). */
const DB_RECEIVER = /^(db|tx|trx|q|client|conn|connection|pool|database|pg|pglite|engine|admin|queryable|executor)$|(Db|Tx|Client|Pool|Database|Queryable|Engine)$/;

/** What SQL a literal holds (the pattern's name), or null. */
function sqlIn(text: string): string | null {
  for (const [name, re] of SQL_PATTERNS) if (re.test(text)) return name;
  return null;
}

/** `line → what` for every SQL literal and database call in a source text. */
function findSql(fileName: string, text: string, parsed = parseSource(fileName, text)): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const add = (line: number, what: string) => { const l = found.get(line) ?? []; if (!l.includes(what)) l.push(what); found.set(line, l); };
  for (const l of parsed.literals) {
    const kind = sqlIn(l.text);
    if (kind) add(l.line, `${kind}: "${l.text.replace(/\s+/g, ' ').trim().slice(0, 70)}${l.text.length > 70 ? '…' : ''}"`);
  }
  for (const c of parsed.calls) if (DB_RECEIVER.test(c.receiver)) add(c.line, `${c.receiver}.${c.method}(…)`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// The import graph of the repository

interface SourceFile { path: string; test: boolean; parsed: Parsed; text: string }

/** Test files that production code reaches: they take part in the cycle rule. */
const REACHED_TEST_CODE = new Set<string>();

function load(): Map<string, SourceFile> {
  const files = new Map<string, SourceFile>();
  const add = (path: string) => {
    if (files.has(path)) return;
    let text: string;
    try { text = readFileSync(join(ROOT, path), 'utf8'); } catch { return; } // removed while we walked
    const parsed = parseSource(path, text);
    for (const i of parsed.imports) i.target = isLocal(i.specifier) ? resolveSpecifier(path, i.specifier) : null;
    files.set(path, { path, test: isTestCode(path), parsed, text });
  };
  for (const p of [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'web/src'))]) add(p);
  // Follow production code into test code (and files outside src/ and web/src/, e.g. bench/lib.ts).
  const queue = [...files.values()].filter((f) => !f.test);
  while (queue.length) {
    const f = queue.pop()!;
    for (const i of f.parsed.imports) {
      if (!i.target || !/\.tsx?$/.test(i.target)) continue;
      add(i.target);
      const t = files.get(i.target)!;
      if (t.test && !REACHED_TEST_CODE.has(t.path)) { REACHED_TEST_CODE.add(t.path); queue.push(t); }
    }
  }
  return files;
}

const FILES = load();
const production = [...FILES.values()].filter((f) => !f.test && (f.path.startsWith('src/') || f.path.startsWith('web/src/')));

const under = (path: string | null, dir: string): boolean => !!path && (path === dir || path.startsWith(dir + '/'));

/** Checks every import of the production files below `dir`; `bad` says why an import is a violation. */
function violations(dir: string, bad: (i: Import, from: string) => string | null | false): string[] {
  const out: string[] = [];
  for (const f of production) {
    if (!under(f.path, dir)) continue;
    for (const i of f.parsed.imports) {
      const why = bad(i, f.path);
      if (!why) continue;
      const notes = [why === 'x' ? '' : why, i.typeOnly && why === 'x' ? 'type-only' : ''].filter(Boolean);
      out.push(`${f.path} → ${i.target ?? i.specifier}${notes.length ? ` (${notes.join(', ')})` : ''}`);
    }
  }
  return [...new Set(out)].sort();
}

function check(list: string[], rule: string): void {
  if (list.length) assert.fail(`${rule}: ${list.length} violation${list.length === 1 ? '' : 's'}\n  ${list.join('\n  ')}`);
}

// ---------------------------------------------------------------------------------------------
// The detector itself

test('the SQL detector finds SQL statements and nothing in prose', () => {
  const positive = [
    'SELECT id, name FROM areas WHERE municipality_id = $1',
    `SELECT settings->'map' AS map FROM municipalities WHERE id = $1`,
    'SELECT pg_advisory_lock(42)',
    '  INSERT INTO incidents (id) VALUES ($1)',
    'UPDATE users SET municipality_id = $2 WHERE id = $1',
    'UPDATE incidents i SET version = version + 1',
    'DELETE FROM sessions WHERE expires_at < now()',
    'CREATE TABLE IF NOT EXISTS t (id int)',
    'CREATE UNIQUE INDEX ON t (id)',
    'ALTER TABLE incidents ADD COLUMN x int',
    'WITH recent AS (SELECT 1) SELECT * FROM recent',
    'WITH RECURSIVE tree(id, parent) AS (SELECT 1, 2)',
  ];
  for (const s of positive) assert.ok(sqlIn(s), `should find SQL in ${JSON.stringify(s)}`);
  const negative = [
    'Select the area from the list',
    'Välj område från listan och uppdatera kartan',
    'Update the map, then set the filters',
    'delete from the outbox when sent',
    'with the caveats as (a) and (b)',
    'Insert into the report a photo',
    'Create table of contents',
    'SELECTED',
    'The coordinator decides which to select from the queue',
    'incidents.created_at',
    '--select <how>',
  ];
  for (const s of negative) assert.equal(sqlIn(s), null, `should find no SQL in ${JSON.stringify(s)}`);

  /* eslint-disable no-template-curly-in-string -- these strings are source code */
  const code = [
    "const r = await tx.query<{ id: string }>('SELECT id FROM places WHERE name = $1', [name]);",
    'await db.exec(sql);',
    'const m = /^(\\d+)%$/.exec(t);',
    'const n = CELL_ID.exec(id);',
    'const url = `/api/areas?q=${q}&select=id`;',
    'const msg = `Välj ${what} från listan`;',
    'await this.db.query(`UPDATE incidents SET version = ${v} WHERE id = $1`, [id]);',
    "const text = 'Select an area from the map';",
  ].join('\n');
  /* eslint-enable no-template-curly-in-string */
  const found = findSql('sample.ts', code);
  assert.deepEqual([...found.keys()].sort((a, b) => a - b), [1, 2, 7]);
  assert.match(found.get(1)!.join(' '), /SELECT … FROM/);
  assert.match(found.get(1)!.join(' '), /tx\.query/);
  assert.deepEqual(found.get(2), ['db.exec(…)']);
});

test('the import parser sees every kind of import', () => {
  const p = parseSource('web/src/x.tsx', [
    "import a from './a.ts';",
    "import type { B } from '../../src/contract/b.ts';",
    "import { type C } from './c.ts';",
    "export { d } from './d.ts';",
    "export type { E } from './e.ts';",
    "export * from './f.ts';",
    "const g = () => import('./g.tsx');",
    "let h: typeof import('./h.ts');",
    "import './i.css';",
    'const j = <div>{"k"}</div>;',
  ].join('\n'));
  assert.deepEqual(p.imports.map((i) => [i.specifier, i.typeOnly]), [
    ['./a.ts', false], ['../../src/contract/b.ts', true], ['./c.ts', false], ['./d.ts', false], ['./e.ts', true],
    ['./f.ts', false], ['./g.tsx', false], ['./h.ts', true], ['./i.css', false],
  ]);
  assert.ok(isNodeBuiltin('fs') && isNodeBuiltin('node:fs') && isNodeBuiltin('fs/promises') && !isNodeBuiltin('proj4'));
});

// ---------------------------------------------------------------------------------------------
// The rules

test('the check sees the source tree', () => {
  assert.ok(production.some((f) => f.path.startsWith('src/core/')), 'no files under src/core');
  assert.ok(production.some((f) => f.path.startsWith('web/src/')), 'no files under web/src');
  assert.ok(production.length > 100, `only ${production.length} production files`);
});

test('every relative import resolves to a file (an unresolved import would hide from the rules)', () => {
  check(violations('', (i) => isLocal(i.specifier) && !i.target && !/\.(css|svg|png|json|html)(\?.*)?$/.test(i.specifier) && 'unresolved'), 'unresolved imports');
});

test('src/core imports nothing outside src/core, no Node built-in, only pure packages', () => {
  check(violations('src/core', (i) => {
    if (isLocal(i.specifier)) return i.target !== null && !under(i.target, 'src/core') && 'outside src/core';
    if (isNodeBuiltin(i.specifier)) return 'Node built-in';
    return !CORE_PACKAGES.has(packageName(i.specifier)) && 'package not on the list of pure packages';
  }), 'src/core must be pure');
});

test('web/ imports no server code: from src/ only src/core and, type-only, src/contract', () => {
  check(violations('web/src', (i) => {
    if (isLocal(i.specifier)) {
      if (!i.target || under(i.target, 'web')) return false;
      if (under(i.target, 'src/core')) return false;
      if (under(i.target, 'src/contract')) return !i.typeOnly && 'not type-only: use `import type`';
      return 'server code';
    }
    if (isNodeBuiltin(i.specifier)) return 'Node built-in';
    const name = packageName(i.specifier);
    return SERVER_PACKAGES.some((s) => (s.endsWith('/') ? name.startsWith(s) : name === s)) && 'server package';
  }), 'web/ must not import server code');
});

// A route hands the database to the service it calls and names its type from services/database.ts.
test('routes import nothing from src/db (they call services)', () => {
  check(violations('src/server/routes', (i) => under(i.target, 'src/db') && 'x'), 'src/server/routes → src/db');
});

test('services import nothing from src/server', () => {
  check(violations('src/services', (i) => under(i.target, 'src/server') && 'x'), 'src/services → src/server');
});

test('src/db imports nothing from src/services or src/server', () => {
  check(violations('src/db', (i) => (under(i.target, 'src/services') || under(i.target, 'src/server')) && 'x'), 'src/db → src/services, src/server');
});

test('nothing in src/ imports web/', () => {
  check(violations('src', (i) => under(i.target, 'web') && 'x'), 'src → web');
});

test('production code imports no test, benchmark or fixture code', () => {
  check(violations('', (i) => !!i.target && isTestCode(i.target) && 'x'), 'production → test code');
});

test('SQL only in src/db', () => {
  const out: string[] = [];
  for (const f of production) {
    if (under(f.path, 'src/db')) continue;
    for (const [line, what] of findSql(f.path, f.text, f.parsed)) out.push(`${f.path}:${line} → ${what.join('; ')}`);
  }
  out.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  check(out, 'SQL outside src/db');
});

/**
 * Every cycle of a graph as `a → b → a`: Tarjan's strongly connected components, then for each node
 * of a component the shortest cycle through it, deduplicated (rotated to start at its smallest node).
 */
function findCycles(edges: Map<string, string[]>): string[] {
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [];
  const components: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); c.push(w); } while (w !== v);
      if (c.length > 1 || (edges.get(v) ?? []).includes(v)) components.push(c.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) strong(v);

  const cycles = new Set<string>();
  for (const comp of components) {
    const inComp = new Set(comp);
    for (const start of comp) {
      // Breadth-first from start's successors back to start, inside the component.
      const prev = new Map<string, string>();
      const queue: string[] = [start];
      let found = false;
      for (let k = 0; k < queue.length && !found; k++) {
        const v = queue[k]!;
        for (const w of edges.get(v) ?? []) {
          if (!inComp.has(w)) continue;
          if (w === start) { prev.set(start + '#end', v); found = true; break; }
          if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
        }
      }
      if (!found) continue;
      const path: string[] = [];
      for (let v = prev.get(start + '#end')!; v !== start; v = prev.get(v)!) path.unshift(v);
      path.unshift(start);
      // Canonical rotation: start at the smallest node.
      const m = path.indexOf([...path].sort()[0]!);
      const cycle = [...path.slice(m), ...path.slice(0, m)];
      cycles.add([...cycle, cycle[0]].join(' → '));
    }
  }
  return [...cycles].sort();
}

test('the cycle finder reports each cycle once, as a path', () => {
  const g = new Map(Object.entries({ a: ['b'], b: ['c', 'a'], c: ['a'], d: ['d'], e: ['a'], f: [] as string[] }));
  assert.deepEqual(findCycles(g), ['a → b → a', 'a → b → c → a', 'd → d']);
  assert.deepEqual(findCycles(new Map(Object.entries({ a: ['b'], b: ['c'], c: [] as string[] }))), []);
});

test('no import cycles', () => {
  // The graph of production code and whatever it reaches; type-only imports count (a type cycle is a
  // layering knot too).
  const nodes = [...FILES.values()].filter((f) => !f.test || REACHED_TEST_CODE.has(f.path));
  const edges = new Map<string, string[]>();
  for (const f of nodes) edges.set(f.path, [...new Set(f.parsed.imports.map((i) => i.target).filter((t): t is string => !!t && FILES.has(t)))].sort());
  check(findCycles(edges), 'import cycles');
});
