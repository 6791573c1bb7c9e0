/** Coordinate transforms (WGS84 ⇄ SWEREF 99 TM ⇄ SWEREF 99 12 00) and planar polygon helpers. Pure. */
export * from './crs.ts';
export * from './polygon.ts';
export * from './segment-rect.ts';
export * from './banded-polygon.ts';
export * from './tiles.ts';
