/** Every `lagesbild analyze` method, in the order the help lists them. */
import type { MethodSpec } from '../types.ts';
import { convexHullMethod } from './convex-hull.ts';
import { knoxMethod } from './knox.ts';
import { nearRepeatMethod } from './near-repeat.ts';
import { gistarMethod } from './gistar.ts';
import { generalGMethod } from './general-g.ts';
import { moranMethod } from './moran.ts';
import { kdeMethod } from './kde.ts';
import { dbscanMethod } from './dbscan.ts';
import { hotspotsMethod } from './hotspots.ts';
import { emergingHotspotsMethod } from './emerging-hotspots.ts';
import { gridMethod } from './grid.ts';
import { hexgridMethod } from './hexgrid.ts';
import { wdqMethod } from './wdq.ts';
import { paiMethod } from './pai.ts';
import { clarkEvansMethod } from './clark-evans.ts';
import { giniMethod } from './gini.ts';
import { mannKendallMethod } from './mann-kendall.ts';
import { periodComparisonMethod } from './period-comparison.ts';

export const methods: MethodSpec[] = [
  gistarMethod,
  hotspotsMethod,
  gridMethod,
  hexgridMethod,
  generalGMethod,
  moranMethod,
  kdeMethod,
  dbscanMethod,
  mannKendallMethod,
  emergingHotspotsMethod,
  giniMethod,
  clarkEvansMethod,
  convexHullMethod,
  nearRepeatMethod,
  knoxMethod,
  periodComparisonMethod,
  wdqMethod,
  paiMethod,
];
