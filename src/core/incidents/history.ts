import type { HistoryChanges, HistoryValue } from './types.ts';

const isScalar = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function value(v: unknown): HistoryValue {
  if (isScalar(v)) return v;
  if (Array.isArray(v) && v.every(isScalar)) return v;
  if (v && typeof v === 'object' && Object.keys(v).length === 2 && typeof (v as { e?: unknown }).e === 'number' && typeof (v as { n?: unknown }).n === 'number') {
    return { e: (v as { e: number }).e, n: (v as { n: number }).n };
  }
  // A shape this version does not write (an older row, a hand-made entry): kept readable as text.
  return JSON.stringify(v ?? null);
}

/**
 * A stored change set in the shape the API promises (HistoryChanges). The history is append-only
 * and outlives versions of the code, so whatever a row holds is read back, never refused.
 */
export function historyChanges(stored: unknown): HistoryChanges {
  const out: HistoryChanges = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return out;
  for (const [k, v] of Object.entries(stored)) {
    const pair = v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 2 && 'from' in v && 'to' in v;
    out[k] = pair ? { from: value((v as { from: unknown }).from), to: value((v as { to: unknown }).to) } : value(v);
  }
  return out;
}
