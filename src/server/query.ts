import { IssueCollector } from '../core/errors/index.ts';
import { REVIEW_STATUSES, type ReviewStatus } from '../core/incidents/rules.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import { parseStockholmLocal } from '../core/time/index.ts';
import type { IncidentQuery } from '../contract/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function date(value: string | undefined, field: string, issues: IssueCollector): Date | undefined {
  if (value === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value);
  // A date (or a time without an offset) is Swedish time: from=2026-03-02 starts at midnight in
  // Sweden, as the editions' periods do, not an hour or two later at UTC midnight.
  const offset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const d = new Date(!ok ? NaN : offset ? Date.parse(value) : (parseStockholmLocal(value) ?? NaN));
  if (Number.isNaN(d.getTime())) { issues.add(field, 'format', { format: 'YYYY-MM-DD eller RFC 3339' }); return undefined; }
  return d;
}

/**
 * Turns the query string of the list, the export or a lägesbild view (each one the list's filters,
 * some with more) into a filter, naming each malformed parameter.
 */
export function parseIncidentQuery(qs: IncidentQuery, userId?: string): { filter: IncidentFilter; after?: { occurredFrom: Date; id: string } } {
  const issues = new IssueCollector();
  const filter: IncidentFilter = {};
  filter.from = date(qs.from, 'from', issues);
  filter.to = date(qs.to, 'to', issues);
  if (filter.from && filter.to && filter.to <= filter.from) issues.add('to', 'window_reversed');
  filter.municipalities = list(qs.municipality);
  if (filter.municipalities?.some((m) => !/^\d{4}$/.test(m))) issues.add('municipality', 'format', { format: 'kommunkod, t.ex. 1489' });
  for (const key of ['categories', 'organisations'] as const) {
    const ids = list(qs[key]);
    if (ids?.some((id) => !UUID.test(id))) issues.add(key, 'format', { format: 'uuid' });
    filter[key] = ids;
  }
  filter.areaId = qs.area;
  if (qs.bbox !== undefined) {
    const b = qs.bbox.split(',').map(Number);
    if (b.length !== 4 || b.some((v) => !Number.isFinite(v)) || b[0] >= b[2] || b[1] >= b[3] || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90) {
      issues.add('bbox', 'bbox_invalid');
    } else filter.bbox = b as [number, number, number, number];
  }
  const statuses = list(qs.reviewStatus);
  if (statuses?.some((s) => !(REVIEW_STATUSES as readonly string[]).includes(s))) {
    issues.add('reviewStatus', 'not_allowed_value', { allowed: REVIEW_STATUSES.join(', ') });
  } else filter.reviewStatus = statuses as ReviewStatus[] | undefined;
  filter.visibility = qs.visibility;
  filter.text = qs.q?.trim() || undefined;
  if (qs.mine && userId) filter.reporterId = userId;
  if (qs.import) filter.importId = qs.import;
  let after: { occurredFrom: Date; id: string } | undefined;
  if (qs.cursor !== undefined) {
    after = decodeCursor(qs.cursor) ?? undefined;
    if (!after) issues.add('cursor', 'invalid_cursor');
  }
  issues.throwIfAny();
  return { filter, after };
}

export function encodeCursor(occurredFrom: Date, id: string): string {
  return Buffer.from(JSON.stringify([occurredFrom.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { occurredFrom: Date; id: string } | null {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const d = new Date(t);
    if (typeof t !== 'string' || Number.isNaN(d.getTime()) || typeof id !== 'string' || !UUID.test(id)) return null;
    return { occurredFrom: d, id };
  } catch {
    return null;
  }
}
