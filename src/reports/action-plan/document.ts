/**
 * The yearly "Lägesbild och åtgärdsplan" (lag 2023:196) as a document: the mapping of the year
 * against the year before (incidents, police events, survey figures), the analysis, the prioritised
 * problems with their causes, the action plan (long-term measures, owners, dates, follow-up) and what
 * the measures did, measured before and after in the response, buffer and control areas. Written in
 * Swedish or English (`lang`): terms from the shared catalogue, the prose side by side here (`L`).
 */
import type { InterventionCounts, InterventionResult } from '../../core/analysis/intervention/index.ts';
import type { ProblemAnalysis, SituationPictureContent } from '../../core/situation-picture/content.ts';
import { followUpChart, type FollowUpWeek } from '../charts/follow-up.ts';
import { categoryChart } from '../charts/categories.ts';
import type { Block, ReportDocument } from '../document/model.ts';
import { terms } from '../../core/i18n/terms.ts';
import { municipalityTitle } from '../../core/municipalities/names.ts';
import { conclusionText, effectSummary, followUpExplanation, grossText, netEffectText, totalNetEffectText, wdqText } from '../follow-up-text.ts';
import { changeText, counted, documentLanguage, type DocumentLanguage, day, fileSafe, num, pValue, significanceText, type Language } from '../format.ts';
import { hotspotExtent } from '../lagesbild/document.ts';
import { renderMap, type MapLayers } from '../map/render.ts';
import type { PlanComparison } from '../../core/action-plans/period.ts';
import { comparisonWords, type ComparisonWords } from './comparison.ts';

export interface PlanMeasure {
  id: string;
  title: string;
  type: string;
  term: 'short' | 'long';
  status: string;
  problem: string | null;
  organisationName: string;
  responsiblePerson: string | null;
  placeName: string | null;
  areaName: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  costSek: number | null;
}

export interface PlanFollowUp {
  start: string;
  before: { from: string; to: string; days: number };
  after: { from: string; to: string; days: number };
  weeks: number;
  counts: InterventionCounts;
  result: InterventionResult;
  weekly: FollowUpWeek[];
  caveats: Array<{ code: string; message: string }>;
  areas: { control: { name: string | null } };
}

export interface ActionPlanDocumentInput {
  municipality: { id: string; name: string };
  year: number;
  plan: {
    /** A priority taken from a published lägesbild names it (`source`). */
    narrative: { introduction: string; analysis: string; priorities: Array<ProblemAnalysis & { source?: { title: string } | null }> };
    survey: Array<{ source: string; indicator: string; value: number; unit: string; year: number; comparison: { label: string; value: number } | null }>;
    adoptedAt: string | null;
    adoptedBy: string | null;
  };
  /** The mapping over `comparison`'s days, its "previous" and "last year" both the days compared with. */
  content: SituationPictureContent;
  /** What the mapping covers and compares with; without it, the whole year against the whole year before. */
  comparison?: PlanComparison;
  layers: MapLayers;
  /** The year's measures; followUp null with the reason when the effect cannot be measured (yet). */
  measures: Array<{ measure: PlanMeasure; followUp: PlanFollowUp | null; notEvaluable: string | null }>;
  measureTypeName?: (code: string) => string;
  /** Names for the ids in the prioritised problems. */
  names?: { category?: (id: string) => string | undefined; place?: (id: string) => string | undefined; area?: (id: string) => string | undefined };
  /** The document's language (Swedish by default). */
  lang?: Language;
}

const categoryName = (r: { nameSv: string; nameEn: string }, lang: Language) => (lang === 'en' && r.nameEn ? r.nameEn : r.nameSv);
const statusName = (s: string, lang: Language) => (terms(lang).measureStatus as Record<string, string>)[s] ?? s;

const LAW: Record<Language, string> = {
  sv: 'Enligt lagen (2023:196) om kommuners ansvar för brottsförebyggande arbete ska kommunen ta fram en lägesbild över brottsligheten '
    + 'och otryggheten i kommunen, utifrån den besluta om en åtgärdsplan och följa upp åtgärderna. Lägesbilden och åtgärdsplanen ska tas fram '
    + 'i samverkan med Polismyndigheten och andra aktörer som kan bidra till arbetet.',
  en: 'Under the Act (2023:196) on municipalities\' responsibility for crime prevention, the municipality shall produce a situation picture of crime '
    + 'and insecurity in the municipality, decide on an action plan from it and follow up the measures. The situation picture and the action plan shall be '
    + 'produced together with the Swedish Police Authority and other actors that can contribute to the work.',
};

function mapping(c: SituationPictureContent, layers: MapLayers, year: number, w: ComparisonWords, notStarted: boolean, x: DocumentLanguage): Block[] {
  const { L, n, lang } = x;
  const t = c.totals;
  if (notStarted) return [{ kind: 'heading', level: 1, text: L('Kartläggning', 'Mapping') }, { kind: 'paragraph', style: 'lead', text: w.statement }];
  const categories = c.byCategory.map((r) => ({ id: r.id, nameSv: r.nameSv, nameEn: r.nameEn, colour: r.colour }));
  const overview = renderMap({ id: 'plan-overview', title: `${L('Händelser', 'Incidents')} ${year}`, width: 760, height: 560, extent: c.extent, layers, cells: [], cellSize: c.hotspots.cellSize, points: c.points, categories, note: c.pointsTruncated ? L(`kartan visar ${n(c.points.length)} av årets händelser`, `the map shows ${n(c.points.length)} of the year's incidents`) : undefined, lang });
  const hot = renderMap({ id: 'plan-hotspots', title: `Hotspots ${year}`, width: 760, height: 560, extent: hotspotExtent(c), layers, cells: c.hotspots.cells, cellSize: c.hotspots.cellSize, points: [], categories, labelPlaces: true, lang });
  const chart = categoryChart(c.byCategory, { title: `${L('Händelser per kategori', 'Incidents by category')} ${year}`, lang });
  const pCell = (p: number) => pValue(p, lang).replace(/^p = /, '');
  return [
    { kind: 'heading', level: 1, text: L('Kartläggning', 'Mapping') },
    {
      kind: 'paragraph', style: 'lead',
      text: L(`Under ${w.period} registrerades ${counted(t.count, 'incidents', lang)} i ${c.municipality.name}, mot ${n(t.lastYear.count)} under ${w.base}: ${changeText(t.lastYear, lang)}.`, `In ${w.period}, ${counted(t.count, 'incidents', lang)} were recorded in ${c.municipality.name}, against ${n(t.lastYear.count)} in ${w.base}: ${changeText(t.lastYear, lang)}.`)
        + ` ${significanceText(t.lastYear, lang)}`,
    },
    { kind: 'paragraph', style: 'note', text: w.statement },
    {
      kind: 'table', caption: L(`Händelser per kategori, ${w.period} och ${w.base}`, `Incidents by category, ${w.period} and ${w.base}`), empty: L('Inga händelser under året.', 'No incidents in the year.'),
      columns: [{ header: L('Kategori', 'Category'), width: 2.4 }, { header: w.current, align: 'right' }, { header: w.previous, align: 'right' }, { header: L('Förändring', 'Change'), align: 'right', width: 1.4 }, { header: 'p', align: 'right' }],
      rows: c.byCategory.map((r) => [categoryName(r, lang), n(r.count), n(r.lastYear.count), { text: changeText(r.lastYear, lang) + (r.lastYear.significant ? ' *' : ''), fill: r.lastYear.significant ? (r.lastYear.change > 0 ? '#f6c8c3' : '#cfe5cf') : undefined }, pCell(r.lastYear.p)]),
    },
    {
      kind: 'table', caption: L(`Händelser per område, ${w.period} och ${w.base}`, `Incidents by area, ${w.period} and ${w.base}`), empty: L('Inga områden är inlagda.', 'No areas are set up.'),
      columns: [{ header: L('Område', 'Area'), width: 2.4 }, { header: w.current, align: 'right' }, { header: w.previous, align: 'right' }, { header: L('Förändring', 'Change'), align: 'right', width: 1.4 }, { header: 'p', align: 'right' }],
      rows: c.byArea.map((r) => [r.name, n(r.count), n(r.lastYear.count), changeText(r.lastYear, lang) + (r.lastYear.significant ? ' *' : ''), pCell(r.lastYear.p)]),
    },
    { kind: 'paragraph', style: 'note', text: L('Förändringar markerade med * är statistiskt säkerställda (p < 0,05, exakt Poisson-test).', 'Changes marked * are statistically significant (p < 0.05, exact Poisson test).') },
    { kind: 'figure', role: 'chart', svg: chart, width: 700, height: Number(/height="([\d.]+)"/.exec(chart)![1]), caption: L(`Händelser per kategori ${w.period} (färgad stapel) och ${w.base} (ljusgrå).`, `Incidents by category ${w.period} (coloured bar) and ${w.base} (light grey).`), alt: c.byCategory.map((r) => `${categoryName(r, lang)} ${r.count}`).join(', ') || L('Inga händelser.', 'No incidents.') },
    { kind: 'figure', role: 'map', svg: overview, width: 760, height: 560, caption: L(`Årets händelser efter kategori${c.pointsTruncated ? ' (urval)' : ''}.`, `The year's incidents by category${c.pointsTruncated ? ' (a selection)' : ''}.`), alt: L(`Karta över ${c.municipality.name} med årets händelser.`, `Map of ${c.municipality.name} with the year's incidents.`) },
    { kind: 'figure', role: 'map', svg: hot, width: 760, height: 560, caption: L('Hotspots under året (Getis–Ord Gi*, rutor om 250 m): rött förhöjd, blått sänkt nivå.', 'Hotspots in the year (Getis–Ord Gi*, cells of 250 m): red raised, blue lowered level.'), alt: L(`${counted(c.hotspots.cells.filter((h) => h.bin > 0).length, 'hotspotCells', lang)}.`, `${counted(c.hotspots.cells.filter((h) => h.bin > 0).length, 'hotspotCells', lang)}.`) },
    {
      kind: 'table', caption: L(`Platser med flest händelser ${year}`, `Places with the most incidents ${year}`), empty: L('Inga namngivna platser hade händelser.', 'No named places had incidents.'),
      columns: [{ header: L('Plats', 'Place'), width: 3 }, { header: w.current, align: 'right' }, { header: w.previous, align: 'right' }],
      rows: c.topPlaces.map((p) => [p.name, n(p.count), n(p.previous)]),
    },
    { kind: 'heading', level: 2, text: L('Polisens händelser', 'Police events') },
    { kind: 'paragraph', text: L(`Polisen publicerade ${counted(c.policeEvents.total, 'events', lang)} i kommunen under ${w.period} (${w.base}: ${n(c.policeEvents.previous)}).`, `The police published ${counted(c.policeEvents.total, 'events', lang)} in the municipality in ${w.period} (${w.base}: ${n(c.policeEvents.previous)}).`) },
    {
      kind: 'table', caption: L(`Polisens händelser per typ ${year}`, `Police events by type ${year}`), empty: L('Inga polishändelser är inlästa för året.', 'No police events are loaded for the year.'),
      columns: [{ header: L('Typ', 'Type'), width: 3 }, { header: L('Antal', 'Count'), align: 'right' }], rows: c.policeEvents.byType.map((r) => [r.type, n(r.count)]),
    },
  ];
}

function survey(plan: ActionPlanDocumentInput['plan'], x: DocumentLanguage): Block[] {
  const { L, lang } = x;
  const value = (v: number) => num(v, Number.isInteger(v) ? 0 : 1, lang);
  return [
    { kind: 'heading', level: 2, text: L('Enkäter och andra källor', 'Surveys and other sources') },
    {
      kind: 'table', caption: L('Uppgifter från enkäter (t.ex. Nationella trygghetsundersökningen, NTU)', 'Survey figures (e.g. the Swedish Crime Survey, NTU)'), empty: L('Inga enkätuppgifter är inlagda.', 'No survey figures have been entered.'),
      columns: [{ header: L('Indikator', 'Indicator'), width: 3 }, { header: L('Källa', 'Source'), width: 1.6 }, { header: L('År', 'Year'), align: 'right', width: 0.6 }, { header: L('Värde', 'Value'), align: 'right' }, { header: L('Jämförelse', 'Comparison'), width: 1.6 }],
      rows: plan.survey.map((s) => [s.indicator, s.source, String(s.year), `${value(s.value)} ${s.unit}`.trim(), s.comparison ? `${s.comparison.label}: ${value(s.comparison.value)} ${s.unit}`.trim() : '–']),
    },
  ];
}

function priorities(input: ActionPlanDocumentInput, x: DocumentLanguage): Block[] {
  const { L } = x;
  const ps = [...input.plan.narrative.priorities].sort((a, b) => a.priority - b.priority);
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: L('Prioriterade problem', 'Prioritised problems') }];
  if (!ps.length) return [...blocks, { kind: 'paragraph', style: 'note', text: L('Inga prioriterade problem är beskrivna.', 'No prioritised problems have been described.') }];
  blocks.push({ kind: 'paragraph', text: L('Problemen analyseras efter brottstriangeln: gärningsperson, mål eller offer och plats.', 'The problems are analysed by the crime triangle: offender, target or victim and place.') });
  for (const p of ps) {
    const where = [p.placeId && input.names?.place?.(p.placeId), p.areaId && input.names?.area?.(p.areaId)].filter(Boolean).join(', ');
    const cats = p.categoryIds.map((id) => input.names?.category?.(id) ?? id).join(', ');
    blocks.push({ kind: 'heading', level: 2, text: `${p.priority}. ${p.title}` });
    blocks.push({
      kind: 'keyValues', caption: `${L('Orsaksanalys', 'Cause analysis')}: ${p.title}`,
      items: [
        ...(cats ? [{ label: L('Kategorier', 'Categories'), value: cats }] : []),
        ...(where ? [{ label: L('Plats/område', 'Place/area'), value: where }] : []),
        ...(p.source ? [{ label: L('Från lägesbilden', 'From the situation picture'), value: p.source.title }] : []),
        { label: L('Gärningsperson', 'Offender'), value: p.offender || '–' },
        { label: L('Mål/offer', 'Target/victim'), value: p.target || '–' },
        { label: L('Plats', 'Place'), value: p.place || '–' },
        { label: L('Föreslagna åtgärder', 'Suggested measures'), value: p.suggestedMeasures || '–' },
      ],
    });
  }
  return blocks;
}

const dates = (a: string | null, b: string | null, lang: Language) => (a || b ? `${a ? day(a, lang) : '?'} – ${b ? day(b, lang) : '?'}` : '–');

function plan(input: ActionPlanDocumentInput, typeName: (c: string) => string, x: DocumentLanguage): Block[] {
  const { L, lang } = x;
  const notYet = L('Kan inte utvärderas än', 'Cannot be evaluated yet');
  const long = input.measures.filter((m) => m.measure.term === 'long' && m.measure.status !== 'cancelled');
  const followUpText = (m: ActionPlanDocumentInput['measures'][number]) => (m.followUp ? effectSummary(m.followUp.result, lang) : m.notEvaluable ?? notYet);
  const columns = [{ header: L('Åtgärd', 'Measure'), width: 2.2 }, { header: L('Typ', 'Type'), width: 1.2 }, { header: L('Ansvarig', 'Responsible'), width: 1.5 }];
  return [
    { kind: 'heading', level: 1, text: L('Åtgärdsplan', 'Action plan') },
    { kind: 'paragraph', text: L('De långsiktiga åtgärderna, vem som ansvarar för dem och hur de följs upp. Uppföljningen beräknas från händelserna före och efter starten i åtgärdsområdet, en buffertzon runt det och ett kontrollområde.', 'The long-term measures, who is responsible for them and how they are followed up. The follow-up is computed from the incidents before and after the start in the response area, a buffer around it and a control area.') },
    {
      kind: 'table', caption: `${L('Långsiktiga åtgärder', 'Long-term measures')} ${input.year}`, empty: L('Inga långsiktiga åtgärder är registrerade.', 'No long-term measures are registered.'),
      columns: [...columns, { header: L('Planerad tid', 'Planned time'), width: 1.5 }, { header: 'Status', width: 0.9 }, { header: L('Uppföljning', 'Follow-up'), width: 2.4 }],
      rows: long.map((m) => [
        m.measure.placeName || m.measure.areaName ? `${m.measure.title} (${m.measure.placeName ?? m.measure.areaName})` : m.measure.title,
        typeName(m.measure.type), m.measure.responsiblePerson ? `${m.measure.organisationName}, ${m.measure.responsiblePerson}` : m.measure.organisationName,
        dates(m.measure.plannedStart, m.measure.plannedEnd, lang), statusName(m.measure.status, lang), followUpText(m),
      ]),
    },
    {
      kind: 'table', caption: `${L('Kortsiktiga åtgärder', 'Short-term measures')} ${input.year}`, empty: L('Inga kortsiktiga åtgärder är registrerade.', 'No short-term measures are registered.'),
      columns: [...columns, { header: L('Genomförd', 'Carried out'), width: 1.5 }, { header: 'Status', width: 0.9 }],
      rows: input.measures.filter((m) => m.measure.term === 'short').map((m) => [m.measure.title, typeName(m.measure.type), m.measure.organisationName, dates(m.measure.actualStart, m.measure.actualEnd, lang), statusName(m.measure.status, lang)]),
    },
  ];
}

function effects(input: ActionPlanDocumentInput, typeName: (c: string) => string, x: DocumentLanguage): Block[] {
  const { L, n, lang } = x;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: L('Åtgärdernas effekt', 'The effect of the measures') },
    {
      kind: 'paragraph',
      text: followUpExplanation(lang),
    },
  ];
  const evaluated = input.measures.filter((m) => m.followUp);
  for (const { measure: m, followUp: f } of evaluated) {
    const c = f!.counts, r = f!.result;
    const where = m.placeName ? `, ${m.placeName}` : m.areaName ? `, ${m.areaName}` : '';
    const before = `${day(f!.before.from, lang)} – ${day(f!.before.to, lang)}`, after = `${day(f!.after.from, lang)} – ${day(f!.after.to, lang)}`;
    blocks.push({ kind: 'heading', level: 2, text: m.title });
    blocks.push({ kind: 'paragraph', text: `${typeName(m.type)}, ${m.organisationName}${where}. ` + L(`Start ${day(f!.start, lang)}; jämförelse ${counted(f!.weeks, 'weeks', lang)} före (${before}) och efter (${after}).`, `Start ${day(f!.start, lang)}; comparison ${counted(f!.weeks, 'weeks', lang)} before (${before}) and after (${after}).`) });
    blocks.push({
      kind: 'table', caption: `${L('Händelser före och efter', 'Incidents before and after')}: ${m.title}`,
      columns: [{ header: L('Område', 'Area'), width: 2 }, { header: L('Före', 'Before'), align: 'right' }, { header: L('Efter', 'After'), align: 'right' }],
      rows: [[L('Åtgärdsområde (R)', 'Response area (R)'), n(c.Rb), n(c.Ra)], [L('Buffertzon (D)', 'Buffer (D)'), n(c.Db), n(c.Da)], [`${L('Kontrollområde (C)', 'Control area (C)')}${f!.areas.control.name ? `: ${f!.areas.control.name}` : ''}`, n(c.Cb), n(c.Ca)]],
    });
    blocks.push({
      kind: 'keyValues', caption: `${L('Effektmått', 'Effect measures')}: ${m.title}`,
      items: [
        { label: L('Slutsats', 'Conclusion'), value: conclusionText(r, lang) },
        { label: L('Bruttoförändring', 'Gross change'), value: grossText(r, lang) },
        { label: L('Nettoeffekt', 'Net effect'), value: netEffectText(r, lang) },
        { label: L('Viktad förflyttningskvot (WDQ)', 'Weighted displacement quotient (WDQ)'), value: wdqText(r, lang) },
        { label: L('Total nettoeffekt (med buffertzonen)', 'Total net effect (with the buffer)'), value: totalNetEffectText(r, lang) },
      ],
    });
    if (f!.weekly.length) {
      const svg = followUpChart(f!.weekly, f!.start, { lang });
      blocks.push({ kind: 'figure', role: 'chart', svg, width: 700, height: 240, caption: `${L('Händelser per vecka i R, D och C före och efter starten', 'Incidents per week in R, D and C before and after the start')}: ${m.title}.`, alt: effectSummary(r, lang) });
    }
    if (f!.caveats.length) blocks.push({ kind: 'list', items: f!.caveats.map((cv) => cv.message) });
  }
  const notYet = input.measures.filter((m) => !m.followUp && m.measure.status !== 'cancelled');
  blocks.push({
    kind: 'table', caption: L('Åtgärder som inte kan utvärderas än', 'Measures that cannot be evaluated yet'), empty: L('Alla åtgärder har kunnat utvärderas.', 'Every measure could be evaluated.'),
    columns: [{ header: L('Åtgärd', 'Measure'), width: 2.5 }, { header: 'Status', width: 1 }, { header: L('Skäl', 'Reason'), width: 3 }],
    rows: notYet.map((m) => [m.measure.title, statusName(m.measure.status, lang), m.notEvaluable ?? L('Kan inte utvärderas än', 'Cannot be evaluated yet')]),
  });
  return blocks;
}

export function actionPlanDocument(input: ActionPlanDocumentInput): ReportDocument {
  const lang = input.lang ?? 'sv';
  const x = documentLanguage(lang), { L } = x;
  const typeName = input.measureTypeName ?? ((c: string) => c);
  const p = input.plan;
  const comparison = input.comparison ?? { year: input.year, state: 'complete', from: `${input.year}-01-01`, to: `${input.year}-12-31`, compareFrom: `${input.year - 1}-01-01`, compareTo: `${input.year - 1}-12-31` };
  const words = comparisonWords(comparison, lang);
  const adopted = p.adoptedAt
    ? L(`Fastställd ${day(p.adoptedAt, lang)}${p.adoptedBy ? ` av ${p.adoptedBy}` : ''}`, `Adopted ${day(p.adoptedAt, lang)}${p.adoptedBy ? ` by ${p.adoptedBy}` : ''}`)
    : L('Ej fastställd', 'Not adopted');
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: L('Inledning', 'Introduction') },
    ...(p.narrative.introduction ? [{ kind: 'paragraph' as const, style: 'lead' as const, text: p.narrative.introduction }] : []),
    { kind: 'paragraph', text: LAW[lang] },
    ...mapping(input.content, input.layers, input.year, words, comparison.state === 'notStarted', x),
    ...survey(p, x),
    { kind: 'heading', level: 1, text: L('Analys', 'Analysis') },
    p.narrative.analysis ? { kind: 'paragraph', text: p.narrative.analysis } : { kind: 'paragraph', style: 'note', text: L('Ingen analys är skriven ännu.', 'No analysis has been written yet.') },
    ...priorities(input, x),
    ...plan(input, typeName, x),
    ...effects(input, typeName, x),
    { kind: 'heading', level: 1, text: L('Beslut och uppföljning', 'Decision and follow-up') },
    { kind: 'paragraph', text: L(`${adopted}. Åtgärdsplanen följs upp löpande i områdesgrupperna och revideras när lägesbilden ändras; nästa årliga lägesbild tas fram för ${input.year + 1}.`, `${adopted}. The action plan is followed up continuously in the area groups and revised when the situation picture changes; the next yearly situation picture is produced for ${input.year + 1}.`) },
    { kind: 'paragraph', style: 'note', text: L(`Kartläggningen beräknades ${day(input.content.computedAt, lang)} ur de händelser som rapporterats i Lägesbild. Kartorna bygger på SCB:s kommungränser (CC0).`, `The mapping was computed on ${day(input.content.computedAt, lang)} from the incidents reported in Lägesbild. The maps use SCB's municipal boundaries (CC0).`) },
  ];
  return {
    lang,
    title: L(`Lägesbild och åtgärdsplan ${input.year}`, `Situation picture and action plan ${input.year}`),
    subtitle: [
      municipalityTitle([input.municipality.name], lang),
      L('Enligt lag (2023:196) om kommuners ansvar för brottsförebyggande arbete', 'Under the Act (2023:196) on municipalities\' responsibility for crime prevention'),
      words.subtitle,
    ],
    status: adopted,
    draft: !p.adoptedAt,
    author: municipalityTitle([input.municipality.name], lang),
    fileName: fileSafe(L(`lagesbild-och-atgardsplan-${input.municipality.name}-${input.year}`, `situation-picture-and-action-plan-${input.municipality.name}-${input.year}`)),
    blocks,
  };
}
