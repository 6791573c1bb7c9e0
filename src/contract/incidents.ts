/** The incidents' part of the HTTP contract: what a report is, how it is made, changed, reviewed and found. */
import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { EXPORT_FORMATS } from '../core/incidents/export-formats.ts';
import { INCIDENT_LIMITS, POSITION_PRECISIONS, REVIEW_STATUSES, VISIBILITIES } from '../core/incidents/rules.ts';
import { DateTime, JsonScalar, Nullable, StringEnum, Uuid } from './common.ts';

export const Location = Type.Object({
  lon: Type.Optional(Type.Number({ description: 'WGS84 longitude' })),
  lat: Type.Optional(Type.Number({ description: 'WGS84 latitude' })),
  e: Type.Optional(Type.Number({ description: 'easting, with crs' })),
  n: Type.Optional(Type.Number({ description: 'northing, with crs' })),
  crs: Type.Optional(Type.Integer({ description: '3006 (SWEREF 99 TM) or 3007 (SWEREF 99 12 00)' })),
}, { additionalProperties: false, description: '{lon, lat} in WGS84, or {e, n, crs: 3006|3007}' });

const text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
const time = (description: string) => Type.String({ description, maxLength: 40 });

export const IncidentCreate = Type.Object({
  id: Type.Optional(Type.String({ format: 'uuid', description: 'Chosen by the client; repeating it never creates a second report.' })),
  categoryId: Uuid,
  occurredAt: Type.Optional(time('When it happened (RFC 3339).')),
  occurredFrom: Type.Optional(time('Start of the time window.')),
  occurredTo: Type.Optional(time('End of the time window.')),
  location: Location,
  positionPrecision: Type.Optional(StringEnum(POSITION_PRECISIONS)),
  precisionM: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  placeId: Type.Optional(Uuid),
  placeName: Type.Optional(text(INCIDENT_LIMITS.placeNameMax)),
  description: Type.Optional(text(INCIDENT_LIMITS.descriptionMax)),
  reportedToPolice: Type.Optional(Type.Boolean()),
  assessment: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'How unsafe it made the place feel, 1 (not) – 5 (very).' })),
  visibility: Type.Optional(StringEnum(VISIBILITIES)),
}, { additionalProperties: false });
export type IncidentCreate = Static<typeof IncidentCreate>;

export const IncidentPatch = Type.Object({
  categoryId: Type.Optional(Uuid),
  occurredAt: Type.Optional(time('When it happened (RFC 3339).')),
  occurredFrom: Type.Optional(time('Start of the time window.')),
  occurredTo: Type.Optional(time('End of the time window.')),
  location: Type.Optional(Location),
  positionPrecision: Type.Optional(StringEnum(POSITION_PRECISIONS)),
  precisionM: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  placeId: Type.Optional(Uuid),
  placeName: Type.Optional(text(INCIDENT_LIMITS.placeNameMax)),
  description: Type.Optional(text(INCIDENT_LIMITS.descriptionMax)),
  reportedToPolice: Type.Optional(Type.Boolean()),
  assessment: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  visibility: Type.Optional(StringEnum(VISIBILITIES)),
}, { additionalProperties: false, minProperties: 1 });

export const ReviewBody = Type.Object({
  status: StringEnum(REVIEW_STATUSES),
  duplicateOf: Type.Optional(Type.Union([Type.Null(), Uuid])),
  categoryId: Type.Optional(Uuid),
  visibility: Type.Optional(StringEnum(VISIBILITIES)),
}, { additionalProperties: false });
export type ReviewBody = Static<typeof ReviewBody>;

export const Incident = Type.Object({
  id: Uuid,
  municipalityId: Type.String(),
  categoryId: Uuid,
  categoryCode: Type.String(),
  categoryNameSv: Type.String(),
  categoryNameEn: Type.String(),
  categoryColour: Type.String(),
  occurredFrom: DateTime,
  occurredTo: DateTime,
  reportedAt: DateTime,
  location: Type.Object({ lon: Type.Number(), lat: Type.Number(), e: Type.Number(), n: Type.Number() }),
  positionPrecision: StringEnum(POSITION_PRECISIONS),
  precisionM: Nullable(Type.Integer()),
  placeId: Nullable(Uuid),
  placeName: Nullable(Type.String()),
  description: Nullable(Type.String()),
  organisationId: Uuid,
  organisationName: Type.String(),
  reporterId: Nullable(Uuid),
  reportedToPolice: Nullable(Type.Boolean()),
  assessment: Nullable(Type.Integer()),
  source: Type.String(),
  reviewStatus: StringEnum(REVIEW_STATUSES),
  duplicateOf: Nullable(Uuid),
  visibility: StringEnum(VISIBILITIES),
  outsideBoundaryM: Nullable(Type.Integer({ description: 'Metres outside the municipality\'s boundary, null inside: a point within the tolerance for coarse boundaries (BOUNDARY_TOLERANCE_M, default 200 m) is accepted and flagged.' })),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  externalId: Nullable(Type.String({ description: 'An imported report: the id its file gave the row.' })),
  importId: Nullable(Uuid),
  importFileName: Nullable(Type.String({ description: 'An imported report: the file it came from (provenance).' })),
  importedByName: Nullable(Type.String({ description: 'An imported report: who ran the import.' })),
  sourceSystem: Nullable(Type.String({ description: 'A tip through Open311: the system that sent it (its api_key\'s name).' })),
  sourceMediaUrl: Nullable(Type.String({ description: 'A tip through Open311: the link to a picture its sender gave (media_url).' })),
  personalDataRemoved: Type.Optional(Type.Array(Type.String(), { description: 'Kinds of personal data the server removed from the free text (on create).' })),
}, { $id: 'Incident' });
export type Incident = Static<typeof Incident>;
/** The Incident schema by reference (the app registers it once), typed as the incident it stands for. */
export const IncidentRef = Type.Unsafe<Incident>(Type.Ref('Incident'));

export const IncidentPage = Type.Object({ items: Type.Array(IncidentRef), nextCursor: Nullable(Type.String()) });
export type IncidentPage = Static<typeof IncidentPage>;

/** An incident as a GeoJSON Feature in WGS84 (RFC 7946): the location is the geometry, the other fields and e/n (SWEREF 99 TM) the properties. */
const { location: _location, personalDataRemoved: _removed, ...featureProperties } = Incident.properties;
export const IncidentFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Uuid,
  geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Tuple([Type.Number(), Type.Number()]) }),
  properties: Type.Object({ ...featureProperties, e: Type.Number(), n: Type.Number() }),
});
export const IncidentFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(IncidentFeature),
  nextCursor: Nullable(Type.String()),
});

export const Duplicates = Type.Object({ items: Type.Array(IncidentRef) });

export const IncidentQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'Start of the period, inclusive: RFC 3339, or YYYY-MM-DD for the start of that day in Swedish time (Europe/Stockholm; a time without an offset is Swedish time too).' })),
  to: Type.Optional(Type.String({ description: 'End of the period, exclusive, written as `from` (to=2026-12-03 ends at midnight in Sweden).' })),
  municipality: Type.Optional(Type.String({ description: 'Comma-separated municipality codes: the incidents, areas and hotspot grid of these only. Without it, every municipality in reach; a code outside reach gives nothing.' })),
  categories: Type.Optional(Type.String({ description: 'Comma-separated category ids (subcategories included).' })),
  organisations: Type.Optional(Type.String({ description: 'Comma-separated organisation ids.' })),
  area: Type.Optional(Uuid),
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS84).' })),
  reviewStatus: Type.Optional(Type.String({ description: `Comma-separated: ${REVIEW_STATUSES.join(', ')}.` })),
  visibility: Type.Optional(StringEnum(VISIBILITIES)),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Free text in description and place name.' })),
  mine: Type.Optional(Type.Boolean({ description: 'Only my own reports.' })),
  import: Type.Optional(Type.String({ format: 'uuid', description: 'Only the incidents of this import (GET /api/imports).' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page.' })),
}, { additionalProperties: false });
export type IncidentQuery = Static<typeof IncidentQuery>;

const { limit: _limit, cursor: _cursor, ...filterProperties } = IncidentQuery.properties;
/** The selection shared by the map, the panel and the export: the list filters without paging. */
export const filterQuery = <T extends TProperties = {}>(extra: T = {} as T) => Type.Object({ ...filterProperties, ...extra }, { additionalProperties: false });

export const ExportQuery = filterQuery({
  format: StringEnum(EXPORT_FORMATS, {
    default: 'csv',
    description: '`csv`: RFC 4180 for machines (comma, RFC 3339 UTC times, English column names, codes). '
      + '`excel`: CSV for Swedish Excel (semicolon, CRLF, UTF-8 with BOM, Europe/Stockholm times as YYYY-MM-DD HH:MM, '
      + 'Swedish column and category names, decimal commas, ja/nej). `xlsx`: an Excel workbook with the same columns, times as '
      + 'Excel dates in Swedish time, and a sheet "Urval" describing the selection. `geojson`: a FeatureCollection in WGS84. '
      + '`gpkg`: a GeoPackage in SWEREF 99 TM (EPSG:3006) with the layers handelser, platser, omraden, atgarder (for roles '
      + 'that read measures), with `edition` hotspot_celler and zoner, and the table urval.',
  }),
  edition: Type.Optional(Type.String({ format: 'uuid', description: 'format=gpkg: a lägesbild edition (GET /api/situation-pictures) whose hotspot cells and zones the file carries.' })),
});
/**
 * A download streamed in chunks: an async-iterable stream of text on the server (the selection is
 * read page by page, so memory stays bounded), one text body on the wire.
 */
export const TextDownload = (description: string) => Type.Unsafe<AsyncIterable<string>>({ type: 'string', description });
/** A binary download (a workbook, a GeoPackage): bytes on the server, one body on the wire. */
export const BinaryDownload = (description: string) => Type.Unsafe<AsyncIterable<Uint8Array>>({ type: 'string', format: 'binary', description });

const HistoryValue = Type.Union([JsonScalar, Type.Array(JsonScalar), Type.Object({ e: Type.Number(), n: Type.Number() }, { additionalProperties: false })]);

export const HistoryEntry = Type.Object({
  id: Type.Integer(),
  changedAt: DateTime,
  userId: Nullable(Uuid),
  userName: Nullable(Type.String()),
  action: StringEnum(['create', 'update', 'review'] as const),
  /**
   * Per field: the stored value on create (a scalar, or a list such as the kinds of personal data
   * removed), { from, to } on a change (a moved report: positions in SWEREF 99 TM metres).
   */
  changes: Type.Record(Type.String(), Type.Union([HistoryValue, Type.Object({ from: HistoryValue, to: HistoryValue }, { additionalProperties: false })])),
});
export type HistoryEntry = Static<typeof HistoryEntry>;

