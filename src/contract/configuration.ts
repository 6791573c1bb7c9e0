/** Organisations, users, categories, areas and places: the configuration part of the HTTP contract. */
import { Type } from '@sinclair/typebox';
import { ROLES } from '../core/access/roles.ts';
import { AREA_KINDS } from '../core/areas/types.ts';
import { ORGANISATION_KINDS } from '../core/organisations/types.ts';
import { DateTime, Nullable, StringEnum, Uuid } from './common.ts';

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

/** A geometry as a client sends it: checked in detail by the service, which names what is wrong. */
const GeometryInput = Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) }, { additionalProperties: true, description: 'GeoJSON geometry in WGS84 (RFC 7946).' });
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
  geometry: Type.Optional(GeometryInput),
}, { additionalProperties: false, minProperties: 1 });

export const Place = Type.Object({
  id: Uuid, municipalityId: Type.String(), name: Type.String(), kind: Type.String(), description: Nullable(Type.String()), geometry: Type.Unknown(),
}, { $id: 'Place' });
export const PlaceCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  geometry: GeometryInput,
}, { additionalProperties: false });
export const PlacePatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  geometry: Type.Optional(GeometryInput),
}, { additionalProperties: false, minProperties: 1 });

