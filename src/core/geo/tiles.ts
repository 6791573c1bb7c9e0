import { DomainError, type FieldIssue } from '../errors/index.ts';

/** An XYZ tile of the Web Mercator pyramid (OpenStreetMap's numbering: x east, y south). */
export interface TileAddress { z: number; x: number; y: number }

/** The deepest zoom OpenStreetMap's standard tile layer is served at. */
export const OSM_MAX_ZOOM = 19;

/**
 * Parses a tile address from a URL's path segments. Each must be a plain decimal integer; z at most
 * `maxZoom`; x and y inside the 2^z × 2^z grid of that zoom. Anything else is the caller's mistake
 * (400), reported per segment, so a proxy never asks its upstream for a tile that cannot exist.
 */
export function parseTileAddress(raw: { z: string; x: string; y: string }, maxZoom: number): TileAddress {
  const issues: FieldIssue[] = [];
  const int = (field: 'z' | 'x' | 'y'): number | null => {
    const s = raw[field];
    // Seven digits cover 2^19 - 1; longer strings are out of range for every zoom anyway.
    if (!/^\d{1,7}$/.test(s)) {
      issues.push({ field, code: 'type', params: { expected: 'integer' } });
      return null;
    }
    return Number(s);
  };
  const z = int('z'), x = int('x'), y = int('y');
  if (z !== null && z > maxZoom) issues.push({ field: 'z', code: 'too_large', params: { max: maxZoom } });
  if (z !== null && z <= maxZoom) {
    const last = 2 ** z - 1;
    if (x !== null && x > last) issues.push({ field: 'x', code: 'too_large', params: { max: last } });
    if (y !== null && y > last) issues.push({ field: 'y', code: 'too_large', params: { max: last } });
  }
  if (issues.length || z === null || x === null || y === null) throw new DomainError('malformed_request', issues);
  return { z, x, y };
}
