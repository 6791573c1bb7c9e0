/**
 * Importing incidents from a municipality's own files (CSV, XLSX, GeoJSON): the shapes every layer
 * shares. A file is read into a SourceTable (src/io/import), its columns are mapped to fields
 * (detect.ts: from the headers, overridable), and each row becomes an ImportRow or a list of
 * RowErrors (rows.ts). The service stores the rows in one transaction (services/incident-import.ts).
 * Pure: no I/O.
 */

/** The fields a column can stand for. `date` + `time` are two columns; `dateTime` is one. */
export const IMPORT_FIELDS = [
  'externalId', 'dateTime', 'date', 'time', 'dateTimeTo', 'category', 'x', 'y', 'place', 'description',
  'organisation', 'reportedToPolice',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * A cell as read: text from CSV, a number or a boolean from XLSX (exceljs), null when empty. The
 * readers in src/io/import hand over an XLSX date cell as text in Swedish wall-clock time
 * ('2025-03-04 21:30', '2025-03-04', '21:30'); a Date, where one is given, is read (dates.ts) with
 * its UTC fields as the wall-clock time, as exceljs builds it — Excel has no time zone.
 */
export type Cell = string | number | boolean | Date | null;

export type SourceFormat = 'csv' | 'xlsx' | 'geojson';

/** A file read into rows and columns, before any mapping. */
export interface SourceTable {
  format: SourceFormat;
  /** The column names as written in the file (GeoJSON: the properties, then the geometry's columns). */
  headers: string[];
  /** The data rows (header excluded), each as long as `headers`. */
  rows: Cell[][];
  /** For each data row, its row (XLSX, CSV: 1-based, as a spreadsheet numbers it) or feature index (GeoJSON, 1-based). */
  rowNumbers: number[];
  /** CSV: the text encoding and field delimiter found (UTF-16 only with a byte-order mark, as Excel's "Unicode text" has). */
  encoding?: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  delimiter?: ';' | ',' | '\t';
  /** XLSX: the sheet read, and every sheet in the file. */
  sheet?: string;
  sheets?: string[];
  /** GeoJSON: the two columns the readers made of each point's geometry (x: easting or longitude). */
  coordinateColumns?: { x: string; y: string };
  /** GeoJSON: the coordinate system the file names (a legacy `crs` member); detection takes it as given. */
  crs?: ImportCrs;
  /** Rows the reader found wrong in themselves (CSV: more fields than headers); rows.ts rejects them. */
  rowErrors?: RowError[];
}

/** EPSG codes a file's coordinates may be in: WGS 84, SWEREF 99 TM and the local SWEREF 99 zones. */
export type ImportCrs = 4326 | 3006 | 3007 | 3008 | 3009 | 3010 | 3011 | 3012 | 3013 | 3014 | 3015 | 3016 | 3017 | 3018;

/** How dates written day and month in numbers are ordered (4/3/2025: 4 March in Sweden). */
export type DateOrder = 'dmy' | 'mdy';

/**
 * How a file's columns map to fields: detected from the headers and values, every part overridable
 * by the user, and saveable by name for the next file of the same kind.
 */
export interface ImportMapping {
  /** Field → the header of the column that holds it. With x/y and crs 4326, x is the longitude. */
  columns: Partial<Record<ImportField, string>>;
  crs: ImportCrs | null;
  dateOrder: DateOrder;
  /** A category value as written in the file (trimmed) → category code of the municipality, or null to reject such rows. */
  categories: Record<string, string | null>;
  /** XLSX: the sheet to read (default the first). */
  sheet?: string;
}

/** A message in the catalogue's terms: code and parameters, rendered in Swedish or English by the caller. */
export interface ImportMessage {
  code: string;
  params?: Record<string, string | number>;
}

/** What is wrong with one row: where (row as numbered in the file, column header) and what. */
export interface RowError extends ImportMessage {
  row: number;
  column: string | null;
  value: string | null;
}

/** A category of the municipality as the matcher needs it. */
export interface ImportCategory {
  code: string;
  nameSv: string;
  nameEn: string;
  active: boolean;
}

/** One row ready to store: a point in SWEREF 99 TM, a time window, a category code. */
export interface ImportRow {
  /** The row as numbered in the file (for messages and the rejected-rows file). */
  row: number;
  /** The file's own id for the row, or null. */
  externalId: string | null;
  /** 'id:<external id>' or 'fp:<hash of the row's mapped values>': a row already imported has the same key. */
  importKey: string;
  occurredFrom: Date;
  occurredTo: Date;
  categoryCode: string;
  e: number;
  n: number;
  placeName: string | null;
  description: string | null;
  /** The organisation as named in the file, matched by the service. */
  organisationName: string | null;
  reportedToPolice: boolean | null;
}

/** What detection found, for the preview and the command's first lines. */
export interface Detection {
  mapping: ImportMapping;
  /** How the coordinate system was chosen ('guessed' from the value ranges, 'given', or 'none' when it could not be). */
  crsSource: 'guessed' | 'given' | 'none';
  /** Headers no field was found for (kept, ignored). */
  unmappedHeaders: string[];
  /** Each distinct category value with its row count and matched code (null: no match). */
  categoryValues: Array<{ value: string; rows: number; code: string | null }>;
  /** A date format read from the values, as shown to the user (e.g. 'ÅÅÅÅ-MM-DD tt:mm', 'D/M/ÅÅÅÅ', 'Excel-datum'). */
  dateFormat: string | null;
  /** Problems with the file as a whole (no coordinate columns, a CRS that cannot be guessed, swapped coordinates). */
  problems: ImportMessage[];
  /** What detection chose and why, where the choice was not plain (a zone chosen by the municipality's location, X as north, day-first dates by default). */
  notes?: ImportMessage[];
}
