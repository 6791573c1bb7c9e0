/**
 * What the browser's set-up guide sends (POST /api/setup), checked as a whole before anything is
 * written: every problem is named with its field path, so the guide shows each next to its field
 * and the person fixes them all in one go. The schema has already checked the shapes (types,
 * lengths, kinds, four-digit codes); this checks what refers to what. Pure.
 */
import { IssueCollector } from '../errors/index.ts';
import type { MunicipalityName } from '../municipalities/codes.ts';
import type { OrganisationKind } from '../organisations/types.ts';
import { isEmailAddress } from '../users/email.ts';

export interface SetupInput {
  /** SCB codes of the municipalities to set up. */
  municipalities: string[];
  organisations: Array<{ name: string; shortName?: string | null; kind: OrganisationKind; municipalities: string[] }>;
  /** The first administrator; `organisation` is a position in `organisations`. */
  administrator: { name: string; email: string; password: string; organisation: number };
}

/** The input trimmed and checked: each organisation's home (the first municipality it works in) first. */
export interface SetupPlan {
  municipalities: MunicipalityName[];
  organisations: Array<{ name: string; shortName: string | null; kind: OrganisationKind; municipalities: string[] }>;
  administrator: { name: string; email: string; password: string; organisation: number };
}

// The rule of every user's e-mail address (src/services/users.ts): one @, no spaces, a dot in the domain.

const fold = (s: string) => s.trim().toLocaleLowerCase('sv');

/**
 * Checks a set-up against SCB's municipalities and the password rule; throws one validation error
 * naming every problem (`municipalities[1]`, `organisations[2].name`, `administrator.password` …).
 * @param input what the guide sent
 * @param shipped the municipalities the product ships a boundary for
 * @param passwordMinLength the shortest password a user may have
 */
export function checkSetupInput(input: SetupInput, shipped: readonly MunicipalityName[], passwordMinLength: number): SetupPlan {
  const issues = new IssueCollector();
  const byCode = new Map(shipped.map((m) => [m.code, m]));
  const named = (code: string) => { const m = byCode.get(code); return m ? `${m.name} (${code})` : code; };

  const municipalities: MunicipalityName[] = [];
  input.municipalities.forEach((code, i) => {
    const m = byCode.get(code);
    if (!m) issues.add(`municipalities[${i}]`, 'unknown_municipality', { code });
    else if (!municipalities.some((x) => x.code === code)) municipalities.push(m);
  });
  const chosen = new Set(input.municipalities);

  const organisations: SetupPlan['organisations'] = [];
  input.organisations.forEach((o, i) => {
    const at = `organisations[${i}]`;
    const name = o.name.trim();
    const shortName = o.shortName?.trim() || null;
    if (!name) issues.add(`${at}.name`, 'required');
    const works = [...new Set(o.municipalities)];
    for (const code of works) if (!chosen.has(code)) issues.add(`${at}.municipalities`, 'municipality_not_chosen', { municipality: named(code) });
    // Names and short names are one namespace in an organisation's home municipality, as on the
    // command line (src/services/municipality-setup.ts): a user is added "--org KLK" or by name.
    const home = works[0];
    const words = (x: { name: string; shortName: string | null }) => [x.name, x.shortName].filter((w): w is string => !!w).map(fold);
    const clash = organisations.find((other) => other.municipalities[0] === home && words(other).some((w) => words({ name, shortName }).includes(w)));
    if (clash && name) {
      const field = words(clash).includes(fold(name)) ? 'name' : 'shortName';
      issues.add(`${at}.${field}`, 'duplicate_name', { other: clash.name });
    }
    organisations.push({ name, shortName, kind: o.kind, municipalities: works });
  });

  const a = input.administrator;
  const administrator = { name: a.name.trim(), email: a.email.trim().toLowerCase(), password: a.password, organisation: a.organisation };
  if (!administrator.name) issues.add('administrator.name', 'required');
  if (!isEmailAddress(administrator.email)) issues.add('administrator.email', 'format', { format: 'e-postadress' });
  if (a.password.length < passwordMinLength) issues.add('administrator.password', 'too_short', { min: passwordMinLength });
  if (!Number.isInteger(a.organisation) || a.organisation < 0 || a.organisation >= input.organisations.length) {
    issues.add('administrator.organisation', 'organisation_not_listed');
  }
  issues.throwIfAny();
  return { municipalities, organisations, administrator };
}
