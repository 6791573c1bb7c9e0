/**
 * The default category tree a new municipality starts with (domain.md, "What reporters report").
 * Categories are configuration: the coordinator can rename, recolour, hide or add them; the codes are
 * stable identifiers that data, imports and the demo generator refer to, so never rename a code.
 *
 * Codes: lower-case ASCII, `parent.child`. Icons: names from Google's Material Symbols
 * (https://fonts.google.com/icons, Apache-2.0), the one icon set the app uses.
 * Colours: each top-level category has its own hue, drawn from the colour-blind-safe palettes of
 * Okabe & Ito and Paul Tol and darkened where needed so that every colour has a contrast ratio of at
 * least 3:1 against white (WCAG 2.1 non-text contrast: a white icon on the marker, the marker on a
 * light base map). Subcategories are shades of their parent. Twelve hues cannot all be told apart by
 * every kind of colour vision, so the map always shows the icon too; colour is never the only cue.
 */

export const CATEGORY_ICON_SET = 'material-symbols' as const;

export interface DefaultCategory {
  /** Stable identifier, `parent` or `parent.child`, [a-z0-9_]. */
  readonly code: string;
  readonly parentCode: string | null;
  readonly nameSv: string;
  readonly nameEn: string;
  /** `#rrggbb`. */
  readonly colour: string;
  /** Material Symbols icon name. */
  readonly icon: string;
  /** Order among siblings (1-based). */
  readonly sortOrder: number;
}

type Node = Omit<DefaultCategory, 'parentCode' | 'sortOrder'> & { children?: Omit<DefaultCategory, 'parentCode' | 'sortOrder'>[] };

const TREE: Node[] = [
  {
    code: 'skadegorelse', nameSv: 'Skadegörelse', nameEn: 'Vandalism', colour: '#aa3377', icon: 'broken_image',
    children: [
      { code: 'skadegorelse.klotter', nameSv: 'Klotter/graffiti', nameEn: 'Graffiti', colour: '#d0307a', icon: 'format_paint' },
      { code: 'skadegorelse.krossat_glas', nameSv: 'Krossat glas', nameEn: 'Broken glass', colour: '#7e2160', icon: 'window' },
      { code: 'skadegorelse.annan', nameSv: 'Annan skadegörelse', nameEn: 'Other damage', colour: '#9c4f7f', icon: 'construction' },
    ],
  },
  {
    code: 'brand', nameSv: 'Brand', nameEn: 'Fire', colour: '#d55e00', icon: 'local_fire_department',
    children: [
      { code: 'brand.anlagd', nameSv: 'Anlagd brand', nameEn: 'Arson', colour: '#b83200', icon: 'whatshot' },
      { code: 'brand.annan', nameSv: 'Annan brand', nameEn: 'Other fire', colour: '#9e4a00', icon: 'fire_extinguisher' },
    ],
  },
  {
    code: 'otrygg_samling', nameSv: 'Otrygghetsskapande samling av personer', nameEn: 'Gathering that makes people feel unsafe', colour: '#0072b2', icon: 'groups',
    children: [
      { code: 'otrygg_samling.trapphus_kallare', nameSv: 'Trapphus/källare', nameEn: 'Stairwell/basement', colour: '#005b7a', icon: 'stairs' },
      { code: 'otrygg_samling.centrum', nameSv: 'Centrum', nameEn: 'Town centre', colour: '#4a6fd0', icon: 'storefront' },
      { code: 'otrygg_samling.utomhus', nameSv: 'Utomhus', nameEn: 'Outdoors', colour: '#00365c', icon: 'park' },
    ],
  },
  { code: 'narkotika', nameSv: 'Misstänkt narkotikahantering', nameEn: 'Suspected drug dealing', colour: '#332288', icon: 'medication' },
  {
    code: 'ordningsstorning', nameSv: 'Ordningsstörning', nameEn: 'Public disorder', colour: '#a50026', icon: 'campaign',
    children: [
      { code: 'ordningsstorning.brak_slagsmal', nameSv: 'Bråk/slagsmål', nameEn: 'Brawl/fight', colour: '#c8102e', icon: 'sports_kabaddi' },
      { code: 'ordningsstorning.hot', nameSv: 'Hot', nameEn: 'Threats', colour: '#6e0019', icon: 'record_voice_over' },
    ],
  },
  { code: 'hot_vald_personal', nameSv: 'Hot och våld mot personal', nameEn: 'Threats and violence against staff', colour: '#222222', icon: 'front_hand' },
  { code: 'inbrott_stold', nameSv: 'Inbrott/stöld', nameEn: 'Burglary/theft', colour: '#117733', icon: 'lock_open' },
  {
    code: 'buskorning', nameSv: 'Buskörning', nameEn: 'Reckless driving', colour: '#007a87', icon: 'speed',
    children: [
      { code: 'buskorning.moped', nameSv: 'Moped', nameEn: 'Moped', colour: '#005560', icon: 'moped' },
      { code: 'buskorning.bil', nameSv: 'Bil', nameEn: 'Car', colour: '#1f7a5f', icon: 'directions_car' },
    ],
  },
  {
    code: 'otrygg_plats', nameSv: 'Otrygg plats', nameEn: 'Unsafe place', colour: '#8c6d31', icon: 'warning',
    children: [
      { code: 'otrygg_plats.belysning', nameSv: 'Dålig belysning', nameEn: 'Poor lighting', colour: '#956b00', icon: 'lightbulb' },
      { code: 'otrygg_plats.sikt_vegetation', nameSv: 'Skymd sikt/vegetation', nameEn: 'Poor sightlines/vegetation', colour: '#5a7320', icon: 'visibility_off' },
      { code: 'otrygg_plats.overgiven_plats', nameSv: 'Övergiven plats', nameEn: 'Deserted place', colour: '#6b5024', icon: 'domain_disabled' },
      { code: 'otrygg_plats.dumpade_foremal', nameSv: 'Dumpade föremål', nameEn: 'Dumped objects', colour: '#7a6652', icon: 'inventory_2' },
    ],
  },
  { code: 'nedskrapning', nameSv: 'Nedskräpning', nameEn: 'Littering', colour: '#6f6f00', icon: 'delete' },
  { code: 'arrangemang', nameSv: 'Arrangemang', nameEn: 'Event', colour: '#9c4fb0', icon: 'event' },
  { code: 'ovrigt', nameSv: 'Övrigt', nameEn: 'Other', colour: '#707070', icon: 'more_horiz' },
];

function flatten(tree: Node[]): DefaultCategory[] {
  const out: DefaultCategory[] = [];
  tree.forEach(({ children, ...top }, i) => {
    out.push(Object.freeze({ ...top, parentCode: null, sortOrder: i + 1 }));
    children?.forEach((child, j) => out.push(Object.freeze({ ...child, parentCode: top.code, sortOrder: j + 1 })));
  });
  return out;
}

/** The default categories, parents before their children, in display order. */
export const DEFAULT_CATEGORIES: ReadonlyArray<DefaultCategory> = Object.freeze(flatten(TREE));

/** Codes a report may carry: every category without children, plus parents (for "unspecified"). */
export const DEFAULT_CATEGORY_CODES: ReadonlyArray<string> = Object.freeze(DEFAULT_CATEGORIES.map((c) => c.code));

/**
 * The default categories open to tips from the public (Open311): what a passer-by sees in the
 * street. Threats against staff, drugs, gatherings and the rest stay closed until a municipality
 * opens them. Migration 0023 opens the same ones in the trees that existed before.
 */
export const OPEN_TO_PUBLIC_BY_DEFAULT: ReadonlyArray<string> = Object.freeze(['skadegorelse', 'otrygg_plats', 'nedskrapning']);

export const openToPublicByDefault = (code: string) => OPEN_TO_PUBLIC_BY_DEFAULT.includes(code.split('.')[0]);

/** Look up a default category by code. */
export function defaultCategory(code: string): DefaultCategory | undefined {
  return DEFAULT_CATEGORIES.find((c) => c.code === code);
}
