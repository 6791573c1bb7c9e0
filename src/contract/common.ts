/**
 * The HTTP contract's building blocks: the schemas every resource uses. The routes validate and
 * serialise with these (TypeBox → JSON Schema → OpenAPI); the web app imports the Static types.
 */
import { Type, type TSchema } from '@sinclair/typebox';

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

/**
 * T or null. Null comes first: the validator coerces types (query strings need it), and when it tried
 * the string branch first it turned an explicit null into "" before the null branch was reached.
 */
export const Nullable = <T extends TSchema>(t: T, opts: object = {}) => Type.Union([Type.Null(), t], opts);
export const DateTime = Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Uuid });

/** A GeoJSON geometry in WGS84 (RFC 7946), as the API sends it. */
export const Geometry = Type.Object({
  type: StringEnum(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const),
  coordinates: Type.Array(Type.Any()),
}, { additionalProperties: false, description: 'GeoJSON geometry in WGS84 (RFC 7946).' });
