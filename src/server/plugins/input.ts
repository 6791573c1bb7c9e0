import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * The one gate every request's body, query string and path parameters pass through: Fastify's
 * schema validation. Besides the route's JSON schema it refuses, for every route at once, what a
 * schema cannot express and the database or JavaScript would choke on later (a 500 instead of a
 * 4xx naming the field):
 * - a NUL character (PostgreSQL's text cannot hold it) or a lone UTF-16 surrogate (not Unicode)
 *   in any string or object key;
 * - a string that is a date or an instant outside the years both PostgreSQL and JavaScript write
 *   as four digits (see INSTANT_YEARS);
 * - a number that is not finite: the validator coerces "Infinity", "NaN" and "1e400" to numbers;
 * - nesting deeper than MAX_DEPTH;
 * and it tightens the route schemas as it compiles them: a required text (minLength ≥ 1) must hold
 * more than white space, as the database's CHECKs demand, and an integer without bounds stays within
 * PostgreSQL's integer.
 */

/**
 * Dates are accepted from year 1000 to 8999: beyond any real record in either direction, and far
 * enough from year 0 and year 10000 that the periods' arithmetic (the year before, the weeks after,
 * Swedish time) never leaves the range PostgreSQL and JavaScript both read and write as YYYY.
 */
export const INSTANT_YEARS = { min: 1000, max: 8999 } as const;
/** Deeper than any GeoJSON (a MultiPolygon's position is 4 arrays down inside a FeatureCollection). */
export const MAX_DEPTH = 32;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** A whole string that is a date or an instant, with the year as written (ISO 8601, also the extended ±YYYYYY form). */
const DATE_LIKE = /^\s*([+-]\d{4,6}|\d{4,})-\d{1,2}-\d{1,2}(?:$|[T ]\d)/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Keys whose text is taken as typed, white space included. */
const VERBATIM_KEYS = /password|token/i;

interface GuardError { instancePath: string; keyword: string; params: Record<string, unknown>; message: string }

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Problems of a string wherever it stands (value or key). */
function stringProblem(s: string, isKey: boolean): GuardError['keyword'] | null {
  if (s.includes('\u0000') || LONE_SURROGATE.test(s)) return 'invalidCharacter';
  if (!isKey) {
    const m = DATE_LIKE.exec(s);
    if (m) {
      const year = Number(m[1]);
      if (year < INSTANT_YEARS.min || year > INSTANT_YEARS.max) return 'instantRange';
    }
  }
  return null;
}

/**
 * Walks a request part without recursion (a deep body must not overflow the stack), returning one
 * error per bad value in the validator's shape, so the errors plugin names the fields as it names
 * schema errors. `numbers` checks what the validator's coercion may have turned into a non-finite number.
 */
export function inputProblems(data: unknown, what: 'strings' | 'numbers'): GuardError[] {
  const out: GuardError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: data, path: '', depth: 0 }];
  while (stack.length && out.length < 20) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const keyword = what === 'strings' ? stringProblem(value, false) : null;
      if (keyword) out.push({ instancePath: path, keyword, params: keyword === 'instantRange' ? { min: INSTANT_YEARS.min, max: INSTANT_YEARS.max } : {}, message: keyword });
    } else if (typeof value === 'number') {
      if (what === 'numbers' && !Number.isFinite(value)) out.push({ instancePath: path, keyword: 'finite', params: {}, message: 'must be a finite number' });
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) { out.push({ instancePath: path, keyword: 'maxDepth', params: { limit: MAX_DEPTH }, message: 'too deep' }); continue; }
      for (const [key, v] of Object.entries(value)) {
        const childPath = `${path}/${escapePointer(key)}`;
        if (what === 'strings' && !Array.isArray(value) && stringProblem(key, true)) {
          out.push({ instancePath: childPath, keyword: 'invalidCharacter', params: {}, message: 'invalidCharacter' });
          continue;
        }
        stack.push({ value: v, path: childPath, depth: depth + 1 });
      }
    }
  }
  return out;
}

type Schema = Record<string, unknown>;

/**
 * A copy of a route schema with the rules every route shares: required text that is more than
 * white space (`notBlank`), integers within PostgreSQL's integer. The original stays as written
 * for the OpenAPI document.
 */
export function tightenSchema(schema: unknown, key = ''): unknown {
  if (Array.isArray(schema)) return schema.map((s) => tightenSchema(s, key));
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([name, p]) => [name, tightenSchema(p, name)]));
    } else if (k === 'default' || k === 'const' || k === 'enum' || k === 'examples') {
      out[k] = v;
    } else out[k] = tightenSchema(v, key);
  }
  if (out.type === 'string' && typeof out.minLength === 'number' && out.minLength >= 1
    && out.format === undefined && out.pattern === undefined && out.enum === undefined && out.const === undefined && !VERBATIM_KEYS.test(key)) {
    out.notBlank = true;
  }
  if (out.type === 'integer') {
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = INT_MIN;
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = INT_MAX;
  }
  return out;
}

type AjvInstance = { addKeyword(def: object): unknown };
type Validate = ((data: unknown) => boolean | Promise<unknown>) & { errors?: unknown[] | null };

/** The validator compilers for Fastify's `schemaController`: Fastify's own (Ajv), guarded as described above. */
export function guardedValidators(): NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']> {
  const pool = AjvCompiler();
  return {
    buildValidator(externalSchemas: unknown, options: { customOptions: object; plugins: unknown[] }) {
      const build = pool(externalSchemas as never, {
        ...options,
        customOptions: { ...options.customOptions, strictNumbers: true },
        onCreate(ajv: AjvInstance) {
          ajv.addKeyword({ keyword: 'notBlank', type: 'string', schemaType: 'boolean', validate: (on: boolean, data: string) => !on || /\S/.test(data) });
        },
      } as never) as (def: { schema: unknown; method: string; url: string; httpPart: string }) => Validate;
      return (def: { schema: unknown; method: string; url: string; httpPart: string }) => {
        const inner = build({ ...def, schema: tightenSchema(def.schema) });
        const guarded: Validate = (data: unknown) => {
          const before = inputProblems(data, 'strings');
          if (before.length) { guarded.errors = before; return false; }
          const ok = inner(data);
          if (!ok) { guarded.errors = inner.errors; return false; }
          const after = inputProblems(data, 'numbers');
          guarded.errors = after.length ? after : null;
          return after.length === 0;
        };
        return guarded;
      };
    },
  } as never;
}

