/**
 * The backup file of `lagesbild backup` (format version 1): a logical copy of every table of the
 * database's `public` schema, the same on both engines, so a backup of the embedded database
 * restores into PostgreSQL and back.
 *
 * The file is gzip-compressed UTF-8 text, one JSON value per line (`\n`):
 *
 * 1. The header, a JSON object:
 *    `{"format":"lagesbild-backup","formatVersion":1,"app":{"name":"lagesbild","version":"0.1.0"},
 *      "createdAt":"2026-12-03T10:00:00.000Z","source":{"engine":"pglite","server":"18.3"},
 *      "migrations":[{"version":1,"name":"init","appliedAt":"2026-…"},…],
 *      "tables":[{"name":"municipalities","columns":[{"name":"id","type":"text","encoding":"text"},…],
 *                 "primaryKey":["id"],"rows":2},…],
 *      "sequences":[{"name":"audit_log_id_seq","lastValue":"41","isCalled":true},…]}`
 *    `migrations` are the rows of `schema_migrations` (the schema the rows fit); `tables` are in
 *    foreign-key dependency order (a table after the tables it refers to), each with its columns in
 *    the order the rows give them, its primary key and its number of rows; `sequences` are the
 *    schema's sequences (the `bigserial` ids) as they stood.
 * 2. For each table of the header, in its order: the line `{"table":"NAME"}`, then exactly `rows`
 *    lines, each a JSON array with one value per column: `null`, or a string in PostgreSQL's text
 *    form of the value (timestamps in UTC, ISO dates, geometry as hex EWKB with its SRID, jsonb,
 *    arrays and numerics as PostgreSQL prints them) — or, for a column whose `encoding` is
 *    `base64` (bytea: the photos), the bytes in base64. The rows are in primary-key order.
 * 3. The trailer `{"end":"lagesbild-backup","lines":N,"sha256":"HEX"}`: N lines came before it, and
 *    HEX is the SHA-256 of their bytes, each with its `\n`. A file whose trailer is missing or does
 *    not match is truncated or corrupt, and is refused before anything is written.
 *
 * `schema_migrations` is not a table section: its rows are the header's `migrations`. Tables that
 * belong to an extension (PostGIS' `spatial_ref_sys`) are not in the file.
 */
import { BackupRefusal } from './refusal.ts';

export const BACKUP_FORMAT = 'lagesbild-backup';
/** The format this build writes, and the newest it reads. */
export const BACKUP_FORMAT_VERSION = 1;

export type ValueEncoding = 'text' | 'base64';
export type RowValue = string | null;

export interface BackupColumn {
  name: string;
  /** As PostgreSQL names it (`format_type`), e.g. `geometry(MultiPolygon,3006)`; for people and checks. */
  type: string;
  encoding: ValueEncoding;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  /** Empty when the table has none (its rows are then in storage order). */
  primaryKey: string[];
  rows: number;
}

export interface BackupMigration {
  version: number;
  name: string;
  /** When the source database applied it (ISO 8601). */
  appliedAt: string;
}

export interface BackupSequence {
  name: string;
  /** A bigint, as text. */
  lastValue: string;
  isCalled: boolean;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  app: { name: string; version: string };
  createdAt: string;
  source: { engine: string; server: string };
  migrations: BackupMigration[];
  tables: BackupTable[];
  sequences: BackupSequence[];
}

export interface BackupTrailer {
  end: typeof BACKUP_FORMAT;
  lines: number;
  sha256: string;
}

export const headerLine = (h: BackupHeader): string => JSON.stringify(h);
export const tableLine = (name: string): string => JSON.stringify({ table: name });
export const rowLine = (values: readonly RowValue[]): string => JSON.stringify(values);
export const trailerLine = (t: Omit<BackupTrailer, 'end'>): string => JSON.stringify({ end: BACKUP_FORMAT, lines: t.lines, sha256: t.sha256 });

/** What a file that is not a backup gets told, with what was found instead. */
function notBackup(file: string, why: string, whyEn: string): BackupRefusal {
  return new BackupRefusal('not_backup',
    `${file} är inte en säkerhetskopia från Lägesbild (${why}). Ange en fil som lagesbild backup har skrivit.`,
    `${file} is not a Lägesbild backup (${whyEn}). Give a file written by lagesbild backup.`, { file });
}

export function corrupt(file: string, sv: string, en: string): BackupRefusal {
  return new BackupRefusal('corrupt',
    `Säkerhetskopian ${file} är skadad: ${sv}. Ingenting har ändrats; använd en annan kopia.`,
    `The backup ${file} is corrupt: ${en}. Nothing was changed; use another copy.`, { file });
}

export function truncated(file: string): BackupRefusal {
  return new BackupRefusal('truncated',
    `Säkerhetskopian ${file} är avkortad: filen tar slut innan den är färdig (kopierades den inte klart, eller blev disken full när den skrevs?). Ingenting har ändrats; använd en annan kopia.`,
    `The backup ${file} is truncated: the file ends before it is complete (was it not fully copied, or did the disk fill up while it was written?). Nothing was changed; use another copy.`, { file });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 63;

/**
 * The header of a backup, from the file's first line; refuses (not_backup, format_newer, corrupt)
 * a line that is not one.
 */
export function parseHeader(line: string, file: string): BackupHeader {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw notBackup(file, 'första raden är inte JSON', 'its first line is not JSON');
  }
  if (!isObject(v) || v.format !== BACKUP_FORMAT) throw notBackup(file, 'första raden är inte ett huvud med "format":"lagesbild-backup"', 'its first line is not a header with "format":"lagesbild-backup"');
  const fv = v.formatVersion;
  if (!Number.isInteger(fv) || (fv as number) < 1) throw corrupt(file, 'huvudet saknar formatversion', 'the header has no format version');
  if ((fv as number) > BACKUP_FORMAT_VERSION) {
    const app = isObject(v.app) && typeof v.app.version === 'string' ? v.app.version : '?';
    throw new BackupRefusal('format_newer',
      `Säkerhetskopian ${file} har formatversion ${fv} (skriven av Lägesbild ${app}); den här versionen läser till och med ${BACKUP_FORMAT_VERSION}. Uppdatera Lägesbild och återställ sedan.`,
      `The backup ${file} has format version ${fv} (written by Lägesbild ${app}); this version reads up to ${BACKUP_FORMAT_VERSION}. Upgrade Lägesbild, then restore.`,
      { file, formatVersion: fv as number });
  }
  const bad = (what: string, en: string) => corrupt(file, `huvudet är ogiltigt (${what})`, `its header is invalid (${en})`);
  if (!isObject(v.app) || typeof v.app.name !== 'string' || typeof v.app.version !== 'string') throw bad('app', 'app');
  if (typeof v.createdAt !== 'string' || Number.isNaN(Date.parse(v.createdAt))) throw bad('createdAt', 'createdAt');
  if (!isObject(v.source) || typeof v.source.engine !== 'string' || typeof v.source.server !== 'string') throw bad('source', 'source');
  if (!Array.isArray(v.migrations) || v.migrations.length === 0) throw bad('migrations saknas', 'no migrations');
  for (const m of v.migrations as unknown[]) {
    if (!isObject(m) || !Number.isInteger(m.version) || typeof m.name !== 'string' || typeof m.appliedAt !== 'string') throw bad('migrations', 'migrations');
  }
  if (!Array.isArray(v.tables)) throw bad('tables', 'tables');
  const names = new Set<string>();
  for (const t of v.tables as unknown[]) {
    if (!isObject(t) || !isName(t.name) || names.has(t.name) || !Number.isInteger(t.rows) || (t.rows as number) < 0) throw bad('tables', 'tables');
    names.add(t.name);
    if (!Array.isArray(t.columns) || t.columns.length === 0) throw bad(`kolumnerna i ${t.name}`, `the columns of ${t.name}`);
    const cols = new Set<string>();
    for (const c of t.columns as unknown[]) {
      if (!isObject(c) || !isName(c.name) || cols.has(c.name) || typeof c.type !== 'string' || (c.encoding !== 'text' && c.encoding !== 'base64')) throw bad(`kolumnerna i ${t.name}`, `the columns of ${t.name}`);
      cols.add(c.name);
    }
    if (!Array.isArray(t.primaryKey) || !(t.primaryKey as unknown[]).every((k) => typeof k === 'string' && cols.has(k))) throw bad(`primärnyckeln i ${t.name}`, `the primary key of ${t.name}`);
  }
  if (!Array.isArray(v.sequences)) throw bad('sequences', 'sequences');
  for (const s of v.sequences as unknown[]) {
    if (!isObject(s) || !isName(s.name) || typeof s.lastValue !== 'string' || !/^-?\d{1,19}$/.test(s.lastValue) || typeof s.isCalled !== 'boolean') throw bad('sequences', 'sequences');
  }
  return v as unknown as BackupHeader;
}

/** One line of a backup, as BackupReader.line understood it. */
export type BackupLine =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; table: BackupTable }
  | { kind: 'row'; table: BackupTable; values: RowValue[] }
  | { kind: 'end'; trailer: BackupTrailer };

/**
 * Reads a backup line by line and checks that it is what the format says: the header first, then
 * each table of the header in order with exactly its rows of the right width, then the trailer,
 * then nothing. Checking the trailer's SHA-256 is the caller's (it has the bytes); `checkTrailer`
 * compares. Throws BackupRefusal (not_backup, format_newer, corrupt, truncated).
 */
export class BackupReader {
  private header: BackupHeader | null = null;
  private tableIndex = -1;
  private rowsLeft = 0;
  private ended = false;
  /** Lines read before the trailer: the number the trailer must state. */
  linesBefore = 0;

  constructor(private readonly file: string) {}

  line(text: string): BackupLine {
    const lineNo = this.linesBefore + 1;
    if (this.ended) throw corrupt(this.file, `rad ${lineNo} kommer efter slutraden`, `line ${lineNo} comes after the end line`);
    if (!this.header) {
      this.header = parseHeader(text, this.file);
      this.linesBefore++;
      return { kind: 'header', header: this.header };
    }
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw corrupt(this.file, `rad ${lineNo} går inte att läsa`, `line ${lineNo} cannot be read`);
    }
    const table = this.header.tables[this.tableIndex];
    if (Array.isArray(v)) {
      if (!table || this.rowsLeft === 0) throw corrupt(this.file, `rad ${lineNo} är en rad som ingen tabell väntar på`, `line ${lineNo} is a row no table expects`);
      if (v.length !== table.columns.length || !v.every((x) => x === null || typeof x === 'string')) {
        throw corrupt(this.file, `rad ${lineNo} (i ${table.name}) har inte ${table.columns.length} värden`, `line ${lineNo} (in ${table.name}) does not have ${table.columns.length} values`);
      }
      this.rowsLeft--;
      this.linesBefore++;
      return { kind: 'row', table, values: v as RowValue[] };
    }
    if (isObject(v) && typeof v.table === 'string') {
      const next = this.header.tables[this.tableIndex + 1];
      if (this.rowsLeft > 0) throw corrupt(this.file, `${table!.name} har ${table!.rows - this.rowsLeft} rader, huvudet säger ${table!.rows}`, `${table!.name} has ${table!.rows - this.rowsLeft} rows, the header says ${table!.rows}`);
      if (!next || next.name !== v.table) throw corrupt(this.file, `rad ${lineNo} börjar tabellen ${v.table}, huvudet väntar ${next ? next.name : 'inga fler'}`, `line ${lineNo} starts table ${v.table}, the header expects ${next ? next.name : 'no more'}`);
      this.tableIndex++;
      this.rowsLeft = next.rows;
      this.linesBefore++;
      return { kind: 'table', table: next };
    }
    if (isObject(v) && v.end === BACKUP_FORMAT) {
      if (this.rowsLeft > 0 || this.tableIndex < this.header.tables.length - 1) {
        const missing = this.header.tables.slice(this.rowsLeft > 0 ? this.tableIndex : this.tableIndex + 1).map((t) => t.name).join(', ');
        throw corrupt(this.file, `slutraden kommer före alla rader (${missing})`, `the end line comes before all rows (${missing})`);
      }
      if (!Number.isInteger(v.lines) || typeof v.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(v.sha256)) throw corrupt(this.file, 'slutraden är ogiltig', 'the end line is invalid');
      this.ended = true;
      return { kind: 'end', trailer: { end: BACKUP_FORMAT, lines: v.lines as number, sha256: v.sha256 } };
    }
    throw corrupt(this.file, `rad ${lineNo} är varken en tabell, en rad eller slutraden`, `line ${lineNo} is neither a table, a row nor the end line`);
  }

  /** At the end of the file: refuses one that stopped before its trailer. */
  finish(): BackupHeader {
    if (!this.header) throw notBackup(this.file, 'filen är tom', 'the file is empty');
    if (!this.ended) throw truncated(this.file);
    return this.header;
  }
}

/** Compares the trailer with what was read: the number of lines and the SHA-256 of their bytes. */
export function checkTrailer(file: string, trailer: BackupTrailer, linesBefore: number, sha256: string): void {
  if (trailer.lines !== linesBefore || trailer.sha256 !== sha256) {
    throw corrupt(file, 'kontrollsumman (SHA-256) stämmer inte med innehållet', 'its checksum (SHA-256) does not match its content');
  }
}

/** A migration's usual name, `0009_incident_outside_boundary`. */
export const migrationLabel = (m: { version: number; name: string }): string => `${String(m.version).padStart(4, '0')}_${m.name}`;

/** Total rows of a backup, for messages. */
export const totalRows = (h: BackupHeader): number => h.tables.reduce((s, t) => s + t.rows, 0);
