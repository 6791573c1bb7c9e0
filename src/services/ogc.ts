/**
 * The OGC API – Features (issue 17 items 1–3): the collections a caller may read and their features,
 * each under the same access rules as the app. Incidents are read through the list's own path
 * (the policy's SQL predicate), so a filter counts here what it counts in
 * GET /api/incidents; places, areas, measures and an edition's hotspot layers are read as the
 * GeoPackage export reads them (export-context.ts); Polisen's events count for their municipality
 * and have no point. Every read of features is in the audit log, with its collection, query and
 * count, and the API token it came with.
 */
import type { Geometry } from 'geojson';
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import type { IncidentFilter, Page } from '../core/incidents/types.ts';
import { CRS84, envelopeOf, geometryIn, type OgcCrs } from '../core/ogc/crs.ts';
import { editionCollectionId, parseCollectionId, type CollectionKind } from '../core/ogc/collections.ts';
import type { CollectionInfo } from '../core/ogc/documents.ts';
import {
  cellPolygon, featureOf, incidentFeature, incidentKey, parseIncidentKey, parsePoliceEventId, parsePoliceEventKey, policeEventId, policeEventKey,
  type OgcFeature, type Scalar,
} from '../core/ogc/features.ts';
import { notFoundError, OgcError, type Cursor, type ItemsQuery } from '../core/ogc/query.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listAreasIn3006 } from '../db/repositories/areas.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { getIncident, listIncidents } from '../db/repositories/incidents.ts';
import { listMeasuresIn3006 } from '../db/repositories/measures.ts';
import {
  countPoliceEventSelection, firstIncidentTime, getPoliceEventRow, incidentKeysBefore, municipalitiesExtent, policeEventPage, policeEventTimeRange,
  type PoliceEventFeatureRow, type PoliceEventSelection,
} from '../db/repositories/ogc.ts';
import { listPlacesIn3006 } from '../db/repositories/places.ts';
import { rollupSource, sqlSource } from './aggregate-source.ts';
import { editionLayers } from './export-context.ts';
import { listSituationPictures } from './situation-pictures.ts';

/** Who reads, for the audit log: a session, or an API token (its id). */
export interface Reader { tokenId: string | null }

export interface FeaturePage {
  features: OgcFeature[];
  numberMatched: number;
  /** Cursors of the neighbouring pages, when there are any. */
  next: Cursor | null;
  prev: Cursor | null;
}

const TITLES: Record<Exclude<CollectionKind, 'hotspot-cells' | 'hotspot-zones'>, { title: string; description: string }> = {
  incidents: {
    title: 'Händelser / incidents',
    description: 'Rapporterade händelser som du får se, med punkt där de hände. Reported incidents you may see, each a point where it happened.',
  },
  'police-events': {
    title: 'Polisens händelser / police events',
    description: 'Polisens publicerade händelser per kommun, utan punkt (polisen anger bara kommunen). Polisen\'s published events per municipality, without a point (Polisen gives only the municipality).',
  },
  places: { title: 'Platser / places', description: 'Namngivna platser i kommunerna. Named places in the municipalities.' },
  areas: { title: 'Områden / areas', description: 'Stadsdelar, DeSO, områdesgrupper och andra områden. Districts, DeSO, area groups and other areas.' },
  measures: { title: 'Åtgärder / measures', description: 'Åtgärder vid sin plats eller sitt område. Measures at their place or area.' },
};

const MARGIN_M = 1000;

/**
 * The collections the actor may read, each with its extent (for the documents). Without `extents`
 * the extents are left empty and not queried: a request for features needs only to know that the
 * collection is there for the actor, and a GIS client pages through thousands of them.
 */
export async function listCollections(db: Database, actor: Actor, { extents = true } = {}): Promise<CollectionInfo[]> {
  const none = async () => null;
  const [box, firstIncident, policeTimes, editions] = await Promise.all([
    extents ? municipalitiesExtent(db, actor.municipalities) : none(),
    extents ? firstIncidentTime(db, actor) : none(),
    extents ? policeEventTimeRange(db, actor.municipalities) : none(),
    can(actor, 'editions.read') ? listSituationPictures(db, actor, { status: 'published' }) : { items: [] },
  ]);
  // Features lie within the municipalities, or a little outside (the boundary tolerance, a cell's edge).
  const bbox3006 = box ? [box[0] - MARGIN_M, box[1] - MARGIN_M, box[2] + MARGIN_M, box[3] + MARGIN_M] as [number, number, number, number] : null;
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  // Incidents keep coming: the interval is open at its end.
  const out: CollectionInfo[] = [
    { id: 'incidents', kind: 'incidents', ...TITLES.incidents, bbox3006, interval: [iso(firstIncident), null] },
    { id: 'police-events', kind: 'police-events', ...TITLES['police-events'], bbox3006: null, interval: [iso(policeTimes?.[0]), iso(policeTimes?.[1])] },
    { id: 'places', kind: 'places', ...TITLES.places, bbox3006, interval: null },
    { id: 'areas', kind: 'areas', ...TITLES.areas, bbox3006, interval: null },
  ];
  if (can(actor, 'measures.read')) out.push({ id: 'measures', kind: 'measures', ...TITLES.measures, bbox3006, interval: null });
  for (const e of editions.items.filter((x) => x.status === 'published')) {
    const label = `${e.title}, version ${e.version}`;
    const interval: [string, string] = [`${e.period.from}T00:00:00Z`, `${e.period.to}T23:59:59Z`];
    out.push(
      { id: editionCollectionId(e.id, 'hotspot-cells'), kind: 'hotspot-cells', title: `Hotspotceller / hotspot cells: ${label}`, description: `Hotspotrutorna i lägesbilden ${label} (${e.period.from} – ${e.period.to}), som de publicerades.`, bbox3006, interval },
      { id: editionCollectionId(e.id, 'hotspot-zones'), kind: 'hotspot-zones', title: `Hotspotzoner / hotspot zones: ${label}`, description: `Sammanhängande heta rutor i lägesbilden ${label} (${e.period.from} – ${e.period.to}), som de publicerades.`, bbox3006, interval },
    );
  }
  return out;
}

/** One collection the actor may read, or 404; with its extent only when asked for. */
export async function getCollection(db: Database, actor: Actor, id: string, options: { extents?: boolean } = {}): Promise<CollectionInfo> {
  const parsed = parseCollectionId(id);
  if (!parsed) throw notFoundError('collection', id);
  // The fixed collections need no query to be found; an edition's are looked up among the published.
  if (!options.extents && !parsed.editionId && (parsed.kind !== 'measures' || can(actor, 'measures.read'))) {
    return { id, kind: parsed.kind, ...TITLES[parsed.kind as keyof typeof TITLES], bbox3006: null, interval: null };
  }
  const found = (await listCollections(db, actor, { extents: options.extents ?? false })).find((c) => c.id === id);
  if (!found) throw notFoundError('collection', id);
  return found;
}

/** Attribute filters' municipalities, within the actor's. */
const municipalitiesIn = (actor: Actor, asked?: string[]) => (asked ? actor.municipalities.filter((m) => asked.includes(m)) : actor.municipalities);

/** The incident filter an items query stands for; null when it can match nothing (an unknown category code). */
async function incidentFilter(db: Database, actor: Actor, q: ItemsQuery): Promise<IncidentFilter | null> {
  const f: IncidentFilter = {};
  // One municipality named as such lets the database read its time index in order (keyWhere): a page
  // then costs its own rows, where over "any of the actor's" it sorts the whole selection for each page.
  const covered = municipalitiesIn(actor, q.filters.municipalityId);
  if (covered.length === 1) f.municipalities = covered;
  else if (q.filters.municipalityId) f.municipalities = q.filters.municipalityId;
  if (q.filters.organisationId) f.organisations = q.filters.organisationId;
  if (q.filters.reviewStatus) f.reviewStatus = q.filters.reviewStatus as IncidentFilter['reviewStatus'];
  if (q.filters.areaId) {
    if (q.filters.areaId.length > 1) throw new OgcError(400, 'InvalidParameterValue', 'areaId', { sv: 'areaId: ange ett område', en: 'areaId: give one area' });
    f.areaId = q.filters.areaId[0];
  }
  if (q.filters.categoryCode) {
    // A code stands for its category in every municipality, subcategories included (resolveFilter).
    const ids = (await listCategories(db, actor.municipalities)).filter((c) => q.filters.categoryCode.includes(c.code)).map((c) => c.id);
    if (!ids.length) return null;
    f.categories = ids;
  }
  if (q.bbox) {
    if (q.bboxCrs === CRS84) f.bbox = q.bbox;
    else f.bbox3006 = q.bbox;
  }
  if (q.datetime?.from) f.from = q.datetime.from;
  if (q.datetime?.to) f.to = q.datetime.to;
  return f;
}

const badCursor = () => new OgcError(400, 'InvalidParameterValue', 'cursor', {
  sv: 'cursor: sidmarkören är skadad; följ länkarna next och prev som de står', en: 'cursor: the page cursor is damaged; follow the next and prev links as they are',
});

async function incidentItems(db: Database, actor: Actor, q: ItemsQuery): Promise<FeaturePage> {
  const filter = await incidentFilter(db, actor, q);
  if (!filter) return { features: [], numberMatched: 0, next: null, prev: null };
  let after: Page['after'];
  let hasPrev = false;
  if (q.cursor) {
    const key = parseIncidentKey(q.cursor.key);
    if (!key) throw badCursor();
    if (q.cursor.direction === 'after') {
      after = key;
      hasPrev = true;
    } else {
      const keys = await incidentKeysBefore(db, actor, filter, key, q.limit + 1);
      if (keys.length > q.limit) { after = keys[q.limit]; hasPrev = true; }
    }
  }
  // The rollups count what they can (whole days, no area): the same numbers as counting the rows, cheaply at a million.
  const counter = filter.bbox3006 ? sqlSource(db, actor, filter) : rollupSource(db, actor, filter);
  // Read without the list's own audit entry: readItems logs the request once, as ogc.read.
  const [page, numberMatched] = await Promise.all([listIncidents(db, actor, filter, { limit: q.limit, after }), counter.count()]);
  const first = page.items[0], last = page.items[page.items.length - 1];
  return {
    features: page.items.map((i) => incidentFeature(i, q.crs)),
    numberMatched,
    next: page.hasMore && last ? { direction: 'after', key: incidentKey(last.occurredFrom, last.id) } : null,
    prev: hasPrev && first ? { direction: 'before', key: incidentKey(first.occurredFrom, first.id) } : null,
  };
}

const iso = (d: Date) => d.toISOString();
const policeProperties = (e: PoliceEventFeatureRow): Record<string, Scalar> => ({
  municipalityId: e.municipalityId, publishedAt: iso(e.publishedAt), type: e.type, name: e.name, summary: e.summary, url: e.url, locationName: e.locationName,
});

async function policeItems(db: Database, actor: Actor, q: ItemsQuery): Promise<FeaturePage> {
  if (q.bbox) return { features: [], numberMatched: 0, next: null, prev: null }; // no event has a geometry a box could meet
  const s: PoliceEventSelection = { municipalities: municipalitiesIn(actor, q.filters.municipalityId), types: q.filters.type, from: q.datetime?.from, to: q.datetime?.to };
  let cursor: { direction: 'after' | 'before'; key: { publishedAt: Date; municipalityId: string; id: number } } | undefined;
  if (q.cursor) {
    const key = parsePoliceEventKey(q.cursor.key);
    if (!key) throw badCursor();
    cursor = { direction: q.cursor.direction, key };
  }
  const [rows, numberMatched] = await Promise.all([policeEventPage(db, s, q.limit, cursor), countPoliceEventSelection(db, s)]);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (cursor?.direction === 'before') page.reverse();
  const keyOf = (e: PoliceEventFeatureRow) => policeEventKey(e.publishedAt, e.municipalityId, e.id);
  const first = page[0], last = page[page.length - 1];
  const backwards = cursor?.direction === 'before';
  return {
    features: page.map((e) => featureOf(policeEventId(e.municipalityId, e.id), null, policeProperties(e), q.crs)),
    numberMatched,
    next: last && (backwards || more) ? { direction: 'after', key: keyOf(last) } : null,
    prev: first && (backwards ? more : !!cursor) ? { direction: 'before', key: keyOf(first) } : null,
  };
}

/** A small collection read whole (places, areas, measures, an edition's cells and zones): its rows with geometry (EPSG:3006) and properties. */
interface Row { id: string; geometry3006: Geometry | null; properties: Record<string, Scalar>; filter: Record<string, Scalar> }

async function smallCollectionRows(db: Database, actor: Actor, kind: CollectionKind, editionId?: string): Promise<Row[]> {
  switch (kind) {
    case 'places':
      return (await listPlacesIn3006(db, actor.municipalities)).map((p) => ({
        id: p.id, geometry3006: p.geometry3006, properties: { municipalityId: p.municipalityId, name: p.name, kind: p.kind, description: p.description },
        filter: { municipalityId: p.municipalityId, kind: p.kind },
      }));
    case 'areas':
      return (await listAreasIn3006(db, actor.municipalities)).map((a) => ({
        id: a.id, geometry3006: a.geometry3006, properties: { municipalityId: a.municipalityId, kind: a.kind, name: a.name, code: a.code, areaKm2: a.areaKm2 },
        filter: { municipalityId: a.municipalityId, kind: a.kind },
      }));
    case 'measures':
      // As the GeoPackage's layer: no person responsible, no working notes on a map that leaves the system.
      return (await listMeasuresIn3006(db, actor.municipalities)).map((m) => ({
        id: m.id, geometry3006: m.geometry3006,
        properties: {
          municipalityId: m.municipalityId, title: m.title, type: m.type, term: m.term, status: m.status, problem: m.problem,
          organisationId: m.organisationId, organisationName: m.organisationName, placeId: m.placeId, placeName: m.placeName,
          areaId: m.areaId, areaName: m.areaName, plannedStart: m.plannedStart, plannedEnd: m.plannedEnd, actualStart: m.actualStart,
          actualEnd: m.actualEnd, costSek: m.costSek, overdue: m.overdue,
        },
        filter: { municipalityId: m.municipalityId, status: m.status, term: m.term, organisationId: m.organisationId, placeId: m.placeId, areaId: m.areaId },
      }));
    case 'hotspot-cells':
    case 'hotspot-zones': {
      const { layers } = await editionLayers(db, actor, editionId!);
      if (kind === 'hotspot-cells') {
        return layers.cells.map((c) => ({
          id: c.cellId, geometry3006: cellPolygon(c.col, c.row, layers.cellSize),
          properties: { cellId: c.cellId, col: c.col, row: c.row, count: c.count, z: c.z, p: c.p, bin: c.bin, emerging: c.emerging, placeName: c.placeName },
          filter: { bin: String(c.bin) },
        }));
      }
      return layers.zones.map((z) => ({
        id: z.id, geometry3006: z.outline,
        properties: {
          cells: z.cellIds.length, count: z.count, peakCellId: z.peakCellId, maxZ: z.maxZ, bin: z.bin, emerging: z.emerging,
          placeName: z.placeName, placeNames: z.placeNames.join(', ') || null,
        },
        filter: {},
      }));
    }
    default:
      throw new Error(`not a small collection: ${kind}`);
  }
}

/** Whether a row's geometry meets the box (by its envelope, in the box's own system). */
function inBox(row: Row, box: [number, number, number, number], crs: OgcCrs): boolean {
  if (!row.geometry3006) return false;
  const env = envelopeOf(geometryIn(crs, row.geometry3006));
  return !!env && env[0] <= box[2] && env[2] >= box[0] && env[1] <= box[3] && env[3] >= box[1];
}

function smallItems(rows: Row[], q: ItemsQuery): FeaturePage {
  const selected = rows
    .filter((r) => Object.entries(q.filters).every(([name, values]) => values.includes(String(r.filter[name]))))
    .filter((r) => !q.bbox || inBox(r, q.bbox, q.bboxCrs))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let start = 0;
  if (q.cursor) {
    const k = q.cursor.key;
    const at = selected.findIndex((r) => (q.cursor!.direction === 'after' ? r.id > k : r.id >= k));
    const edge = at < 0 ? selected.length : at;
    start = q.cursor.direction === 'after' ? edge : Math.max(0, edge - q.limit);
  }
  const page = selected.slice(start, start + q.limit);
  return {
    features: page.map((r) => featureOf(r.id, r.geometry3006, r.properties, q.crs)),
    numberMatched: selected.length,
    next: start + q.limit < selected.length && page.length ? { direction: 'after', key: page[page.length - 1].id } : null,
    prev: start > 0 && page.length ? { direction: 'before', key: page[0].id } : null,
  };
}

async function readFeaturePage(db: Database, actor: Actor, c: CollectionInfo, q: ItemsQuery): Promise<FeaturePage> {
  switch (c.kind) {
    case 'incidents': return incidentItems(db, actor, q);
    case 'police-events': return policeItems(db, actor, q);
    default: {
      const rows = await smallCollectionRows(db, actor, c.kind, parseCollectionId(c.id)?.editionId);
      return smallItems(rows.filter((r) => !('municipalityId' in r.filter) || actor.municipalities.includes(String(r.filter.municipalityId))), q);
    }
  }
}

const userIdOf = (a: Actor) => (a.userId === 'system' ? null : a.userId);

/** A page of a collection's features; logged with the collection, the query as asked and the counts. */
export async function readItems(db: Database, actor: Actor, collectionId: string, q: ItemsQuery, query: object, reader: Reader): Promise<{ collection: CollectionInfo; page: FeaturePage }> {
  const collection = await getCollection(db, actor, collectionId);
  const page = await readFeaturePage(db, actor, collection, q);
  await recordAudit(db, {
    municipalityId: actor.municipalityId, userId: userIdOf(actor), action: 'ogc.read',
    details: { collection: collectionId, query, count: page.features.length, numberMatched: page.numberMatched, ...(reader.tokenId ? { via: 'token', tokenId: reader.tokenId } : {}) },
  });
  return { collection, page };
}

/** One feature of a collection, or 404; logged like a page (an incident as the read of that report). */
export async function readItem(db: Database, actor: Actor, collectionId: string, featureId: string, crs: OgcCrs, reader: Reader): Promise<OgcFeature> {
  const collection = await getCollection(db, actor, collectionId);
  const via = reader.tokenId ? { via: 'token', tokenId: reader.tokenId } : {};
  let feature: OgcFeature | null = null;
  if (collection.kind === 'incidents') {
    const incident = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(featureId) ? await getIncident(db, actor, featureId) : null;
    if (!incident) throw notFoundError('feature', featureId);
    await recordAudit(db, { municipalityId: incident.municipalityId, userId: userIdOf(actor), action: 'incident.read', subjectType: 'incident', subjectId: featureId, details: { via: 'ogc', ...via } });
    return incidentFeature(incident, crs);
  }
  if (collection.kind === 'police-events') {
    const key = parsePoliceEventId(featureId);
    const row = key ? await getPoliceEventRow(db, actor.municipalities, key.municipalityId, key.id) : null;
    if (row) feature = featureOf(policeEventId(row.municipalityId, row.id), null, policeProperties(row), crs);
  } else {
    const rows = await smallCollectionRows(db, actor, collection.kind, parseCollectionId(collection.id)?.editionId);
    const row = rows.find((r) => r.id === featureId && (!('municipalityId' in r.filter) || actor.municipalities.includes(String(r.filter.municipalityId))));
    if (row) feature = featureOf(row.id, row.geometry3006, row.properties, crs);
  }
  if (!feature) throw notFoundError('feature', featureId);
  await recordAudit(db, { municipalityId: actor.municipalityId, userId: userIdOf(actor), action: 'ogc.read', subjectType: 'feature', subjectId: featureId, details: { collection: collectionId, count: 1, ...via } });
  return feature;
}

