/**
 * Dates and times in imported files, read as Swedish wall-clock time (Europe/Stockholm) unless the
 * value carries its own offset. Accepted:
 * - ISO 8601: `2025-03-04`, `2025-03-04T21:30`, `2025-03-04 21:30:15`, `2025-03-04T21:30+01:00`, `…Z`;
 *   also `2025/03/04` and the compact `20250304`;
 * - Swedish forms: `2025-03-04 21.30`, `2025-03-04 kl 21:30`, `4/3/2025`, `4/3 2025`, `04.03.2025`,
 *   `4 mars 2025`; English `March 4, 2025` and `4 Mar 2025`, times with am/pm;
 * - times alone (a time column): `21:30`, `21.30`, `kl 21`, `2130`, `9:30 pm`;
 * - Excel serial dates (a number from 20 000 to 80 000, 1954–2119; a fraction is the time of day)
 *   and Excel time fractions (0 ≤ t < 1) in a time column;
 * - Date objects, whose UTC fields are the wall-clock time (how exceljs hands over a date cell).
 * Day and month written as numbers (4/3/2025) are ordered day first, as in Sweden, unless the values
 * show otherwise (a first number above 12) or the mapping says `mdy`. A date without a time is the
 * whole local day: [00:00, next day 00:00), 23 or 25 hours across a clock change. A wall time the
 * spring change skips is read one hour later, one the autumn change repeats as the first (summer
 * time), as src/core/time does. Pure.
 */
import { localToUtc, utcToLocal, DAY_MS } from '../time/index.ts';
import { INCIDENT_LIMITS } from '../incidents/rules.ts';
import { parseNumber } from './numbers.ts';
import type { Cell, DateOrder } from './types.ts';

export interface DayParts { y: number; mo: number; d: number }
export interface TimeParts { h: number; mi: number; s: number }

/** A date read from one cell: the day, and the time and offset when it has them. */
export interface ParsedDate {
  day: DayParts;
  time: TimeParts | null;
  /** Minutes east of UTC, when the value names its offset (ISO `+01:00`, `Z`). */
  offsetMin: number | null;
  /** How it was written, as the preview shows it ('ÅÅÅÅ-MM-DD tt:mm', 'D/M/ÅÅÅÅ', 'Excel-datum'). */
  format: string;
}

export interface ParsedTime { time: TimeParts; format: string }

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Serial numbers read as dates in a date column: 1954-10-03 to 2119-01-10. */
export const EXCEL_SERIAL_RANGE = [20_000, 80_000] as const;

const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, january: 1, feb: 2, februari: 2, february: 2, mar: 3, mars: 3, march: 3, apr: 4, april: 4,
  maj: 5, may: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7, aug: 8, augusti: 8, august: 8,
  sep: 9, sept: 9, september: 9, okt: 10, oktober: 10, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH_WORD = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
/** "4 mars 2025", "4. Mar. 2025". */
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})\\.?\\s*${MONTH_WORD}\\s+(\\d{4})(?=$|[\\s,t])`);
/** "March 4, 2025", "Mar 4th 2025". */
const MONTH_DAY_YEAR = new RegExp(`^${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?=$|[\\s,t])`);

const TIME = /^(?:kl(?:ockan)?\.?\s*)?(\d{1,2})(?:([:.])(\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?)?\s*(am|pm|a\.m\.|p\.m\.)?$/;
const TIME_COMPACT = /^(?:kl(?:ockan)?\.?\s*)?(\d{1,2})(\d{2})$/;
const OFFSET = /(z|[+-]\d{2}(?::?\d{2})?)$/;

const validDay = (y: number, mo: number, d: number) => {
  if (mo < 1 || mo > 12 || d < 1 || y < 1000 || y > 9999) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
};

/** A time of day from text: `21:30`, `21.30`, `21:30:15`, `kl 21`, `2130`, `9:30 pm`; null when it is none. */
export function parseTimeText(text: string): ParsedTime | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let m = TIME.exec(s);
  let h: number, mi = 0, sec = 0, format: string;
  const kl = s.startsWith('kl') ? 'kl ' : '';
  if (m) {
    // A bare number is an hour only after "kl" or with am/pm ("21" alone is too likely something else).
    if (m[2] === undefined && !kl && !m[5]) return null;
    h = Number(m[1]); mi = m[3] === undefined ? 0 : Number(m[3]); sec = m[4] === undefined ? 0 : Number(m[4]);
    if (m[5]) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (m[5].startsWith('p') ? 12 : 0);
    }
    const sep = m[2] ?? ':';
    format = m[2] === undefined ? `${kl}tt` : `${kl}tt${sep}mm${m[4] !== undefined ? `${sep}ss` : ''}${m[5] ? ' am/pm' : ''}`;
  } else if ((m = TIME_COMPACT.exec(s))) {
    h = Number(m[1]); mi = Number(m[2]);
    format = `${kl}ttmm`;
  } else return null;
  if (h > 23 || mi > 59 || sec > 59) return null;
  return { time: { h, mi, s: sec }, format };
}

/** Excel's serial day number (days since 1899-12-30, the fraction the time of day) as wall-clock parts. */
function fromSerial(serial: number): { day: DayParts; time: TimeParts | null } {
  const t = new Date(EXCEL_EPOCH + Math.round(serial * 86_400) * 1000);
  const day = { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() };
  const hasTime = serial % 1 !== 0;
  return { day, time: hasTime ? { h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds() } : null };
}

function fromWallDate(v: Date): { day: DayParts; time: TimeParts | null } {
  const t = new Date(Math.round(v.getTime() / 1000) * 1000);
  const time = { h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds() };
  return { day: { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() }, time: time.h || time.mi || time.s ? time : null };
}

/** 'DD' for a zero-padded number ('04'), 'D' otherwise: '4/3' and '14/3' are one format. */
const pad = (n: string) => (n.length === 2 && n[0] === '0' ? 'DD' : 'D');

interface DateHead { y: number; mo: number; d: number; format: string; rest: string; iso: boolean }

/** The date at the start of a text, and what follows it. */
function dateHead(s: string, order: DateOrder): DateHead | null {
  let m = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?=$|[t\s,])/.exec(s);
  if (m) return { y: +m[1], mo: +m[3], d: +m[4], format: m[2] === '-' ? 'ÅÅÅÅ-MM-DD' : 'ÅÅÅÅ/MM/DD', rest: s.slice(m[0].length), iso: true };
  m = /^(\d{4})(\d{2})(\d{2})(?=$|t)/.exec(s);
  if (m) return { y: +m[1], mo: +m[2], d: +m[3], format: 'ÅÅÅÅMMDD', rest: s.slice(m[0].length), iso: true };
  m = /^(\d{1,2})([./-])(\d{1,2})(?:\2|\s+)(\d{4}|\d{2})(?=$|[\s,t])/.exec(s);
  if (m) {
    const [a, b] = [m[1], m[3]];
    const y = m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    const sep = m[2], yearSep = s.charAt(m[1].length + 1 + m[3].length) === sep ? sep : ' ';
    const yy = m[4].length === 2 ? 'ÅÅ' : 'ÅÅÅÅ';
    const dmy = order === 'dmy';
    const format = dmy ? `${pad(a)}${sep}${pad(b).replace(/D/g, 'M')}${yearSep}${yy}` : `${pad(a).replace(/D/g, 'M')}${sep}${pad(b)}${yearSep}${yy}`;
    return { y, mo: dmy ? +b : +a, d: dmy ? +a : +b, format, rest: s.slice(m[0].length), iso: false };
  }
  m = DAY_MONTH_YEAR.exec(s);
  if (m) return { y: +m[3], mo: MONTHS[m[2]], d: +m[1], format: 'D månad ÅÅÅÅ', rest: s.slice(m[0].length), iso: false };
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return { y: +m[3], mo: MONTHS[m[1]], d: +m[2], format: 'månad D, ÅÅÅÅ', rest: s.slice(m[0].length), iso: false };
  return null;
}

/**
 * Reads a date, with or without a time, from a cell (see the module's comment for the forms).
 * Returns null when the cell holds no date: empty, unreadable, or a day that does not exist.
 * @example parseDateCell('4/3/2025 21.30', 'dmy') // { day: { y: 2025, mo: 3, d: 4 }, time: { h: 21, mi: 30, s: 0 }, … }
 */
export function parseDateCell(cell: Cell, order: DateOrder): ParsedDate | null {
  if (cell === null || typeof cell === 'boolean') return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return { ...fromWallDate(cell), offsetMin: null, format: 'Excel-datum' };
  }
  if (typeof cell === 'number') return fromNumber(cell);
  const s = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return null;
  const head = dateHead(s, order);
  if (head === null) {
    const n = parseNumber(s);
    return n.ok ? fromNumber(n.value) : null;
  }
  if (!validDay(head.y, head.mo, head.d)) return null;
  let rest = head.rest.trim();
  let offsetMin: number | null = null;
  let offsetFormat = '';
  if (head.iso) {
    // An offset only after a time ("21:30+01:00", "21:30Z"): after a bare date "-05" is no offset.
    const o = OFFSET.exec(rest);
    const before = o ? rest.slice(0, rest.length - o[0].length).trim() : '';
    if (o && /\d$/.test(before)) {
      if (o[1] === 'z') offsetMin = 0;
      else {
        const digits = o[1].slice(1).replace(':', '');
        offsetMin = (o[1][0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
      }
      if (Math.abs(offsetMin) > 14 * 60) return null;
      offsetFormat = o[1] === 'z' ? 'Z' : ' ±tt:mm';
      rest = before;
    }
  }
  const sepT = /^t/.test(rest) && head.iso;
  rest = rest.replace(/^(t|,)\s*/, '').trim();
  if (rest === '') return { day: { y: head.y, mo: head.mo, d: head.d }, time: null, offsetMin, format: head.format };
  const t = parseTimeText(rest);
  if (!t) return null;
  return { day: { y: head.y, mo: head.mo, d: head.d }, time: t.time, offsetMin, format: `${head.format}${sepT ? 'T' : ' '}${t.format}${offsetFormat}` };
}

function fromNumber(n: number): ParsedDate | null {
  if (Number.isInteger(n) && n >= 19000101 && n <= 21001231) {
    const y = Math.floor(n / 10000), mo = Math.floor(n / 100) % 100, d = n % 100;
    return validDay(y, mo, d) ? { day: { y, mo, d }, time: null, offsetMin: null, format: 'ÅÅÅÅMMDD' } : null;
  }
  if (n >= EXCEL_SERIAL_RANGE[0] && n <= EXCEL_SERIAL_RANGE[1]) return { ...fromSerial(n), offsetMin: null, format: 'Excel-datum' };
  return null;
}

/** A time of day from a cell: text, an Excel time fraction (0 ≤ t < 1) or a wall-clock Date. */
export function parseTimeCell(cell: Cell): ParsedTime | null {
  if (cell === null || typeof cell === 'boolean') return null;
  if (cell instanceof Date) {
    const t = fromWallDate(cell);
    return { time: t.time ?? { h: 0, mi: 0, s: 0 }, format: 'Excel-tid' };
  }
  if (typeof cell === 'number') {
    if (cell >= 0 && cell < 1) {
      const secs = Math.round(cell * 86_400) % 86_400;
      return { time: { h: Math.floor(secs / 3600), mi: Math.floor(secs / 60) % 60, s: secs % 60 }, format: 'Excel-tid' };
    }
    return Number.isInteger(cell) && cell >= 100 && cell <= 2359 ? parseTimeText(String(cell)) : null;
  }
  return parseTimeText(cell);
}

const isBlank = (c: Cell | undefined): boolean => c === undefined || c === null || (typeof c === 'string' && c.trim() === '');

const wallMs = (day: DayParts, time: TimeParts | null) => Date.UTC(day.y, day.mo - 1, day.d, time?.h ?? 0, time?.mi ?? 0, time?.s ?? 0);

/** The instant of a day and time: Swedish wall-clock time, or the value's own offset. */
export function instantOf(day: DayParts, time: TimeParts | null, offsetMin: number | null = null): number {
  const wall = wallMs(day, time);
  return offsetMin === null ? localToUtc(wall) : wall - offsetMin * 60_000;
}

/** The Swedish calendar day [start, next day's start) as UTC ms. */
export function dayWindow(day: DayParts): { from: number; to: number } {
  const start = Date.UTC(day.y, day.mo - 1, day.d);
  return { from: localToUtc(start), to: localToUtc(start + DAY_MS) };
}

/** The cells that say when: one column (dateTime) or two (date, time), and an optional end. */
export interface WhenCells { dateTime?: Cell; date?: Cell; time?: Cell; dateTimeTo?: Cell }

export type WhenField = 'dateTime' | 'date' | 'time' | 'dateTimeTo';

export interface WhenProblem {
  field: WhenField;
  /** date_missing, date_invalid, time_invalid, window_reversed, window_too_long, date_in_future. */
  code: string;
  params?: Record<string, string | number>;
}

export type WhenResult = { ok: true; from: number; to: number } | { ok: false; problems: WhenProblem[] };

export interface WhenOptions {
  /** Times after this (plus the clock tolerance of a report) are errors. */
  now?: number;
}

/**
 * When a row's incident happened, as a window of UTC ms: an instant (from = to), a whole day, or
 * from the start to the end column. An end written as a time alone is on the start's day, or the
 * next day when it is earlier than the start (22:00–02:00). An end written as a day alone is the
 * end of that day.
 */
export function readWhen(cells: WhenCells, order: DateOrder, opts: WhenOptions = {}): WhenResult {
  const problems: WhenProblem[] = [];
  const twoColumns = cells.date !== undefined;
  const field: WhenField = twoColumns ? 'date' : 'dateTime';
  const raw = twoColumns ? cells.date! : cells.dateTime ?? null;
  let from: number | null = null, to: number | null = null;
  let startDay: DayParts | null = null;
  if (isBlank(raw)) {
    problems.push({ field, code: 'date_missing' });
  } else {
    const p = parseDateCell(raw, order);
    if (!p) problems.push({ field, code: 'date_invalid' });
    let time: TimeParts | null = p?.time ?? null;
    if (twoColumns && !isBlank(cells.time)) {
      const t = parseTimeCell(cells.time!);
      if (!t) problems.push({ field: 'time', code: 'time_invalid' });
      else time = t.time;
    }
    if (p && !problems.length) {
      startDay = p.day;
      if (time) from = to = instantOf(p.day, time, p.offsetMin);
      else ({ from, to } = dayWindow(p.day));
    }
  }
  const end = cells.dateTimeTo;
  if (!isBlank(end)) {
    const p = parseDateCell(end!, order);
    const t = p ? null : parseTimeCell(end!);
    if (!p && !t) problems.push({ field: 'dateTimeTo', code: 'date_invalid' });
    else if (from !== null && startDay !== null) {
      let endMs: number;
      if (p) endMs = p.time ? instantOf(p.day, p.time, p.offsetMin) : dayWindow(p.day).to;
      else {
        endMs = instantOf(startDay, t!.time);
        if (endMs < from) endMs = localToUtc(utcToLocal(endMs) + DAY_MS);
      }
      if (endMs < from) problems.push({ field: 'dateTimeTo', code: 'window_reversed' });
      else if (endMs - from > INCIDENT_LIMITS.maxWindowDays * DAY_MS) problems.push({ field: 'dateTimeTo', code: 'window_too_long', params: { days: INCIDENT_LIMITS.maxWindowDays } });
      else to = endMs;
    }
  }
  if (!problems.length && opts.now !== undefined && from! > opts.now + INCIDENT_LIMITS.futureToleranceMs) {
    problems.push({ field, code: 'date_in_future' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, from: from!, to: to! };
}

/**
 * Whether day and month come day first, from the values: a first number above 12 can only be a
 * day, a second one only in month-first order. Without such a value, or with both, day first as
 * Swedish files write them.
 */
export function detectDateOrder(cells: Iterable<Cell>): { order: DateOrder; evidence: 'dmy' | 'mdy' | 'both' | 'none' } {
  let dmy = false, mdy = false;
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    const m = /^\s*(\d{1,2})[./-](\d{1,2})(?:[./-]|\s+)\d{2,4}(?!\d)/.exec(c);
    if (!m) continue;
    if (+m[1] > 12 && +m[2] <= 12) dmy = true;
    if (+m[2] > 12 && +m[1] <= 12) mdy = true;
    if (dmy && mdy) break;
  }
  const evidence = dmy && mdy ? 'both' : dmy ? 'dmy' : mdy ? 'mdy' : 'none';
  return { order: evidence === 'mdy' ? 'mdy' : 'dmy', evidence };
}

/** The most common way of many: the format the preview names. */
function mostCommon(formats: string[]): string | null {
  const counts = new Map<string, number>();
  for (const f of formats) counts.set(f, (counts.get(f) ?? 0) + 1);
  let best: string | null = null, n = 0;
  for (const [f, c] of counts) if (c > n) { best = f; n = c; }
  return best;
}

/**
 * How the dates of a file are written, as the preview shows it: 'ÅÅÅÅ-MM-DD tt:mm', 'D/M/ÅÅÅÅ',
 * 'Excel-datum', or for two columns 'ÅÅÅÅ-MM-DD + tt.mm'. Null when no value can be read.
 */
export function describeDateFormat(dates: readonly Cell[], times: readonly Cell[] | null, order: DateOrder): string | null {
  const d = mostCommon(dates.map((c) => parseDateCell(c, order)?.format).filter((f): f is string => f !== undefined));
  if (d === null || times === null) return d;
  const t = mostCommon(times.map((c) => parseTimeCell(c)?.format).filter((f): f is string => f !== undefined));
  return t === null ? d : `${d} + ${t}`;
}

const FORMAT_WORDS_EN: Array<[RegExp, string]> = [
  [/ÅÅÅÅ/g, 'YYYY'], [/ÅÅ/g, 'YY'], [/Excel-datum/g, 'Excel date'], [/Excel-tid/g, 'Excel time'], [/månad/g, 'month'],
  [/tt/g, 'hh'], [/\bkl /g, 'at '],
];

/** A date format as named in Detection.dateFormat (Swedish), in the reader's language. */
export function dateFormatIn(format: string, lang: 'sv' | 'en'): string {
  return lang === 'sv' ? format : FORMAT_WORDS_EN.reduce((s, [re, to]) => s.replace(re, to), format);
}
