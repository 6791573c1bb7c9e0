import { Type, type TSchema } from '@sinclair/typebox';
import { ROLES } from '../core/access/roles.ts';
import { INCIDENT_LIMITS, POSITION_PRECISIONS, REVIEW_STATUSES, VISIBILITIES } from '../core/incidents/rules.ts';
import { AREA_KINDS } from '../core/areas/types.ts';
import { ORGANISATION_KINDS } from '../core/organisations/types.ts';

export const Uuid = Type.String({ format: 'uuid' });
export const StringEnum = <T extends readonly string[]>(values: T, opts: object = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    status: Type.Integer(),
    message: Type.String(),
    fields: Type.Array(Type.Object({
      field: Type.String(),
      in: Type.Optional(Type.String()),
      code: Type.String(),
      params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
      message: Type.String(),
    })),
  }),
}, { $id: 'Error', description: 'Every 4xx/5xx: a code, a message in the caller\'s language and one entry per failing field.' });

/** Standard error responses for a route; spread into `response`. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Error')]));

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

/**
 * T or null. Null comes first: the validator coerces types (query strings need it), and when it tried
 * the string branch first it turned an explicit null into "" before the null branch was reached.
 */
export const Nullable = <T extends TSchema>(t: T, opts: object = {}) => Type.Union([Type.Null(), t], opts);
const DateTime = Type.String({ format: 'date-time' });

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
  positionPrecision: Type.String(),
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
  reviewStatus: Type.String(),
  duplicateOf: Nullable(Uuid),
  visibility: Type.String(),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  personalDataRemoved: Type.Optional(Type.Array(Type.String(), { description: 'Kinds of personal data the server removed from the free text (on create).' })),
}, { $id: 'Incident' });

export const IncidentQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'Start of the period (RFC 3339 or YYYY-MM-DD), inclusive.' })),
  to: Type.Optional(Type.String({ description: 'End of the period, exclusive.' })),
  municipality: Type.Optional(Type.String({ description: 'Comma-separated municipality codes.' })),
  categories: Type.Optional(Type.String({ description: 'Comma-separated category ids (subcategories included).' })),
  organisations: Type.Optional(Type.String({ description: 'Comma-separated organisation ids.' })),
  area: Type.Optional(Uuid),
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS84).' })),
  reviewStatus: Type.Optional(Type.String({ description: `Comma-separated: ${REVIEW_STATUSES.join(', ')}.` })),
  visibility: Type.Optional(StringEnum(VISIBILITIES)),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Free text in description and place name.' })),
  mine: Type.Optional(Type.Boolean({ description: 'Only my own reports.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page.' })),
}, { additionalProperties: false });

const { limit: _limit, cursor: _cursor, ...filterProperties } = IncidentQuery.properties;
/** The selection shared by the map, the panel and the export: the list filters without paging. */
export const filterQuery = (extra: Record<string, TSchema> = {}) => Type.Object({ ...filterProperties, ...extra }, { additionalProperties: false });

export const HistoryEntry = Type.Object({
  id: Type.Integer(),
  changedAt: DateTime,
  userId: Nullable(Uuid),
  userName: Nullable(Type.String()),
  action: Type.String(),
  changes: Type.Record(Type.String(), Type.Unknown()),
});

export const Organisation = Type.Object({
  id: Uuid, municipalityId: Type.String(), name: Type.String(), shortName: Nullable(Type.String()),
  kind: Type.String(), active: Type.Boolean(),
}, { $id: 'Organisation' });
export const OrganisationCreate = Type.Object({
  municipalityId: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  shortName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  kind: StringEnum(ORGANISATION_KINDS),
}, { additionalProperties: false });
export const OrganisationPatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  shortName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  kind: Type.Optional(StringEnum(ORGANISATION_KINDS)),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });

export const UserOut = Type.Object({
  id: Uuid, municipalityId: Type.String(), organisationId: Uuid, organisationName: Type.String(), email: Type.String(),
  name: Type.String(), roles: Type.Array(Type.String()), active: Type.Boolean(), municipalities: Type.Array(Type.String()),
  lastLoginAt: Nullable(DateTime),
}, { $id: 'User' });
export const UserCreate = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  organisationId: Uuid,
  roles: Type.Array(StringEnum(ROLES), { minItems: 1, uniqueItems: true }),
  password: Type.String({ minLength: 10, maxLength: 200 }),
  municipalities: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{4}$' }), { uniqueItems: true })),
}, { additionalProperties: false });
export const UserPatch = Type.Object({
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  organisationId: Type.Optional(Uuid),
  roles: Type.Optional(Type.Array(StringEnum(ROLES), { minItems: 1, uniqueItems: true })),
  password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
  active: Type.Optional(Type.Boolean()),
  municipalities: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{4}$' }), { uniqueItems: true })),
}, { additionalProperties: false, minProperties: 1 });

export const Category = Type.Object({
  id: Uuid, municipalityId: Type.String(), parentId: Nullable(Uuid), code: Type.String(), nameSv: Type.String(),
  nameEn: Type.String(), colour: Type.String(), icon: Type.String(), sortOrder: Type.Integer(), active: Type.Boolean(),
}, { $id: 'Category' });
const Colour = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
export const CategoryCreate = Type.Object({
  municipalityId: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
  parentId: Type.Optional(Nullable(Uuid)),
  code: Type.String({ pattern: '^[a-z0-9_]+(\\.[a-z0-9_]+)*$', maxLength: 100 }),
  nameSv: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 100 }),
  colour: Colour,
  icon: Type.String({ minLength: 1, maxLength: 60 }),
  sortOrder: Type.Optional(Type.Integer()),
}, { additionalProperties: false });
export const CategoryPatch = Type.Object({
  parentId: Type.Optional(Nullable(Uuid)),
  nameSv: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  colour: Type.Optional(Colour),
  icon: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  sortOrder: Type.Optional(Type.Integer()),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });

const Geometry = Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) }, { additionalProperties: true, description: 'GeoJSON geometry in WGS84 (RFC 7946).' });
export const Area = Type.Object({
  id: Uuid, municipalityId: Type.String(), kind: Type.String(), name: Type.String(), code: Nullable(Type.String()),
  properties: Type.Record(Type.String(), Type.Unknown()), geometry: Type.Unknown(), areaKm2: Type.Number(),
}, { $id: 'Area' });
export const AreaUpload = Type.Object({
  kind: StringEnum(AREA_KINDS),
  /** A Feature, a FeatureCollection or a bare geometry. */
  geojson: Type.Object({ type: Type.String() }, { additionalProperties: true }),
  nameProperty: Type.Optional(Type.String({ maxLength: 100, description: 'Feature property holding the name (default: name/namn/NAMN).' })),
  codeProperty: Type.Optional(Type.String({ maxLength: 100 })),
  municipalityId: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
}, { additionalProperties: false });
export const AreaPatch = Type.Object({
  kind: Type.Optional(StringEnum(AREA_KINDS)),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  code: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  geometry: Type.Optional(Geometry),
}, { additionalProperties: false, minProperties: 1 });

export const Place = Type.Object({
  id: Uuid, municipalityId: Type.String(), name: Type.String(), kind: Type.String(), description: Nullable(Type.String()), geometry: Type.Unknown(),
}, { $id: 'Place' });
export const PlaceCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  geometry: Geometry,
}, { additionalProperties: false });
export const PlacePatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  geometry: Type.Optional(Geometry),
}, { additionalProperties: false, minProperties: 1 });

export const IdParams = Type.Object({ id: Uuid });
