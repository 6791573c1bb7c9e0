import type { EmergingPattern } from '../analysis/emerging-hotspots/classify.ts';
import type { WdqInterpretation } from '../analysis/intervention/index.ts';
import type { ReviewStatus } from '../incidents/rules.ts';
import type { MeasureKind, MeasureTerm } from '../measures/catalogue.ts';
import type { MeasureStatus } from '../measures/rules.ts';
import type { AgendaKind } from '../meetings/kinds.ts';
import type { StatusLevel } from '../situation-picture/content.ts';
import type { Language } from './errors.ts';
import type { PluralForms } from './plural.ts';

/**
 * The domain's fixed terms, once, in Swedish and English: the web's catalogue sections, the
 * documents (src/reports) and the meeting agenda all take their words from here, so a class, a
 * status or an agenda item is called the same on the screen, in the PDF and in the minutes.
 * Templates take {name} parameters (see `fill`).
 */
export interface DomainTerms {
  /** ArcGIS emerging-hotspot classes (the codes stay English: they are ArcGIS's names). */
  emerging: Record<EmergingPattern, string>;
  /** A cell without a class: too few weeks to tell a trend. */
  emergingNone: string;
  /** A Gi* cell's confidence bin; {level} is 90, 95 or 99. */
  confidence: { hot: string; cold: string };
  statusLevel: Record<StatusLevel, string>;
  reviewStatus: Record<ReviewStatus, string>;
  measureStatus: Record<MeasureStatus, string>;
  measureTerm: Record<MeasureTerm, string>;
  measureKind: Record<MeasureKind, string>;
  editionStatus: { draft: string; published: string };
  meetingStatus: { planned: string; held: string };
  /** What a status level or a hotspot zone is about. */
  placeKind: { area: string; place: string };
  agendaKind: Record<AgendaKind, string>;
  /** What a measure's weighted displacement quotient (WDQ) says, in words a board member reads. */
  wdqReading: Record<WdqInterpretation, string>;
  /** The words of a comparison of periods. */
  period: { current: string; previous: string; lastYear: string; weeksBefore: string; days: string };
  /** Monday first. */
  weekdays: readonly string[];
  weekdaysShort: readonly string[];
  /** The generated agenda items: title and detail of each kind, filled from the item's params. */
  agenda: {
    hotspotTitle: string;
    hotspotDetail: string;
    hotspotZone: string;
    hotspotZonePlaces: string;
    increase: string;
    decrease: string;
    changeDetail: string;
    redTitle: string;
    redDetail: string;
    overdueTitle: string;
    overdueDetail: string;
    dueTitle: string;
    dueDetail: string;
    decisionTitle: string;
    decisionDetail: string;
    decisionResponsible: string;
    decisionDue: string;
    unknownPlace: string;
    incidents: PluralForms;
    cells: PluralForms;
  };
}

const SV: DomainTerms = {
  emerging: {
    'No Pattern Detected': 'Inget mönster',
    'New Hot Spot': 'Ny hotspot',
    'Consecutive Hot Spot': 'Sammanhängande hotspot',
    'Intensifying Hot Spot': 'Intensifierande hotspot',
    'Persistent Hot Spot': 'Ihållande hotspot',
    'Diminishing Hot Spot': 'Avtagande hotspot',
    'Sporadic Hot Spot': 'Sporadisk hotspot',
    'Oscillating Hot Spot': 'Växlande hotspot',
    'Historical Hot Spot': 'Historisk hotspot',
    'New Cold Spot': 'Ny coldspot',
    'Consecutive Cold Spot': 'Sammanhängande coldspot',
    'Intensifying Cold Spot': 'Intensifierande coldspot',
    'Persistent Cold Spot': 'Ihållande coldspot',
    'Diminishing Cold Spot': 'Avtagande coldspot',
    'Sporadic Cold Spot': 'Sporadisk coldspot',
    'Oscillating Cold Spot': 'Växlande coldspot',
    'Historical Cold Spot': 'Historisk coldspot',
  },
  emergingNone: 'För få veckor',
  confidence: { hot: 'Hotspot, {level} % konfidens', cold: 'Coldspot, {level} % konfidens' },
  statusLevel: { green: 'Grön', yellow: 'Gul', red: 'Röd' },
  reviewStatus: { new: 'Ny', reviewed: 'Granskad', rejected: 'Avvisad', duplicate: 'Dubblett' },
  measureStatus: { proposed: 'Föreslagen', planned: 'Planerad', ongoing: 'Pågår', done: 'Genomförd', cancelled: 'Avbruten' },
  measureTerm: { short: 'Kortsiktig', long: 'Långsiktig' },
  measureKind: { situational: 'Situationell', social: 'Social', other: 'Övrigt' },
  editionStatus: { draft: 'Utkast', published: 'Publicerad' },
  meetingStatus: { planned: 'Planerat', held: 'Hållet' },
  placeKind: { area: 'Område', place: 'Plats' },
  wdqReading: {
    'diffusion-greater-than-direct-effect': 'även omgivningen fick det bättre, mer än platsen själv',
    'diffusion-of-benefits': 'även omgivningen fick det bättre',
    'no-displacement-or-diffusion': 'problemet flyttade inte till omgivningen',
    'displacement-less-than-direct-effect': 'en del av problemet flyttade till omgivningen, men mindre än vad som vanns på platsen',
    'displacement-greater-than-direct-effect': 'mer flyttade till omgivningen än vad som vanns på platsen',
    'no-success-in-response-area': 'tolkas inte, eftersom platsen inte fick färre händelser än väntat',
  },
  agendaKind: {
    'new-hotspot': 'Ny hotspot',
    'intensifying-hotspot': 'Intensifierande hotspot',
    'largest-change': 'Stor förändring',
    'red-status': 'Röd statusnivå',
    'measure-due': 'Åtgärd som snart ska vara klar',
    'measure-overdue': 'Försenad åtgärd',
    'follow-up-decision': 'Uppföljning av tidigare beslut',
    other: 'Övrigt',
  },
  period: { current: 'Perioden', previous: 'Föregående period', lastYear: 'Samma period i fjol', weeksBefore: 'Veckorna före', days: '{days} dagar' },
  weekdays: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  weekdaysShort: ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'],
  agenda: {
    hotspotTitle: '{class}: {name}',
    hotspotDetail: '{incidents} i den starkaste rutan under perioden (Gi* z = {z}, konfidens {confidence} %).',
    hotspotZone: 'Hotspotområdet har {cells} och {incidents}.',
    hotspotZonePlaces: 'Hotspotområdet har {cells} och {incidents} ({places}).',
    increase: 'Ökning: {name} {change} ({percent})',
    decrease: 'Minskning: {name} {change} ({percent})',
    changeDetail: '{incidents} mot {before} perioden innan ({p}).',
    redTitle: 'Röd nivå: {name}',
    redDetail: 'Statusnivå röd i lägesbilden.',
    overdueTitle: 'Försenad åtgärd: {title}',
    overdueDetail: '{where}, {organisation}; skulle vara klar {date} ({status}).',
    dueTitle: 'Åtgärd klar snart: {title}',
    dueDetail: '{where}, {organisation}; planerad klar {date} ({status}).',
    decisionTitle: 'Uppföljning av beslut: {text}',
    decisionDetail: 'Beslutat {date} ({meeting}){responsible}; åtgärden ”{measure}”: {status}{due}.',
    decisionResponsible: ', ansvarig {organisation}',
    decisionDue: ', klar senast {date}',
    unknownPlace: 'okänd plats',
    incidents: { one: '{n} händelse', other: '{n} händelser' },
    cells: { one: '{n} ruta', other: '{n} rutor' },
  },
};

const EN: DomainTerms = {
  emerging: {
    'No Pattern Detected': 'No pattern',
    'New Hot Spot': 'New hotspot',
    'Consecutive Hot Spot': 'Consecutive hotspot',
    'Intensifying Hot Spot': 'Intensifying hotspot',
    'Persistent Hot Spot': 'Persistent hotspot',
    'Diminishing Hot Spot': 'Diminishing hotspot',
    'Sporadic Hot Spot': 'Sporadic hotspot',
    'Oscillating Hot Spot': 'Oscillating hotspot',
    'Historical Hot Spot': 'Historical hotspot',
    'New Cold Spot': 'New coldspot',
    'Consecutive Cold Spot': 'Consecutive coldspot',
    'Intensifying Cold Spot': 'Intensifying coldspot',
    'Persistent Cold Spot': 'Persistent coldspot',
    'Diminishing Cold Spot': 'Diminishing coldspot',
    'Sporadic Cold Spot': 'Sporadic coldspot',
    'Oscillating Cold Spot': 'Oscillating coldspot',
    'Historical Cold Spot': 'Historical coldspot',
  },
  emergingNone: 'Too few weeks',
  confidence: { hot: 'Hotspot, {level}% confidence', cold: 'Coldspot, {level}% confidence' },
  statusLevel: { green: 'Green', yellow: 'Yellow', red: 'Red' },
  reviewStatus: { new: 'New', reviewed: 'Reviewed', rejected: 'Rejected', duplicate: 'Duplicate' },
  measureStatus: { proposed: 'Proposed', planned: 'Planned', ongoing: 'Ongoing', done: 'Done', cancelled: 'Cancelled' },
  measureTerm: { short: 'Short-term', long: 'Long-term' },
  measureKind: { situational: 'Situational', social: 'Social', other: 'Other' },
  editionStatus: { draft: 'Draft', published: 'Published' },
  meetingStatus: { planned: 'Planned', held: 'Held' },
  placeKind: { area: 'Area', place: 'Place' },
  wdqReading: {
    'diffusion-greater-than-direct-effect': 'the surroundings improved too, more than the place itself',
    'diffusion-of-benefits': 'the surroundings improved too',
    'no-displacement-or-diffusion': 'the problem did not move to the surroundings',
    'displacement-less-than-direct-effect': 'some of the problem moved to the surroundings, but less than was gained at the place',
    'displacement-greater-than-direct-effect': 'more moved to the surroundings than was gained at the place',
    'no-success-in-response-area': 'not interpreted, because the place did not have fewer incidents than expected',
  },
  agendaKind: {
    'new-hotspot': 'New hotspot',
    'intensifying-hotspot': 'Intensifying hotspot',
    'largest-change': 'Large change',
    'red-status': 'Red status level',
    'measure-due': 'Measure due soon',
    'measure-overdue': 'Overdue measure',
    'follow-up-decision': 'Follow-up of an earlier decision',
    other: 'Other',
  },
  period: { current: 'The period', previous: 'Previous period', lastYear: 'Same period last year', weeksBefore: 'The weeks before', days: '{days} days' },
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  weekdaysShort: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  agenda: {
    hotspotTitle: '{class}: {name}',
    hotspotDetail: '{incidents} in the strongest cell during the period (Gi* z = {z}, {confidence}% confidence).',
    hotspotZone: 'The hotspot zone has {cells} and {incidents}.',
    hotspotZonePlaces: 'The hotspot zone has {cells} and {incidents} ({places}).',
    increase: 'Increase: {name} {change} ({percent})',
    decrease: 'Decrease: {name} {change} ({percent})',
    changeDetail: '{incidents} against {before} in the period before ({p}).',
    redTitle: 'Red level: {name}',
    redDetail: 'Status level red in the situation picture.',
    overdueTitle: 'Overdue measure: {title}',
    overdueDetail: '{where}, {organisation}; was due {date} ({status}).',
    dueTitle: 'Measure due soon: {title}',
    dueDetail: '{where}, {organisation}; planned to be done {date} ({status}).',
    decisionTitle: 'Follow-up of decision: {text}',
    decisionDetail: 'Decided {date} ({meeting}){responsible}; measure “{measure}”: {status}{due}.',
    decisionResponsible: ', responsible: {organisation}',
    decisionDue: ', due {date}',
    unknownPlace: 'place not given',
    incidents: { one: '{n} incident', other: '{n} incidents' },
    cells: { one: '{n} cell', other: '{n} cells' },
  },
};

export const DOMAIN_TERMS: Record<Language, DomainTerms> = { sv: SV, en: EN };

/** The terms of a language. */
export const terms = (lang: Language): DomainTerms => DOMAIN_TERMS[lang];

/** A template with {name} replaced from params (unknown names are left as they are). */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** An emerging-hotspot class in the language; null (a cell with too few weeks) has its own term. */
export const emergingTerm = (lang: Language, e: EmergingPattern | null): string => (e === null ? DOMAIN_TERMS[lang].emergingNone : DOMAIN_TERMS[lang].emerging[e]);

/** "Hotspot, 99 % konfidens" for a Gi* bin (±1…±3). */
export function confidenceTerm(lang: Language, bin: number): string {
  const level = Math.abs(bin) === 3 ? 99 : Math.abs(bin) === 2 ? 95 : 90;
  return fill(DOMAIN_TERMS[lang].confidence[bin > 0 ? 'hot' : 'cold'], { level });
}
