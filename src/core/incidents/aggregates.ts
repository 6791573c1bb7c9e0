/** The shapes of the map's aggregates: grid cells and single points. */

export interface GridCell {
  col: number;
  row: number;
  count: number;
  /** Mean position of the members (EPSG:3006). */
  x: number;
  y: number;
  /** Commonest category in the cell. */
  categoryId: string;
  /** For single-incident cells: the incident. */
  id: string;
  occurredFrom: Date;
  reviewStatus: string;
}

/** A cluster cell with its commonest category's count: what merging a cell of two municipalities takes (merge-aggregates.ts). */
export interface RankedCell extends GridCell {
  categoryCount: number;
}

/** A grid cell's count alone (hotspots, an edition's concentration). */
export interface CellCount {
  col: number;
  row: number;
  count: number;
}

/** A grid cell's count and its members' mean position (EPSG:3006): the heatmap. */
export interface CellMean extends CellCount {
  x: number;
  y: number;
}

export interface PointRow { id: string; x: number; y: number; categoryId: string; occurredFrom: Date; reviewStatus: string }

/** Everything the side panel needs: by category and organisation in three windows, weeks, hours, places. */
export interface Summary {
  byCategory: Array<{ key: string; current: number; previous: number; lastYear: number }>;
  byOrganisation: Array<{ key: string; current: number; previous: number; lastYear: number }>;
  weekly: Array<{ weekStart: string; count: number }>;
  hourWeekday: number[][];
  topPlaces: Array<{ name: string; count: number; previous: number }>;
}
