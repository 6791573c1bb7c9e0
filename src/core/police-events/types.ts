/**
 * The police's public events (polisen.se), as imported and as shown beside the lägesbild. An event
 * has no position of its own: Polisen gives the centre of the municipality or county it is filed
 * under, so it counts for the municipality as a whole (./split.ts) and is never a point on a map.
 */

/** An event as read from Polisen's file or API and as stored. */
export interface PoliceEventRecord {
  id: number;
  publishedAt: Date;
  type: string;
  name: string;
  summary: string | null;
  url: string | null;
  /** The municipality ("Alingsås") or county ("Västra Götalands län") Polisen files it under. */
  locationName: string | null;
}

/** An event as read back for the lägesbild. */
export type PoliceEventRow = PoliceEventRecord;
