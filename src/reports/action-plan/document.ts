/**
 * The yearly "Lägesbild och åtgärdsplan" (lag 2023:196) as a document: the mapping of the year
 * against the year before (incidents, police events, survey figures), the analysis, the prioritised
 * problems with their causes, the action plan (long-term measures, owners, dates, follow-up) and what
 * the measures did, measured before and after in the response, buffer and control areas.
 */
import type { InterventionCounts, InterventionResult } from '../../core/analysis/intervention/index.ts';
import type { ProblemAnalysis, SituationPictureContent } from '../../core/situation-picture/content.ts';
import { followUpChart, type FollowUpWeek } from '../charts/follow-up.ts';
import { categoryChart } from '../charts/categories.ts';
import type { Block, ReportDocument } from '../document/model.ts';
import { effectSummary, INTERPRETATION_SV, quantity } from '../follow-up-text.ts';
import { changeText, count, day, fileSafe, MEASURE_STATUS_SV, num, pValue, significanceText } from '../format.ts';
import { hotspotExtent } from '../lagesbild/document.ts';
import { renderMap, type MapLayers } from '../map/render.ts';

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
    narrative: { introduction: string; analysis: string; priorities: ProblemAnalysis[] };
    survey: Array<{ source: string; indicator: string; value: number; unit: string; year: number; comparison: { label: string; value: number } | null }>;
    adoptedAt: string | null;
    adoptedBy: string | null;
  };
  /** The mapping: 1 January – 31 December against the year before. */
  content: SituationPictureContent;
  layers: MapLayers;
  /** The year's measures; followUp null with the reason when the effect cannot be measured (yet). */
  measures: Array<{ measure: PlanMeasure; followUp: PlanFollowUp | null; notEvaluable: string | null }>;
  measureTypeName?: (code: string) => string;
  /** Names for the ids in the prioritised problems. */
  names?: { category?: (id: string) => string | undefined; place?: (id: string) => string | undefined; area?: (id: string) => string | undefined };
}

const LAW = 'Enligt lagen (2023:196) om kommuners ansvar för brottsförebyggande arbete ska kommunen ta fram en lägesbild över brottsligheten '
  + 'och otryggheten i kommunen, utifrån den besluta om en åtgärdsplan och följa upp åtgärderna. Lägesbilden och åtgärdsplanen ska tas fram '
  + 'i samverkan med Polismyndigheten och andra aktörer som kan bidra till arbetet.';

function mapping(c: SituationPictureContent, layers: MapLayers, year: number): Block[] {
  const t = c.totals;
  const categories = c.byCategory.map((r) => ({ id: r.id, nameSv: r.nameSv, colour: r.colour }));
  const overview = renderMap({ id: 'plan-overview', title: `Händelser ${year}`, width: 760, height: 560, extent: c.extent, layers, cells: [], cellSize: c.hotspots.cellSize, points: c.points, categories, note: c.pointsTruncated ? `kartan visar ${count(c.points.length)} av årets händelser` : undefined });
  const hot = renderMap({ id: 'plan-hotspots', title: `Hotspots ${year}`, width: 760, height: 560, extent: hotspotExtent(c), layers, cells: c.hotspots.cells, cellSize: c.hotspots.cellSize, points: [], categories, labelPlaces: true });
  const chart = categoryChart(c.byCategory, { title: `Händelser per kategori ${year}` });
  return [
    { kind: 'heading', level: 1, text: 'Kartläggning' },
    {
      kind: 'paragraph', style: 'lead',
      text: `Under ${year} registrerades ${count(t.count)} händelser i ${c.municipality.name}, mot ${count(t.lastYear.count)} året före: ${changeText(t.lastYear)}. ${significanceText(t.lastYear)}`,
    },
    {
      kind: 'table', caption: `Händelser per kategori ${year} och ${year - 1}`, empty: 'Inga händelser under året.',
      columns: [{ header: 'Kategori', width: 2.4 }, { header: String(year), align: 'right' }, { header: String(year - 1), align: 'right' }, { header: 'Förändring', align: 'right', width: 1.4 }, { header: 'p', align: 'right' }],
      rows: c.byCategory.map((r) => [r.nameSv, count(r.count), count(r.lastYear.count), { text: changeText(r.lastYear) + (r.lastYear.significant ? ' *' : ''), fill: r.lastYear.significant ? (r.lastYear.change > 0 ? '#f6c8c3' : '#cfe5cf') : undefined }, pValue(r.lastYear.p).replace(/^p = /, '')]),
    },
    {
      kind: 'table', caption: `Händelser per område ${year} och ${year - 1}`, empty: 'Inga områden är inlagda.',
      columns: [{ header: 'Område', width: 2.4 }, { header: String(year), align: 'right' }, { header: String(year - 1), align: 'right' }, { header: 'Förändring', align: 'right', width: 1.4 }, { header: 'p', align: 'right' }],
      rows: c.byArea.map((r) => [r.name, count(r.count), count(r.lastYear.count), changeText(r.lastYear) + (r.lastYear.significant ? ' *' : ''), pValue(r.lastYear.p).replace(/^p = /, '')]),
    },
    { kind: 'paragraph', style: 'note', text: 'Förändringar markerade med * är statistiskt säkerställda (p < 0,05, exakt Poisson-test).' },
    { kind: 'figure', role: 'chart', svg: chart, width: 700, height: Number(/height="([\d.]+)"/.exec(chart)![1]), caption: `Händelser per kategori ${year} (färgad stapel) och ${year - 1} (ljusgrå).`, alt: c.byCategory.map((r) => `${r.nameSv} ${r.count}`).join(', ') || 'Inga händelser.' },
    { kind: 'figure', role: 'map', svg: overview, width: 760, height: 560, caption: `Årets händelser efter kategori${c.pointsTruncated ? ' (urval)' : ''}.`, alt: `Karta över ${c.municipality.name} med årets händelser.` },
    { kind: 'figure', role: 'map', svg: hot, width: 760, height: 560, caption: 'Hotspots under året (Getis–Ord Gi*, rutor om 250 m): rött förhöjd, blått sänkt nivå.', alt: `${count(c.hotspots.cells.filter((h) => h.bin > 0).length)} hotspotrutor.` },
    {
      kind: 'table', caption: `Platser med flest händelser ${year}`, empty: 'Inga namngivna platser hade händelser.',
      columns: [{ header: 'Plats', width: 3 }, { header: String(year), align: 'right' }, { header: 'Året före', align: 'right' }],
      rows: c.topPlaces.map((p) => [p.name, count(p.count), count(p.previous)]),
    },
    { kind: 'heading', level: 2, text: 'Polisens händelser' },
    { kind: 'paragraph', text: `Polisen publicerade ${count(c.policeEvents.total)} händelser i kommunen under ${year} (året före ${count(c.policeEvents.previous)}).` },
    {
      kind: 'table', caption: `Polisens händelser per typ ${year}`, empty: 'Inga polishändelser är inlästa för året.',
      columns: [{ header: 'Typ', width: 3 }, { header: 'Antal', align: 'right' }], rows: c.policeEvents.byType.map((r) => [r.type, count(r.count)]),
    },
  ];
}

function survey(plan: ActionPlanDocumentInput['plan']): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'Enkäter och andra källor' },
    {
      kind: 'table', caption: 'Uppgifter från enkäter (t.ex. Nationella trygghetsundersökningen, NTU)', empty: 'Inga enkätuppgifter är inlagda.',
      columns: [{ header: 'Indikator', width: 3 }, { header: 'Källa', width: 1.6 }, { header: 'År', align: 'right', width: 0.6 }, { header: 'Värde', align: 'right' }, { header: 'Jämförelse', width: 1.6 }],
      rows: plan.survey.map((s) => [s.indicator, s.source, String(s.year), `${num(s.value, Number.isInteger(s.value) ? 0 : 1)} ${s.unit}`.trim(), s.comparison ? `${s.comparison.label}: ${num(s.comparison.value, Number.isInteger(s.comparison.value) ? 0 : 1)} ${s.unit}`.trim() : '–']),
    },
  ];
}

function priorities(input: ActionPlanDocumentInput): Block[] {
  const ps = [...input.plan.narrative.priorities].sort((a, b) => a.priority - b.priority);
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: 'Prioriterade problem' }];
  if (!ps.length) return [...blocks, { kind: 'paragraph', style: 'note', text: 'Inga prioriterade problem är beskrivna.' }];
  blocks.push({ kind: 'paragraph', text: 'Problemen analyseras efter brottstriangeln: gärningsperson, mål eller offer och plats.' });
  for (const p of ps) {
    const where = [p.placeId && input.names?.place?.(p.placeId), p.areaId && input.names?.area?.(p.areaId)].filter(Boolean).join(', ');
    const cats = p.categoryIds.map((id) => input.names?.category?.(id) ?? id).join(', ');
    blocks.push({ kind: 'heading', level: 2, text: `${p.priority}. ${p.title}` });
    blocks.push({
      kind: 'keyValues', caption: `Orsaksanalys: ${p.title}`,
      items: [
        ...(cats ? [{ label: 'Kategorier', value: cats }] : []),
        ...(where ? [{ label: 'Plats/område', value: where }] : []),
        { label: 'Gärningsperson', value: p.offender || '–' },
        { label: 'Mål/offer', value: p.target || '–' },
        { label: 'Plats', value: p.place || '–' },
        { label: 'Föreslagna åtgärder', value: p.suggestedMeasures || '–' },
      ],
    });
  }
  return blocks;
}

const dates = (a: string | null, b: string | null) => (a || b ? `${a ?? '?'} – ${b ?? '?'}` : '–');

function plan(input: ActionPlanDocumentInput, typeName: (c: string) => string): Block[] {
  const long = input.measures.filter((m) => m.measure.term === 'long' && m.measure.status !== 'cancelled');
  const followUpText = (m: ActionPlanDocumentInput['measures'][number]) => (m.followUp ? effectSummary(m.followUp.result) : m.notEvaluable ?? 'Kan inte utvärderas än');
  return [
    { kind: 'heading', level: 1, text: 'Åtgärdsplan' },
    { kind: 'paragraph', text: 'De långsiktiga åtgärderna, vem som ansvarar för dem och hur de följs upp. Uppföljningen beräknas från händelserna före och efter starten i åtgärdsområdet, en buffertzon runt det och ett kontrollområde.' },
    {
      kind: 'table', caption: `Långsiktiga åtgärder ${input.year}`, empty: 'Inga långsiktiga åtgärder är registrerade.',
      columns: [{ header: 'Åtgärd', width: 2.2 }, { header: 'Typ', width: 1.2 }, { header: 'Ansvarig', width: 1.5 }, { header: 'Planerad tid', width: 1.5 }, { header: 'Status', width: 0.9 }, { header: 'Uppföljning', width: 2.4 }],
      rows: long.map((m) => [
        m.measure.placeName || m.measure.areaName ? `${m.measure.title} (${m.measure.placeName ?? m.measure.areaName})` : m.measure.title,
        typeName(m.measure.type), m.measure.responsiblePerson ? `${m.measure.organisationName}, ${m.measure.responsiblePerson}` : m.measure.organisationName,
        dates(m.measure.plannedStart, m.measure.plannedEnd), MEASURE_STATUS_SV[m.measure.status] ?? m.measure.status, followUpText(m),
      ]),
    },
    {
      kind: 'table', caption: `Kortsiktiga åtgärder ${input.year}`, empty: 'Inga kortsiktiga åtgärder är registrerade.',
      columns: [{ header: 'Åtgärd', width: 2.2 }, { header: 'Typ', width: 1.2 }, { header: 'Ansvarig', width: 1.5 }, { header: 'Genomförd', width: 1.5 }, { header: 'Status', width: 0.9 }],
      rows: input.measures.filter((m) => m.measure.term === 'short').map((m) => [m.measure.title, typeName(m.measure.type), m.measure.organisationName, dates(m.measure.actualStart, m.measure.actualEnd), MEASURE_STATUS_SV[m.measure.status] ?? m.measure.status]),
    },
  ];
}

function effects(input: ActionPlanDocumentInput, typeName: (c: string) => string): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'Åtgärdernas effekt' },
    {
      kind: 'paragraph',
      text: 'Effekten mäts efter Bowers och Johnson: antalet händelser före och efter starten i åtgärdsområdet (R), en buffertzon runt det (D) och ett kontrollområde (C). '
        + 'Nettoeffekten är hur många färre händelser åtgärdsområdet fick än kontrollområdets utveckling förutsäger; WDQ (weighted displacement quotient) visar om problemet flyttade till buffertzonen (negativt) eller om även den fick det bättre (positivt).',
    },
  ];
  const evaluated = input.measures.filter((m) => m.followUp);
  for (const { measure: m, followUp: f } of evaluated) {
    const c = f!.counts, r = f!.result;
    blocks.push({ kind: 'heading', level: 2, text: m.title });
    blocks.push({ kind: 'paragraph', text: `${typeName(m.type)}, ${m.organisationName}${m.placeName ? `, ${m.placeName}` : m.areaName ? `, ${m.areaName}` : ''}. Start ${f!.start}; jämförelse ${f!.weeks} veckor före (${f!.before.from} – ${f!.before.to}) och efter (${f!.after.from} – ${f!.after.to}).` });
    blocks.push({
      kind: 'table', caption: `Händelser före och efter: ${m.title}`,
      columns: [{ header: 'Område', width: 2 }, { header: 'Före', align: 'right' }, { header: 'Efter', align: 'right' }],
      rows: [['Åtgärdsområde (R)', count(c.Rb), count(c.Ra)], ['Buffertzon (D)', count(c.Db), count(c.Da)], [`Kontrollområde (C)${f!.areas.control.name ? `: ${f!.areas.control.name}` : ''}`, count(c.Cb), count(c.Ca)]],
    });
    blocks.push({
      kind: 'keyValues', caption: `Effektmått: ${m.title}`,
      items: [
        { label: 'Bruttoförändring', value: r.grossPercentChange.value === null ? `${r.grossEffect > 0 ? '+' : ''}${num(r.grossEffect)} händelser` : `${r.grossEffect > 0 ? '+' : ''}${num(r.grossEffect)} händelser (${r.grossPercentChange.value > 0 ? '+' : ''}${num(r.grossPercentChange.value)} %)` },
        { label: 'Nettoeffekt', value: `${quantity(r.netEffect, 1)} färre händelser än kontrollområdets utveckling förutsäger` },
        { label: 'WDQ', value: quantity(r.wdq) },
        { label: 'Tolkning', value: r.interpretation ? INTERPRETATION_SV[r.interpretation] : 'Kan inte tolkas (kontrollområdet saknar händelser)' },
      ],
    });
    if (f!.weekly.length) {
      const svg = followUpChart(f!.weekly, f!.start);
      blocks.push({ kind: 'figure', role: 'chart', svg, width: 700, height: 240, caption: `Händelser per vecka i R, D och C före och efter starten: ${m.title}.`, alt: effectSummary(r) });
    }
    if (f!.caveats.length) blocks.push({ kind: 'list', items: f!.caveats.map((cv) => cv.message) });
  }
  const notYet = input.measures.filter((m) => !m.followUp && m.measure.status !== 'cancelled');
  blocks.push({
    kind: 'table', caption: 'Åtgärder som inte kan utvärderas än', empty: 'Alla åtgärder har kunnat utvärderas.',
    columns: [{ header: 'Åtgärd', width: 2.5 }, { header: 'Status', width: 1 }, { header: 'Skäl', width: 3 }],
    rows: notYet.map((m) => [m.measure.title, MEASURE_STATUS_SV[m.measure.status] ?? m.measure.status, m.notEvaluable ?? 'Kan inte utvärderas än']),
  });
  return blocks;
}

export function actionPlanDocument(input: ActionPlanDocumentInput): ReportDocument {
  const typeName = input.measureTypeName ?? ((c: string) => c);
  const p = input.plan;
  const adopted = p.adoptedAt ? `Fastställd ${p.adoptedAt}${p.adoptedBy ? ` av ${p.adoptedBy}` : ''}` : 'Ej fastställd';
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'Inledning' },
    ...(p.narrative.introduction ? [{ kind: 'paragraph' as const, style: 'lead' as const, text: p.narrative.introduction }] : []),
    { kind: 'paragraph', text: LAW },
    ...mapping(input.content, input.layers, input.year),
    ...survey(p),
    { kind: 'heading', level: 1, text: 'Analys' },
    p.narrative.analysis ? { kind: 'paragraph', text: p.narrative.analysis } : { kind: 'paragraph', style: 'note', text: 'Ingen analys är skriven ännu.' },
    ...priorities(input),
    ...plan(input, typeName),
    ...effects(input, typeName),
    { kind: 'heading', level: 1, text: 'Beslut och uppföljning' },
    { kind: 'paragraph', text: `${adopted}. Åtgärdsplanen följs upp löpande i områdesgrupperna och revideras när lägesbilden ändras; nästa årliga lägesbild tas fram för ${input.year + 1}.` },
    { kind: 'paragraph', style: 'note', text: `Kartläggningen beräknades ${day(input.content.computedAt)} ur de händelser som rapporterats i Lägesbild. Kartorna bygger på SCB:s kommungränser (CC0).` },
  ];
  return {
    title: `Lägesbild och åtgärdsplan ${input.year}`,
    subtitle: [`${input.municipality.name} kommun`, 'Enligt lag (2023:196) om kommuners ansvar för brottsförebyggande arbete', `Kartläggning 1 januari – 31 december ${input.year}`],
    status: adopted,
    draft: !p.adoptedAt,
    author: `${input.municipality.name} kommun`,
    fileName: fileSafe(`lagesbild-och-atgardsplan-${input.municipality.name}-${input.year}`),
    blocks,
  };
}
