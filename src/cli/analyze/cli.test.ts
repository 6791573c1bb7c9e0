// End-to-end tests of `lagesbild analyze`: spawn the real command on the shared reference files and
// compare with the published or reference-implementation values (fixtures of the core methods).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const REF = '../shared/data/analysis-reference';

/** Runs `node bin/lagesbild.mjs analyze …` (asynchronously, so two tests can run at once). */
function cli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lagesbild.mjs', 'analyze', ...args], { cwd: root });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function ok(args: string[], input?: string): Promise<any> {
  const r = await cli(args, input);
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout);
}

/** Runs and expects exit 1 with a message on stderr (nothing on stdout) matching `message`. */
async function fails(args: string[], message: RegExp, input?: string): Promise<void> {
  const r = await cli(args, input);
  assert.equal(r.code, 1, `expected exit 1, got ${r.code}; stdout: ${r.stdout.slice(0, 200)}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, message);
}

function close(actual: number, expected: number, tol = 1e-9, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what} ${actual} vs ${expected}`);
}

function tempFile(name: string, text: string): { path: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'analyze-cli-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const fixture = (p: string) => JSON.parse(readFileSync(join(root, 'src/core/analysis', p), 'utf8'));

// Each test spawns the command a few times; two at a time keep both cores busy.
describe('lagesbild analyze', { concurrency: 2 }, () => {

  test('analyze --help lists every method with its options', async () => {
  const r = spawnSync(process.execPath, ['bin/lagesbild.mjs', 'analyze', '--help'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0);
  for (const m of ['gistar', 'hotspots', 'emerging-hotspots', 'grid', 'general-g', 'moran', 'kde', 'dbscan', 'clark-evans', 'near-repeat', 'mann-kendall', 'hexgrid', 'wdq', 'pai', 'period-comparison', 'gini', 'convex-hull', 'knox']) assert.match(r.stdout, new RegExp(`\\n  ${m}  –`), m);
  assert.match(r.stdout, /--column <column>/);
  const h = spawnSync(process.execPath, ['bin/lagesbild.mjs', 'analyze', 'mann-kendall', '--help'], { cwd: root, encoding: 'utf8' });
  assert.equal(h.status, 0);
  assert.match(h.stdout, /--input <file>/);
  assert.match(h.stdout, /Example:/);
});

  test('mann-kendall on mann_kendall_series.csv matches pyMannKendall original_test', async () => {
  const ref = fixture('mann-kendall/fixtures/reference.json').cases[0].expected;
  const r = await ok(['mann-kendall', '--input', `${REF}/mann_kendall_series.csv`, '--column', 'value']);
  assert.equal(r.method, 'mann-kendall');
  assert.equal(r.n, ref.n);
  assert.equal(r.missing, 7);
  assert.equal(r.s, ref.s);
  for (const k of ['varS', 'z', 'p', 'tau', 'senSlope', 'intercept']) close(r[k], ref[k], 1e-12, k);
  assert.equal(r.trend, ref.trend);
  const csv = await cli(['mann-kendall', '--input', `${REF}/mann_kendall_series.csv`, '--format', 'csv']);
  const [head, row] = csv.stdout.trim().split('\n');
  assert.equal(head, 'method,n,missing,s,varS,z,p,tau,senSlope,intercept,trend,h,alpha');
  assert.match(row, /^mann-kendall,353,7,-1959,/);
});

  test('period-comparison counts a fortnight of Chicago burglaries against the one before', async () => {
  const r = await ok(['period-comparison', '--input', `${REF}/chicago_burglary_month1.csv`, '--no-header', '--date', '3',
    '--start', '2016-01-15', '--end', '2016-01-29']);
  assert.equal(r.method, 'period-comparison');
  assert.equal(r.n, 970);
  assert.equal(r.periods.previous.start, '2016-01-01T00:00:00.000Z');
  const g = r.groups[0];
  assert.equal(g.current, 431);
  assert.equal(g.vsPrevious.base, 440);
  assert.equal(g.vsLastYear.base, 0);
  assert.equal(g.vsLastYear.percentChange, null);
});

  test('knox on burkitt.csv reproduces the PySAL test vector, with T in days or with the DATE column', async () => {
  for (const time of [['--time', 'T'], ['--date', 'DATE']]) {
    const r = await ok(['knox', '--input', `${REF}/burkitt.csv`, ...time, '--distance', '20', '--days', '5']);
    assert.equal(r.method, 'knox');
    assert.deepEqual(r.observed, [[13, 3416], [39, 14110]]);
    assert.equal(r.pairs, 17578);
    close(r.expected[0][0], 10.1438, 1e-5);
    close(r.expected[1][1], 14107.14, 1e-6);
  }
  const csv = await cli(['knox', '--input', `${REF}/burkitt.csv`, '--time', 'T', '--distance', '20', '--days', '5', '--permutations', '19', '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout.split('\n')[0], 'space,time,observed,expected');
  assert.match(csv.stdout, /\nclose,close,13,10\.14/);
});

  test('near-repeat on the Chicago files: observed tables as NearRepeat, same result for any number of workers', async () => {
  const ref = fixture('near-repeat/fixtures/reference.json').cases;
  for (const c of ref.filter((k: any) => k.metric === 'manhattan')) {
    const args = ['near-repeat', '--input', `${REF}/${c.file}`, '--no-header', '--x', '1', '--y', '2', '--date', '3',
      '--spatial-bandwidth', String(c.spatialBandwidth), '--spatial-bands', String(c.spatialBands),
      '--temporal-bandwidth', String(c.temporalBandwidth), '--temporal-bands', String(c.temporalBands), '--iterations', '19', '--seed', '7'];
    const one = await ok([...args, '--workers', '1']);
    assert.equal(one.method, 'near-repeat');
    assert.equal(one.pairs, c.pairs);
    assert.deepEqual(one.observed, c.observed);
    assert.equal(one.rows.length, c.spatialBands + 2);
    assert.equal(one.cols.length, c.temporalBands + 1);
    assert.ok(one.p.flat().every((p: number) => p >= 1 / 20 && p <= 1));
    const two = await ok([...args, '--workers', '2']);
    assert.deepEqual(two, one);
  }
  const csv = await cli(['near-repeat', '--input', `${REF}/chicago_arson.csv`, '--no-header', '--x', '1', '--y', '2', '--date', '3',
    '--spatial-bandwidth', '200', '--spatial-bands', '3', '--temporal-bandwidth', '1', '--temporal-bands', '3', '--iterations', '9', '--format', 'csv']);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'distance,time,observed,expected,knoxRatio,p');
  assert.equal(lines.length, 1 + 5 * 4);
  assert.match(lines[2], /^Same location,2 to 2,2,/);
  await fails(['near-repeat', '--input', `${REF}/chicago_arson.csv`, '--no-header', '--x', '1', '--y', '2', '--date', '3',
    '--spatial-bandwidth', '200', '--spatial-bands', '3', '--temporal-bandwidth', '1'], /required option '--temporal-bands <k>' not specified/);
  await fails(['near-repeat', '--input', `${REF}/chicago_arson.csv`, '--no-header', '--x', '1', '--y', '2', '--date', '3',
    '--spatial-bandwidth', '200', '--spatial-bands', '3', '--temporal-bandwidth', '1', '--temporal-bands', '3', '--metric', 'chebyshev'],
  /argument 'chebyshev' is invalid\. Allowed choices are manhattan, euclidean/);
});

  test('emerging-hotspots on weekly Chicago burglaries: the same cube and classes as the core function', async () => {
  const { emergingHotspots } = await import('../../core/analysis/emerging-hotspots/index.ts');
  const { readInput, numberColumn, dateColumn } = await import('../../io/analysis-input/index.ts');
  const args = ['emerging-hotspots', '--input', `${REF}/chicago_burglary_month1.csv`, '--no-header', '--x', '1', '--y', '2', '--date', '3',
    '--cell-size', '1000', '--distance', '2000', '--step-days', '7'];
  const r = await ok([...args, '--all', '--series']);
  assert.equal(r.method, 'emerging-hotspots');
  assert.equal(r.cells.length, r.cellsInStudyArea);
  assert.equal(r.cells.reduce((s: number, c: any) => s + c.incidents, 0), 970);
  assert.equal(Object.values(r.patterns).reduce((s: any, k: any) => s + k, 0), r.cellsInStudyArea);
  const t = await readInput(`${REF}/chicago_burglary_month1.csv`, { header: false });
  const core = emergingHotspots({ x: numberColumn(t, '1'), y: numberColumn(t, '2'), t: dateColumn(t, '3').map((ms) => Math.floor(ms / 86_400_000)) },
    { cellSize: 1000, distance: 2000, stepDays: 7 });
  assert.equal(r.steps, core.steps);
  r.cells.forEach((c: any, i: number) => {
    assert.equal(c.pattern, core.pattern[i]);
    assert.deepEqual(c.z, Array.from(core.z.subarray(i * core.steps, (i + 1) * core.steps)));
  });
  const csv = await cli([...args, '--format', 'csv']);
  assert.equal(csv.stdout.split('\n')[0], 'id,col,row,x,y,incidents,pattern,trendZ,trendP');
  await fails([...args.slice(0, -2), '--step-days', '30'], /at least 3 are needed/);
});

  test('gini on the lorenzgini vignette counts, from standard input', async () => {
  const r = await ok(['gini', '--input', '-', '--column', 'count', '--generalized'], 'count\n5\n2\n1\n0\n0\n0\n0\n0\n0\n0\n');
  assert.equal(r.method, 'gini');
  close(r.standard, 0.8, 1e-12);
  close(r.gini, 0.75, 1e-12);
  const unlisted = await ok(['gini', '--input', '-', '--places', '100'], 'count\n10\n');
  close(unlisted.standard, 0.99, 1e-12);
  close(unlisted.generalized, 0.9, 1e-12);
  await fails(['gini', '--input', '-'], /stdin, line 3, column "n": "-2" is negative/, 'n\n3\n-2\n');
  await fails(['gini', '--input', '-', '--places', '1'], /--places 1 is fewer than the 2 places listed/, 'n\n3\n2\n');
});

const PP12 = [[66.22, 32.54], [22.52, 22.39], [31.01, 81.21], [9.47, 31.02], [30.78, 60.1], [75.21, 58.93], [79.26, 7.68],
  [8.23, 39.93], [98.73, 77.17], [89.78, 42.53], [65.19, 92.08], [54.46, 8.48]];

  test('clark-evans on the 12 pointpats points: R with the hull and with the bounding rectangle', async () => {
  const input = 'x,y\n' + PP12.map((p) => p.join(',')).join('\n') + '\n';
  const hull = await ok(['clark-evans', '--input', '-'], input);
  assert.equal(hull.method, 'clark-evans');
  assert.equal(hull.areaMethod, 'hull');
  close(hull.meanDistance, 21.612139802, 1e-9);
  close(hull.area, 5294.00395, 1e-9);
  close(hull.ratio, 2.0579094, 1e-7);
  const bbox = await ok(['clark-evans', '--input', '-', '--area', 'bbox'], input);
  close(bbox.area, 7638.2, 1e-9);
  close(bbox.ratio, 1.7132584, 1e-7);
  await fails(['clark-evans', '--input', '-', '--area', 'square'], /'--area <hull\|bbox\|m2>' argument 'square' is invalid/, input);
  await fails(['clark-evans', '--input', '-'], /stdin: Clark–Evans needs at least 2 rows, the input has 1/, 'x,y\n1,2\n');
});

  test('grid counts every point; hotspots equals grid + gistar on the cell centres', async () => {
  const args = ['--input', `${REF}/chicago_burglary_month1.csv`, '--no-header', '--x', '1', '--y', '2', '--cell-size', '1000'];
  const grid = await cli(['grid', ...args, '--empty', '--format', 'csv']);
  assert.equal(grid.code, 0, grid.stderr);
  const lines = grid.stdout.trim().split('\n');
  assert.equal(lines[0], 'id,col,row,x,y,count');
  assert.equal(lines.slice(1).reduce((s, l) => s + Number(l.split(',')[5]), 0), 970);
  const hot = await ok(['hotspots', ...args, '--distance', '2000', '--no-fdr']);
  assert.equal(hot.method, 'hotspots');
  assert.equal(hot.cells.length, lines.length - 1);
  const tmp = tempFile('cells.csv', grid.stdout);
  try {
    const gi = await ok(['gistar', '--input', tmp.path, '--value', 'count', '--distance', '2000']);
    hot.cells.forEach((c: any, i: number) => {
      assert.equal(gi.cells[i].x, c.x);
      close(gi.cells[i].z, c.z, 1e-9);
      assert.equal(gi.cells[i].bin, c.bin);
    });
  } finally { tmp.done(); }
  const sig = await ok(['hotspots', ...args, '--distance', '2000', '--significant']);
  assert.equal(sig.cells.length, sig.hot + sig.cold);
  assert.ok(sig.cells.every((c: any) => c.bin !== 0));
  await fails(['hotspots', ...args, '--distance', '500'], /distance \(500\) is smaller than options.cellSize \(1000\)/);
});

  test('convex-hull of the 12 pointpats points has the published area', async () => {
  const pts = PP12;
  const geojson = JSON.stringify({ type: 'FeatureCollection', features: pts.map(([x, y], i) => ({ type: 'Feature', properties: { id: i + 1 }, geometry: { type: 'Point', coordinates: [x, y] } })) });
  const r = await ok(['convex-hull', '--input', '-', '--input-format', 'geojson'], geojson);
  close(r.area, 5294.00395, 1e-9);
  assert.deepEqual(r.ring[0], r.ring[r.ring.length - 1]);
  const arson = await ok(['convex-hull', '--input', `${REF}/chicago_arson.csv`, '--no-header', '--x', '1', '--y', '2']);
  assert.equal(arson.n, 522);
  assert.ok(arson.area > 0);
});

  test('gistar on the getisord grid matches spdep::localG (Gi* and Gi, binary and inverse distance)', async () => {
  const ref = fixture('gistar/fixtures/reference.json');
  const cases = [[45, true, 'binary'], [45, false, 'binary'], [65, true, 'inverse-distance']] as const;
  for (const [distance, star, weights] of cases) {
    const c = ref.gridCases.find((k: any) => k.distance === distance && k.star === star && k.weights === weights && k.power === 1);
    const r = await ok(['gistar', '--input', `${REF}/getisord_grid_16x16.csv`, '--value', 'val', '--distance', String(distance),
      '--weights', weights, ...(star ? [] : ['--exclude-self'])]);
    assert.equal(r.method, 'gistar');
    assert.equal(r.statistic, star ? 'Gi*' : 'Gi');
    assert.equal(r.n, 256);
    for (const cell of r.cells) {
      const k = (cell.y / 30) * 16 + cell.x / 30;
      close(cell.z, c.z[k], 1e-9, `z at ${cell.x},${cell.y}`);
      close(cell.p, c.p[k], 1e-9, `p at ${cell.x},${cell.y}`);
      const level = cell.p <= 0.01 ? 3 : cell.p <= 0.05 ? 2 : cell.p <= 0.1 ? 1 : 0;
      assert.equal(cell.bin, level === 0 ? 0 : Math.sign(cell.z) * level);
    }
  }
  const fdr = await ok(['gistar', '--input', `${REF}/getisord_grid_16x16.csv`, '--value', 'val', '--distance', '45', '--fdr']);
  assert.equal(fdr.fdr, true);
  assert.ok(fdr.cells.every((c: any) => c.q >= c.p && Math.abs(c.bin) <= (c.q <= 0.01 ? 3 : c.q <= 0.05 ? 2 : c.q <= 0.1 ? 1 : 0)));
  const csv = await cli(['gistar', '--input', `${REF}/getisord_grid_16x16.csv`, '--value', 'val', '--distance', '45', '--format', 'csv']);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'x,y,value,z,p,bin');
  assert.equal(lines.length, 257);
});

  test('gistar and Gi on the six PySAL points (README vector), in input order', async () => {
  const input = 'x,y,v\n10,10,2\n20,10,3\n40,10,3.2\n15,20,5\n30,20,8\n30,30,7\n';
  const star = await ok(['gistar', '--input', '-', '--value', 'v', '--distance', '15'], input);
  const gi = await ok(['gistar', '--input', '-', '--value', 'v', '--distance', '15', '--exclude-self'], input);
  [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331].forEach((z, i) => close(star.cells[i].z, z, 1e-8));
  [-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986, 1.77833941].forEach((z, i) => close(gi.cells[i].z, z, 1e-7));
  assert.deepEqual(star.cells.map((c: any) => c.value), [2, 3, 3.2, 5, 8, 7]);
});

  test('general-g: the README vector from standard input and spdep on the getisord grid', async () => {
  const six = await ok(['general-g', '--input', '-', '--value', 'v', '--distance', '15'], 'x,y,v\n10,10,2\n20,10,3\n40,10,3.2\n15,20,5\n30,20,8\n30,30,7\n');
  assert.equal(six.method, 'general-g');
  close(six.G, 0.55709779, 1e-8);
  close(six.z, 0.9426278, 1e-7);
  close(six.pGreater, 0.1729357, 1e-6);
  const ref = fixture('general-g/fixtures/reference.json').cases.find((c: any) => c.name === 'getisord d=30');
  const g = await ok(['general-g', '--input', `${REF}/getisord_grid_16x16.csv`, '--value', 'val', '--distance', '30']);
  for (const k of ['G', 'expected', 'variance', 'z', 'pGreater']) close(g[k], ref[k], 1e-9, k);
});

  test('moran on the getisord grid matches spdep moran.test and localmoran', async () => {
  const ref = fixture('moran/fixtures/reference.json');
  for (const [distance, style] of [[30, 'W'], [45, 'B']] as const) {
    const c = ref.cases.find((k: any) => k.grid === 'getisord' && k.distance === distance && k.style === style);
    const r = await ok(['moran', '--input', `${REF}/getisord_grid_16x16.csv`, '--value', 'val', '--distance', String(distance),
      '--style', style === 'W' ? 'row' : 'raw', '--local']);
    assert.equal(r.method, 'moran');
    for (const k of ['I', 'expected', 'varianceNormality', 'varianceRandomisation', 'zNormality', 'zRandomisation']) close(r[k], c[k], 1e-9, k);
    r.locations.forEach((l: any) => {
      const k = (l.y / 30) * 16 + l.x / 30;
      close(l.I, c.Ii[k], 1e-9, 'Ii');
      close(l.z, c.ZIi[k], 1e-8, 'Z.Ii');
    });
  }
  const csv = await cli(['moran', '--input', `${REF}/getisord_grid_16x16.csv`, '--value', 'val', '--distance', '30', '--local', '--permutations', '19', '--format', 'csv']);
  assert.equal(csv.stdout.split('\n')[0], 'x,y,value,I,expected,variance,z,p,pSim,quadrant');
});

  test('kde on burkitt.csv equals the numpy brute force, with the ArcGIS default bandwidth', async () => {
  const r0 = fixture('kde/fixtures/expected.json').rasters.find((r: any) => r.name === 'burkitt');
  const extent = [r0.originX, r0.originY, r0.originX + r0.cols * r0.cellSize, r0.originY + r0.rows * r0.cellSize].join(',');
  const r = await ok(['kde', '--input', `${REF}/burkitt.csv`, '--cell-size', String(r0.cellSize), '--extent', extent]);
  assert.equal(r.method, 'kde');
  close(r.bandwidth, r0.bandwidth, 1e-12);
  assert.deepEqual([r.raster.cols, r.raster.rows, r.raster.originX, r.raster.originY], [r0.cols, r0.rows, r0.originX, r0.originY]);
  r.values.forEach((v: number, i: number) => assert.ok(Math.abs(v - r0.values[i]) <= 1e-12 * Math.max(1e-6, Math.abs(r0.values[i])) + 1e-18, `cell ${i}`));
  const csv = await cli(['kde', '--input', `${REF}/burkitt.csv`, '--cell-size', '5', '--bandwidth', '15', '--nonzero', '--format', 'csv']);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'col,row,x,y,density');
  assert.ok(lines.slice(1).every((l) => Number(l.split(',')[4]) > 0));
});

  test('dbscan on burkitt.csv labels points as scikit-learn', async () => {
  const ref = fixture('dbscan/fixtures/expected.json').cases.find((c: any) => c.set === 'burkitt' && c.eps === 10.5 && c.minPts === 3);
  const r = await ok(['dbscan', '--input', `${REF}/burkitt.csv`, '--eps', '10.5', '--min-pts', '3']);
  assert.equal(r.method, 'dbscan');
  assert.equal(r.clusters, ref.clusters);
  assert.equal(r.noise, ref.noise);
  assert.deepEqual(r.labels, ref.labels);
  assert.equal(r.summary.reduce((s: number, c: any) => s + c.size, 0), 188 - ref.noise);
  await fails(['dbscan', '--input', `${REF}/burkitt.csv`, '--eps', '0', '--min-pts', '3'], /'--eps <d>' argument '0' is invalid\. A number greater than 0/);
  await fails(['dbscan', '--input', `${REF}/burkitt.csv`, '--eps', '10', '--min-pts', '2.5'], /'--min-pts <n>' argument '2\.5' is invalid/);
});

  test('wdq: Bowers & Johnson measures from aggregated counts or from dated incidents; zero counts give null with a reason', async () => {
  const counts = 'zone,period,n\nresponse,before,100\nresponse,after,60\nbuffer,before,80\nbuffer,after,70\ncontrol,before,200\ncontrol,after,190\n';
  const r = await ok(['wdq', '--input', '-', '--period', 'period', '--count', 'n'], counts);
  assert.equal(r.method, 'wdq');
  assert.deepEqual(r.counts, { Rb: 100, Ra: 60, Db: 80, Da: 70, Cb: 200, Ca: 190 });
  close(r.successMeasure.value, 60 / 190 - 100 / 200, 1e-12);
  close(r.bufferDisplacementMeasure.value, 70 / 190 - 80 / 200, 1e-12);
  close(r.wdq.value, (70 / 190 - 80 / 200) / (60 / 190 - 100 / 200), 1e-12);
  close(r.netEffect.value, 100 * 190 / 200 - 60, 1e-12);
  assert.equal(r.interpretation, 'diffusion-of-benefits');
  const dated = 'zone,when\nR,2020-01-05\nR,2020-01-06\nR,2020-02-03\nD,2020-01-20\nD,2020-02-20\nC,2020-01-02\nC,2020-02-01\nC,2019-06-01\n';
  const d = await ok(['wdq', '--input', '-', '--date', 'when', '--start', '2020-02-01', '--days', '31'], dated);
  assert.deepEqual(d.counts, { Rb: 2, Ra: 1, Db: 1, Da: 1, Cb: 1, Ca: 1 });
  assert.equal(d.ignored, 1);
  assert.equal(d.warnings.length, 6);
  const zero = await ok(['wdq', '--input', '-', '--period', 'p'], 'zone,p\nR,before\nR,after\nD,after\nC,after\n');
  assert.equal(zero.netEffect.value, null);
  assert.equal(zero.netEffect.reason, 'control-before-zero');
  await fails(['wdq', '--input', '-', '--period', 'p'], /stdin, line 3, column "zone": "park" is not a zone/, 'zone,p\nR,before\npark,after\n');
  await fails(['wdq', '--input', '-', '--period', 'p'], /stdin, line 2, column "p": "later" is not a period/, 'zone,p\nR,later\n');
  await fails(['wdq', '--input', '-'], /give --period COLUMN, or --date COLUMN with --start DATE and --days N/, 'zone,p\nR,before\n');
});

  test('pai: hotspot cells of the current period against the next (hand-checked), and on the Chicago burglaries', async () => {
  // Cells of 10 m: A = [0,10), B = [10,20), C = [20,30). Current: 3 in A, 1 in B. Next: 2 in A, 2 in C.
  const input = 'x,y,date\n5,5,2020-01-01\n6,5,2020-01-02\n7,5,2020-01-03\n15,5,2020-01-04\n5,5,2020-02-01\n6,6,2020-02-02\n25,5,2020-02-03\n26,5,2020-02-04\n';
  const r = await ok(['pai', '--input', '-', '--split', '2020-02-01', '--cell-size', '10', '--top', '0.34'], input);
  assert.equal(r.method, 'pai');
  assert.equal(r.cells, 3);
  assert.equal(r.hotspotCells, 1);
  assert.equal(r.n, 2);
  assert.equal(r.N, 4);
  close(r.pai, 1.5, 1e-12);
  close(r.pei, 1, 1e-12);
  close(r.rri, 2 / 3, 1e-12);
  const args = ['--input', `${REF}/chicago_burglary_month1.csv`, '--no-header', '--x', '1', '--y', '2', '--date', '3', '--split', '2016-01-15', '--cell-size', '500'];
  const top = await ok(['pai', ...args]);
  assert.equal(top.periods.current.incidents + top.periods.next.incidents, 970);
  assert.ok(top.pai > 1);
  const gi = await ok(['pai', ...args, '--select', 'gistar', '--distance', '1000']);
  assert.ok(gi.hotspotCells > 0 && gi.pai > 1);
  await fails(['pai', ...args, '--select', 'gistar'], /--select gistar needs --distance/);
});

  test('hexgrid counts every point once; kde --contours adds polygons at percentages of the maximum', async () => {
  const h = await ok(['hexgrid', '--input', `${REF}/chicago_arson.csv`, '--no-header', '--x', '1', '--y', '2', '--size', '1000', '--polygons']);
  assert.equal(h.method, 'hexgrid');
  assert.equal(h.cells.reduce((s: number, c: any) => s + c.count, 0), 522);
  assert.match(h.cells[0].id, /^hex1000:-?\d+:-?\d+$/);
  assert.equal(h.cells[0].ring.length, 7);
  const k = await ok(['kde', '--input', `${REF}/burkitt.csv`, '--cell-size', '5', '--contours', '50%,90%']);
  assert.deepEqual(k.contours.map((c: any) => c.level), [0.5 * k.max, 0.9 * k.max]);
  assert.ok(k.contours.every((c: any) => c.polygons.length > 0));
  await fails(['kde', '--input', `${REF}/burkitt.csv`, '--cell-size', '5', '--contours', 'high'], /'--contours <levels>' argument 'high' is invalid/);
});

  test('GeoJSON files, --delimiter and --output', async () => {
    const fc = { type: 'FeatureCollection', features: PP12.map(([x, y], i) => ({ type: 'Feature', properties: { n: i }, geometry: { type: 'Point', coordinates: [x, y] } })) };
    const geo = tempFile('points.geojson', JSON.stringify(fc));
    const piped = tempFile('points.txt', 'a|b\n' + PP12.map((p) => p.join('|')).join('\n') + '\n');
    try {
      const r = await ok(['clark-evans', '--input', geo.path]);
      close(r.ratio, 2.0579094, 1e-7);
      const p = await ok(['clark-evans', '--input', piped.path, '--delimiter', '|', '--x', 'a', '--y', 'b']);
      close(p.ratio, 2.0579094, 1e-7);
      const out = join(geo.path, '..', 'out.csv');
      const w = await cli(['clark-evans', '--input', geo.path, '--format', 'csv', '--output', out]);
      assert.equal(w.code, 0, w.stderr);
      assert.equal(w.stdout, '');
      assert.match(readFileSync(out, 'utf8'), /^method,n,area,/);
      await fails(['clark-evans', '--input', piped.path, '--delimiter', '||'], /--delimiter must be one character/);
      const line = tempFile('bad.geojson', JSON.stringify({ type: 'FeatureCollection', features: [fc.features[0], { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }] }));
      try {
        await fails(['clark-evans', '--input', line.path], /bad\.geojson, feature 2: the geometry is a LineString, expected a Point/);
      } finally { line.done(); }
    } finally { geo.done(); piped.done(); }
  });

  test('input errors name the line and the column, exit 1, print nothing on stdout', async () => {
  await fails(['mann-kendall', '--input', `${REF}/mann_kendall_series.csv`, '--column', 'count'],
    /mann_kendall_series\.csv, line 1 \(header\): --column: no column "count"; the columns are value/);
  await fails(['mann-kendall', '--input', `${REF}/burkitt.csv`, '--column', '7'], /column 7 does not exist; the input has 6 column/);
  await fails(['period-comparison', '--input', `${REF}/burkitt.csv`, '--date', 'T', '--start', '2016-01-01', '--end', '2016-02-01'],
    /burkitt\.csv, line 2, column "T": "413\.00" is not a date \(expected YYYY-MM-DD/);
  const bad = tempFile('series.csv', 'when,value\n2020-01-01,3\n2020-01-02,4\n2020-01-03,four\n2020-01-04,5\n');
  try {
    await fails(['mann-kendall', '--input', bad.path, '--column', 'value'], /series\.csv, line 4, column "value": "four" is not a number/);
  } finally { bad.done(); }
  const empty = tempFile('empty.csv', '');
  try {
    await fails(['mann-kendall', '--input', empty.path], /empty\.csv: the file is empty/);
  } finally { empty.done(); }
  await fails(['mann-kendall', '--input', 'no/such/file.csv'], /cannot read no\/such\/file\.csv: no such file/);
  await fails(['mann-kendall', '--input', '-', '--column', 'v'], /stdin: Mann–Kendall needs at least 3 rows, the input has 2/, 'v\n1\n2\n');
});

  test('bad option values and unknown methods are usage errors', async () => {
  await fails(['mann-kendall', '--input', `${REF}/mann_kendall_series.csv`, '--alpha', '1.5'], /option '--alpha <level>' argument '1\.5' is invalid/);
  await fails(['mann-kendall', '--input', `${REF}/mann_kendall_series.csv`, '--format', 'xml'], /Allowed choices are json, csv/);
  await fails(['mann-kendall'], /required option '-i, --input <file>' not specified/);
  await fails(['period-comparison', '--input', `${REF}/burkitt.csv`, '--date', 'DATE', '--start', '2016-02-30', '--end', '2016-03-01'],
    /option '--start <date>' argument '2016-02-30' is invalid\. A date is needed/);
  await fails(['no-such-method', '--input', 'x.csv'], /unknown command 'no-such-method'/);
});
});
