import { readFileSync } from 'node:fs';
import type { MultiPolygon } from 'geojson';
import type { MunicipalityName } from '../core/municipalities/codes.ts';
import { resourcePath } from './resources.ts';

/** SCB's boundaries of the 290 municipalities in SWEREF 99 TM, shipped with the product (resources/scb/README.md). */
export const MUNICIPALITY_BOUNDARIES = ['scb', 'se_kommuner_scb2024_sweref99tm.geojson'] as const;

export interface ShippedBoundary {
  /** SCB's municipality code, the municipality's id. */
  id: string;
  name: string;
  geometry3006: MultiPolygon;
}

let byCode: Map<string, ShippedBoundary> | null = null;

function load(): Map<string, ShippedBoundary> {
  const fc = JSON.parse(readFileSync(resourcePath(...MUNICIPALITY_BOUNDARIES), 'utf8')) as {
    features: Array<{ properties: { code: string; name: string }; geometry: MultiPolygon }>;
  };
  return new Map(fc.features.map((f) => [f.properties.code, { id: f.properties.code, name: f.properties.name, geometry3006: f.geometry }]));
}

/** Code and name of every municipality SCB has a boundary for, by code. */
export function shippedMunicipalities(): MunicipalityName[] {
  byCode ??= load();
  return [...byCode.values()].map((b) => ({ code: b.id, name: b.name })).sort((a, b) => a.code.localeCompare(b.code));
}

/** A municipality's SCB boundary, or null for a code SCB does not have. */
export function shippedBoundary(code: string): ShippedBoundary | null {
  byCode ??= load();
  return byCode.get(code) ?? null;
}

/** A municipality's SCB boundary; throws for a code SCB does not have (the demo and the test fixtures name real ones). */
export function municipalityBoundary(code: string): ShippedBoundary {
  const b = shippedBoundary(code);
  if (!b) throw new Error(`no municipality with code ${code} in the SCB boundaries`);
  return b;
}
