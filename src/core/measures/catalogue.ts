/**
 * The catalogue of measure types (åtgärdstyper). Situational measures change the place (after the
 * crime triangle's "place" side: lighting, sightlines, guardians, upkeep); social measures work with
 * the people who spend time there. The default term is what the type usually is; a measure may say
 * otherwise (camera surveillance is long-term once installed, a cleaning drive short-term).
 */
export const MEASURE_KINDS = ['situational', 'social', 'other'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type MeasureTerm = 'short' | 'long';

export interface MeasureType {
  /** Stored in measures.type; matches ^[a-z_]{1,50}$. */
  code: string;
  kind: MeasureKind;
  nameSv: string;
  nameEn: string;
  defaultTerm: MeasureTerm;
}

export const MEASURE_TYPES: readonly MeasureType[] = [
  { code: 'belysning', kind: 'situational', nameSv: 'Belysning', nameEn: 'Lighting', defaultTerm: 'long' },
  { code: 'vegetation', kind: 'situational', nameSv: 'Röjning av vegetation', nameEn: 'Vegetation clearing', defaultTerm: 'short' },
  { code: 'stadning', kind: 'situational', nameSv: 'Städning och nedskräpning', nameEn: 'Cleaning and litter', defaultTerm: 'short' },
  { code: 'klotterborttagning', kind: 'situational', nameSv: 'Klotterborttagning', nameEn: 'Graffiti removal', defaultTerm: 'short' },
  { code: 'reparation', kind: 'situational', nameSv: 'Reparation', nameEn: 'Repair', defaultTerm: 'short' },
  { code: 'vaktrond', kind: 'situational', nameSv: 'Väktarronder', nameEn: 'Guard rounds', defaultTerm: 'short' },
  { code: 'polisnarvaro', kind: 'situational', nameSv: 'Polisnärvaro', nameEn: 'Police presence', defaultTerm: 'short' },
  { code: 'kamera', kind: 'situational', nameSv: 'Kameraövervakning', nameEn: 'Camera surveillance', defaultTerm: 'long' },
  { code: 'fysisk_utformning', kind: 'situational', nameSv: 'Fysisk utformning', nameEn: 'Physical design', defaultTerm: 'long' },
  { code: 'faltarbete', kind: 'social', nameSv: 'Fältarbete', nameEn: 'Field workers', defaultTerm: 'long' },
  { code: 'vuxennarvaro', kind: 'social', nameSv: 'Vuxennärvaro (nattvandring)', nameEn: 'Adult presence (night walks)', defaultTerm: 'short' },
  { code: 'dialog', kind: 'social', nameSv: 'Dialog', nameEn: 'Dialogue', defaultTerm: 'short' },
  { code: 'aktiviteter', kind: 'social', nameSv: 'Aktiviteter', nameEn: 'Activities', defaultTerm: 'long' },
  { code: 'ovrigt', kind: 'other', nameSv: 'Övrigt', nameEn: 'Other', defaultTerm: 'short' },
];

const BY_CODE = new Map(MEASURE_TYPES.map((t) => [t.code, t]));

export const measureType = (code: string): MeasureType | undefined => BY_CODE.get(code);
export const MEASURE_TYPE_CODES: readonly string[] = MEASURE_TYPES.map((t) => t.code);
