/**
 * Importing incidents from a file (Administration → Importera): preview what was detected, import
 * with progress, list past imports, undo one, and keep mappings by name. The file travels as
 * multipart form data (field `file`) with the options as a JSON text field (`options`), both on the
 * preview and on the import, so no upload is kept on the server between the two.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IMPORT_FIELDS } from '../core/import/types.ts';
import { IMPORT_CRS } from '../core/import/crs.ts';
import { DateTime, Nullable, StringEnum, Uuid } from './common.ts';


export const ImportMappingBody = Type.Object({
  columns: Type.Partial(Type.Object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, Type.String({ maxLength: 200 })])) as Record<(typeof IMPORT_FIELDS)[number], ReturnType<typeof Type.String>>, { additionalProperties: false })),
  crs: Nullable(Type.Union(IMPORT_CRS.map((c) => Type.Literal(c)))),
  // Literals, not StringEnum: the options arrive as JSON text in a form field and are checked with Value.Check, which knows no Unsafe types.
  dateOrder: Type.Union([Type.Literal('dmy'), Type.Literal('mdy')]),
  categories: Type.Record(Type.String({ maxLength: 200 }), Nullable(Type.String({ maxLength: 50 }))),
  sheet: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false, description: 'How the columns map to fields: detected, every part overridable.' });
export type ImportMappingBody = Static<typeof ImportMappingBody>;

/** The `options` field of the multipart form (JSON). */
export const ImportOptions = Type.Object({
  municipalityId: Type.String({ pattern: '^[0-9]{4}$' }),
  /** Without it the mapping is detected from the headers. A partial mapping overrides only what it names. */
  mapping: Type.Optional(ImportMappingBody),
  sheet: Type.Optional(Type.String({ maxLength: 100 })),
  /** The organisation the rows are reported by when the file names none (default: the importer's). */
  organisationId: Type.Optional(Uuid),
  skipInvalid: Type.Optional(Type.Boolean({ description: 'Import the valid rows and reject the others, instead of all or nothing.' })),
}, { additionalProperties: false });
export type ImportOptions = Static<typeof ImportOptions>;

const Message = Type.Object({ code: Type.String(), message: Type.String() });

export const ImportRowError = Type.Object({
  row: Type.Integer({ description: 'The row as numbered in the file (a spreadsheet\'s row number; for GeoJSON the feature\'s).' }),
  column: Nullable(Type.String()),
  value: Nullable(Type.String()),
  code: Type.String(),
  message: Type.String({ description: 'In the caller\'s language, naming the row, column and value.' }),
});

export const ImportPreview = Type.Object({
  fileName: Type.String(),
  format: StringEnum(['csv', 'xlsx', 'geojson'] as const),
  encoding: Nullable(Type.String()),
  delimiter: Nullable(Type.String()),
  sheet: Nullable(Type.String()),
  sheets: Type.Array(Type.String()),
  headers: Type.Array(Type.String()),
  /** The first rows as text, as the file has them. */
  sampleRows: Type.Array(Type.Array(Nullable(Type.String()))),
  rowCount: Type.Integer(),
  mapping: ImportMappingBody,
  crsSource: StringEnum(['guessed', 'given', 'none'] as const),
  crsName: Nullable(Type.String()),
  dateFormat: Nullable(Type.String()),
  unmappedHeaders: Type.Array(Type.String()),
  categoryValues: Type.Array(Type.Object({ value: Type.String(), rows: Type.Integer(), code: Nullable(Type.String()) })),
  problems: Type.Array(Message),
  /** What detection decided without blocking anything (a zone chosen by the municipality's location, X read as north). */
  notes: Type.Array(Message),
  /** Every row checked: how many would be imported, are already there, or are wrong (the first 200 errors listed). */
  valid: Type.Integer(),
  alreadyImported: Type.Integer(),
  invalid: Type.Integer(),
  errors: Type.Array(ImportRowError),
});
export type ImportPreview = Static<typeof ImportPreview>;

export const IMPORT_STATUSES = ['running', 'done', 'failed', 'undone'] as const;

export const ImportRecord = Type.Object({
  id: Uuid,
  municipalityId: Type.String(),
  fileName: Type.String(),
  format: Type.String(),
  status: StringEnum(IMPORT_STATUSES),
  createdAt: DateTime,
  createdBy: Nullable(Uuid),
  createdByName: Nullable(Type.String()),
  rowsTotal: Type.Integer(),
  rowsImported: Type.Integer(),
  rowsAlreadyImported: Type.Integer(),
  rowsRejected: Type.Integer(),
  /** While running: rows handled so far. */
  rowsDone: Type.Integer(),
  /** Rows still in the database (fewer than imported when some were deleted since). */
  incidentCount: Type.Integer(),
  /**
   * The earliest start and the latest end of those incidents (null when none is left): the web's
   * links to the import's incidents set the period to them, since the lägesbild views always filter
   * by a period (the last four weeks unless told) and imported rows are often years old.
   */
  occurredFrom: Type.Optional(Nullable(DateTime)),
  occurredTo: Type.Optional(Nullable(DateTime)),
  errors: Type.Array(ImportRowError, { description: 'A failed import: why (the first 200); with skipInvalid, the rejected rows.' }),
  undoneAt: Nullable(DateTime),
  undoneByName: Nullable(Type.String()),
});
export type ImportRecord = Static<typeof ImportRecord>;

export const ImportList = Type.Object({ items: Type.Array(ImportRecord) });

export const ImportListQuery = Type.Object({ municipalityId: Type.String({ pattern: '^[0-9]{4}$' }) }, { additionalProperties: false });

export const SavedMapping = Type.Object({
  id: Uuid,
  municipalityId: Type.String(),
  name: Type.String(),
  mapping: ImportMappingBody,
  updatedAt: DateTime,
});
export const SavedMappingList = Type.Object({ items: Type.Array(SavedMapping) });
export const SavedMappingBody = Type.Object({
  municipalityId: Type.String({ pattern: '^[0-9]{4}$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  mapping: ImportMappingBody,
}, { additionalProperties: false });
