/** The shapes every geo module shares (planar coordinates, e.g. EPSG:3006 metres). */

export type Position = readonly [number, number];
/** A closed or open ring of positions; the closing position may be repeated (GeoJSON) or not. */
export type Ring = ReadonlyArray<Position>;
/** A polygon: the outer ring first, then holes. */
export type PolygonRings = ReadonlyArray<Ring>;
/** Several polygons (a municipality with islands is a MultiPolygon). */
export type MultiPolygonRings = ReadonlyArray<PolygonRings>;

export interface BBox { minX: number; minY: number; maxX: number; maxY: number }

/** Grid cells as [minX, minY, maxX, maxY] in EPSG:3006. */
export type CellEnvelope = [number, number, number, number];
