/**
 * Numbers in imported files, as Swedish and English spreadsheets write them: a decimal comma or a
 * decimal point, spaces (also no-break and thin ones) between groups of three digits, a minus or
 * the typographic minus U+2212. A value with both a comma and a point, or with several of either
 * ("1,234.5", "1.234.567"), is refused rather than guessed: read one way it is a thousand times the
 * other, and a coordinate or a serial date off by that much is worse than an error. Pure.
 */
import type { Cell } from './types.ts';

export type NumberResult =
  | { ok: true; value: number }
  /** 'empty': no value; 'ambiguous': both separators, or one of them twice; 'not_a_number': anything else. */
  | { ok: false; reason: 'empty' | 'ambiguous' | 'not_a_number' };

// Spaces that separate thousands: ordinary, no-break (Excel's sv-SE), narrow no-break and thin.
const GROUP_SPACE = /[ \u00a0\u202f\u2009]/;
const GROUPED = /^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?=$|[.,eE])/;
const PLAIN = /^(\d*)(?:([.,])(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Reads a number from a cell: a number as is, a text as described above.
 * @example parseNumber('6 424 000,5') // { ok: true, value: 6424000.5 }
 * @example parseNumber('1,234.5') // { ok: false, reason: 'ambiguous' }
 */
export function parseNumber(cell: Cell): NumberResult {
  if (cell === null) return { ok: false, reason: 'empty' };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false, reason: 'not_a_number' };
  if (typeof cell !== 'string') return { ok: false, reason: 'not_a_number' };
  let s = cell.trim();
  if (s === '') return { ok: false, reason: 'empty' };
  let sign = 1;
  if (s[0] === '-' || s[0] === '\u2212') { sign = -1; s = s.slice(1); } else if (s[0] === '+') s = s.slice(1);
  const commas = s.split(',').length - 1, points = s.split('.').length - 1;
  if ((commas && points) || commas > 1 || points > 1) return /^[\d.,\s\u00a0\u202f\u2009]+$/.test(s) ? { ok: false, reason: 'ambiguous' } : { ok: false, reason: 'not_a_number' };
  const grouped = GROUPED.exec(s);
  if (grouped) s = grouped[0].replace(new RegExp(GROUP_SPACE.source, 'g'), '') + s.slice(grouped[0].length);
  const m = PLAIN.exec(s);
  if (!m || (m[1] === '' && m[3] === undefined)) return { ok: false, reason: 'not_a_number' };
  const value = sign * Number(`${m[1] || '0'}${m[3] !== undefined ? `.${m[3]}` : ''}${m[4] !== undefined ? `e${m[4]}` : ''}`);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'not_a_number' };
}
