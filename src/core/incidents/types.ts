/** A report, its history and how reports are selected: the types every layer shares. */
import type { PositionPrecision, ReviewStatus, Visibility } from './rules.ts';

/** The stored row in the shape of its columns (used to insert, update and record history). */
export interface IncidentRecord {
  id: string;
  municipalityId: string;
  categoryId: string;
  occurredFrom: Date;
  occurredTo: Date;
  reportedAt: Date;
  /** SWEREF 99 TM metres. */
  e: number;
  n: number;
  positionPrecision: PositionPrecision;
  precisionM: number | null;
  placeId: string | null;
  placeName: string | null;
  description: string | null;
  organisationId: string;
  reporterId: string | null;
  reportedToPolice: boolean | null;
  assessment: number | null;
  source: string;
  reviewStatus: ReviewStatus;
  duplicateOf: string | null;
  visibility: Visibility;
  /**
   * Metres outside its municipality's boundary, null inside: a point within the tolerance for coarse
   * boundaries (BOUNDARY_TOLERANCE_M) is accepted and flagged with how far out it is.
   */
  outsideBoundaryM: number | null;
}

/** A report as the API shows it: the record with its category and organisation named, its position in both systems. */
export interface Incident extends Omit<IncidentRecord, 'e' | 'n'> {
  categoryCode: string;
  categoryNameSv: string;
  categoryNameEn: string;
  categoryColour: string;
  location: { lon: number; lat: number; e: number; n: number };
  organisationName: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Provenance of an imported report: the file's own id for the row, the import, its file and who ran it. */
  externalId: string | null;
  importId: string | null;
  importFileName: string | null;
  importedByName: string | null;
  /** A tip from another system through Open311: the system (its api_key's name) and the picture it linked to. */
  sourceSystem: string | null;
  sourceMediaUrl: string | null;
}

/**
 * A field's value in the history: a scalar, a list (e.g. the kinds of personal data removed), or a
 * position in SWEREF 99 TM metres (a moved report).
 */
export type HistoryValue = string | number | boolean | null | Array<string | number | boolean | null> | { e: number; n: number };
/** Per field: the stored value on create, { from, to } on a change. */
export type HistoryChanges = Record<string, HistoryValue | { from: HistoryValue; to: HistoryValue }>;

export interface HistoryEntry {
  id: number;
  changedAt: Date;
  userId: string | null;
  userName: string | null;
  action: 'create' | 'update' | 'review';
  changes: HistoryChanges;
}

export interface IncidentFilter {
  from?: Date;
  to?: Date;
  municipalities?: string[];
  /** Category ids; each includes its subcategories. */
  categories?: string[];
  organisations?: string[];
  areaId?: string;
  /** minLon, minLat, maxLon, maxLat (WGS84). */
  bbox?: [number, number, number, number];
  /** minE, minN, maxE, maxN (SWEREF 99 TM metres): a box GIS tools give in the stored system (the OGC API's bbox-crs). */
  bbox3006?: [number, number, number, number];
  reviewStatus?: ReviewStatus[];
  visibility?: Visibility;
  text?: string;
  /** Only reports made by this user ("Mina rapporter"). */
  reporterId?: string;
  /** Only the reports of this import. */
  importId?: string;
}

export interface Page {
  limit: number;
  after?: { occurredFrom: Date; id: string };
}
