import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATEGORIES, DEFAULT_CATEGORY_CODES, defaultCategory, CATEGORY_ICON_SET } from './defaults.ts';

function relativeLuminance(hex: string): number {
  const lin = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrastWithWhite = (hex: string) => 1.05 / (relativeLuminance(hex) + 0.05);
function lab(hex: string): [number, number, number] {
  const lin = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255));
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047), y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a: string, b: string) => { const p = lab(a), q = lab(b); return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]); };

test('codes are unique, well-formed, and children are prefixed by their parent', () => {
  const codes = DEFAULT_CATEGORIES.map((c) => c.code);
  assert.equal(new Set(codes).size, codes.length);
  assert.deepEqual([...DEFAULT_CATEGORY_CODES], codes);
  for (const c of DEFAULT_CATEGORIES) {
    assert.match(c.code, /^[a-z0-9_]+(\.[a-z0-9_]+)?$/, c.code);
    if (c.parentCode) assert.ok(c.code.startsWith(`${c.parentCode}.`), c.code);
  }
});

test('every parent exists, comes first, and is itself top-level; sort orders are 1..n among siblings', () => {
  const seen = new Set<string>();
  for (const c of DEFAULT_CATEGORIES) {
    if (c.parentCode !== null) {
      assert.ok(seen.has(c.parentCode), `${c.code}: parent ${c.parentCode} missing or after the child`);
      assert.equal(defaultCategory(c.parentCode)?.parentCode, null);
    }
    seen.add(c.code);
  }
  const groups = new Map<string | null, number[]>();
  for (const c of DEFAULT_CATEGORIES) groups.set(c.parentCode, [...(groups.get(c.parentCode) ?? []), c.sortOrder]);
  for (const [, orders] of groups) assert.deepEqual(orders, orders.map((_, i) => i + 1));
});

test('the tree of domain.md is there', () => {
  const top = DEFAULT_CATEGORIES.filter((c) => c.parentCode === null).map((c) => c.code);
  assert.deepEqual(top, ['skadegorelse', 'brand', 'otrygg_samling', 'narkotika', 'ordningsstorning', 'hot_vald_personal',
    'inbrott_stold', 'buskorning', 'otrygg_plats', 'nedskrapning', 'arrangemang', 'ovrigt']);
  const kids = (p: string) => DEFAULT_CATEGORIES.filter((c) => c.parentCode === p).map((c) => c.nameSv);
  assert.deepEqual(kids('skadegorelse'), ['Klotter/graffiti', 'Krossat glas', 'Annan skadegörelse']);
  assert.deepEqual(kids('brand'), ['Anlagd brand', 'Annan brand']);
  assert.deepEqual(kids('otrygg_samling'), ['Trapphus/källare', 'Centrum', 'Utomhus']);
  assert.deepEqual(kids('ordningsstorning'), ['Bråk/slagsmål', 'Hot']);
  assert.deepEqual(kids('otrygg_plats'), ['Dålig belysning', 'Skymd sikt/vegetation', 'Övergiven plats', 'Dumpade föremål']);
  assert.equal(defaultCategory('skadegorelse.klotter')?.nameEn, 'Graffiti');
  assert.equal(defaultCategory('nope'), undefined);
});

test('both languages present, icons named, colours valid hex with 3:1 contrast against white', () => {
  assert.equal(CATEGORY_ICON_SET, 'material-symbols');
  for (const c of DEFAULT_CATEGORIES) {
    assert.ok(c.nameSv.trim().length > 1 && c.nameEn.trim().length > 1, c.code);
    assert.match(c.icon, /^[a-z0-9_]+$/, c.code);
    assert.match(c.colour, /^#[0-9a-f]{6}$/, c.code);
    assert.ok(contrastWithWhite(c.colour) >= 3, `${c.code} ${c.colour} contrast ${contrastWithWhite(c.colour).toFixed(2)}`);
  }
});

test('colours are distinct: top-level hues ΔE76 ≥ 20 apart, siblings ≥ 10, none repeated', () => {
  const colours = DEFAULT_CATEGORIES.map((c) => c.colour);
  assert.equal(new Set(colours).size, colours.length);
  const top = DEFAULT_CATEGORIES.filter((c) => c.parentCode === null);
  for (let i = 0; i < top.length; i++) for (let j = i + 1; j < top.length; j++) {
    const d = deltaE(top[i].colour, top[j].colour);
    assert.ok(d >= 20, `${top[i].code} vs ${top[j].code}: ΔE ${d.toFixed(1)}`);
  }
  for (const p of top) {
    const fam = DEFAULT_CATEGORIES.filter((c) => c.parentCode === p.code || c.code === p.code);
    for (let i = 0; i < fam.length; i++) for (let j = i + 1; j < fam.length; j++) {
      const d = deltaE(fam[i].colour, fam[j].colour);
      assert.ok(d >= 10, `${fam[i].code} vs ${fam[j].code}: ΔE ${d.toFixed(1)}`);
    }
  }
});

test('the exported list is frozen', () => {
  assert.ok(Object.isFrozen(DEFAULT_CATEGORIES) && Object.isFrozen(DEFAULT_CATEGORIES[0]));
});
