/**
 * A GeoPackage file (OGC 12-128r18, version 1.2) written in memory with sql.js, SQLite compiled to
 * WebAssembly: Node 20 has no built-in SQLite and a native module would need a compiler wherever the
 * app is installed. This is the SQLite side of the GeoPackage export — the required tables (spatial
 * reference systems, contents, geometry columns), feature and attribute tables, and the file's
 * bytes; what goes into the layers is src/io/export/gpkg.ts's.
 *
 * No spatial index: sql.js is built without the R*Tree module, and the index is optional in the
 * standard (QGIS and GDAL read the file without one; `ogr2ogr` or QGIS can add it).
 */
import type { BindParams, Database as SqliteDatabase, SqlJsStatic, Statement } from 'sql.js';

/** "GPKG" in the SQLite header's application_id (0x47504B47). */
export const GPKG_APPLICATION_ID = 0x47504b47;
/** GeoPackage 1.2.x: read by every GDAL since 2.2 and so every QGIS in use. */
export const GPKG_USER_VERSION = 10200;

/** SWEREF 99 TM in OGC WKT 1, as GDAL writes EPSG:3006 (gdalsrsinfo -o wkt1 EPSG:3006). */
const SWEREF99TM_WKT = 'PROJCS["SWEREF99 TM",GEOGCS["SWEREF99",DATUM["SWEREF99",SPHEROID["GRS 1980",6378137,298.257222101,'
  + 'AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6619"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
  + 'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4619"]],PROJECTION["Transverse_Mercator"],'
  + 'PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",15],PARAMETER["scale_factor",0.9996],'
  + 'PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],'
  + 'AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","3006"]]';
const WGS84_WKT = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
  + 'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,'
  + 'AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

/** The rows every GeoPackage must have (-1, 0, 4326: requirement 11) and SWEREF 99 TM, the layers' system. */
const SPATIAL_REF_SYS: Array<[string, number, string, number, string, string]> = [
  ['Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'],
  ['Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'],
  ['WGS 84 geodetic', 4326, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid'],
  ['SWEREF99 TM', 3006, 'EPSG', 3006, SWEREF99TM_WKT, 'SWEREF 99 TM, the Swedish national grid, in metres'],
];

/** The tables of the standard (Annex C), as the validator compares them column by column. */
const SCHEMA = [
  `CREATE TABLE gpkg_spatial_ref_sys (
     srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
     organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`,
  `CREATE TABLE gpkg_contents (
     table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
     last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
     CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`,
  `CREATE TABLE gpkg_geometry_columns (
     table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
     z TINYINT NOT NULL, m TINYINT NOT NULL,
     CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
     CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
     CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`,
];

/** Column types of the standard's table 1 that the export uses. BOOLEAN is 0/1, DATETIME ISO 8601 UTC text. */
export type GpkgColumnType = 'TEXT' | 'INTEGER' | 'REAL' | 'BOOLEAN' | 'DATETIME' | 'DATE';
export type GpkgGeometryType = 'POINT' | 'POLYGON' | 'MULTIPOLYGON' | 'GEOMETRY';
export type GpkgValue = string | number | boolean | null;

export interface GpkgColumn { name: string; type: GpkgColumnType }

interface TableDefinition {
  /** Lower-case letters, digits and _: the name QGIS lists. */
  table: string;
  /** The human-readable name in gpkg_contents. */
  identifier: string;
  description: string;
  columns: GpkgColumn[];
}

export interface FeatureTableDefinition extends TableDefinition {
  geometryType: GpkgGeometryType;
  srsId: number;
}

/** A geometry already in GeoPackageBinary, with its envelope [minX, minY, maxX, maxY] for the layer's extent. */
export interface GpkgBlob { blob: Uint8Array; envelope: [number, number, number, number] }

const NAME = /^[a-z_][a-z0-9_]*$/;
const quote = (name: string) => {
  if (!NAME.test(name)) throw new Error(`GeoPackage: "${name}" is not a plain table or column name`);
  return `"${name}"`;
};

let sqlJs: Promise<SqlJsStatic> | undefined;
/** sql.js and its WebAssembly, loaded on the first GeoPackage (not at start-up: most processes never write one). */
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= import('sql.js').then((m) => m.default()).catch((e) => { sqlJs = undefined; throw e; });
  return sqlJs;
}

const bindable = (v: GpkgValue): string | number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/** One table being filled: rows go through a prepared statement inside the file's one transaction. */
export class GpkgTable {
  private statement: Statement;
  private extent: [number, number, number, number] | null = null;
  count = 0;

  constructor(private readonly db: SqliteDatabase, readonly definition: TableDefinition, readonly geometry: boolean) {
    const names = [...(geometry ? ['geom'] : []), ...definition.columns.map((c) => c.name)].map(quote);
    this.statement = db.prepare(`INSERT INTO ${quote(definition.table)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  }

  /** A feature: its geometry (null for none) and its values in the order of the columns. */
  insert(geometry: GpkgBlob | null, values: GpkgValue[]): void {
    if (values.length !== this.definition.columns.length) throw new Error(`GeoPackage ${this.definition.table}: ${values.length} values for ${this.definition.columns.length} columns`);
    const row: BindParams = values.map(bindable);
    if (this.geometry) {
      row.unshift(geometry?.blob ?? null);
      if (geometry) {
        const [a, b, c, d] = geometry.envelope;
        const e = this.extent;
        this.extent = e ? [Math.min(e[0], a), Math.min(e[1], b), Math.max(e[2], c), Math.max(e[3], d)] : [a, b, c, d];
      }
    }
    this.statement.run(row);
    this.count++;
  }

  /** The layer's extent (null when it has no geometry) for gpkg_contents; frees the statement. */
  close(): [number, number, number, number] | null {
    this.statement.free();
    return this.extent;
  }
}

/** A GeoPackage being written in memory. */
export class GeoPackageWriter {
  private readonly tables: GpkgTable[] = [];
  private closed = false;

  private constructor(private readonly db: SqliteDatabase) {}

  static async create(): Promise<GeoPackageWriter> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    try {
      db.run(`PRAGMA application_id = ${GPKG_APPLICATION_ID}`);
      db.run(`PRAGMA user_version = ${GPKG_USER_VERSION}`);
      // The file is built in memory and handed over whole: no journal to keep.
      db.run('PRAGMA journal_mode = OFF');
      db.run('BEGIN');
      for (const ddl of SCHEMA) db.run(ddl);
      const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)');
      for (const row of SPATIAL_REF_SYS) srs.run(row);
      srs.free();
    } catch (e) {
      db.close();
      throw e;
    }
    return new GeoPackageWriter(db);
  }

  private columnsSql(columns: GpkgColumn[]): string {
    return columns.map((c) => `, ${quote(c.name)} ${c.type}`).join('');
  }

  /** A vector layer: fid, a geometry column "geom" of the type and system given, and the attributes. */
  featureTable(d: FeatureTableDefinition): GpkgTable {
    this.db.run(`CREATE TABLE ${quote(d.table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${d.geometryType}${this.columnsSql(d.columns)})`);
    this.db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, ?, ?, ?, ?)', [d.table, 'features', d.identifier, d.description, d.srsId]);
    this.db.run('INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)', [d.table, 'geom', d.geometryType, d.srsId]);
    const t = new GpkgTable(this.db, d, true);
    this.tables.push(t);
    return t;
  }

  /** A table without geometry (data_type "attributes"): QGIS opens it as a table beside the layers. */
  attributeTable(d: TableDefinition): GpkgTable {
    this.db.run(`CREATE TABLE ${quote(d.table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL${this.columnsSql(d.columns)})`);
    this.db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, ?, ?, ?)', [d.table, 'attributes', d.identifier, d.description]);
    const t = new GpkgTable(this.db, d, false);
    this.tables.push(t);
    return t;
  }

  /** Writes each layer's extent, commits and returns the file's bytes; the writer is closed after. */
  finish(): Uint8Array {
    try {
      for (const t of this.tables) {
        const extent = t.close();
        if (extent) this.db.run('UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?', [...extent, t.definition.table]);
      }
      this.db.run('COMMIT');
      return this.db.export();
    } finally {
      this.abandon();
    }
  }

  /** Drops the file unwritten (an error while the layers were filled); its memory is freed. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
