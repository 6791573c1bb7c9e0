import type { Static } from '@sinclair/typebox';
import type { ErrorBody } from '../../../src/contract/index.ts';
import { t } from '../i18n/index.ts';
import { session } from '../session.ts';
import { noteReached, noteUnreachable, requestStarted } from '../ui/online.ts';
import { OFFLINE_COPY_HEADER } from '../offline/protocol.ts';

/** Every 4xx/5xx answer: the contract's Error schema. */
type ErrorAnswer = Static<typeof ErrorBody>;

/** A field the server rejected: where, why (code), and a message in the user's language. */
export type FieldError = ErrorAnswer['error']['fields'][number];

/** Any non-2xx answer of the API, with the server's message and field errors. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
  }
  /** The message for one field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field || f.field.startsWith(field + '.'))?.message;
  }
}

/**
 * Thrown when the request never reached the server (offline, DNS, connection reset). Its message is
 * the user's language; the browser's own words ("Failed to fetch") stay in `cause` for a developer.
 */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(t('app.networkError'), { cause });
    this.name = 'NetworkError';
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * The one way the app talks to the server: JSON in and out, the session cookie, the CSRF token on
 * state-changing requests, the UI language in Accept-Language, and errors as ApiError.
 */
export async function request<T>(method: Method, path: string, body?: unknown, init: { headers?: Record<string, string>; signal?: AbortSignal; raw?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': document.documentElement.lang || 'sv', ...init.headers };
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  if (method !== 'GET' && session.value?.csrfToken) headers['x-csrf-token'] = session.value.csrfToken;
  let res: Response;
  const startedAt = requestStarted();
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin', signal: init.signal,
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    noteUnreachable(startedAt);
    throw new NetworkError(e);
  }
  // Any answer, even an error, shows the server can be reached (the offline banner follows reality),
  // except the service worker's stored copy given when the network failed (sw.ts marks it).
  if (res.headers.get(OFFLINE_COPY_HEADER)) noteUnreachable(startedAt); else noteReached(startedAt);
  if (res.status === 401 && !path.startsWith('/api/auth/login')) session.value = null;
  if (!res.ok) {
    // Usually the Error schema; a proxy in between may answer with anything (an HTML page, the
    // status text in English): then the message is ours, in the user's language.
    const data = (await res.json().catch(() => null)) as Partial<ErrorAnswer> | null;
    const err = data?.error;
    throw new ApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? t('app.unreadableAnswer', { status: res.status }), err?.fields ?? []);
  }
  if (init.raw) return res as unknown as T;
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await res.text()) as T;
  try {
    return (await res.json()) as T;
  } catch {
    // A cut-off or foreign answer: the parser's SyntaxError is English and says nothing to a user.
    throw new ApiError(res.status, 'unreadable_answer', t('app.unreadableAnswer', { status: res.status }));
  }
}

export const api = {
  get: <T>(path: string, init?: { headers?: Record<string, string>; signal?: AbortSignal }) => request<T>('GET', path, undefined, init),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>('PATCH', path, body, { headers }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Builds a query string from defined values (arrays joined with commas). */
export function query(params: Record<string, string | number | boolean | string[] | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
