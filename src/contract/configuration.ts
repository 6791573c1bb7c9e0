/** Organisations, users, categories, areas, places and municipalities: the configuration part of the HTTP contract. */
import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../core/access/roles.ts';
import { AREA_KINDS } from '../core/areas/types.ts';
import { ORGANISATION_KINDS } from '../core/organisations/types.ts';
import { DateTime, Geometry, JsonScalar, Nullable, StringEnum, Uuid } from './common.ts';
import { PersonalDataRemoved } from './privacy.ts';

const MunicipalityCode = Type.String({ pattern: '^[0-9]{4}$' });

export const Organisation = Type.Object({
  id: Uuid,
  municipalityId: Type.String({ description: 'Its home municipality, whose administrators manage it.' }),
  municipalities: Type.Array(Type.String(), { description: 'Every municipality it works in, the home first; its users report and read in each.' }),
  name: Type.String(), shortName: Nullable(Type.String()),
  kind: StringEnum(ORGANISATION_KINDS), active: Type.Boolean(),
}, { $id: 'Organisation' });
export type Organisation = Static<typeof Organisation>;
/** The shared Organisation schema by reference (registered once with the app), typed as the schema itself. */
export const OrganisationRef = Type.Unsafe<Organisation>(Type.Ref('Organisation'));
const WorksIn = Type.Array(MunicipalityCode, { maxItems: 290, uniqueItems: true, description: 'Further municipalities it works in (the police area), among the caller\'s.' });
export const OrganisationCreate = Type.Object({
  municipalityId: Type.Optional(MunicipalityCode),
  municipalities: Type.Optional(WorksIn),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  shortName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  kind: StringEnum(ORGANISATION_KINDS),
}, { additionalProperties: false });
export type OrganisationCreate = Static<typeof OrganisationCreate>;
export const OrganisationPatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  shortName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  kind: Type.Optional(StringEnum(ORGANISATION_KINDS)),
  active: Type.Optional(Type.Boolean()),
  municipalities: Type.Optional(WorksIn),
}, { additionalProperties: false, minProperties: 1 });
export type OrganisationPatch = Static<typeof OrganisationPatch>;

export const UserOut = Type.Object({
  id: Uuid, municipalityId: Type.String(), organisationId: Uuid, organisationName: Type.String(), email: Type.String(),
  name: Type.String(), roles: Type.Array(StringEnum(ROLES)), active: Type.Boolean(), municipalities: Type.Array(Type.String()),
  lastLoginAt: Nullable(DateTime),
}, { $id: 'User' });
export type UserOut = Static<typeof UserOut>;
export const UserRef = Type.Unsafe<UserOut>(Type.Ref('User'));
export const UserCreate = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  organisationId: Uuid,
  roles: Type.Array(StringEnum(ROLES), { minItems: 1, uniqueItems: true }),
  municipalities: Type.Optional(Type.Array(MunicipalityCode, { uniqueItems: true })),
}, { additionalProperties: false, description: 'The new user is sent an invitation by e-mail with a link to choose a password.' });
export type UserCreate = Static<typeof UserCreate>;
export const UserPatch = Type.Object({
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  organisationId: Type.Optional(Uuid),
  roles: Type.Optional(Type.Array(StringEnum(ROLES), { minItems: 1, uniqueItems: true })),
  active: Type.Optional(Type.Boolean()),
  municipalities: Type.Optional(Type.Array(MunicipalityCode, { uniqueItems: true })),
}, { additionalProperties: false, minProperties: 1 });
export type UserPatch = Static<typeof UserPatch>;

export const Category = Type.Object({
  id: Uuid, municipalityId: Type.String(), parentId: Nullable(Uuid), code: Type.String(), nameSv: Type.String(),
  nameEn: Type.String(), colour: Type.String(), icon: Type.String(), sortOrder: Type.Integer(), active: Type.Boolean(),
  openToPublic: Type.Boolean({ description: 'Takes tips from the public: a service of the Open311 server (/open311/v2/services).' }),
}, { $id: 'Category' });
export type Category = Static<typeof Category>;
export const CategoryRef = Type.Unsafe<Category>(Type.Ref('Category'));
const Colour = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
export const CategoryCreate = Type.Object({
  municipalityId: Type.Optional(MunicipalityCode),
  parentId: Type.Optional(Nullable(Uuid)),
  code: Type.String({ pattern: '^[a-z0-9_]+(\\.[a-z0-9_]+)*$', maxLength: 100 }),
  nameSv: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 100 }),
  colour: Colour,
  icon: Type.String({ minLength: 1, maxLength: 60 }),
  sortOrder: Type.Optional(Type.Integer()),
  openToPublic: Type.Optional(Type.Boolean({ description: 'Takes tips from the public (Open311); default no.' })),
}, { additionalProperties: false });
export type CategoryCreate = Static<typeof CategoryCreate>;
export const CategoryPatch = Type.Object({
  parentId: Type.Optional(Nullable(Uuid)),
  nameSv: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  colour: Type.Optional(Colour),
  icon: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  sortOrder: Type.Optional(Type.Integer()),
  active: Type.Optional(Type.Boolean()),
  openToPublic: Type.Optional(Type.Boolean({ description: 'Takes tips from the public (Open311).' })),
}, { additionalProperties: false, minProperties: 1 });
export type CategoryPatch = Static<typeof CategoryPatch>;

/** A geometry as a client sends it: checked in detail by the service, which names what is wrong. */
const GeometryInput = Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) }, { additionalProperties: true, description: 'GeoJSON geometry in WGS84 (RFC 7946).' });
export const Area = Type.Object({
  id: Uuid, municipalityId: Type.String(), kind: StringEnum(AREA_KINDS), name: Type.String(), code: Nullable(Type.String()),
  // Free-form by design: the properties of the uploaded GeoJSON feature, kept as the file had them
  // (whatever keys and JSON values the municipality's GIS wrote).
  properties: Type.Record(Type.String(), JsonScalar, { description: 'The scalar properties (attributes) of the uploaded GeoJSON feature, as they were.' }),
  geometry: Geometry, areaKm2: Type.Number(),
}, { $id: 'Area' });
export type Area = Static<typeof Area>;
export const AreaRef = Type.Unsafe<Area>(Type.Ref('Area'));
export const AreaQuery = Type.Object({ kind: Type.Optional(StringEnum(AREA_KINDS)) }, { additionalProperties: false });
export const AreaUpload = Type.Object({
  kind: StringEnum(AREA_KINDS),
  /** A Feature, a FeatureCollection or a bare geometry. */
  geojson: Type.Object({ type: Type.String() }, { additionalProperties: true }),
  nameProperty: Type.Optional(Type.String({ maxLength: 100, description: 'Feature property holding the name (default: name/namn/NAMN).' })),
  codeProperty: Type.Optional(Type.String({ maxLength: 100 })),
  municipalityId: Type.Optional(MunicipalityCode),
}, { additionalProperties: false });
export type AreaUpload = Static<typeof AreaUpload>;
export const AreaPatch = Type.Object({
  kind: Type.Optional(StringEnum(AREA_KINDS)),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  code: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  geometry: Type.Optional(GeometryInput),
}, { additionalProperties: false, minProperties: 1 });
export type AreaPatch = Static<typeof AreaPatch>;

export const Place = Type.Object({
  id: Uuid, municipalityId: Type.String(), name: Type.String(), kind: Type.String(), description: Nullable(Type.String()), geometry: Geometry,
  personalDataRemoved: PersonalDataRemoved,
}, { $id: 'Place' });
export type Place = Static<typeof Place>;
export const PlaceRef = Type.Unsafe<Place>(Type.Ref('Place'));
export const PlaceQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });
export const PlaceCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  geometry: GeometryInput,
}, { additionalProperties: false });
export type PlaceCreate = Static<typeof PlaceCreate>;
export const PlacePatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  geometry: Type.Optional(GeometryInput),
}, { additionalProperties: false, minProperties: 1 });
export type PlacePatch = Static<typeof PlacePatch>;

/** A municipality in the user's reach with its boundary, for the map's offline base layer. */
export const BuiltUpArea = Type.Object({
  code: Type.String({ description: 'SCB\'s tätort code' }),
  name: Type.String(),
  population: Type.Integer({ description: 'Inhabitants in 2020' }),
  lon: Type.Number(),
  lat: Type.Number(),
}, { additionalProperties: false });
export type BuiltUpArea = Static<typeof BuiltUpArea>;

export const Municipality = Type.Object({
  id: Type.String(),
  name: Type.String(),
  geometry: Geometry,
  builtUpAreas: Type.Array(BuiltUpArea, { description: 'SCB\'s tätorter (2020, CC0) in the municipality as points, largest first: the names on the offline base map' }),
});
export type Municipality = Static<typeof Municipality>;
