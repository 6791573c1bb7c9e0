/**
 * The outbox's way to the server (POST /api/incidents, POST /api/incidents/:id/photos) over plain
 * fetch, so the pages and the service worker send the same way. Every answer is classified for the
 * outbox: ok, network (no connection: try again later), retry (the server or the session is the
 * problem, not the report) or rejected (the report itself was refused: the user must act).
 */
import type { FieldProblem, OutboxTransport, SendResult } from './outbox.ts';

export interface ErrorAnswer { error?: { code?: string; message?: string; fields?: Array<{ field: string; message: string }> } }

/** What the outbox does with an answer that is not 2xx. */
export function classifyAnswer(status: number, body: ErrorAnswer | null): SendResult {
  const code = body?.error?.code ?? '';
  // The server's message is in the report's language; a proxy's status text would be English: none then.
  const message = body?.error?.message ?? '';
  // Not the report's fault: the server is busy or failing, or the session has expired (401) or its
  // CSRF token is stale (a new login in another tab): it goes once the user is logged in again.
  if (status >= 500 || status === 408 || status === 429 || status === 401 || (status === 403 && code === 'csrf_failed')) {
    return { kind: 'retry', status, message };
  }
  const fields: FieldProblem[] = (body?.error?.fields ?? []).map((f) => ({ field: f.field, message: f.message }));
  return { kind: 'rejected', status, message, fields };
}

export interface HttpTransportOptions {
  fetch?: typeof fetch;
  /** The session's CSRF token (null when not known). */
  csrfToken(): Promise<string | null> | string | null;
  /** Fetches the session afresh (GET /api/me) after the server refused the token; returns the new token. */
  refreshCsrfToken(): Promise<string | null>;
  /** The UI language when the item does not say (Accept-Language for the server's messages). */
  lang?(): string;
  /** Told about every answer (the server was reached) and every network failure, with `started()`'s value for the request. */
  started?(): number;
  onReached?(startedAt?: number): void;
  onUnreachable?(startedAt?: number): void;
  /** Told when the server says the session is gone (401). */
  onUnauthorized?(): void;
}

export function createHttpTransport(o: HttpTransportOptions): OutboxTransport {
  const doFetch = o.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(path: string, body: () => BodyInit, json: boolean, lang: string | undefined): Promise<SendResult> {
    for (let round = 0; ; round++) {
      const token = round === 0 ? await o.csrfToken() : await o.refreshCsrfToken();
      const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang ?? o.lang?.() ?? 'sv' };
      if (json) headers['content-type'] = 'application/json';
      if (token) headers['x-csrf-token'] = token;
      let res: Response;
      const startedAt = o.started?.();
      try {
        res = await doFetch(path, { method: 'POST', headers, credentials: 'same-origin', body: body() });
      } catch {
        o.onUnreachable?.(startedAt);
        return { kind: 'network', message: '' }; // shown as "offline", not in the browser's wording
      }
      o.onReached?.(startedAt);
      if (res.ok) {
        const type = res.headers.get('content-type') ?? '';
        return { kind: 'ok', value: type.includes('json') ? await res.json().catch(() => null) : null };
      }
      const answer = (await res.json().catch(() => null)) as ErrorAnswer | null;
      // A stale token: fetch the session's current one and try once more straight away.
      if (round === 0 && res.status === 403 && answer?.error?.code === 'csrf_failed') continue;
      if (res.status === 401) o.onUnauthorized?.();
      return classifyAnswer(res.status, answer);
    }
  }

  return {
    postReport: (report, lang) => send('/api/incidents', () => JSON.stringify(report), true, lang),
    uploadPhoto: (reportId, photo, lang) => send(`/api/incidents/${encodeURIComponent(reportId)}/photos`, () => {
      const form = new FormData();
      form.append('photo', photo.blob, photo.name);
      return form;
    }, false, lang),
  };
}
