/** The police's public events (polisen.se), as imported and as shown beside the lägesbild. */

interface PoliceEvent {
  id: number;
  publishedAt: Date;
  type: string;
  name: string;
  summary: string | null;
  url: string | null;
  locationName: string | null;
}

/** An event as stored: its position in SWEREF 99 TM, null when the event has none. */
export interface PoliceEventRecord extends PoliceEvent {
  e: number | null;
  n: number | null;
}

/** An event as read back for the lägesbild, its position in WGS84. */
export interface PoliceEventRow extends PoliceEvent {
  lon: number | null;
  lat: number | null;
}
