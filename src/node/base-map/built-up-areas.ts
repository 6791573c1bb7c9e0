import { readFileSync } from 'node:fs';
import type { BuiltUpArea } from '../../core/municipalities/types.ts';
import { resourcePath } from '../../setup/resources.ts';

/** SCB's tätorter 2020 as points, shipped with the product (resources/scb/README.md). */
export const BUILT_UP_AREAS_FILE = resourcePath('scb', 'se_tatorter_scb2020_points_wgs84.geojson');

interface TatortFeature {
  properties: { code: string; name: string; mun_code: string; pop: number };
  geometry: { type: 'Point'; coordinates: [number, number] };
}

let byMunicipality: Map<string, BuiltUpArea[]> | null = null;

/** The tätorter of a municipality (SCB code, e.g. 1489), largest first; none for a code SCB does not know. */
export function builtUpAreas(municipalityId: string): BuiltUpArea[] {
  byMunicipality ??= load();
  return byMunicipality.get(municipalityId) ?? [];
}

function load(): Map<string, BuiltUpArea[]> {
  const fc = JSON.parse(readFileSync(BUILT_UP_AREAS_FILE, 'utf8')) as { features: TatortFeature[] };
  const out = new Map<string, BuiltUpArea[]>();
  for (const f of fc.features) {
    if (f.geometry?.type !== 'Point') continue;
    const [lon, lat] = f.geometry.coordinates;
    const list = out.get(f.properties.mun_code) ?? [];
    list.push({ code: f.properties.code, name: f.properties.name, population: f.properties.pop, lon, lat });
    out.set(f.properties.mun_code, list);
  }
  for (const list of out.values()) list.sort((a, b) => b.population - a.population || a.name.localeCompare(b.name, 'sv'));
  return out;
}
