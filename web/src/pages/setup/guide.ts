/**
 * The set-up guide's state and what it sends, apart from the screen: finding a municipality by
 * what is typed, the organisation rows made from the server's template, the body of POST
 * /api/setup, and the server's field paths (`organisations[2].name`) back to the guide's own
 * fields and steps. Pure, so the tests need no browser.
 */
import type { SetupBody, SetupMunicipalities, SetupTemplate, Wire } from '../../../../src/contract/index.ts';
import type { OrganisationKind } from '../../../../src/core/organisations/types.ts';

export type Municipality = Wire<SetupMunicipalities>[number];

/** The guide's steps, in order. */
export const STEPS = ['municipalities', 'organisations', 'administrator', 'categories', 'summary'] as const;
export type Step = (typeof STEPS)[number];

/** Lower case without accents, so "vargarda" finds Vårgårda and "Ö" finds "o". */
const fold = (s: string) => s.trim().toLocaleLowerCase('sv').normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** The municipalities a search names: a code by its first digits, a name by any part, names starting with it first. */
export function searchMunicipalities(all: readonly Municipality[], q: string): Municipality[] {
  const f = fold(q);
  if (!f) return [...all];
  if (/^\d+$/.test(f)) return all.filter((m) => m.code.startsWith(f));
  const hits = all.filter((m) => fold(m.name).includes(f));
  return [...hits.filter((m) => fold(m.name).startsWith(f)), ...hits.filter((m) => !fold(m.name).startsWith(f))];
}

/** One organisation in the guide: a suggestion of the template or one of the person's own. */
export interface OrgRow {
  key: string;
  kind: OrganisationKind;
  name: string;
  shortName: string;
  selected: boolean;
  custom: boolean;
  /** The chosen municipalities it works in; null: all of them (the default). */
  only: string[] | null;
}

export function rowsFromTemplate(template: Wire<SetupTemplate>): OrgRow[] {
  return template.kinds.flatMap((k, i) => k.organisations.map((o, j) => ({
    key: `t${i}-${j}`, kind: k.kind, name: o.name, shortName: o.shortName, selected: o.selected, custom: false, only: null,
  })));
}

/** Where a row works: the chosen municipalities it has, in the order they were chosen (the first is its home). */
export const worksIn = (row: OrgRow, chosen: readonly string[]): string[] => chosen.filter((c) => row.only === null || row.only.includes(c));

export interface AdminInput { name: string; email: string; password: string; password2: string; organisation: string }

/**
 * The body of POST /api/setup, and the key of the row behind each organisation sent (the server
 * names an organisation by its position). An administrator's organisation that is not among those
 * sent gets a position past the end, which the server names as not among them.
 */
export function setupBody(token: string, chosen: readonly string[], rows: readonly OrgRow[], admin: AdminInput): { body: Wire<SetupBody>; keys: string[] } {
  const sent = rows.filter((r) => r.selected);
  const keys = sent.map((r) => r.key);
  const at = keys.indexOf(admin.organisation);
  return {
    keys,
    body: {
      token,
      municipalities: [...chosen],
      organisations: sent.map((r) => ({ name: r.name.trim(), shortName: r.shortName.trim() || null, kind: r.kind, municipalities: worksIn(r, chosen) })),
      administrator: { name: admin.name.trim(), email: admin.email.trim(), password: admin.password, organisation: at >= 0 ? at : keys.length },
    },
  };
}

/**
 * The guide's field for a field path of the server: `municipalities` for the list, `org:<key>:name`
 * for an organisation's name, `admin:email` for the administrator's; anything else as it came.
 */
export function guideField(serverField: string, keys: readonly string[]): string {
  if (/^municipalities(\[\d+\])?$/.test(serverField)) return 'municipalities';
  const org = /^organisations\[(\d+)\](?:\.(\w+))?/.exec(serverField);
  if (org && keys[Number(org[1])]) return `org:${keys[Number(org[1])]}:${org[2] ?? 'name'}`;
  const admin = /^administrator(?:\.(\w+))?/.exec(serverField);
  if (admin) return `admin:${admin[1] ?? 'name'}`;
  return serverField;
}

/** The step that shows a guide field; the summary for one it does not know. */
export function stepOf(field: string): number {
  if (field === 'municipalities') return STEPS.indexOf('municipalities');
  if (field.startsWith('org:') || field === 'organisations') return STEPS.indexOf('organisations');
  if (field.startsWith('admin:')) return STEPS.indexOf('administrator');
  return STEPS.indexOf('summary');
}
