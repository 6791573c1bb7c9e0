/**
 * GeoPackage geometry encoding (OGC 12-128r18, §2.1.3 "GeoPackageBinary"): the header — magic "GP",
 * version 0, a flags byte, the srs_id and an optional envelope — followed by the geometry as
 * little-endian ISO WKB. Points carry no envelope (it would repeat the point, as GDAL writes them);
 * polygons carry [minx, maxx, miny, maxy], which readers use instead of parsing the WKB.
 */
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';

/** The geometries the export writes, coordinates in the layer's CRS (here EPSG:3006 metres). */
export type GpkgGeometry = Point | Polygon | MultiPolygon;

/** minX, minY, maxX, maxY. */
export type Envelope = [number, number, number, number];

export interface EncodedGeometry {
  blob: Uint8Array;
  envelope: Envelope;
}

const WKB_TYPE = { Point: 1, Polygon: 3, MultiPolygon: 6 } as const;
const LITTLE_ENDIAN = 1;
/** Flags bits 1–3: 0 no envelope, 1 the envelope [minx, maxx, miny, maxy]. */
const ENVELOPE_XY = 1;

type Surface = Polygon | MultiPolygon;

const ringsOf = (g: Surface): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

function envelopeOf(g: Surface): Envelope {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const polygon of ringsOf(g)) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Bytes of a polygon's WKB: byte order, type, ring count, then per ring a count and its points. */
const polygonBytes = (rings: Position[][]) => 9 + rings.reduce((s, r) => s + 4 + r.length * 16, 0);

function wkbLength(g: Surface): number {
  if (g.type === 'Polygon') return polygonBytes(g.coordinates);
  return 9 + g.coordinates.reduce((s, p) => s + polygonBytes(p), 0);
}

function finite(g: Surface): boolean {
  return ringsOf(g).every((p) => p.every((r) => r.every((c) => Number.isFinite(c[0]) && Number.isFinite(c[1]))));
}

/**
 * A geometry as GeoPackageBinary in the given spatial reference system (srs_id of
 * gpkg_spatial_ref_sys), with its envelope for the layer's extent.
 */
export function encodeGpkgGeometry(g: GpkgGeometry, srsId: number): EncodedGeometry {
  if (g.type === 'Point') return encodePoint(g.coordinates[0], g.coordinates[1], srsId);
  if (!(g.type in WKB_TYPE)) throw new Error(`GeoPackage export: unsupported geometry type ${(g as { type: string }).type}`);
  if (!finite(g)) throw new Error(`GeoPackage export: a ${g.type} with a coordinate that is not a finite number`);
  const envelope = envelopeOf(g);
  const header = 40;
  const blob = new Uint8Array(header + wkbLength(g));
  const v = new DataView(blob.buffer);
  blob[0] = 0x47; // G
  blob[1] = 0x50; // P
  blob[2] = 0; // version 1 of the format is written 0
  blob[3] = (ENVELOPE_XY << 1) | LITTLE_ENDIAN;
  v.setInt32(4, srsId, true);
  let o = 8;
  const double = (d: number) => { v.setFloat64(o, d, true); o += 8; };
  const uint = (n: number) => { v.setUint32(o, n, true); o += 4; };
  const byte = (n: number) => { v.setUint8(o, n); o += 1; };
  const [minX, minY, maxX, maxY] = envelope;
  double(minX); double(maxX); double(minY); double(maxY);
  const polygon = (rings: Position[][]) => {
    byte(LITTLE_ENDIAN); uint(WKB_TYPE.Polygon); uint(rings.length);
    for (const ring of rings) {
      uint(ring.length);
      for (const [x, y] of ring) { double(x); double(y); }
    }
  };
  if (g.type === 'Polygon') {
    polygon(g.coordinates);
  } else {
    byte(LITTLE_ENDIAN); uint(WKB_TYPE.MultiPolygon); uint(g.coordinates.length);
    for (const p of g.coordinates) polygon(p);
  }
  return { blob, envelope };
}

/**
 * A point, the export's most frequent geometry (one per incident), written straight: 8 bytes of
 * header without an envelope, then the 21 bytes of WKB.
 */
export function encodePoint(x: number, y: number, srsId: number): EncodedGeometry {
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error('GeoPackage export: a Point with a coordinate that is not a finite number');
  const blob = new Uint8Array(29);
  const v = new DataView(blob.buffer);
  blob[0] = 0x47; // G
  blob[1] = 0x50; // P
  blob[3] = LITTLE_ENDIAN; // version 0 in blob[2]; flags: no envelope
  v.setInt32(4, srsId, true);
  blob[8] = LITTLE_ENDIAN;
  v.setUint32(9, WKB_TYPE.Point, true);
  v.setFloat64(13, x, true);
  v.setFloat64(21, y, true);
  return { blob, envelope: [x, y, x, y] };
}

/** A square grid cell as a closed polygon ring (counter-clockwise, as the simple-features exterior). */
export function cellPolygon(minX: number, minY: number, size: number): Polygon {
  const [x0, y0, x1, y1] = [minX, minY, minX + size, minY + size];
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}
