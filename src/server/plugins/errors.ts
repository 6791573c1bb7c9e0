import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_STATUS, type ErrorCode, type FieldIssue, type FieldIssueCode } from '../../core/errors/index.ts';
import { errorMessage, fieldMessage, negotiateLanguage, type Language } from '../../core/i18n/errors.ts';

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
    limit?: number; allowedValues?: unknown[]; allowedValue?: unknown;
  };
}

/** "/features/3/geometry" → "features[3].geometry" */
function pathOf(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (extra) parts.push(extra);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || 'body';
}

/** Maps JSON-schema (Ajv) errors to our field issues, one per field. */
export function issuesFromAjv(errors: AjvError[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let field = pathOf(e.instancePath);
    let code: FieldIssueCode;
    let params: Record<string, string | number> | undefined;
    switch (e.keyword) {
      case 'required': field = pathOf(e.instancePath, e.params.missingProperty); code = 'required'; break;
      case 'additionalProperties': field = pathOf(e.instancePath, e.params.additionalProperty); code = 'unknown_field'; break;
      case 'type': code = 'type'; params = { expected: String(e.params.type) }; break;
      case 'format': code = 'format'; params = { format: String(e.params.format) }; break;
      case 'pattern': code = 'format'; params = { format: String(e.params.pattern) }; break;
      case 'maxLength': case 'maxItems': code = 'too_long'; params = { max: Number(e.params.limit) }; break;
      case 'minLength': case 'minItems': code = 'too_short'; params = { min: Number(e.params.limit) }; break;
      case 'minimum': case 'exclusiveMinimum': code = 'too_small'; params = { min: Number(e.params.limit) }; break;
      case 'maximum': case 'exclusiveMaximum': code = 'too_large'; params = { max: Number(e.params.limit) }; break;
      case 'enum': code = 'not_allowed_value'; params = { allowed: (e.params.allowedValues ?? []).join(', ') }; break;
      case 'const': code = 'not_allowed_value'; params = { allowed: String(e.params.allowedValue) }; break;
      default: code = 'format'; params = { format: e.keyword };
    }
    const key = `${field}|${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(params ? { field, code, params } : { field, code });
  }
  return out;
}

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
        message: errorMessage(lang, code, params),
        fields: fields.map((f) => ({ field: f.field, ...(where ? { in: where } : {}), code: f.code, ...(f.params ? { params: f.params } : {}), message: fieldMessage(lang, f) })),
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
      return sendError(reply, request, 'malformed_request', [{ field: 'body', code: 'invalid_json', params: { detail: err.message } }]);
    }
    if (err.statusCode === 429) return sendError(reply, request, 'rate_limited');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      request.log.info({ err }, 'client error');
      return sendError(reply, request, err.statusCode === 413 ? 'payload_too_large' : err.statusCode === 415 ? 'unsupported_media_type' : 'malformed_request', [], { limit: opts.bodyLimit });
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, request, 'internal');
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, request, 'not_found'));
});
