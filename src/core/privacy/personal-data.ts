// Personal data in free text: find and remove Swedish personal identity numbers (personnummer and
// samordningsnummer, checked by date and Luhn check digit), phone numbers, e-mail addresses and
// licence plates. Pure and synchronous: the report form runs it on every keystroke in the browser and
// the server runs the same code on every stored description.
//
// The rules prefer missing an odd format to flagging ordinary words: a description like "Bråk vid
// E20, kl 23, 2026-11-24 22:30, Storgatan 12B" must come back untouched.

export type PersonalDataKind = 'personnummer' | 'samordningsnummer' | 'phone' | 'email' | 'licencePlate';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset after the last character. */
  end: number;
  /** The text that was found, as written. */
  match: string;
}

/** What replaces a finding in the stored text (Swedish: the text is stored as the reporter wrote it). */
export const PERSONAL_DATA_PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = {
  personnummer: '[personnummer borttaget]',
  samordningsnummer: '[samordningsnummer borttaget]',
  phone: '[telefonnummer borttaget]',
  email: '[e-postadress borttagen]',
  licencePlate: '[registreringsnummer borttaget]',
};

/** When two findings overlap and start at the same place with the same length, the earlier kind wins. */
const KIND_PRIORITY: readonly PersonalDataKind[] = ['email', 'personnummer', 'samordningsnummer', 'phone', 'licencePlate'];

// ---------------------------------------------------------------------------------------------
// Personnummer / samordningsnummer

/** YYMMDD or YYYYMMDD, an optional separator (-, + or a space) and four digits; nothing digit-like around. */
const IDENTITY_RE = /(?<![\p{N}\p{L}])(\d{8}|\d{6})([-+ ]?)(\d{4})(?![\p{N}\p{L}])/gu;

function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

function daysInMonth(month: number, leap: boolean): number {
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Classifies a personal identity number written as YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN,
 * YYYYMMDD-NNNN or YYYYMMDDNNNN: 'personnummer', 'samordningsnummer' (day of month + 60) or null
 * when the date or the Luhn check digit is wrong.
 * @example identityNumberKind('811228-9874') // 'personnummer'
 */
export function identityNumberKind(value: string): 'personnummer' | 'samordningsnummer' | null {
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const [, century, yy, mm, dd, last4] = m;
  if (century !== undefined && !['18', '19', '20'].includes(century)) return null;
  const month = Number(mm);
  if (month < 1 || month > 12) return null;
  let day = Number(dd);
  let kind: 'personnummer' | 'samordningsnummer' = 'personnummer';
  if (day > 60) { day -= 60; kind = 'samordningsnummer'; }
  const year = century !== undefined ? Number(century + yy) : Number(yy);
  // Without the century, 00 may be 2000 (a leap year): accept 29 February in every year divisible by 4.
  const leap = century !== undefined ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) : year % 4 === 0;
  if (day < 1 || day > daysInMonth(month, leap)) return null;
  if (!luhnValid(yy + mm + dd + last4)) return null;
  return kind;
}

function findIdentityNumbers(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(IDENTITY_RE)) {
    const kind = identityNumberKind(m[0]);
    if (kind) out.push({ kind, start: m.index, end: m.index + m[0].length, match: m[0] });
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/**
 * Candidates: an optional + or 00, then digits with single spaces or hyphens between them and an
 * optional "(0)" after a country code. Not preceded by a letter, digit or + and not part of a
 * date-like run such as 12.05 or 2026-; not followed by a letter, digit, ":" or another digit group.
 */
const PHONE_CANDIDATE_RE = /(?<![\p{L}\p{N}_+@.])(?<!\p{N}[-./,:])(?:\+|00)?\d(?:[ -]?\d|\s?\(0\)\s?\d){5,14}(?![\p{L}\p{N}@]|[-.,:/]\p{N})/gu;

function groupsOf(candidate: string): string[] {
  return candidate.split(/[ -]+/).filter((g) => g.length > 0);
}

/** True when a candidate (as written) is a plausible Swedish or international phone number. */
export function isPhoneNumber(candidate: string): boolean {
  const written = candidate.replace(/\s?\(0\)\s?/, ' ');
  const hyphens = (written.match(/-/g) ?? []).length;
  if (hyphens > 1) return false; // 01-12-2026, 2026-11-24 …
  if (/^([01]\d|2[0-3])[0-5]\d ?- ?([01]\d|2[0-3])[0-5]\d$/.test(written)) return false; // a time window 0800-0930
  const digits = written.replace(/[^\d]/g, '');
  let national: string;
  let international = false;
  if (written.startsWith('+46') || written.startsWith('0046')) {
    national = '0' + digits.slice(written.startsWith('+') ? 2 : 4);
    international = true;
  } else if (written.startsWith('+') || written.startsWith('00')) {
    // Another country: country code and subscriber number, 8–15 digits in all.
    const n = digits.length - (written.startsWith('00') ? 2 : 0);
    return n >= 8 && n <= 15;
  } else {
    national = digits;
  }
  if (!/^0[1-9]/.test(national)) return false;
  if (national.startsWith('07')) {
    if (national.length !== 10) return false;
  } else if (national.length < 8 || national.length > 10) {
    return false;
  }
  const groups = groupsOf(international ? written.replace(/^(\+46|0046)[ -]?/, '') : written);
  // A hyphen separates the area code (2–4 digits with its 0) from the subscriber number.
  if (hyphens === 1) {
    const beforeHyphen = written.slice(0, written.indexOf('-')).replace(/^(\+46|0046)\s?/, '0').replace(/\s/g, '');
    if (beforeHyphen.length < 2 || beforeHyphen.length > 4) return false;
  }
  // Groups of one digit only as the area code after +46 (+46 8 …); none elsewhere.
  for (let i = 0; i < groups.length; i++) {
    if (groups[i].length === 1 && !(international && i === 0)) return false;
  }
  return true;
}

function findPhoneNumbers(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(PHONE_CANDIDATE_RE)) {
    // The candidate may have swallowed a trailing separator-less run; trim spaces at the ends.
    const raw = m[0];
    if (isPhoneNumber(raw)) out.push({ kind: 'phone', start: m.index, end: m.index + raw.length, match: raw });
  }
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses

const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

function findEmails(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(EMAIL_RE)) {
    out.push({ kind: 'email', start: m.index, end: m.index + m[0].length, match: m[0] });
  }
}

// ---------------------------------------------------------------------------------------------
// Licence plates

// Swedish plates: three letters (not I, Q, V, Å, Ä, Ö), two digits, then a digit or a letter (not O).
const PLATE_LETTER = '[A-HJ-PR-UW-Z]';
const PLATE_LAST = '(?:\\d|[A-NP-UW-Z])';
/** Upper case, optionally separated: ABC 123, ABC-123, ABC12D. */
const PLATE_UPPER_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${PLATE_LETTER}{3})[ -]?(\\d{2}${PLATE_LAST})(?![\\p{L}\\p{N}])`, 'gu');
/** Lower case only when written together (abc123), so "och 123" or "hus 12a" stay. */
const PLATE_LOWER_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${PLATE_LETTER.toLowerCase()}{3})(\\d{2}${PLATE_LAST.toLowerCase()})(?![\\p{L}\\p{N}])`, 'gu');

/** Upper-case abbreviations that can stand before a number in a report and are not plates. */
const NOT_PLATES = new Set(['SOS', 'SMS', 'GPS', 'ATM', 'EST', 'LVU', 'LVM', 'LSS', 'HVB', 'BRF', 'SFI', 'BUP', 'SVT', 'NKI', 'KPI', 'LOU', 'PBL', 'SKR', 'MSB', 'MCU']);

function findPlates(text: string, out: PersonalDataFinding[]): void {
  for (const re of [PLATE_UPPER_RE, PLATE_LOWER_RE]) {
    for (const m of text.matchAll(re)) {
      if (NOT_PLATES.has(m[1].toUpperCase())) continue;
      out.push({ kind: 'licencePlate', start: m.index, end: m.index + m[0].length, match: m[0] });
    }
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Finds personal data in a free text.
 * @param text what the reporter wrote
 * @returns non-overlapping findings in text order
 * @example findPersonalData('Ring 070-123 45 67') // [{ kind: 'phone', start: 5, end: 18, match: '070-123 45 67' }]
 */
export function findPersonalData(text: string): PersonalDataFinding[] {
  if (!text) return [];
  const all: PersonalDataFinding[] = [];
  findEmails(text, all);
  findIdentityNumbers(text, all);
  findPhoneNumbers(text, all);
  findPlates(text, all);
  all.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || KIND_PRIORITY.indexOf(a.kind) - KIND_PRIORITY.indexOf(b.kind));
  const kept: PersonalDataFinding[] = [];
  let end = -1;
  for (const f of all) {
    if (f.start < end) continue;
    kept.push(f);
    end = f.end;
  }
  return kept;
}

/**
 * Replaces personal data by Swedish placeholders such as "[personnummer borttaget]".
 * @param text the text to clean
 * @param findings what to replace (default: everything findPersonalData finds); offsets refer to `text`
 * @returns the cleaned text and the findings that were replaced
 * @example redactPersonalData('Mejla a@b.se').text // 'Mejla [e-postadress borttagen]'
 */
export function redactPersonalData(text: string, findings?: readonly PersonalDataFinding[]): { text: string; findings: PersonalDataFinding[] } {
  const list = [...(findings ?? findPersonalData(text))]
    .filter((f) => f.start >= 0 && f.end <= text.length && f.start < f.end)
    .sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  const used: PersonalDataFinding[] = [];
  for (const f of list) {
    if (f.start < pos) continue; // overlapping input: keep the first
    out += text.slice(pos, f.start) + PERSONAL_DATA_PLACEHOLDERS[f.kind];
    pos = f.end;
    used.push(f);
  }
  out += text.slice(pos);
  return { text: out, findings: used };
}
