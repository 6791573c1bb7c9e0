/** The answer of GET /api/stats?<filters> (see /openapi.json); kept here until api/types.ts has it. */
export interface Comparison {
  from: string;
  to: string;
  /** Incidents in the compared period. */
  count: number;
  /** total − count. */
  change: number;
  /** null when the compared period had 0. */
  percentChange: number | null;
  /** Two-sided p-value of the change (Poisson rate test); null when it cannot be computed. */
  p: number | null;
  rateRatio: number | null;
}

export interface CategoryCount { id: string; code: string; nameSv: string; nameEn: string; colour: string; parentId: string | null; count: number; previous: number; lastYear: number }
export interface OrganisationCount { id: string; name: string; count: number; previous: number }
export interface WeekCount { weekStart: string; count: number }
export interface PlaceCount { name: string; count: number; previous: number }

export interface Stats {
  total: number;
  period: { from: string; to: string; days: number };
  comparison: { previous: Comparison; lastYear: Comparison };
  byCategory: CategoryCount[];
  byOrganisation: OrganisationCount[];
  weekly: WeekCount[];
  topPlaces: PlaceCount[];
  /** [weekday Monday=0 … Sunday=6][hour 0…23], Europe/Stockholm local time. */
  hourWeekday: number[][];
}
