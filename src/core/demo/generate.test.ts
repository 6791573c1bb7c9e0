import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { boundaryRings, pointInMultiPolygon } from '../geo/index.ts';
import { DEFAULT_CATEGORIES } from '../categories/defaults.ts';
import { createRandom } from '../random/index.ts';
import { stockholmParts } from '../time/index.ts';
import {
  generateIncidentColumns, generateIncidents, incidentAt, centresFromTatortPoints, isSchoolHoliday,
  DEFAULT_CATEGORY_MODEL, DEFAULT_ORGANISATIONS, ALINGSAS_HOTSPOTS, type GenerateOptions, type IncidentColumns,
} from './index.ts';

const data = new URL('../../../../shared/data/boundaries/', import.meta.url);
const readJson = (p: string): unknown => JSON.parse(readFileSync(new URL(p, data), 'utf8'));
const boundary = boundaryRings(readJson('alingsas_1489_kommun_scb2024_sweref99tm.geojson'));
const centres = centresFromTatortPoints(readJson('alingsas_1489_tatorter_scb2020_points_wgs84.geojson'));
const base = (over: Partial<GenerateOptions> = {}): GenerateOptions => ({ seed: 20240601, count: 80_000, boundary, centres, ...over });

// One shared data set for the realism checks (fixed seed).
const { columns: C, metadata: M } = generateIncidentColumns(base());
const HOUR = 3_600_000, DAY = 24 * HOUR;
const dist = (i: number, x: number, y: number) => Math.hypot(C.x[i] - x, C.y[i] - y);
const code = (i: number) => C.categoryCodes[C.category[i]];
const isIn = (c: string, prefix: string) => c === prefix || c.startsWith(`${prefix}.`);
const NIGHTLIFE = ['otrygg_samling', 'narkotika', 'ordningsstorning', 'buskorning'];
const nightlife = (i: number) => NIGHTLIFE.some((p) => isIn(code(i), p));
/** Operational day (06:00–06:00 local) of incident i: local parts of occurredTo − 6 h. */
const opDay = (i: number) => stockholmParts(C.occurredTo[i] - 6 * HOUR);
const periodDays = (M.to.getTime() - M.from.getTime()) / DAY;

test('the same seed gives identical output, another seed a different one', () => {
  const a = generateIncidentColumns(base({ count: 20_000 })).columns;
  const b = generateIncidentColumns(base({ count: 20_000 })).columns;
  const c = generateIncidentColumns(base({ count: 20_000, seed: 20240602 })).columns;
  const arrays = (x: IncidentColumns) => [x.idWords, x.category, x.occurredFrom, x.occurredTo, x.reportedAt, x.x, x.y,
    x.organisation, x.place, x.description, x.reportedToPolice, x.assessment, x.precision, x.source, x.parent];
  arrays(a).forEach((arr, k) => assert.deepEqual(arr, arrays(b)[k], `column ${k}`));
  assert.notDeepEqual(a.x, c.x);
  assert.notDeepEqual(a.idWords, c.idWords);
  // The array form holds the same incidents.
  const { incidents } = generateIncidents(base({ count: 20_000 }));
  assert.equal(incidents.length, 20_000);
  for (const i of [0, 1, 777, 19_999]) assert.deepEqual(incidents[i], incidentAt(a, i));
});

test('every incident is valid: UUIDs unique, inside the boundary, times ordered within the period', () => {
  const ids = new Set<string>();
  const codes = new Set(DEFAULT_CATEGORIES.map((c) => c.code));
  const orgKeys = new Set(DEFAULT_ORGANISATIONS.map((o) => o.key));
  const hot = new Map(ALINGSAS_HOTSPOTS.map((h) => [h.name, h]));
  const from = M.from.getTime(), to = M.to.getTime();
  const personal = [/\d{6}[-+]?\d{4}/, /\b0\d{1,3}[- ]?\d{5,8}\b/, /@/, /\b[A-ZÅÄÖ]{3} ?\d{2}[A-Z0-9]\b/];
  for (let i = 0; i < C.count; i++) {
    const inc = incidentAt(C, i);
    assert.match(inc.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    ids.add(inc.id);
    assert.ok(codes.has(inc.categoryCode) && orgKeys.has(inc.organisationKey));
    assert.ok(pointInMultiPolygon(inc.x, inc.y, boundary), `${i} outside`);
    const f = inc.occurredFrom.getTime(), t = inc.occurredTo.getTime(), r = inc.reportedAt.getTime();
    assert.ok(from <= f && f <= t && t < to && t <= r && r <= to, `${i} times ${inc.occurredFrom.toISOString()} ${inc.occurredTo.toISOString()} ${inc.reportedAt.toISOString()}`);
    assert.ok(t - f <= 14 * HOUR);
    assert.ok(inc.assessment === null || (Number.isInteger(inc.assessment) && inc.assessment >= 1 && inc.assessment <= 5));
    assert.ok(inc.description.length > 5 && personal.every((re) => !re.test(inc.description)), inc.description);
    if (inc.positionPrecision === 'place') {
      const h = hot.get(inc.placeName!);
      assert.ok(h && h.x === inc.x && h.y === inc.y);
    }
    if (inc.organisationKey === 'polisen') assert.equal(inc.reportedToPolice, true);
  }
  assert.equal(ids.size, C.count);
});

test('realised category shares are within 1.2 percentage points of the documented targets', () => {
  const n: Record<string, number> = {};
  for (let i = 0; i < C.count; i++) n[code(i)] = (n[code(i)] ?? 0) + 1;
  const total = Object.values(DEFAULT_CATEGORY_MODEL).reduce((s, m) => s + m.share, 0);
  for (const [c, m] of Object.entries(DEFAULT_CATEGORY_MODEL)) {
    const got = (n[c] ?? 0) / C.count, want = m.share / total;
    assert.ok(Math.abs(got - want) < 0.012, `${c}: ${(got * 100).toFixed(2)} % vs ${(want * 100).toFixed(2)} %`);
  }
});

test('space: most points in the main town, nearly all near a built-up area, dense persistent hotspots', () => {
  const main = centres.find((c) => c.name === M.mainCentre)!;
  assert.equal(M.mainCentre, 'Alingsås');
  let inTown = 0, nearCentre = 0;
  for (let i = 0; i < C.count; i++) {
    if (dist(i, main.x, main.y) < 3000) inTown++;
    if (centres.some((c) => dist(i, c.x, c.y) < 2500)) nearCentre++;
  }
  assert.ok(inTown / C.count > 0.75, `main town ${inTown / C.count}`);
  assert.ok(nearCentre / C.count > 0.9, `near a centre ${nearCentre / C.count}`);
  const townDensity = inTown / (Math.PI * 3000 ** 2);
  for (const h of M.hotspots) {
    let k = 0;
    for (let i = 0; i < C.count; i++) if (dist(i, h.x, h.y) < h.radius) k++;
    const ratio = k / (Math.PI * h.radius ** 2) / townDensity;
    assert.ok(ratio > 5, `${h.name}: ${ratio.toFixed(1)} × the town's mean density`);
    assert.ok(dist(0, 0, 0) > 0 && Math.hypot(h.x - main.x, h.y - main.y) < 3000, `${h.name} in the main town`);
  }
});

test('hour of day: gatherings and disorder peak in the evening and night, litter in the daytime, damage is found in the morning', () => {
  let night = 0, nightN = 0, litterDay = 0, litterN = 0, found = 0, foundN = 0, windows = 0;
  for (let i = 0; i < C.count; i++) {
    const h = stockholmParts(C.occurredTo[i]).hour;
    if (nightlife(i)) { nightN++; if (h >= 20 || h < 3) night++; }
    if (code(i) === 'nedskrapning') { litterN++; if (h >= 7 && h < 17) litterDay++; }
    if (code(i) === 'skadegorelse.klotter' && C.parent[i] < 0) {
      foundN++; if (h >= 6 && h < 11) found++;
      if (C.occurredTo[i] > C.occurredFrom[i]) windows++;
    }
  }
  assert.ok(night / nightN > 0.5, `nightlife 20–03: ${night / nightN}`);
  assert.ok(litterDay / litterN > 0.75, `litter 07–17: ${litterDay / litterN}`);
  assert.ok(found / foundN > 0.45, `graffiti found 06–11: ${found / foundN}`);
  assert.ok(windows / foundN > 0.4, `graffiti with a time window: ${windows / foundN}`);
});

test('weekday: Friday and Saturday nights have far more gatherings and disorder than Monday–Thursday', () => {
  const perWeekday = new Array(7).fill(0);
  for (let i = 0; i < C.count; i++) if (nightlife(i)) perWeekday[opDay(i).weekday]++;
  const friSat = (perWeekday[4] + perWeekday[5]) / 2, monThu = (perWeekday[0] + perWeekday[1] + perWeekday[2] + perWeekday[3]) / 4;
  assert.ok(friSat / monThu > 1.6, `Fri/Sat vs Mon–Thu: ${(friSat / monThu).toFixed(2)} (${perWeekday.join(', ')})`);
});

test('season: more in summer and school holidays; fires peak at Valborg and New Year', () => {
  // Days per season, and per month split into school-holiday and term days (outside summer).
  const days = new Map<string, number>();
  const addTo = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const season = (month: number) => (month >= 6 && month <= 8 ? 'summer' : month >= 11 || month <= 2 ? 'winter' : 'other');
  const special = (p: { month: number; day: number }) => (p.month === 4 && p.day === 30) || (p.month === 12 && p.day === 31);
  for (let t = M.from.getTime() + 12 * HOUR; t < M.to.getTime(); t += DAY) {
    const p = stockholmParts(t);
    addTo(days, season(p.month));
    if (season(p.month) !== 'summer' && !special(p)) addTo(days, `${p.month}:${isSchoolHoliday(Date.UTC(p.year, p.month - 1, p.day)) ? 'hol' : 'term'}`);
  }
  const n = new Map<string, number>();
  let fires = 0;
  for (let i = 0; i < C.count; i++) {
    const d = opDay(i);
    if (nightlife(i)) {
      addTo(n, season(d.month));
      if (season(d.month) !== 'summer' && !special(d)) addTo(n, `${d.month}:${isSchoolHoliday(Date.UTC(d.year, d.month - 1, d.day)) ? 'hol' : 'term'}`);
    }
    if (isIn(code(i), 'brand') && C.parent[i] < 0) {
      fires++;
      if (d.month === 4 && d.day === 30) addTo(n, 'valborg');
      if (d.month === 12 && d.day === 31) addTo(n, 'nyar');
    }
  }
  const rate = (k: string) => (n.get(k) ?? 0) / (days.get(k) ?? 1);
  assert.ok(rate('summer') / rate('winter') > 1.5, `summer/winter ${rate('summer') / rate('winter')}`);
  // Holiday vs term within the same months (so that the month effect cancels).
  let observed = 0, expected = 0;
  for (let m = 1; m <= 12; m++) {
    if (!days.get(`${m}:hol`) || !days.get(`${m}:term`)) continue;
    observed += n.get(`${m}:hol`) ?? 0;
    expected += (days.get(`${m}:hol`) ?? 0) * rate(`${m}:term`);
  }
  assert.ok(observed / expected > 1.15, `school holiday/term in the same months ${observed / expected}`);
  const firePerDay = fires / periodDays, years = periodDays / 365;
  assert.ok((n.get('valborg') ?? 0) / years > 6 * firePerDay, `Valborg ${(n.get('valborg') ?? 0) / years} vs ${firePerDay}/day`);
  assert.ok((n.get('nyar') ?? 0) / years > 5 * firePerDay, `New Year ${(n.get('nyar') ?? 0) / years} vs ${firePerDay}/day`);
});

/** Knox ratio: pairs within 200 m and 14 days, observed / mean over time permutations. */
function knoxRatio(cols: IncidentColumns, sampleSize: number): number {
  const idx: number[] = [];
  for (let i = 0; i < cols.count && idx.length < sampleSize; i++) {
    const c = cols.categoryCodes[cols.category[i]];
    if (c === 'skadegorelse.klotter' || c === 'inbrott_stold' || c === 'brand.anlagd') idx.push(i);
  }
  const close: number[] = [];
  for (let a = 0; a < idx.length; a++) for (let b = a + 1; b < idx.length; b++) {
    if (Math.hypot(cols.x[idx[a]] - cols.x[idx[b]], cols.y[idx[a]] - cols.y[idx[b]]) <= 200) close.push(a, b);
  }
  const times = idx.map((i) => cols.occurredTo[i]);
  const count = (t: number[]) => { let k = 0; for (let p = 0; p < close.length; p += 2) if (Math.abs(t[close[p]] - t[close[p + 1]]) <= 14 * DAY) k++; return k; };
  const observed = count(times);
  const rng = createRandom(99);
  let sim = 0;
  for (let r = 0; r < 30; r++) sim += count(rng.shuffle(times.slice()));
  return observed / (sim / 30);
}

test('near repeat: graffiti, burglary and arson show a clear Knox excess close in space and time', () => {
  const withNr = knoxRatio(C, 3000);
  const without = knoxRatio(generateIncidentColumns(base({ nearRepeat: false })).columns, 3000);
  assert.ok(withNr > 1.5, `Knox ratio with follow-ups ${withNr.toFixed(2)}`);
  assert.ok(without < 1.25 && withNr > 1.3 * without, `without follow-ups ${without.toFixed(2)}, with ${withNr.toFixed(2)}`);
  assert.ok(M.followUps > 0.08 * C.count && M.followUps < 0.3 * C.count, `${M.followUps} follow-ups`);
  for (let i = 0; i < C.count; i++) {
    const p = C.parent[i];
    if (p < 0) continue;
    assert.ok(dist(i, C.x[p], C.y[p]) <= 200.2 && C.occurredTo[i] > C.occurredTo[p] && C.occurredTo[i] - C.occurredTo[p] < 14 * DAY + HOUR);
  }
});

test('trends: worsening places double, improving places drop after the measure, stable places stay', () => {
  const from = M.from.getTime(), to = M.to.getTime(), mid = (from + to) / 2;
  const rateAt = (x: number, y: number, r: number, a: number, b: number) => {
    let k = 0;
    for (let i = 0; i < C.count; i++) if (C.occurredTo[i] >= a && C.occurredTo[i] < b && dist(i, x, y) < r) k++;
    return k / ((b - a) / DAY);
  };
  assert.equal(M.trends.filter((t) => t.kind === 'worsening').length, 2);
  assert.equal(M.trends.filter((t) => t.kind === 'improving').length, 2);
  for (const t of M.trends) {
    if (t.kind === 'worsening') {
      const ratio = rateAt(t.x, t.y, t.radius, mid, to) / rateAt(t.x, t.y, t.radius, from, mid);
      assert.ok(ratio > 1.5, `${t.placeName} second year / first year ${ratio.toFixed(2)}`);
    } else {
      const m = t.measureDate!.getTime();
      assert.ok(Math.abs(m - mid) < 8 * DAY && stockholmParts(m).weekday === 0 && stockholmParts(m).hour === 0);
      const ratio = rateAt(t.x, t.y, t.radius, m + 14 * DAY, to) / rateAt(t.x, t.y, t.radius, from, m);
      assert.ok(ratio < 0.6, `${t.placeName} after / before the measure ${ratio.toFixed(2)}`);
    }
  }
  for (const h of M.hotspots.filter((h) => !h.trend)) {
    const ratio = rateAt(h.x, h.y, h.radius, mid, to) / rateAt(h.x, h.y, h.radius, from, mid);
    assert.ok(ratio > 0.8 && ratio < 1.25, `${h.name} stable: ${ratio.toFixed(2)}`);
  }
});

test('organisations report what they typically see, when they are out', () => {
  let fire = 0, rescue = 0, night = 0, guard = 0;
  for (let i = 0; i < C.count; i++) {
    const o = C.organisationKeys[C.organisation[i]];
    if (o === 'raddningstjanst') { rescue++; if (isIn(code(i), 'brand')) fire++; }
    if (o === 'bevakning') { guard++; const h = stockholmParts(C.occurredTo[i]).hour; if (h >= 19 || h < 6) night++; }
  }
  assert.ok(fire / rescue > 0.8, `rescue services: ${fire / rescue} fires`);
  assert.ok(night / guard > 0.6, `security company at night: ${night / guard}`);
});

test('centres from the SCB tätort points; options are validated with clear errors', () => {
  assert.equal(centres.length, 11);
  const a = centres.find((c) => c.name === 'Alingsås')!;
  assert.ok(Math.abs(a.x - 353587.0) < 0.1 && Math.abs(a.y - 6423563.4) < 0.1 && a.population === 27433);
  assert.throws(() => generateIncidentColumns(base({ count: -1 })), RangeError);
  assert.throws(() => generateIncidentColumns(base({ count: 1.5 })), RangeError);
  assert.throws(() => generateIncidentColumns(base({ from: new Date('2025-01-01'), to: new Date('2024-01-01') })), /from < to/);
  assert.throws(() => generateIncidentColumns(base({ centres: [{ name: 'x', x: 12.5, y: 57.9 }] })), /EPSG:3006/);
  assert.throws(() => generateIncidentColumns(base({ centres: [] })), RangeError);
  assert.equal(generateIncidentColumns(base({ count: 0 })).columns.count, 0);
});

test('custom categories, organisations and period are honoured', () => {
  const { incidents, metadata } = generateIncidents(base({
    count: 2000, from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-04-01T00:00:00Z'), hotspots: [],
    categories: { 'egen.kategori': { share: 1, profile: 'daytime', police: 0, assessment: 2 }, 'brand.anlagd': { share: 1, profile: 'fire', police: 1, assessment: 3 } },
    organisations: [{ key: 'org-a', share: 1, categories: ['brand'], hours: 'any' }, { key: 'org-b', share: 1, categories: ['egen'], hours: 'day' }],
  }));
  assert.equal(metadata.trends.length, 0);
  assert.deepEqual(new Set(incidents.map((i) => i.categoryCode)), new Set(['egen.kategori', 'brand.anlagd']));
  assert.deepEqual(new Set(incidents.map((i) => i.organisationKey)), new Set(['org-a', 'org-b']));
  assert.ok(incidents.every((i) => i.occurredTo >= metadata.from && i.occurredTo < metadata.to && i.reportedAt <= metadata.to));
  assert.ok(incidents.every((i) => i.placeName === undefined || centres.some((c) => c.name === i.placeName)));
});
