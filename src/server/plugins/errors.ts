import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_STATUS, type ErrorCode, type FieldIssue } from '../../core/errors/index.ts';
import { errorMessage, labelledFieldMessage, negotiateLanguage, type Language } from '../../core/i18n/errors.ts';
import { fieldLabel } from '../../core/i18n/fields.ts';
import { INSTANT_YEARS } from './input.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's language for messages (Accept-Language; Swedish by default). */
    lang: Language;
  }
}

/** The parts of an Ajv error we read; which params are present depends on the keyword. */
interface AjvError {
  instancePath: string;
  keyword: string;
  params: {
    missingProperty?: string; additionalProperty?: string; type?: string | string[]; format?: string; pattern?: string;
    limit?: number; allowedValues?: unknown[]; allowedValue?: unknown; min?: number; max?: number;
  };
}

/** "/features/3/geometry" → "features[3].geometry" */
function pathOf(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (extra) parts.push(extra);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || 'body';
}

/**
 * Maps JSON-schema (Ajv) errors to our field issues, one per field and code. A union (T or null)
 * fails in every branch: a type error of one branch is noise when another branch named what is
 * wrong with the value (its format, its length), and the types expected are merged into one issue
 * so the message can say "ange ett tal" rather than "förväntade null".
 */
export function issuesFromAjv(errors: AjvError[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  const unions: string[] = [];
  const add = (issue: FieldIssue) => {
    if (!out.some((o) => o.field === issue.field && o.code === issue.code)) out.push(issue);
  };
  for (const e of errors) {
    const field = pathOf(e.instancePath);
    switch (e.keyword) {
      case 'required': add({ field: pathOf(e.instancePath, e.params.missingProperty), code: 'required' }); break;
      case 'additionalProperties': add({ field: pathOf(e.instancePath, e.params.additionalProperty), code: 'unknown_field' }); break;
      case 'type': {
        const expected = ([] as string[]).concat(e.params.type ?? []);
        const seen = out.find((o) => o.field === field && o.code === 'type');
        if (seen) seen.params = { expected: [...new Set([...String(seen.params!.expected).split(','), ...expected])].join(',') };
        else out.push({ field, code: 'type', params: { expected: expected.join(',') } });
        break;
      }
      case 'format': add({ field, code: 'format', params: { format: String(e.params.format) } }); break;
      case 'pattern': add({ field, code: 'format', params: { format: String(e.params.pattern) } }); break;
      case 'maxLength': add({ field, code: 'too_long', params: { max: Number(e.params.limit) } }); break;
      case 'maxItems': add({ field, code: 'too_many', params: { max: Number(e.params.limit) } }); break;
      case 'minLength': add({ field, code: 'too_short', params: { min: Number(e.params.limit) } }); break;
      case 'minItems': add({ field, code: 'too_few', params: { min: Number(e.params.limit) } }); break;
      case 'minimum': case 'exclusiveMinimum': add({ field, code: 'too_small', params: { min: Number(e.params.limit) } }); break;
      case 'maximum': case 'exclusiveMaximum': add({ field, code: 'too_large', params: { max: Number(e.params.limit) } }); break;
      case 'enum': add({ field, code: 'not_allowed_value', params: { allowed: (e.params.allowedValues ?? []).join(', ') } }); break;
      case 'const': add({ field, code: 'not_allowed_value', params: { allowed: String(e.params.allowedValue) } }); break;
      case 'anyOf': case 'oneOf': unions.push(field); break;
      // The input guard's (plugins/input.ts):
      case 'invalidCharacter': add({ field, code: 'invalid_character' }); break;
      case 'notBlank': add({ field, code: 'blank' }); break;
      case 'instantRange': add({ field, code: 'date_out_of_range', params: { min: Number(e.params.min), max: Number(e.params.max) } }); break;
      case 'finite': add({ field, code: 'type', params: { expected: 'number' } }); break;
      case 'maxDepth': add({ field, code: 'too_deep', params: { max: Number(e.params.limit) } }); break;
      default: add({ field, code: 'format', params: { format: e.keyword } });
    }
  }
  // "Not null" says nothing when the value matched another branch's type and failed there.
  const issues = out.filter((o) => o.code !== 'type' || !out.some((x) => x.field === o.field && x.code !== 'type'));
  const named = (field: string) => issues.some((o) => o.field === field || o.field.startsWith(field + '.') || o.field.startsWith(field + '['));
  for (const field of new Set(unions)) if (!named(field)) issues.push({ field, code: 'format', params: { format: 'anyOf' } });
  return issues;
}

/** What PostgreSQL (and PGlite) tell about a refused statement. */
interface DatabaseError { code: string; severity?: string; column?: string; constraint?: string; table?: string; detail?: string }

const isDatabaseError = (err: unknown): err is DatabaseError => {
  const e = err as Partial<DatabaseError> | null;
  return !!e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string';
};

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The column a refusal names: itself, in its key ("Key (name)=(…)"), or in the constraint's name ("places_name_check"). */
function columnOf(err: DatabaseError): string | null {
  if (err.column) return camel(err.column);
  // A key of several columns names the municipality first and the telling column last.
  const key = /^Key \(([^)]*\)?)\)=/.exec(err.detail ?? '');
  const columns = key?.[1].split(',').map((c) => /([a-z_]+)\)?\s*$/.exec(c.trim())?.[1]).filter((c): c is string => !!c);
  if (columns?.length) return camel(columns[columns.length - 1]);
  const table = err.table ?? '';
  const c = err.constraint && table && err.constraint.startsWith(`${table}_`) ? err.constraint.slice(table.length + 1) : null;
  const m = c ? /^([a-z_]+?)(?:_(?:check|key|not_blank|length|range|idx|fkey))+$/.exec(c) : null;
  return m ? camel(m[1]) : null;
}

/**
 * The safety net under the input guard and the services: a statement the database refuses for its
 * data (class 22, data exceptions; class 23, integrity constraints) is the caller's input, so it is a
 * 4xx naming the column where the database names one, never a 500. Anything else stays a 500.
 */
export function refusalOf(err: unknown): { code: ErrorCode; fields: FieldIssue[] } | null {
  if (!isDatabaseError(err)) return null;
  const field = columnOf(err) ?? 'body';
  switch (err.code) {
    case '23505': return { code: 'conflict', fields: [{ field, code: 'taken' }] };
    case '23503': return { code: 'conflict', fields: [{ field, code: 'unknown_reference', params: { what: field } }] };
    case '23502': return { code: 'validation_failed', fields: [{ field, code: 'required' }] };
    case '23514': case '23P01': return { code: 'validation_failed', fields: [{ field, code: 'format', params: { format: err.constraint ?? err.code } }] };
    case '22P05': case '22021': return { code: 'validation_failed', fields: [{ field, code: 'invalid_character' }] };
    case '22008': case '22007': return { code: 'validation_failed', fields: [{ field, code: 'date_out_of_range', params: { min: INSTANT_YEARS.min, max: INSTANT_YEARS.max } }] };
    case '22003': case '22001': return { code: 'validation_failed', fields: [{ field, code: 'format', params: { format: err.code } }] };
  }
  if (err.code.startsWith('22') || err.code.startsWith('23')) return { code: 'validation_failed', fields: [{ field, code: 'format', params: { format: err.code } }] };
  return null;
}

/** The position a JSON parser names ("… at position 15", "… (line 1 column 16)"), counted from 1. */
function jsonErrorPosition(message: string): number | null {
  const at = /position (\d+)/.exec(message);
  return at ? Number(at[1]) + 1 : null;
}

/** Whether the request only reads: its validation errors then say "could not be fetched". */
const reads = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD';

export function sendError(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, fields: FieldIssue[] = [], params: Record<string, string | number> = {}, where?: string) {
  const lang = request.lang ?? negotiateLanguage(request.headers['accept-language']);
  const status = ERROR_STATUS[code];
  return reply
    .code(status)
    .header('content-language', lang)
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code,
        status,
        message: errorMessage(lang, code, params, { read: reads(request) }),
        fields: fields.map((f) => {
          const label = f.code === 'unknown_field' ? null : fieldLabel(lang, f.field);
          return { field: f.field, ...(where ? { in: where } : {}), code: f.code, ...(f.params ? { params: f.params } : {}), ...(label ? { label } : {}), message: labelledFieldMessage(lang, f) };
        }),
      },
    });
}

/**
 * One error handler for the whole API: domain errors, schema validation, body parsing and
 * everything unexpected become `{ error: { code, status, message, fields[] } }` in the caller's language.
 */
export const errorsPlugin = fp(async (app: FastifyInstance, opts: { bodyLimit: number }) => {
  app.decorateRequest('lang', 'sv');
  app.addHook('onRequest', async (request) => {
    request.lang = negotiateLanguage(request.headers['accept-language']);
  });

  app.setErrorHandler((err: FastifyError & { validationContext?: string }, request, reply) => {
    if (err instanceof DomainError) return sendError(reply, request, err.code, err.fields, err.params);
    if (err.validation) {
      return sendError(reply, request, 'validation_failed', issuesFromAjv(err.validation as unknown as AjvError[]), {}, err.validationContext === 'querystring' ? 'query' : err.validationContext);
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, request, 'payload_too_large', [], { limit: opts.bodyLimit });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(reply, request, 'unsupported_media_type');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, request, 'malformed_request', [{ field: 'body', code: 'required' }]);
      case 'FST_ERR_RATE_LIMIT_EXCEEDED':
        return sendError(reply, request, 'rate_limited');
    }
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      // The parser's own words are English and technical: the body says what happened in the
      // caller's language and keeps only where the parser stopped.
      const position = jsonErrorPosition(err.message);
      return sendError(reply, request, 'malformed_request', [{ field: 'body', code: 'invalid_json', ...(position ? { params: { position } } : {}) }]);
    }
    if (err.statusCode === 429) return sendError(reply, request, 'rate_limited');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      request.log.info({ err }, 'client error');
      return sendError(reply, request, err.statusCode === 413 ? 'payload_too_large' : err.statusCode === 415 ? 'unsupported_media_type' : 'malformed_request', [], { limit: opts.bodyLimit });
    }
    const refusal = refusalOf(err);
    if (refusal) {
      request.log.warn({ err }, 'input refused by the database');
      return sendError(reply, request, refusal.code, refusal.fields);
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, request, 'internal');
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, request, 'not_found'));
});
