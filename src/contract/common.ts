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
      label: Type.Optional(Type.String({ description: 'The field in words ("Datum för mötet"), when it has a name; the message begins with it.' })),
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
/**
 * An instant in an answer: a Date on the server (the domain's type), an RFC 3339 string on the wire
 * (the serialiser writes it). Requests take instants as strings and the services parse them.
 */
export const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });

/**
 * A value as JSON carries it: Dates become strings. The web app reads every answer as
 * `Wire<Static<typeof Schema>>`, so a change of the contract is a type error in the web.
 */
export type Wire<T> = T extends Date ? string
  : T extends ReadonlyArray<infer U> ? Array<Wire<U>>
  : T extends object ? { [K in keyof T]: Wire<T[K]> }
  : T;

export const IdParams = Type.Object({ id: Uuid });

/** A position: longitude and latitude in WGS84 (an optional third value is the height). */
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const geometryOf = <K extends string, C extends TSchema>(type: K, coordinates: C) =>
  Type.Object({ type: Type.Literal(type), coordinates }, { additionalProperties: false });

/** A GeoJSON geometry in WGS84 (RFC 7946), as the API sends it: one of the six kinds, exactly. */
export const Geometry = Type.Union([
  geometryOf('Point', Position),
  geometryOf('MultiPoint', Type.Array(Position)),
  geometryOf('LineString', Type.Array(Position)),
  geometryOf('MultiLineString', Type.Array(Type.Array(Position))),
  geometryOf('Polygon', Type.Array(Type.Array(Position))),
  geometryOf('MultiPolygon', Type.Array(Type.Array(Type.Array(Position)))),
], { description: 'GeoJSON geometry in WGS84 (RFC 7946).' });

/** A scalar JSON value: what a stored attribute or a changed field holds. */
export const JsonScalar = Type.Union([Type.Null(), Type.String(), Type.Number(), Type.Boolean()]);
