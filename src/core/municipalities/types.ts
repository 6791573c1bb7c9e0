/** Domain types (moved from the database layer; repositories map rows to them). */

export interface MunicipalityRow {
  id: string;
  name: string;
  settings: Record<string, unknown>;
}
