/** Domain types (moved from the database layer; repositories map rows to them). */

export interface Place {
  id: string;
  municipalityId: string;
  name: string;
  kind: string;
  description: string | null;
  geometry: unknown;
}
