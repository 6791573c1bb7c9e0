/** Domain types (moved from the database layer; repositories map rows to them). */

export interface PoliceEventRecord {
  id: number;
  publishedAt: Date;
  type: string;
  name: string;
  summary: string | null;
  url: string | null;
  locationName: string | null;
  /** SWEREF 99 TM, null when the event has no position. */
  e: number | null;
  n: number | null;
}

export interface PoliceEventRow {
  id: number;
  publishedAt: Date;
  type: string;
  name: string;
  summary: string | null;
  url: string | null;
  locationName: string | null;
  lon: number | null;
  lat: number | null;
}
