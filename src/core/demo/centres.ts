/**
 * Built-up areas for the generator from the shared SCB tätort points (a GeoJSON FeatureCollection of
 * Points in WGS84 with `name`, and optionally `pop` and `area_ha`, as in
 * shared/data/boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson). Pure: the caller reads the file.
 */
import { toSweref99tm } from '../geo/index.ts';
import type { DemoCentre } from './types.ts';
import { ALINGSAS_TATORTER } from './model.ts';

/**
 * GeoJSON tätort points (EPSG:4326) → DemoCentre[] in EPSG:3006. Population and area come from the
 * feature's `pop` / `area_ha`, else from `table` (default ALINGSAS_TATORTER) by name.
 */
export function centresFromTatortPoints(
  geojson: unknown,
  table: Readonly<Record<string, { population: number; areaHa: number }>> = ALINGSAS_TATORTER,
): DemoCentre[] {
  const fc = geojson as { type?: unknown; features?: unknown };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new TypeError('centresFromTatortPoints: expected a GeoJSON FeatureCollection of Points');
  }
  return fc.features.map((f: any, i: number) => {
    const c = f?.geometry?.type === 'Point' ? f.geometry.coordinates : null;
    const name = f?.properties?.name;
    if (!Array.isArray(c) || typeof name !== 'string') {
      throw new TypeError(`centresFromTatortPoints: features[${i}] is not a Point with a string properties.name`);
    }
    const { e, n } = toSweref99tm(c[0], c[1]);
    const pop = f.properties.pop, area = f.properties.area_ha;
    const population = typeof pop === 'number' && pop > 0 ? pop : table[name]?.population;
    const areaHa = typeof area === 'number' && area > 0 ? area : table[name]?.areaHa;
    return { name, x: e, y: n, ...(population ? { population } : {}), ...(areaHa ? { areaHa } : {}) };
  });
}
