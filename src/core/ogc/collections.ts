/**
 * What the OGC API offers (issue 17 item 3): the kinds of collection, the attribute filters each
 * declares as parameters of its items operation (so GDAL and QGIS send them to the server rather
 * than filter on the client) and the properties its features carry (its queryables, Part 3). An
 * edition of the lägesbild adds two collections of its own, its hotspot cells and zones.
 */
import { REVIEW_STATUSES } from '../incidents/rules.ts';
import { MEASURE_STATUSES, MEASURE_TERMS } from '../measures/rules.ts';
import { AREA_KINDS } from '../areas/types.ts';

export type CollectionKind = 'incidents' | 'police-events' | 'places' | 'areas' | 'measures' | 'hotspot-cells' | 'hotspot-zones';

/** A property as JSON Schema describes it (queryables, the OpenAPI document). */
export interface PropertySchema {
  type: 'string' | 'number' | 'integer' | 'boolean';
  format?: 'date-time' | 'date' | 'uuid' | 'uri';
  enum?: readonly string[];
  pattern?: string;
  title: string;
}

/** An attribute filter: `name=value`, or several values separated by commas (any of them). */
export interface AttributeFilter {
  name: string;
  schema: PropertySchema;
  description: string;
}

export interface CollectionShape {
  kind: CollectionKind;
  /** Whether `datetime` applies (the features have a time) and what it is compared with. */
  time: string | null;
  geometry: 'point' | 'polygon' | 'mixed' | 'none';
  filters: AttributeFilter[];
  properties: Record<string, PropertySchema>;
}

const MUNICIPALITY: AttributeFilter = {
  name: 'municipalityId', schema: { type: 'string', pattern: '^\\d{4}$', title: 'Kommunkod / municipality code' },
  description: 'Only the features of this municipality (its four-digit code); several separated by commas.',
};
const uuid = (title: string): PropertySchema => ({ type: 'string', format: 'uuid', title });
const text = (title: string): PropertySchema => ({ type: 'string', title });
const time = (title: string): PropertySchema => ({ type: 'string', format: 'date-time', title });
const number = (title: string): PropertySchema => ({ type: 'number', title });
const integer = (title: string): PropertySchema => ({ type: 'integer', title });

export const SHAPES: Readonly<Record<CollectionKind, CollectionShape>> = {
  incidents: {
    kind: 'incidents', time: 'occurredFrom–occurredTo (the time window overlaps the asked one)', geometry: 'point',
    filters: [
      MUNICIPALITY,
      { name: 'categoryCode', schema: text('Kategori (kod) / category (code)'), description: 'The category by its code, subcategories included (e.g. skadegorelse).' },
      { name: 'organisationId', schema: uuid('Organisation'), description: 'The reporting organisation by its id.' },
      { name: 'reviewStatus', schema: { type: 'string', enum: REVIEW_STATUSES, title: 'Granskning / review status' }, description: 'The review status.' },
      { name: 'areaId', schema: uuid('Område / area'), description: 'Only incidents inside this area (an id from the collection areas).' },
    ],
    properties: {
      municipalityId: text('Kommun / municipality'), categoryCode: text('Kategori (kod) / category (code)'),
      categoryNameSv: text('Kategori / category (sv)'), categoryNameEn: text('Kategori / category (en)'),
      occurredFrom: time('Tidigast / earliest'), occurredTo: time('Senast / latest'), reportedAt: time('Rapporterad / reported'),
      positionPrecision: text('Positionens noggrannhet / precision'), precisionM: integer('Noggrannhet (m) / precision (m)'),
      placeName: text('Platsbeskrivning / place'), description: text('Beskrivning / description'),
      organisationId: uuid('Organisation'), organisationName: text('Organisation (namn) / organisation (name)'),
      reportedToPolice: { type: 'boolean', title: 'Polisanmäld / reported to the police' }, assessment: integer('Otrygghet 1–5 / unsafety 1–5'),
      source: text('Källa / source'), reviewStatus: { type: 'string', enum: REVIEW_STATUSES, title: 'Granskning / review status' },
      duplicateOf: uuid('Dubblett av / duplicate of'), visibility: text('Synlighet / visibility'),
      e: number('E (SWEREF 99 TM)'), n: number('N (SWEREF 99 TM)'),
    },
  },
  'police-events': {
    kind: 'police-events', time: 'publishedAt', geometry: 'none',
    filters: [MUNICIPALITY, { name: 'type', schema: text('Händelsetyp / event type'), description: 'Polisen\'s event type (e.g. Skadegörelse).' }],
    properties: {
      municipalityId: text('Kommun / municipality'), publishedAt: time('Publicerad / published'), type: text('Händelsetyp / event type'),
      name: text('Rubrik / title'), summary: text('Sammanfattning / summary'), url: { type: 'string', format: 'uri', title: 'Länk / link' },
      locationName: text('Kommun eller län / municipality or county'),
    },
  },
  places: {
    kind: 'places', time: null, geometry: 'mixed',
    filters: [MUNICIPALITY, { name: 'kind', schema: text('Typ / kind'), description: 'The kind of place.' }],
    properties: { municipalityId: text('Kommun / municipality'), name: text('Namn / name'), kind: text('Typ / kind'), description: text('Beskrivning / description') },
  },
  areas: {
    kind: 'areas', time: null, geometry: 'polygon',
    filters: [MUNICIPALITY, { name: 'kind', schema: { type: 'string', enum: AREA_KINDS, title: 'Typ / kind' }, description: 'The kind of area.' }],
    properties: { municipalityId: text('Kommun / municipality'), kind: text('Typ / kind'), name: text('Namn / name'), code: text('Kod / code'), areaKm2: number('Yta (km²) / area (km²)') },
  },
  measures: {
    kind: 'measures', time: null, geometry: 'mixed',
    filters: [
      MUNICIPALITY,
      { name: 'status', schema: { type: 'string', enum: MEASURE_STATUSES, title: 'Status' }, description: 'The measure\'s status.' },
      { name: 'term', schema: { type: 'string', enum: MEASURE_TERMS, title: 'Tidsperspektiv / term' }, description: 'Short or long term.' },
      { name: 'organisationId', schema: uuid('Organisation'), description: 'The responsible organisation by its id.' },
      { name: 'placeId', schema: uuid('Plats / place'), description: 'Measures at this place.' },
      { name: 'areaId', schema: uuid('Område / area'), description: 'Measures in this area.' },
    ],
    properties: {
      municipalityId: text('Kommun / municipality'), title: text('Rubrik / title'), type: text('Typ / type'), term: text('Tidsperspektiv / term'),
      status: text('Status'), problem: text('Problem'), organisationId: uuid('Organisation'), organisationName: text('Organisation (namn)'),
      placeId: uuid('Plats / place'), placeName: text('Plats (namn) / place (name)'), areaId: uuid('Område / area'), areaName: text('Område (namn) / area (name)'),
      plannedStart: { type: 'string', format: 'date', title: 'Planerad start' }, plannedEnd: { type: 'string', format: 'date', title: 'Planerat slut' },
      actualStart: { type: 'string', format: 'date', title: 'Faktisk start' }, actualEnd: { type: 'string', format: 'date', title: 'Faktiskt slut' },
      costSek: number('Kostnad (kr) / cost (SEK)'), overdue: { type: 'boolean', title: 'Försenad / overdue' },
    },
  },
  'hotspot-cells': {
    kind: 'hotspot-cells', time: null, geometry: 'polygon',
    filters: [{ name: 'bin', schema: integer('Konfidensklass / confidence bin'), description: 'The confidence bin: 3, 2, 1 hot; −1, −2, −3 cold; 0 neither.' }],
    properties: {
      cellId: text('Ruta / cell'), col: integer('Kolumn / column'), row: integer('Rad / row'), count: integer('Antal / count'),
      z: number('Gi* z'), p: number('p'), bin: integer('Konfidensklass / confidence bin'), emerging: text('Utveckling / emerging class'),
      placeName: text('Plats / place'),
    },
  },
  'hotspot-zones': {
    kind: 'hotspot-zones', time: null, geometry: 'polygon', filters: [],
    properties: {
      cells: integer('Rutor / cells'), count: integer('Antal / count'), peakCellId: text('Topp-ruta / peak cell'), maxZ: number('Högsta z / max z'),
      bin: integer('Konfidensklass / confidence bin'), emerging: text('Utveckling / emerging class'), placeName: text('Plats / place'),
      placeNames: text('Platser / places'),
    },
  },
};

/** A collection's id for an edition: its hotspot cells or zones. */
export const editionCollectionId = (editionId: string, kind: 'hotspot-cells' | 'hotspot-zones') => `edition-${editionId}-${kind === 'hotspot-cells' ? 'hotspots' : 'zones'}`;

/** The kind and edition of a collection id, or null for an id that names no collection. */
export function parseCollectionId(id: string): { kind: CollectionKind; editionId?: string } | null {
  const edition = /^edition-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(hotspots|zones)$/i.exec(id);
  if (edition) return { kind: edition[2] === 'hotspots' ? 'hotspot-cells' : 'hotspot-zones', editionId: edition[1].toLowerCase() };
  if (id === 'incidents' || id === 'police-events' || id === 'places' || id === 'areas' || id === 'measures') return { kind: id };
  return null;
}
