import type { IssueCollector } from './index.ts';

/** Checks of untyped input (JSON kept as is, e.g. a narrative) that add to an IssueCollector. */

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A trimmed text of at most `max` characters ('' when absent and not required). */
export function checkText(v: unknown, field: string, max: number, issues: IssueCollector, required = false): string {
  if (v === undefined || v === null) { if (required) issues.add(field, 'required'); return ''; }
  if (typeof v !== 'string') { issues.add(field, 'type', { expected: 'text' }); return ''; }
  const t = v.trim();
  if (required && !t) issues.add(field, 'required');
  if (t.length > max) issues.add(field, 'too_long', { max });
  return t;
}
