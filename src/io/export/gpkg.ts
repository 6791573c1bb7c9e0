/**
 * The selection as a GeoPackage, one file a GIS unit opens in QGIS: the incidents as points in
 * SWEREF 99 TM (EPSG:3006) with their attributes (layer `handelser`), the places (`platser`), areas
 * (`omraden`) and measures (`atgarder`) of the municipalities it covers, for a lägesbild edition its
 * hotspot cells (`hotspot_celler`) and zones (`zoner`), and the table `urval` saying what the
 * selection is. The SQLite side is src/db/geopackage.ts; this file decides what goes in.
 *
 * Attribute names are the machine CSV's (English, stable: a GIS project can join the two); times are
 * DATETIME in UTC as the standard has them, and again as Swedish local time with its offset. Text is
 * guarded against spreadsheet formulas like every export: a layer is often saved on as CSV or XLSX.
 */
import type { MultiPolygon } from 'geojson';
import type { HotspotCell, HotspotZone } from '../../core/situation-picture/content.ts';
import type { Incident } from '../../core/incidents/types.ts';
import { stockholmOffsetMinutes } from '../../core/time/index.ts';
import { GeoPackageWriter, type FeatureTableDefinition, type GpkgColumnType, type GpkgValue } from '../../db/geopackage.ts';
import type { AreaIn3006 } from '../../db/repositories/areas.ts';
import type { MeasureIn3006 } from '../../db/repositories/measures.ts';
import type { PlaceIn3006 } from '../../db/repositories/places.ts';
import { neutraliseFormula } from './formula.ts';
import { cellPolygon, encodeGpkgGeometry, encodePoint, type GpkgGeometry } from './gpkg-geometry.ts';
import { selectionRows, type SelectionFacts } from './selection.ts';

const SWEREF99TM = 3006;

const two = (n: number) => String(n).padStart(2, '0');

/** An instant as Swedish local time in ISO 8601 with its offset: 2026-12-02T21:02:15+01:00. */
export function stockholmIso(t: Date): string {
  const offset = stockholmOffsetMinutes(t.getTime());
  const local = new Date(t.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}+${two(offset / 60)}:00`;
}

const text = (v: string | null | undefined): string | null => (v === null || v === undefined ? null : neutraliseFormula(v));
const utc = (t: Date | string | null | undefined): string | null => (t === null || t === undefined ? null : t instanceof Date ? t.toISOString() : new Date(t).toISOString());
const local = (t: Date | null | undefined): string | null => (t ? stockholmIso(t) : null);

type Column<T> = [name: string, type: GpkgColumnType, value: (x: T) => GpkgValue];

/**
 * The incident layer's attributes. Every column of the machine CSV is here under its name, except
 * the coordinates (the geometry holds them); the test checks it.
 */
export const INCIDENT_COLUMNS: Array<Column<Incident>> = [
  ['id', 'TEXT', (i) => i.id],
  ['municipality', 'TEXT', (i) => i.municipalityId],
  ['occurred_from', 'DATETIME', (i) => utc(i.occurredFrom)],
  ['occurred_to', 'DATETIME', (i) => utc(i.occurredTo)],
  ['reported_at', 'DATETIME', (i) => utc(i.reportedAt)],
  ['occurred_from_local', 'TEXT', (i) => local(i.occurredFrom)],
  ['occurred_to_local', 'TEXT', (i) => local(i.occurredTo)],
  ['reported_at_local', 'TEXT', (i) => local(i.reportedAt)],
  ['category_code', 'TEXT', (i) => i.categoryCode],
  ['category', 'TEXT', (i) => text(i.categoryNameSv)],
  ['organisation_id', 'TEXT', (i) => i.organisationId],
  ['organisation', 'TEXT', (i) => text(i.organisationName)],
  ['place_id', 'TEXT', (i) => i.placeId],
  ['place_name', 'TEXT', (i) => text(i.placeName)],
  ['description', 'TEXT', (i) => text(i.description)],
  ['position_precision', 'TEXT', (i) => i.positionPrecision],
  ['precision_m', 'INTEGER', (i) => i.precisionM],
  ['reported_to_police', 'BOOLEAN', (i) => i.reportedToPolice],
  ['assessment', 'INTEGER', (i) => i.assessment],
  ['review_status', 'TEXT', (i) => i.reviewStatus],
  ['duplicate_of', 'TEXT', (i) => i.duplicateOf],
  ['visibility', 'TEXT', (i) => i.visibility],
  ['source', 'TEXT', (i) => text(i.source)],
  ['external_id', 'TEXT', (i) => text(i.externalId)],
  ['import_id', 'TEXT', (i) => i.importId],
  ['import_file', 'TEXT', (i) => text(i.importFileName)],
  ['imported_by', 'TEXT', (i) => text(i.importedByName)],
  ['outside_boundary_m', 'INTEGER', (i) => i.outsideBoundaryM],
  ['version', 'INTEGER', (i) => i.version],
  ['created_at', 'DATETIME', (i) => utc(i.createdAt)],
  ['updated_at', 'DATETIME', (i) => utc(i.updatedAt)],
];

const PLACE_COLUMNS: Array<Column<PlaceIn3006>> = [
  ['id', 'TEXT', (p) => p.id],
  ['municipality', 'TEXT', (p) => p.municipalityId],
  ['name', 'TEXT', (p) => text(p.name)],
  ['kind', 'TEXT', (p) => p.kind],
  ['description', 'TEXT', (p) => text(p.description)],
];

const AREA_COLUMNS: Array<Column<AreaIn3006>> = [
  ['id', 'TEXT', (a) => a.id],
  ['municipality', 'TEXT', (a) => a.municipalityId],
  ['kind', 'TEXT', (a) => a.kind],
  ['name', 'TEXT', (a) => text(a.name)],
  ['code', 'TEXT', (a) => text(a.code)],
  ['area_km2', 'REAL', (a) => a.areaKm2],
  // The uploaded feature's own attributes, as JSON: a GIS user can still reach the DeSO code etc.
  ['properties', 'TEXT', (a) => (Object.keys(a.properties).length ? text(JSON.stringify(a.properties)) : null)],
];

/**
 * What a map of the measures needs. The responsible person and the notes stay out: names of people
 * and working notes have no place on a map that leaves the system.
 */
const MEASURE_COLUMNS: Array<Column<MeasureIn3006>> = [
  ['id', 'TEXT', (m) => m.id],
  ['municipality', 'TEXT', (m) => m.municipalityId],
  ['title', 'TEXT', (m) => text(m.title)],
  ['type', 'TEXT', (m) => m.type],
  ['term', 'TEXT', (m) => m.term],
  ['status', 'TEXT', (m) => m.status],
  ['problem', 'TEXT', (m) => text(m.problem)],
  ['organisation', 'TEXT', (m) => text(m.organisationName)],
  ['place_id', 'TEXT', (m) => m.placeId],
  ['place_name', 'TEXT', (m) => text(m.placeName)],
  ['area_id', 'TEXT', (m) => m.areaId],
  ['area_name', 'TEXT', (m) => text(m.areaName)],
  ['planned_start', 'DATE', (m) => m.plannedStart],
  ['planned_end', 'DATE', (m) => m.plannedEnd],
  ['actual_start', 'DATE', (m) => m.actualStart],
  ['actual_end', 'DATE', (m) => m.actualEnd],
  ['cost_sek', 'REAL', (m) => m.costSek],
  ['overdue', 'BOOLEAN', (m) => m.overdue],
  ['created_at', 'DATETIME', (m) => utc(m.createdAt)],
  ['updated_at', 'DATETIME', (m) => utc(m.updatedAt)],
];

const CELL_COLUMNS: Array<Column<HotspotCell>> = [
  ['cell_id', 'TEXT', (c) => c.cellId],
  ['col', 'INTEGER', (c) => c.col],
  ['row', 'INTEGER', (c) => c.row],
  ['count', 'INTEGER', (c) => c.count],
  ['z', 'REAL', (c) => c.z],
  ['p', 'REAL', (c) => c.p],
  ['bin', 'INTEGER', (c) => c.bin],
  ['emerging', 'TEXT', (c) => c.emerging],
  ['place_name', 'TEXT', (c) => text(c.placeName)],
];

/** A hotspot zone with its outline (the union of its cells) in EPSG:3006. */
export type ZoneWithOutline = HotspotZone & { outline: MultiPolygon };

const ZONE_COLUMNS: Array<Column<ZoneWithOutline>> = [
  ['zone_id', 'TEXT', (z) => z.id],
  ['cells', 'INTEGER', (z) => z.cellIds.length],
  ['count', 'INTEGER', (z) => z.count],
  ['peak_cell_id', 'TEXT', (z) => z.peakCellId],
  ['max_z', 'REAL', (z) => z.maxZ],
  ['bin', 'INTEGER', (z) => z.bin],
  ['emerging', 'TEXT', (z) => z.emerging],
  ['place_name', 'TEXT', (z) => text(z.placeName)],
  ['place_names', 'TEXT', (z) => text(z.placeNames.join(', ') || null)],
];

export interface EditionLayers {
  /** "Lägesbild Alingsås v. 45, version 2": the layers' description in QGIS. */
  label: string;
  cellSize: number;
  cells: HotspotCell[];
  zones: ZoneWithOutline[];
}

export interface GeoPackageContent {
  incidents: AsyncIterable<Incident[]>;
  places: PlaceIn3006[];
  areas: AreaIn3006[];
  /** Null when the exporter may not read measures: the layer is left out. */
  measures: MeasureIn3006[] | null;
  edition?: EditionLayers;
  /** Asked for after the incidents are written, with their number. */
  selection: (written: number) => SelectionFacts;
}

/** Feature counts by table. */
export type LayerCounts = Record<string, number>;

const definition = <T>(table: string, identifier: string, description: string, geometryType: FeatureTableDefinition['geometryType'], columns: Array<Column<T>>): FeatureTableDefinition => ({
  table, identifier, description, geometryType, srsId: SWEREF99TM, columns: columns.map(([name, type]) => ({ name, type })),
});

const emptyToNull = (g: GpkgGeometry | null) => (!g || (g.type !== 'Point' && g.coordinates.length === 0) ? null : g);

/** Builds the file; the incidents are read page by page as they are written. */
export async function buildGeoPackage(c: GeoPackageContent): Promise<{ bytes: Uint8Array; counts: LayerCounts }> {
  const w = await GeoPackageWriter.create();
  const counts: LayerCounts = {};
  try {
    const fill = <T>(d: FeatureTableDefinition, columns: Array<Column<T>>, rows: Iterable<T>, geometry: (x: T) => GpkgGeometry | null) => {
      const t = w.featureTable(d);
      for (const row of rows) {
        const g = emptyToNull(geometry(row));
        t.insert(g ? encodeGpkgGeometry(g, SWEREF99TM) : null, columns.map(([, , get]) => get(row)));
      }
      counts[d.table] = t.count;
    };

    const incidents = w.featureTable(definition('handelser', 'Händelser', 'Rapporterade händelser i urvalet (punkter i SWEREF 99 TM)', 'POINT', INCIDENT_COLUMNS));
    for await (const page of c.incidents) {
      for (const i of page) {
        incidents.insert(encodePoint(i.location.e, i.location.n, SWEREF99TM), INCIDENT_COLUMNS.map(([, , get]) => get(i)));
      }
    }
    counts.handelser = incidents.count;

    // Places are points or outlines, measures lie at either or at an area: one layer each, of mixed type.
    fill(definition('platser', 'Platser', 'Namngivna platser i kommunerna', 'GEOMETRY', PLACE_COLUMNS), PLACE_COLUMNS, c.places, (p) => p.geometry3006);
    fill(definition('omraden', 'Områden', 'Områden i kommunerna (stadsdelar, DeSO, områdesgrupper)', 'MULTIPOLYGON', AREA_COLUMNS), AREA_COLUMNS, c.areas, (a) => a.geometry3006);
    if (c.measures) {
      fill(definition('atgarder', 'Åtgärder', 'Åtgärder vid sin plats eller sitt område', 'GEOMETRY', MEASURE_COLUMNS), MEASURE_COLUMNS, c.measures, (m) => m.geometry3006);
    }
    if (c.edition) {
      const e = c.edition;
      fill(definition('hotspot_celler', 'Hotspotceller', `Hotspotceller (${e.cellSize} m) i ${e.label}`, 'POLYGON', CELL_COLUMNS), CELL_COLUMNS, e.cells,
        (cell) => cellPolygon(cell.col * e.cellSize, cell.row * e.cellSize, e.cellSize));
      fill(definition('zoner', 'Hotspotzoner', `Hotspotzoner (sammanhängande heta celler) i ${e.label}`, 'MULTIPOLYGON', ZONE_COLUMNS), ZONE_COLUMNS, e.zones, (z) => z.outline);
    }

    const about = w.attributeTable({
      table: 'urval', identifier: 'Urval', description: 'Vad filen innehåller: period, filter, vem som exporterade och när',
      columns: [{ name: 'uppgift', type: 'TEXT' }, { name: 'varde', type: 'TEXT' }],
    });
    for (const [label, value] of selectionRows(c.selection(incidents.count))) about.insert(null, [label, text(value)]);
    return { bytes: w.finish(), counts };
  } catch (e) {
    w.abandon();
    throw e;
  }
}
