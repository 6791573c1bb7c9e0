/**
 * Every analysis method of the core, re-exported from one place (pure: no I/O, runs in Node and the
 * browser). Each method lives in its own folder with its tests, fixtures and bench.ts; see
 * docs/analysis.md for what each computes and which reference implementation it matches.
 * Names that several folders export (defaultOptions, …) are prefixed with the folder's name here.
 * When a folder gains an export, add it here: index.test.ts fails until every exported value is reachable.
 */

// clark-evans
export { type ClarkEvansOptions, type ClarkEvansResult, clarkEvans, nearestNeighbourDistances } from './clark-evans/index.ts';

// contours
export { type Ring, type ContourLevel, ringArea, contours } from './contours/index.ts';

// convex-hull
export { type Points2D as convexHullPoints2D, checkPoints, convexHull, polygonArea, convexHullArea,
  convexHullRing } from './convex-hull/index.ts';

// dbscan
export { type DbscanOptions, type DbscanResult, dbscan } from './dbscan/index.ts';

// emerging-hotspots
export { type EmergingHotspotsOptions, type EmergingHotspotsResult,
  defaultOptions as emergingHotspotsDefaultOptions, emergingHotspots, classifyEmergingHotspots,
  EMERGING_PATTERNS, defaultClassifyOptions, type EmergingPattern, type ZPCube, type ClassifyOptions,
  type ClassifyResult } from './emerging-hotspots/index.ts';

// fdr
export { benjaminiHochberg, bhCriticalP, CONFIDENCE_ALPHAS, type ConfidenceBinOptions, confidenceBins } from './fdr/index.ts';

// general-g
export { type GeneralGResult, generalG, generalGPoints } from './general-g/index.ts';

// gini
export { type GiniResult, gini, type ConcentrationShare, concentration, lorenzCurve } from './gini/index.ts';

// gistar
export { type GiStarOptions, type GiStarResult, giZScores, gistarPoints, gistarGrid, gistarWeights } from './gistar/index.ts';

// grid
export { type Extent, type Grid, type GridOptions, binGrid, cellCenter, cellBounds, cellId, parseCellId,
  cellIndexAt } from './grid/index.ts';

// hexgrid
export { type HexBins, type HexOptions, hexAt, binHex, hexCenter, hexVertices, hexId } from './hexgrid/index.ts';

// hotspots
export { type HotspotOptions, type HotspotResult, hotspots, type HotspotFeature, hotspotFeatures } from './hotspots/index.ts';

// intervention
export { type InterventionCounts, type InterventionOptions, type InterventionNullReason, type Quantity,
  type WdqInterpretation, type InterventionWarning, type InterventionResult, evaluateIntervention,
  INTERVENTION_NULL_REASONS, WDQ_INTERPRETATIONS } from './intervention/index.ts';

// kde
export { type Points2D as kdePoints2D, type Raster, type KdeOptions, defaultBandwidth, kde } from './kde/index.ts';

// kdtree
export { KDTree } from './kdtree/index.ts';

// knox
export { type KnoxOptions, type Table2x2, type KnoxResult, defaultOptions as knoxDefaultOptions, knox,
  poissonUpperTail, poissonPmf } from './knox/index.ts';

// mann-kendall
export { type MannKendallOptions, type Trend, type MannKendallResult,
  defaultOptions as mannKendallDefaultOptions, medianInPlace, sensSlope, mannKendall } from './mann-kendall/index.ts';

// moran
export { type MoranResult, moranGlobal, QUADRANT, type LocalMoranOptions, type LocalMoranResult, localMoran } from './moran/index.ts';

// near-repeat
export { type NearRepeatOptions, type NearRepeatResult, defaultOptions as nearRepeatDefaultOptions,
  type NearRepeatPrepared, type NearRepeatPartial, prepareNearRepeat, simulateNearRepeat, summarizeNearRepeat,
  nearRepeat, dayNumber, toColumns, type SpaceTimeInput, type SpaceTimePoint, type SpaceTimeColumns,
  iterationSeed } from './near-repeat/index.ts';

// neighbours
export { type SpatialWeights, type DistanceWeightsOptions, resolveDistanceOptions, checkCoordinates,
  distanceBandWeights, gridDistanceWeights, checkGridShape, type GridStencil, gridStencil, checkWeights,
  weightOf, weightsConstants } from './neighbours/index.ts';

// normal
export { normalCdf, normalSf, twoSidedP, normalQuantile } from './normal/index.ts';

// pai
export { type PaiInput, type PaiNullReason, type PaiResult, predictionAccuracy, topCells } from './pai/index.ts';

// period-comparison
export { type TimeWindow, type GroupCounts, type PeriodLengths, type PeriodComparisonOptions, type Change,
  type GroupComparison, comparePeriods, previousWindow, sameWindowLastYear, type TimedIncident, countByPeriod } from './period-comparison/index.ts';

// poisson
export { binomPmf, binomCdf, clopperPearson, type BinomTestResult, binomTest, type RateRatioNullReason,
  type PoissonRateTestResult, poissonRateTest, poissonRateTestPValue } from './poisson/index.ts';
