// Generated beside index.ts: every value a method folder exports is reachable from the core index,
// under its own name or, where names clash, prefixed with the folder's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as analysis from './index.ts';
import * as clarkEvansModule from './clark-evans/index.ts';
import * as contoursModule from './contours/index.ts';
import * as convexHullModule from './convex-hull/index.ts';
import * as dbscanModule from './dbscan/index.ts';
import * as emergingHotspotsModule from './emerging-hotspots/index.ts';
import * as fdrModule from './fdr/index.ts';
import * as generalGModule from './general-g/index.ts';
import * as giniModule from './gini/index.ts';
import * as gistarModule from './gistar/index.ts';
import * as gridModule from './grid/index.ts';
import * as hexgridModule from './hexgrid/index.ts';
import * as hotspotsModule from './hotspots/index.ts';
import * as interventionModule from './intervention/index.ts';
import * as kdeModule from './kde/index.ts';
import * as knoxModule from './knox/index.ts';
import * as mannKendallModule from './mann-kendall/index.ts';
import * as moranModule from './moran/index.ts';
import * as nearRepeatModule from './near-repeat/index.ts';
import * as neighboursModule from './neighbours/index.ts';
import * as normalModule from './normal/index.ts';
import * as paiModule from './pai/index.ts';
import * as periodComparisonModule from './period-comparison/index.ts';
import * as poissonModule from './poisson/index.ts';

const folders: [string, Record<string, unknown>][] = [
  ['clark-evans', clarkEvansModule],
  ['contours', contoursModule],
  ['convex-hull', convexHullModule],
  ['dbscan', dbscanModule],
  ['emerging-hotspots', emergingHotspotsModule],
  ['fdr', fdrModule],
  ['general-g', generalGModule],
  ['gini', giniModule],
  ['gistar', gistarModule],
  ['grid', gridModule],
  ['hexgrid', hexgridModule],
  ['hotspots', hotspotsModule],
  ['intervention', interventionModule],
  ['kde', kdeModule],
  ['knox', knoxModule],
  ['mann-kendall', mannKendallModule],
  ['moran', moranModule],
  ['near-repeat', nearRepeatModule],
  ['neighbours', neighboursModule],
  ['normal', normalModule],
  ['pai', paiModule],
  ['period-comparison', periodComparisonModule],
  ['poisson', poissonModule],
];

const prefixed = (folder: string, name: string) =>
  folder.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) + name[0].toUpperCase() + name.slice(1);

test('every exported value of every method folder is re-exported by the core index', () => {
  const index = analysis as Record<string, unknown>;
  for (const [folder, mod] of folders) {
    for (const [name, value] of Object.entries(mod)) {
      const found = index[name] === value || index[prefixed(folder, name)] === value;
      assert.ok(found, `${folder}: ${name} is not re-exported by src/core/analysis/index.ts`);
    }
  }
});
