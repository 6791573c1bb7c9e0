/**
 * The lägesbild part of the HTTP contract: what the map draws (points and clusters, grid counts,
 * hotspots, areas) and what the side panel shows, for the same filters as the incident list.
 */
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { AREA_KINDS } from '../core/areas/types.ts';
import { DateTime, Geometry, Nullable, StringEnum, Uuid } from './common.ts';
import { filterQuery } from './incidents.ts';

export const MapPointsQuery = filterQuery({ zoom: Type.Number({ minimum: 0, maximum: 24 }) });
export const MapGridQuery = filterQuery({ cellSize: Type.Number({ minimum: 10, maximum: 50_000, description: 'Cell side in metres. With a bbox, every cell it touches is counted whole, the part beyond the view too, so a cell has the same count wherever the view\'s edge falls.' }) });
export const MapHotspotsQuery = filterQuery({
  cellSize: Type.Number({ minimum: 25, maximum: 10_000, default: 250 }),
  distance: Type.Optional(Type.Number({ minimum: 25, maximum: 50_000, description: 'Neighbourhood distance in metres; twice the cell size when left out.' })),
});
export const MapAreasQuery = filterQuery({ kind: StringEnum(AREA_KINDS, { default: 'district' }) });
export const LagesbildStatsQuery = filterQuery();

const Position = Type.Tuple([Type.Number(), Type.Number()], { description: '[lon, lat] in WGS84' });

/** A single incident on the map. */
const IncidentPoint = Type.Object({
  kind: Type.Literal('incident'),
  id: Uuid,
  categoryId: Uuid,
  categoryCode: Type.Optional(Type.String()),
  colour: Type.Optional(Type.String()),
  occurredFrom: DateTime,
  reviewStatus: Type.String(),
});
/** Several incidents of one grid cell, at the mean of their positions. */
const ClusterPoint = Type.Object({
  kind: Type.Literal('cluster'),
  count: Type.Integer({ description: 'The incidents of the whole cell, also where the view\'s edge cuts it: those its cellId lists.' }),
  colour: Type.String({ description: 'The colour of the commonest category.' }),
  categoryId: Uuid,
  cellId: Type.String({ description: '<cellSize>:<col>:<row> of the SWEREF 99 TM grid with origin 0,0.' }),
});
/**
 * The properties of either kind as one object schema, `kind` telling which fields it carries, typed
 * as the union. A union in the schema made the serializer validate each feature against the first
 * kind to choose how to write it: at a street's 5,000 points, two UUID patterns and a date 5,000
 * times. Built from the kinds, so that a field added to one is written too.
 */
const eitherKind = <K extends TObject[]>(...kinds: K) => Type.Unsafe<Static<K[number]>>({
  type: 'object',
  description: kinds.map((k) => `kind ${k.properties.kind.const}: ${Object.keys(k.properties).filter((p) => p !== 'kind').join(', ')}`).join('; '),
  properties: { ...Object.assign({}, ...[...kinds].reverse().map((k) => k.properties)), kind: { type: 'string', enum: kinds.map((k) => k.properties.kind.const) } },
  required: kinds.map((k) => k.required ?? []).reduce((a, b) => a.filter((p) => b.includes(p))),
});
export const MapPoints = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({
    type: Type.Literal('Feature'),
    geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Position }),
    properties: eitherKind(IncidentPoint, ClusterPoint),
  })),
});
export type MapPoints = Static<typeof MapPoints>;
export type MapPointProperties = Static<typeof IncidentPoint> | Static<typeof ClusterPoint>;

export const MapGridCell = Type.Object({
  cellId: Type.String(), col: Type.Integer(), row: Type.Integer(), count: Type.Integer(),
  lon: Type.Number({ description: 'Mean position of the cell\'s incidents.' }), lat: Type.Number(),
});
export const MapGrid = Type.Object({ cellSize: Type.Number(), cells: Type.Array(MapGridCell) });
export type MapGrid = Static<typeof MapGrid>;

export const MapHotspotProperties = Type.Object({
  cellId: Type.String(),
  count: Type.Integer(),
  z: Type.Number({ description: 'Gi* z-score.' }),
  p: Type.Number(),
  bin: Type.Integer({ minimum: -3, maximum: 3, description: 'Confidence bin after false-discovery-rate control: ±3 = 99 %, ±2 = 95 %, ±1 = 90 %.' }),
});
export const MapHotspots = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({
    type: Type.Literal('Feature'),
    geometry: Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position)) }),
    properties: MapHotspotProperties,
  })),
  cellSize: Type.Number(),
  distance: Type.Number(),
});
export type MapHotspots = Static<typeof MapHotspots>;

export const MapAreaProperties = Type.Object({
  id: Uuid,
  name: Type.String(),
  count: Type.Integer(),
  previous: Type.Integer({ description: 'Count in the period of the same length just before.' }),
  change: Type.Integer(),
  percentChange: Nullable(Type.Number(), { description: 'null against a previous count of 0.' }),
  p: Type.Number({ description: 'Two-sided p of the change (exact Poisson test).' }),
});
export type MapAreaProperties = Static<typeof MapAreaProperties>;
export const MapAreas = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({ type: Type.Literal('Feature'), geometry: Geometry, properties: MapAreaProperties })),
});
export type MapAreas = Static<typeof MapAreas>;

/** The current count against a base window. */
export const StatsComparison = Type.Object({
  from: DateTime,
  to: DateTime,
  count: Type.Integer({ description: 'Incidents in the compared window.' }),
  change: Type.Integer({ description: 'total − count.' }),
  percentChange: Nullable(Type.Number(), { description: 'null when the compared window had 0.' }),
  p: Type.Number({ description: 'Two-sided p of the change (Poisson rate test).' }),
  rateRatio: Nullable(Type.Number()),
});
export type StatsComparison = Static<typeof StatsComparison>;

export const LagesbildStats = Type.Object({
  total: Type.Integer(),
  period: Type.Object({ from: DateTime, to: DateTime, days: Type.Integer() }),
  comparison: Type.Object({ previous: StatsComparison, lastYear: StatsComparison }),
  byCategory: Type.Array(Type.Object({
    id: Uuid, code: Type.String(), nameSv: Type.String(), nameEn: Type.String(), colour: Type.String(), parentId: Nullable(Uuid),
    count: Type.Integer(), previous: Type.Integer(), lastYear: Type.Integer(),
  })),
  byOrganisation: Type.Array(Type.Object({ id: Uuid, name: Type.String(), count: Type.Integer(), previous: Type.Integer() })),
  weekly: Type.Array(Type.Object({ weekStart: Type.String({ format: 'date', description: 'Monday, Europe/Stockholm.' }), count: Type.Integer() })),
  topPlaces: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer(), previous: Type.Integer() })),
  hourWeekday: Type.Array(Type.Array(Type.Integer()), { description: '[weekday Monday=0 … Sunday=6][hour 0…23], Europe/Stockholm local time.' }),
});
export type LagesbildStats = Static<typeof LagesbildStats>;
