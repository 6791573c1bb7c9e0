/**
 * The default parameters of the demo-data model: category shares and temporal profiles, reporting
 * organisations, the Alingsås built-up areas and hotspots, and the description phrases.
 * All numbers are plausible assumptions for EST reporting in a Swedish municipality of ~42,000
 * inhabitants, not measurements; README.md explains them.
 */
import { toSweref99tm } from '../geo/index.ts';

/** Temporal profiles: how a category is spread over hours, weekdays and seasons. */
export type TimeProfile = 'nightlife' | 'discovered' | 'daytime' | 'darkness' | 'fire';

export interface CategoryModel {
  /** Target share of all incidents (normalised over the categories used). */
  share: number;
  profile: TimeProfile;
  /** Probability that the reporter also reported it to the police. */
  police: number;
  /** Mean own assessment 1–5 (how unsafe it made the place feel). */
  assessment: number;
}

/**
 * Default category model, keyed by leaf code of DEFAULT_CATEGORIES. Shares in per cent: most EST
 * reports are graffiti/damage and litter, then gatherings; some fires, drugs and disorder; few
 * threats or violence against staff.
 */
export const DEFAULT_CATEGORY_MODEL: Readonly<Record<string, CategoryModel>> = {
  'skadegorelse.klotter': { share: 17, profile: 'discovered', police: 0.1, assessment: 2.3 },
  'skadegorelse.krossat_glas': { share: 4, profile: 'discovered', police: 0.3, assessment: 2.6 },
  'skadegorelse.annan': { share: 6, profile: 'discovered', police: 0.25, assessment: 2.4 },
  'nedskrapning': { share: 17, profile: 'daytime', police: 0.01, assessment: 1.8 },
  'otrygg_samling.trapphus_kallare': { share: 6, profile: 'nightlife', police: 0.15, assessment: 3.4 },
  'otrygg_samling.centrum': { share: 5, profile: 'nightlife', police: 0.15, assessment: 3.3 },
  'otrygg_samling.utomhus': { share: 6, profile: 'nightlife', police: 0.12, assessment: 3.1 },
  'narkotika': { share: 5, profile: 'nightlife', police: 0.6, assessment: 3.6 },
  'ordningsstorning.brak_slagsmal': { share: 3, profile: 'nightlife', police: 0.55, assessment: 3.7 },
  'ordningsstorning.hot': { share: 2, profile: 'nightlife', police: 0.45, assessment: 3.8 },
  'hot_vald_personal': { share: 1, profile: 'daytime', police: 0.75, assessment: 4.1 },
  'inbrott_stold': { share: 5, profile: 'discovered', police: 0.8, assessment: 3.0 },
  'brand.anlagd': { share: 3, profile: 'fire', police: 0.5, assessment: 3.3 },
  'brand.annan': { share: 1.5, profile: 'fire', police: 0.2, assessment: 2.6 },
  'buskorning.moped': { share: 4, profile: 'nightlife', police: 0.3, assessment: 3.0 },
  'buskorning.bil': { share: 2, profile: 'nightlife', police: 0.35, assessment: 3.0 },
  'otrygg_plats.belysning': { share: 3, profile: 'darkness', police: 0.01, assessment: 3.0 },
  'otrygg_plats.sikt_vegetation': { share: 2, profile: 'daytime', police: 0.01, assessment: 2.8 },
  'otrygg_plats.overgiven_plats': { share: 1, profile: 'daytime', police: 0.02, assessment: 3.0 },
  'otrygg_plats.dumpade_foremal': { share: 3, profile: 'daytime', police: 0.03, assessment: 2.2 },
  'arrangemang': { share: 1, profile: 'daytime', police: 0.05, assessment: 1.5 },
  'ovrigt': { share: 2.5, profile: 'daytime', police: 0.1, assessment: 2.0 },
};

/** Model for a code the table does not know (custom categories): its parent's first leaf, else daytime. */
export function categoryModel(code: string): CategoryModel {
  const m = DEFAULT_CATEGORY_MODEL[code];
  if (m) return m;
  const top = code.split('.')[0];
  const sibling = Object.keys(DEFAULT_CATEGORY_MODEL).find((k) => k === top || k.startsWith(`${top}.`));
  return sibling ? DEFAULT_CATEGORY_MODEL[sibling] : { share: 1, profile: 'daytime', police: 0.1, assessment: 2.5 };
}

export interface DemoOrganisation {
  /** Key written to each incident; the caller maps it to an organisation id. */
  key: string;
  /** Relative reporting volume. */
  share: number;
  /** Category codes or code prefixes it typically reports (others get weight × 0.005). */
  categories: readonly string[];
  /** When its reporters are out: outside these hours the weight is × 0.1. */
  hours: 'day' | 'evening' | 'night' | 'any';
}

/** Default reporting organisations of an EST set-up like Alingsås'. */
export const DEFAULT_ORGANISATIONS: ReadonlyArray<DemoOrganisation> = [
  { key: 'alingsashem', share: 0.22, hours: 'day', categories: ['otrygg_samling.trapphus_kallare', 'skadegorelse', 'brand.anlagd', 'inbrott_stold', 'otrygg_plats.belysning', 'otrygg_plats.dumpade_foremal', 'nedskrapning'] },
  { key: 'samhallsbyggnad', share: 0.2, hours: 'day', categories: ['nedskrapning', 'skadegorelse', 'otrygg_plats', 'arrangemang', 'ovrigt'] },
  { key: 'bevakning', share: 0.14, hours: 'night', categories: ['ordningsstorning', 'otrygg_samling', 'skadegorelse', 'brand', 'inbrott_stold', 'narkotika', 'buskorning'] },
  { key: 'polisen', share: 0.1, hours: 'any', categories: ['narkotika', 'ordningsstorning', 'buskorning', 'inbrott_stold', 'hot_vald_personal', 'otrygg_samling'] },
  { key: 'socialtjanst', share: 0.1, hours: 'evening', categories: ['otrygg_samling', 'narkotika', 'ordningsstorning', 'buskorning.moped', 'arrangemang'] },
  { key: 'skola', share: 0.1, hours: 'day', categories: ['skadegorelse', 'otrygg_samling.utomhus', 'hot_vald_personal', 'nedskrapning', 'brand.anlagd', 'narkotika'] },
  { key: 'energi', share: 0.05, hours: 'day', categories: ['skadegorelse', 'inbrott_stold', 'brand', 'otrygg_plats.belysning'] },
  { key: 'raddningstjanst', share: 0.07, hours: 'any', categories: ['brand'] },
];

/**
 * Population and land area of the 11 tätorter of Alingsås municipality (SCB, Tätorter 2020, as in
 * shared/data/boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson), keyed by name.
 */
export const ALINGSAS_TATORTER: Readonly<Record<string, { population: number; areaHa: number }>> = {
  'Alingsås': { population: 27433, areaHa: 1419 },
  'Ingared': { population: 2414, areaHa: 327 },
  'Sollebrunn': { population: 1523, areaHa: 195 },
  'Västerbodarna': { population: 1374, areaHa: 316 },
  'Gräfsnäs': { population: 399, areaHa: 93 },
  'Stora Mellby': { population: 364, areaHa: 73 },
  'Hjälmared': { population: 330, areaHa: 50 },
  'Färgens östra strand': { population: 302, areaHa: 133 },
  'Långared': { population: 281, areaHa: 121 },
  'Hästeryd och Ryd': { population: 236, areaHa: 76 },
  'Magra': { population: 205, areaHa: 67 },
};

export interface DemoHotspot {
  /** Used as the incident's placeName. */
  name: string;
  /** EPSG:3006 metres. */
  x: number;
  y: number;
  /** Radius of the place in metres; points are normal around it with σ = radius / 2. */
  radius: number;
  /** Relative weight among hotspots (before any trend). */
  weight: number;
  /** Category code or prefix → affinity multiplier (default 1). */
  affinity: Readonly<Record<string, number>>;
  /** Development over the period, if any. */
  trend?: HotspotTrend;
}

export type HotspotTrend =
  /** Intensity rises linearly from `start` × to `end` × over the whole period. */
  | { kind: 'worsening'; start: number; end: number; description: string }
  /** Intensity falls to `after` × over `rampDays` from the measure date (at `at`, 0–1 of the period). */
  | { kind: 'improving'; at: number; after: number; rampDays: number; measure: string };

function hotspot(name: string, lon: number, lat: number, radius: number, weight: number,
  affinity: Record<string, number>, trend?: HotspotTrend): DemoHotspot {
  const { e, n } = toSweref99tm(lon, lat);
  return { name, x: Math.round(e * 10) / 10, y: Math.round(n * 10) / 10, radius, weight, affinity, ...(trend ? { trend } : {}) };
}

/**
 * Persistent hotspots in Alingsås town (approximate positions of real place types: the square, the
 * travel centre, an upper-secondary school, housing areas and a park). Two get worse over the
 * period, two get better after a measure half-way through, the rest are stable.
 */
export const ALINGSAS_HOTSPOTS: ReadonlyArray<DemoHotspot> = [
  hotspot('Stora torget', 12.5337, 57.9299, 150, 1.6,
    { 'nedskrapning': 3, 'otrygg_samling.centrum': 6, 'ordningsstorning': 3, 'hot_vald_personal': 2, 'skadegorelse.klotter': 1.5, 'arrangemang': 4 }),
  hotspot('Alingsås resecentrum', 12.5333, 57.9266, 120, 1.3,
    { 'otrygg_samling': 3, 'narkotika': 4, 'ordningsstorning': 2, 'skadegorelse.klotter': 2, 'inbrott_stold': 2 },
    { kind: 'improving', at: 0.5, after: 0.25, rampDays: 14, measure: 'Ordningsvakter kvällstid och kameraövervakning' }),
  hotspot('Alströmergymnasiet', 12.5262, 57.9322, 120, 0.8,
    { 'skadegorelse': 3, 'brand.anlagd': 2, 'otrygg_samling.utomhus': 2, 'narkotika': 1.5, 'hot_vald_personal': 2 }),
  hotspot('Noltorps centrum', 12.5562, 57.9398, 180, 1.0,
    { 'otrygg_samling.trapphus_kallare': 3, 'narkotika': 2, 'brand.anlagd': 2, 'buskorning.moped': 3 },
    { kind: 'worsening', start: 0.4, end: 2.6, description: 'Ökande samlingar, narkotika och mopedbuskörning' }),
  hotspot('Brogården', 12.5475, 57.9234, 180, 1.0,
    { 'otrygg_samling.trapphus_kallare': 4, 'skadegorelse.klotter': 2, 'otrygg_plats.dumpade_foremal': 2, 'otrygg_plats.belysning': 3 },
    { kind: 'improving', at: 0.5, after: 0.25, rampDays: 14, measure: 'Ny belysning, röjd vegetation och fastighetsvärdar' }),
  hotspot('Stadsskogen', 12.5140, 57.9370, 180, 0.7,
    { 'skadegorelse.klotter': 2, 'inbrott_stold': 3, 'buskorning': 2, 'otrygg_plats.sikt_vegetation': 3 },
    { kind: 'worsening', start: 0.4, end: 2.6, description: 'Fler inbrott i förråd och mer klotter' }),
  hotspot('Nolhagaparken', 12.5190, 57.9262, 200, 0.6,
    { 'nedskrapning': 3, 'otrygg_samling.utomhus': 3, 'otrygg_plats.belysning': 2, 'otrygg_plats.sikt_vegetation': 3, 'narkotika': 1.5 }),
];

/** Affinities of the open countryside outside the built-up areas. */
export const RURAL_AFFINITY: Readonly<Record<string, number>> = {
  'buskorning': 3, 'otrygg_plats.dumpade_foremal': 5, 'otrygg_plats.overgiven_plats': 3, 'brand.annan': 3,
  'inbrott_stold': 1.5, 'otrygg_samling.centrum': 0.05, 'otrygg_samling.trapphus_kallare': 0.1, 'arrangemang': 0.5,
};

/** Affinities of the smaller built-up areas (no real centre, fewer stairwells). */
export const SMALL_CENTRE_AFFINITY: Readonly<Record<string, number>> = {
  'otrygg_samling.centrum': 0.3, 'otrygg_samling.trapphus_kallare': 0.4, 'narkotika': 0.6, 'buskorning': 1.8,
  'inbrott_stold': 1.3,
};

/** Short Swedish descriptions per category (no personal data). */
export const DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  'skadegorelse.klotter': ['Klotter på fasaden', 'Taggar på elskåp', 'Nytt klotter i gångtunneln', 'Klotter på busskuren', 'Klotter på skolans vägg', 'Taggar på lekplatsens utrustning'],
  'skadegorelse.krossat_glas': ['Krossad ruta i busskur', 'Krossat glas på lekplatsen', 'Sönderslagen fönsterruta i entrén', 'Glasskärvor på gång- och cykelvägen'],
  'skadegorelse.annan': ['Sönderslagen parkbänk', 'Vält papperskorg', 'Trasig belysningsstolpe', 'Uppbruten dörr till soprum', 'Skadat staket'],
  'nedskrapning': ['Nedskräpning vid grillplatsen', 'Fulla papperskorgar', 'Skräp efter helgen', 'Glasflaskor och burkar i parken', 'Fimpar och snusdosor vid entrén'],
  'otrygg_samling.trapphus_kallare': ['Grupp ungdomar i trapphuset', 'Personer uppehåller sig i källargången', 'Obehöriga i cykelrummet', 'Spår av övernattning i källarförråd'],
  'otrygg_samling.centrum': ['Grupp stör förbipasserande vid torget', 'Samling utanför butiken på kvällen', 'Högljudd grupp vid busshållplatsen'],
  'otrygg_samling.utomhus': ['Samling vid lekplatsen sent på kvällen', 'Grupp med alkohol vid grillplatsen', 'Ungdomar samlas på skolgården', 'Samling vid badplatsen'],
  'narkotika': ['Misstänkt langning vid gångtunneln', 'Lukt av cannabis', 'Kanyler hittade i buskage', 'Misstänkt överlämning på parkeringen', 'Upprepade korta besök vid en bil'],
  'ordningsstorning.brak_slagsmal': ['Slagsmål utanför restaurangen', 'Bråk mellan ungdomar', 'Knuffar och skrik vid hållplatsen'],
  'ordningsstorning.hot': ['Hotfullt beteende mot förbipasserande', 'Verbala hot vid torget', 'Hotfull stämning i en grupp'],
  'hot_vald_personal': ['Hot mot personal under rondering', 'Personal blev knuffad', 'Kränkande tillrop mot personal', 'Hot mot busschaufför'],
  'inbrott_stold': ['Inbrott i förråd', 'Uppbrutet cykelrum', 'Stöld av cykel', 'Inbrottsförsök i skolans paviljong', 'Stöld från byggarbetsplats'],
  'brand.anlagd': ['Brand i papperskorg', 'Anlagd brand i container', 'Brand i soprum', 'Eld i buskage', 'Brandskadad busskur'],
  'brand.annan': ['Gräsbrand', 'Rökutveckling från container', 'Brand i bil', 'Glöd kvar på grillplatsen'],
  'buskorning.moped': ['Mopeder kör på gångvägen', 'Moped kör i parken', 'Mopedbuskörning på skolgården'],
  'buskorning.bil': ['Bilar spinner på parkeringen', 'Hög fart på villagatan', 'Bil kör på gång- och cykelväg'],
  'otrygg_plats.belysning': ['Trasig gatubelysning', 'Mörk gångväg', 'Belysningen släckt i gångtunneln', 'Saknas belysning vid hållplatsen'],
  'otrygg_plats.sikt_vegetation': ['Buskage skymmer sikten', 'Igenvuxen gångväg', 'Höga häckar vid passagen'],
  'otrygg_plats.overgiven_plats': ['Öde parkering på kvällen', 'Tom lokal med trasiga fönster', 'Övergivet industriområde'],
  'otrygg_plats.dumpade_foremal': ['Dumpade stenar vid vägen', 'Dumpade möbler', 'Övergiven cykel', 'Dumpat avfall i skogskanten'],
  'arrangemang': ['Marknad på torget', 'Konsert i parken', 'Idrottsevenemang', 'Skolavslutning'],
  'ovrigt': ['Övrig iakttagelse', 'Lösspringande hund', 'Vattenläcka vid gångvägen', 'Övergiven kundvagn'],
};

/** Hour-of-day weights (clock hours 0–23) per profile; nightlife has a later summer variant. */
export const HOUR_WEIGHTS: Readonly<Record<TimeProfile | 'nightlifeSummer', readonly number[]>> = {
  nightlife: [5, 4, 3, 1.5, 0.8, 0.4, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1, 1.2, 1.6, 2, 2.5, 3.2, 4, 5, 5.5, 6, 6],
  nightlifeSummer: [6.5, 5.5, 4, 2, 1, 0.5, 0.3, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9, 1, 1.1, 1.4, 1.8, 2.2, 2.8, 3.6, 4.5, 5.5, 6.5, 7],
  discovered: [0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 2, 5, 6, 5, 3.5, 2.5, 2, 2, 1.8, 1.5, 1.2, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3],
  daytime: [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.6, 2, 4, 5, 5, 4.5, 4, 4.5, 4.5, 4, 3, 1.5, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1],
  darkness: [0.6, 0.4, 0.3, 0.2, 0.2, 0.4, 1.5, 2, 1.2, 0.4, 0.2, 0.2, 0.2, 0.2, 0.4, 1.5, 3, 4, 4.5, 4.5, 4, 3, 2, 1],
  fire: [3, 2.5, 2, 1.2, 0.7, 0.5, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.1, 1.2, 1.3, 1.5, 1.8, 2.2, 2.7, 3.2, 3.8, 4.2, 4.2, 3.8],
};

/** Weekday weights (0 = Monday) of the "operational day" 06:00–06:00, so Friday covers Friday night. */
export const WEEKDAY_WEIGHTS: Readonly<Record<TimeProfile, readonly number[]>> = {
  nightlife: [0.8, 0.8, 0.9, 1.0, 1.8, 1.9, 0.9],
  discovered: [1.5, 1.1, 1.0, 1.0, 1.0, 0.45, 0.4],
  daytime: [1.1, 1, 1, 1, 1, 0.35, 0.3],
  darkness: [1, 1, 1, 1, 1, 0.5, 0.5],
  fire: [0.9, 0.9, 0.9, 1, 1.3, 1.4, 1],
};

/** Month weights (0 = January). */
export const MONTH_WEIGHTS: Readonly<Record<TimeProfile, readonly number[]>> = {
  nightlife: [0.7, 0.7, 0.8, 0.95, 1.1, 1.4, 1.5, 1.35, 1.0, 0.9, 0.75, 0.8],
  discovered: [0.8, 0.8, 0.9, 1, 1.1, 1.2, 1.15, 1.15, 1, 1, 0.9, 0.85],
  daytime: [0.6, 0.6, 0.8, 1.1, 1.3, 1.4, 1.3, 1.3, 1.1, 0.9, 0.7, 0.7],
  darkness: [2.2, 1.8, 1.2, 0.7, 0.35, 0.2, 0.2, 0.35, 0.8, 1.5, 2.2, 2.4],
  fire: [0.8, 0.7, 0.9, 1.4, 1.4, 1.2, 1.2, 1.0, 0.8, 0.8, 0.8, 0.9],
};

/** Multiplier on school-holiday days. */
export const HOLIDAY_WEIGHTS: Readonly<Record<TimeProfile, number>> = {
  nightlife: 1.3, discovered: 1.25, daytime: 1, darkness: 1, fire: 1.2,
};

/** Special days (month 0–11, day) and their multipliers: Valborg and New Year's Eve for fires and disorder. */
export const SPECIAL_DAYS: Readonly<Record<TimeProfile, ReadonlyArray<{ month: number; day: number; weight: number; name: string }>>> = {
  fire: [
    { month: 3, day: 30, weight: 14, name: 'Valborgsmässoafton' },
    { month: 11, day: 31, weight: 10, name: 'Nyårsafton' },
    { month: 0, day: 1, weight: 3, name: 'Nyårsdagen' },
  ],
  nightlife: [
    { month: 3, day: 30, weight: 2.5, name: 'Valborgsmässoafton' },
    { month: 11, day: 31, weight: 2, name: 'Nyårsafton' },
  ],
  discovered: [], daytime: [], darkness: [],
};
