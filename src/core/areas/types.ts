/** Domain types (moved from the database layer; repositories map rows to them). */

export const AREA_KINDS = ['district', 'deso', 'area_group', 'other'] as const;

export type AreaKind = (typeof AREA_KINDS)[number];

export interface Area {
  id: string;
  municipalityId: string;
  kind: AreaKind;
  name: string;
  code: string | null;
  properties: Record<string, unknown>;
  geometry: unknown;
  areaKm2: number;
}
