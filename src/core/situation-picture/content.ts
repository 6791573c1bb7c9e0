/**
 * The computed content (kartläggning) of a lägesbild edition: everything the web page, the PDF and
 * the meeting agenda show, as plain JSON. It is stored with the edition and frozen when the edition
 * is published, so a published lägesbild reads the same in five years whatever happens to the data.
 *
 * Coordinates are WGS84 [lon, lat] (for the browser) and SWEREF 99 TM [x, y] (for the offline map
 * renderer on the server) where both are useful. Times are ISO 8601 strings; periods are half-open.
 */

import type { HotspotWhere } from './hotspot-name.ts';
import type { EmergingPattern } from '../analysis/emerging-hotspots/index.ts';

export const CONTENT_SCHEMA = 1;

export interface Period {
  from: string;
  to: string;
  days: number;
}

/** A count against a comparison window, with an exact Poisson test of "the rate did not change". */
export interface Change {
  count: number;
  change: number;
  /** null when the base count is zero. */
  percentChange: number | null;
  p: number;
  /** p < 0.05 after nothing else: the reader sees p; the flag drives colour and agenda items. */
  significant: boolean;
}

export interface Compared {
  count: number;
  previous: Change;
  lastYear: Change;
}

export interface CategoryRow extends Compared {
  id: string;
  code: string;
  nameSv: string;
  nameEn: string;
  colour: string;
  parentId: string | null;
}

export interface AreaRow extends Compared {
  id: string;
  name: string;
  kind: string;
}

export interface OrganisationRow extends Compared {
  id: string;
  name: string;
}

/** The ArcGIS emerging-hotspot pattern names, as the analysis engine returns them. */
export type EmergingClass = EmergingPattern;

export interface HotspotCell {
  cellId: string; // `${cellSize}:${col}:${row}` on the SWEREF 99 TM lattice with origin 0,0
  col: number;
  row: number;
  /** Cell centre. */
  x: number;
  y: number;
  lon: number;
  lat: number;
  count: number;
  z: number;
  p: number;
  /** ArcGIS confidence bin with FDR control: 3, 2, 1 hot; −1, −2, −3 cold. */
  bin: number;
  /** Emerging-hotspot class over the weeks before and in the period (null when too few weeks). */
  emerging: EmergingClass | null;
  /** Name of a place whose geometry lies in or near the cell, when there is one. */
  placeName: string | null;
  /** Where the cell lies in names (area, nearest place, direction): what `hotspotName` writes. Absent in older editions. */
  where?: HotspotWhere;
}

/**
 * Adjacent significant hot cells (sharing an edge or a corner) taken together: on a sparse grid Gi*
 * marks the empty cells around a cluster too, so a reader wants "three hotspots", not 170 cells.
 */
export interface HotspotZone {
  id: string; // the peak cell's id
  cellIds: string[];
  /** Incidents in the zone's cells in the period. */
  count: number;
  /** The peak cell: most incidents, then highest z. */
  peakCellId: string;
  maxZ: number;
  /** Highest confidence bin in the zone (3, 2, 1). */
  bin: number;
  /** The peak cell's emerging class. */
  emerging: EmergingClass | null;
  placeName: string | null;
  /** Named places near the zone's cells, the busiest cells' first (at most 5). */
  placeNames: string[];
  /** Where the zone's centre lies in names; absent in older editions. */
  where?: HotspotWhere;
  /** Incident-weighted centre (the peak cell's centre when the zone has no incidents). */
  x: number;
  y: number;
  lon: number;
  lat: number;
}

export interface Hotspots {
  cellSize: number;
  distance: number;
  cells: HotspotCell[];
  /** The hot cells grouped into zones, largest count first (absent in editions made before zones existed). */
  zones?: HotspotZone[];
  /** Why there are no hotspots, when there are none ('too-few-incidents', 'none-significant'). */
  note: string | null;
}

export interface NearRepeat {
  /** Spatial bands (m) and temporal bands (days) used, as the Near Repeat Calculator. */
  distanceBands: number[];
  timeBands: number[];
  /** Observed/expected ratio per [distance band][time band]; p from Monte Carlo. */
  ratios: number[][];
  pValues: number[][];
  iterations: number;
  /** The closest band pair with ratio > 1.2 and p < 0.05, as "within d m and t days", or null. */
  elevated: { distance: number; days: number; ratio: number; p: number } | null;
  incidents: number;
}

export interface PlaceRow {
  placeId: string | null;
  name: string;
  count: number;
  previous: number;
  lon: number;
  lat: number;
}

export interface Concentration {
  /** Gini over the grid cells of the study area with at least one incident in the year before. */
  gini: number | null;
  /** Share of incidents in the 5 % of cells with most incidents. */
  topFivePercentShare: number | null;
  cellSize: number;
  cells: number;
}

/**
 * A police event of the period. It has no position: Polisen gives the centre of the municipality or
 * county it is filed under, so it belongs to the municipality as a whole, never to a point, a grid
 * cell, a hotspot or a place (editions made before this carried that centre as lon/lat; nothing
 * reads it).
 */
export interface PoliceEventRow {
  id: number;
  publishedAt: string;
  type: string;
  name: string;
  summary: string | null;
  url: string | null;
  /** The municipality or county Polisen files it under; absent in editions made before it was kept. */
  locationName?: string | null;
}

export interface PoliceEvents {
  /** All the municipality's events of the period (the list below stops at 500). */
  total: number;
  previous: number;
  byType: Array<{ type: string; count: number }>;
  items: PoliceEventRow[];
  /** The newest event held for the municipality (shows readers how current the police data is). */
  newestHeld: string | null;
}

export interface MeasureRow {
  id: string;
  title: string;
  type: string;
  term: 'short' | 'long';
  status: 'proposed' | 'planned' | 'ongoing' | 'done' | 'cancelled';
  organisationName: string;
  placeName: string | null;
  areaName: string | null;
  plannedEnd: string | null;
  /** planned_end before the period's end and not done or cancelled. */
  overdue: boolean;
}

export interface MapPoint {
  lon: number;
  lat: number;
  x: number;
  y: number;
  categoryId: string;
}

export interface SituationPictureContent {
  schema: typeof CONTENT_SCHEMA;
  computedAt: string;
  municipality: { id: string; name: string };
  area: { id: string; name: string } | null;
  filters: { categoryIds: string[]; organisationIds: string[] };
  period: Period;
  previousPeriod: Period;
  lastYearPeriod: Period;
  /** Extent of what the maps show, SWEREF 99 TM [minX, minY, maxX, maxY]. */
  extent: [number, number, number, number];
  totals: Compared;
  byCategory: CategoryRow[];
  byArea: AreaRow[];
  byOrganisation: OrganisationRow[];
  /** Weekly counts (Monday weeks, Europe/Stockholm) for 26 weeks up to the period's end. */
  weekly: Array<{ weekStart: string; count: number }>;
  /** hourWeekday[weekday][hour]: weekday 0 = Monday. */
  hourWeekday: number[][];
  topPlaces: PlaceRow[];
  hotspots: Hotspots;
  nearRepeat: NearRepeat | null;
  concentration: Concentration;
  /** Where the period's incidents came from ('app', 'import' per file, another source); absent in older editions. */
  sources?: Array<{ source: string; fileName: string | null; count: number }>;
  policeEvents: PoliceEvents;
  measures: { open: MeasureRow[]; dueOrOverdue: MeasureRow[]; doneInPeriod: MeasureRow[] };
  /** The incidents of the period for the maps (capped; `pointsTruncated` says when). */
  points: MapPoint[];
  pointsTruncated: boolean;
}

/** A cause analysis per prioritised problem, after the crime triangle and Brå's guidance. */
export interface ProblemAnalysis {
  id: string;
  title: string;
  priority: number;
  categoryIds: string[];
  placeId: string | null;
  areaId: string | null;
  /** Who commits it (gärningsperson): who, why, when. */
  offender: string;
  /** What or who is targeted (offer/mål) and why it is suitable. */
  target: string;
  /** The place (plats): what about it makes the problem possible — lighting, sightlines, guardians. */
  place: string;
  /** Measures the analysis points to. */
  suggestedMeasures: string;
}

export interface Narrative {
  summary: string;
  problems: ProblemAnalysis[];
}

export type StatusLevel = 'green' | 'yellow' | 'red';

export interface StatusLevelEntry {
  kind: 'area' | 'place';
  id: string;
  name: string;
  level: StatusLevel;
  comment: string;
}
