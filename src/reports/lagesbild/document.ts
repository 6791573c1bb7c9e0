/**
 * The lägesbild edition as a document (blocks): what a person takes to the area-group meeting. The
 * order follows the EST cycle: summary, key numbers, maps, development over time, breakdowns,
 * hotspots and repeat patterns, police events, cause analyses, status levels, measures, and finally
 * how the numbers were made. Written in Swedish or English (`lang`): the domain's terms come from the
 * shared catalogue (src/core/i18n/terms.ts), the prose is written here in both languages side by side.
 */
import type {
  Change, Compared, MeasureRow, Narrative, SituationPictureContent, StatusLevelEntry,
} from '../../core/situation-picture/content.ts';
import { formatTime } from '../../core/i18n/dates.ts';
import { hotspotNameOf } from '../../core/situation-picture/hotspot-name.ts';
import { confidenceTerm, emergingTerm, terms } from '../../core/i18n/terms.ts';
import { municipalityTitle } from '../../core/municipalities/names.ts';
import { categoryChart } from '../charts/categories.ts';
import { hourWeekdayChart } from '../charts/hour-weekday.ts';
import { weeklyChart } from '../charts/weekly.ts';
import type { Block, Cell, ReportDocument, TableBlock } from '../document/model.ts';
import {
  changeText, counted, day, documentLanguage, type DocumentLanguage, fileSafe, GI_BINS, isoDay, lastDay, num, periodText, pValue,
  significanceText, STATUS_LEVEL_COLOUR, tint, type Language,
} from '../format.ts';
import { renderMap, type MapLayers } from '../map/render.ts';

export interface LagesbildDocumentInput {
  title: string;
  version: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
  content: SituationPictureContent;
  narrative: Narrative;
  statusLevels: StatusLevelEntry[];
  layers: MapLayers;
  /** Name of a measure type code in the document's language (from the measure catalogue). */
  measureTypeName?: (code: string) => string;
  /** The document's language (Swedish by default). */
  lang?: Language;
}


const SIGNIFICANT_UP = '#f6c8c3';
const SIGNIFICANT_DOWN = '#cfe5cf';

/** A change cell: coloured when the change is significant, so the eye finds them in a long table. */
function changeCell(c: Change, lang: Language): Cell {
  const text = `${changeText(c, lang)}`;
  if (!c.significant) return { text };
  return { text: `${text} *`, fill: c.change > 0 ? SIGNIFICANT_UP : SIGNIFICANT_DOWN };
}

const comparedColumns = ({ L }: DocumentLanguage) => [
  { header: L('Antal', 'Count'), align: 'right' as const, width: 0.8 },
  { header: L('Föreg. period', 'Prev. period'), align: 'right' as const, width: 0.9 },
  { header: L('Förändring', 'Change'), align: 'right' as const, width: 1.3 },
  { header: L('Samma period i fjol', 'Same period last year'), align: 'right' as const, width: 1 },
  { header: L('Förändring', 'Change'), align: 'right' as const, width: 1.3 },
];
const comparedCells = (r: Compared, x: DocumentLanguage): Array<string | Cell> => [x.n(r.count), x.n(r.previous.count), changeCell(r.previous, x.lang), x.n(r.lastYear.count), changeCell(r.lastYear, x.lang)];

function comparedTable(x: DocumentLanguage, caption: string, first: string, rows: Array<{ name: string } & Compared>, empty: string): TableBlock {
  return {
    kind: 'table', caption, empty,
    columns: [{ header: first, width: 2.2 }, ...comparedColumns(x)],
    rows: rows.map((r) => [r.name, ...comparedCells(r, x)]),
  };
}

const significanceNote = ({ L }: DocumentLanguage) => L(
  'En förändring markerad med * är statistiskt säkerställd (p < 0,05 i ett exakt Poisson-test av att nivån är oförändrad). '
    + 'Ett högt p-värde betyder att förändringen mycket väl kan vara slumpmässig variation.',
  'A change marked * is statistically significant (p < 0.05 in an exact Poisson test of an unchanged rate). '
    + 'A high p-value means the change may well be random variation.',
);

/** A category's name in the document's language. */
const categoryName = (r: { nameSv: string; nameEn: string }, lang: Language) => (lang === 'en' && r.nameEn ? r.nameEn : r.nameSv);

function keyNumbers(c: SituationPictureContent, x: DocumentLanguage): Block[] {
  const { L, n, lang } = x;
  const t = c.totals;
  const where = c.area ? c.area.name : c.municipality.name;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: L('Nyckeltal', 'Key figures') },
    {
      kind: 'paragraph', style: 'lead',
      text: L(`Under perioden ${periodText(c.period, lang)} registrerades ${counted(t.count, 'incidents', lang)} i ${where}.`, `In the period ${periodText(c.period, lang)}, ${counted(t.count, 'incidents', lang)} were recorded in ${where}.`),
    },
    {
      kind: 'paragraph',
      text: L(`Jämfört med föregående period (${periodText(c.previousPeriod, lang)}, ${counted(t.previous.count, 'incidents', lang)}) är förändringen ${changeText(t.previous, lang)}.`, `Compared with the previous period (${periodText(c.previousPeriod, lang)}, ${counted(t.previous.count, 'incidents', lang)}) the change is ${changeText(t.previous, lang)}.`)
        + ` ${significanceText(t.previous, lang)}`,
    },
    {
      kind: 'paragraph',
      text: L(`Jämfört med samma period förra året (${periodText(c.lastYearPeriod, lang)}, ${counted(t.lastYear.count, 'incidents', lang)}) är förändringen ${changeText(t.lastYear, lang)}.`, `Compared with the same period last year (${periodText(c.lastYearPeriod, lang)}, ${counted(t.lastYear.count, 'incidents', lang)}) the change is ${changeText(t.lastYear, lang)}.`)
        + ` ${significanceText(t.lastYear, lang)}`,
    },
  ];
  const significant = c.byCategory.filter((r) => r.previous.significant || r.lastYear.significant);
  if (significant.length) {
    blocks.push({ kind: 'paragraph', text: L('Statistiskt säkerställda förändringar per kategori:', 'Statistically significant changes by category:') });
    blocks.push({
      kind: 'list',
      items: significant.map((r) => {
        const parts: string[] = [];
        if (r.previous.significant) parts.push(`${changeText(r.previous, lang)} ${L('mot föregående period', 'against the previous period')} (${pValue(r.previous.p, lang)})`);
        if (r.lastYear.significant) parts.push(`${changeText(r.lastYear, lang)} ${L('mot samma period i fjol', 'against the same period last year')} (${pValue(r.lastYear.p, lang)})`);
        return `${categoryName(r, lang)}: ${n(r.count)} ${L('händelser', 'incidents')}, ${parts.join(', ')}`;
      }),
    });
  }
  const hot = c.hotspots.cells.filter((h) => h.bin > 0).length;
  const cells = L(`${counted(hot, 'cells', lang)} om ${n(c.hotspots.cellSize)} m med signifikant förhöjd nivå`, `${counted(hot, 'cells', lang)} of ${n(c.hotspots.cellSize)} m with a significantly raised level`);
  blocks.push({
    kind: 'keyValues', caption: L('Nyckeltal för perioden', 'Key figures for the period'),
    items: [
      { label: L('Händelser', 'Incidents'), value: `${n(t.count)} (${changeText(t.previous, lang)} ${L('mot föregående period', 'against the previous period')})` },
      { label: L('Hotspots', 'Hotspots'), value: c.hotspots.zones ? `${n(c.hotspots.zones.length)} ${L('hotspotområden', 'hotspot zones')} (${cells})` : cells },
      ...(c.sources?.length ? [{ label: L('Underlag', 'Sources'), value: sourcesText(c.sources, lang === 'sv') }] : []),
      { label: L('Polisens händelser', 'Police events'), value: `${n(c.policeEvents.total)} (${L('föregående period', 'previous period')} ${n(c.policeEvents.previous)})` },
      { label: L('Öppna åtgärder', 'Open measures'), value: L(`${n(c.measures.open.length)}, varav ${n(c.measures.dueOrOverdue.filter((m) => m.overdue).length)} försenade`, `${n(c.measures.open.length)}, of which ${n(c.measures.dueOrOverdue.filter((m) => m.overdue).length)} overdue`) },
      { label: L('Genomförda åtgärder i perioden', 'Measures done in the period'), value: n(c.measures.doneInPeriod.length) },
    ],
  });
  return blocks;
}

/** Provenance in words: "120 rapporterade i Lägesbild, 40 importerade från rapporter 2025.csv". */
export function sourcesText(sources: NonNullable<SituationPictureContent['sources']>, sv: boolean): string {
  return sources.map((s) => {
    const count = s.count.toLocaleString(sv ? 'sv-SE' : 'en-GB');
    if (s.source === 'import') return sv ? `${count} importerade från ${s.fileName ?? 'fil'}` : `${count} imported from ${s.fileName ?? 'a file'}`;
    if (s.source === 'app') return sv ? `${count} rapporterade i Lägesbild` : `${count} reported in Lägesbild`;
    if (s.source === 'open311') return sv ? `${count} tips från allmänheten via Open311` : `${count} tips from the public through Open311`;
    return sv ? `${count} från ${s.source}` : `${count} from ${s.source}`;
  }).join(', ');
}

/**
 * The hotspot map zooms to the significant cells (at least 3 km across): on a whole-municipality map
 * a 250 m cell is a dot and the places around it cannot be told apart.
 */
export function hotspotExtent(c: SituationPictureContent): [number, number, number, number] {
  const cells = c.hotspots.cells.filter((h) => h.bin > 0);
  if (!cells.length) return c.extent;
  const half = c.hotspots.cellSize / 2;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const h of cells) {
    minX = Math.min(minX, h.x - half); maxX = Math.max(maxX, h.x + half);
    minY = Math.min(minY, h.y - half); maxY = Math.max(maxY, h.y + half);
  }
  const grow = (lo: number, hi: number): [number, number] => {
    const span = Math.max(hi - lo, 3000) * 1.3;
    const mid = (lo + hi) / 2;
    return [mid - span / 2, mid + span / 2];
  };
  const [x0, x1] = grow(minX, maxX);
  const [y0, y1] = grow(minY, maxY);
  return [x0, y0, x1, y1];
}

/**
 * What the overview map shows, in the key figures' terms: every incident of the period is counted,
 * but reports with restricted visibility are not drawn (the document goes to every partner) and a
 * very large period draws its newest points only. The caption says so rather than give a second,
 * smaller "number of incidents".
 */
export function overviewCaption(c: Pick<SituationPictureContent, 'points' | 'pointsTruncated' | 'totals'>, lang: Language = 'sv'): string {
  const { L, n } = documentLanguage(lang);
  const shown = c.points.length, total = c.totals.count;
  if (shown === total) return L(`Översiktskarta: periodens ${counted(total, 'incidents', lang)} efter kategori, områden och platser.`, `Overview map: the period's ${counted(total, 'incidents', lang)} by category, areas and places.`);
  const which = c.pointsTruncated ? L(`De ${n(shown)} senaste`, `The latest ${n(shown)}`) : n(shown);
  return L(`Översiktskarta: ${which} av periodens ${counted(total, 'incidents', lang)} efter kategori, områden och platser. `, `Overview map: ${which} of the period's ${counted(total, 'incidents', lang)} by category, areas and places. `)
    + (c.pointsTruncated
      ? L('Rapporter med begränsad synlighet visas inte heller som punkter; alla räknas i nyckeltalen.', 'Reports with restricted visibility are not drawn as points either; all are counted in the key figures.')
      : L(`${n(total - shown)} ${total - shown === 1 ? 'rapport' : 'rapporter'} med begränsad synlighet räknas i nyckeltalen men visas inte som punkter.`, `${n(total - shown)} ${total - shown === 1 ? 'report' : 'reports'} with restricted visibility ${total - shown === 1 ? 'is' : 'are'} counted in the key figures but not drawn as points.`));
}

function maps(c: SituationPictureContent, layers: MapLayers, x: DocumentLanguage): Block[] {
  const { L, n, lang } = x;
  const categories = c.byCategory.map((r) => ({ id: r.id, nameSv: r.nameSv, nameEn: r.nameEn, colour: r.colour }));
  const width = 760, height = 560;
  const truncated = c.pointsTruncated ? L(`kartan visar ${n(c.points.length)} av periodens händelser`, `the map shows ${n(c.points.length)} of the period's incidents`) : undefined;
  const overview = renderMap({ id: 'overview', title: L('Översiktskarta', 'Overview map'), width, height, extent: c.extent, layers, cells: [], cellSize: c.hotspots.cellSize, points: c.points, categories, note: truncated, lang });
  const hotspotLayers: MapLayers = { ...layers, places: layers.places };
  const hotspots = renderMap({ id: 'hotspots', title: L('Hotspotkarta', 'Hotspot map'), width, height, extent: hotspotExtent(c), layers: hotspotLayers, cells: c.hotspots.cells, cellSize: c.hotspots.cellSize, points: [], categories, labelPlaces: true, lang });
  const where = c.area?.name ?? c.municipality.name;
  return [
    { kind: 'heading', level: 1, text: L('Kartor', 'Maps') },
    {
      kind: 'figure', role: 'map', svg: overview, width, height,
      caption: overviewCaption(c, lang),
      alt: L(`Karta över ${where} med periodens händelser som punkter i kategorins färg.`, `Map of ${where} with the period's incidents as points in their category's colour.`),
    },
    {
      kind: 'figure', role: 'map', svg: hotspots, width, height,
      caption: L(`Hotspotkarta (inzoomad på hotspots): rutor om ${n(c.hotspots.cellSize)} m där nivån är signifikant förhöjd (röd) eller sänkt (blå) enligt Getis–Ord Gi* med kontroll av andelen falska upptäckter.`,
        `Hotspot map (zoomed to the hotspots): cells of ${n(c.hotspots.cellSize)} m where the level is significantly raised (red) or lowered (blue) by Getis–Ord Gi* with control of the false discovery rate.`),
      alt: L(`Karta med ${counted(c.hotspots.cells.filter((h) => h.bin > 0).length, 'hotspotCells', lang)} i rött och ${counted(c.hotspots.cells.filter((h) => h.bin < 0).length, 'coldCells', lang)} i blått.`,
        `Map with ${counted(c.hotspots.cells.filter((h) => h.bin > 0).length, 'hotspotCells', lang)} in red and ${counted(c.hotspots.cells.filter((h) => h.bin < 0).length, 'coldCells', lang)} in blue.`),
    },
  ];
}

function overTime(c: SituationPictureContent, x: DocumentLanguage): Block[] {
  const { L, n, lang } = x;
  const wd = terms(lang).weekdays;
  const weekly = weeklyChart(c.weekly, c.period.from, { lang });
  const heat = hourWeekdayChart(c.hourWeekday, { lang });
  const busiest = c.hourWeekday.flatMap((row, d) => row.map((v, h) => ({ d, h, v }))).sort((a, b) => b.v - a.v).slice(0, 3).filter((b) => b.v > 0);
  const hours = (h: number) => `${String(h).padStart(2, '0')}–${String(h + 1).padStart(2, '0')}`;
  return [
    { kind: 'heading', level: 1, text: L('Utveckling över tid', 'Development over time') },
    {
      kind: 'figure', role: 'chart', svg: weekly, width: 700, height: 240,
      caption: L(`Antal händelser per vecka, ${counted(c.weekly.length, 'weeks', lang)} fram till periodens slut. Periodens veckor är mörkare.`, `Incidents per week, ${counted(c.weekly.length, 'weeks', lang)} up to the end of the period. The period's weeks are darker.`),
      alt: L('Stapeldiagram med händelser per vecka: ', 'Bar chart of incidents per week: ') + `${c.weekly.map((w) => `${day(w.weekStart, lang)} ${w.count}`).join(', ')}.`,
      data: { kind: 'table', caption: L('Händelser per vecka', 'Incidents per week'), columns: [{ header: L('Vecka från', 'Week from') }, { header: L('Antal', 'Count'), align: 'right' }], rows: c.weekly.map((w) => [day(w.weekStart, lang), n(w.count)]) },
    },
    {
      kind: 'figure', role: 'chart', svg: heat, width: 700, height: Number(/height="([\d.]+)"/.exec(heat)![1]),
      caption: L('Händelser per veckodag och timme under perioden.', 'Incidents by weekday and hour in the period.'),
      alt: busiest.length
        ? L(`Flest händelser ${busiest.map((b) => `${wd[b.d]} kl. ${b.h} (${b.v})`).join(', ')}.`, `Most incidents ${busiest.map((b) => `${wd[b.d]} at ${b.h} (${b.v})`).join(', ')}.`)
        : L('Inga händelser under perioden.', 'No incidents in the period.'),
      data: {
        kind: 'table', caption: L('Händelser per veckodag och timme', 'Incidents by weekday and hour'),
        columns: [{ header: L('Veckodag', 'Weekday') }, ...Array.from({ length: 24 }, (_, h) => ({ header: String(h), align: 'right' as const }))],
        rows: c.hourWeekday.map((row, d) => [wd[d], ...row.map((v) => n(v))]),
      },
    },
    ...(busiest.length ? [{
      kind: 'paragraph' as const,
      text: L(`Flest händelser inträffade ${busiest.map((b) => `${wd[b.d]}ar kl. ${hours(b.h)} (${n(b.v)})`).join(', ')}.`, `Most incidents happened on ${busiest.map((b) => `${wd[b.d]}s at ${hours(b.h)} (${n(b.v)})`).join(', ')}.`),
    }] : []),
  ];
}

function breakdowns(c: SituationPictureContent, x: DocumentLanguage): Block[] {
  const { L, n, lang } = x;
  const chart = categoryChart(c.byCategory, { lang });
  const noIncidents = L('Inga händelser i perioden.', 'No incidents in the period.');
  return [
    { kind: 'heading', level: 1, text: L('Kategorier, områden och organisationer', 'Categories, areas and organisations') },
    {
      kind: 'figure', role: 'chart', svg: chart, width: 700, height: Number(/height="([\d.]+)"/.exec(chart)![1]),
      caption: L('Händelser per kategori: perioden (färgad stapel), föregående period (mörkgrå) och samma period i fjol (ljusgrå).', 'Incidents by category: the period (coloured bar), the previous period (dark grey) and the same period last year (light grey).'),
      alt: L('Stapeldiagram per kategori: ', 'Bar chart by category: ') + `${c.byCategory.map((r) => `${categoryName(r, lang)} ${r.count}`).join(', ')}.`,
    },
    comparedTable(x, L('Händelser per kategori', 'Incidents by category'), L('Kategori', 'Category'), c.byCategory.map((r) => ({ ...r, name: categoryName(r, lang) })), noIncidents),
    comparedTable(x, L('Händelser per område', 'Incidents by area'), L('Område', 'Area'), c.byArea, L('Inga områden är inlagda för kommunen.', 'No areas are set up for the municipality.')),
    comparedTable(x, L('Händelser per rapporterande organisation', 'Incidents by reporting organisation'), L('Organisation', 'Organisation'), c.byOrganisation, noIncidents),
    { kind: 'paragraph', style: 'note', text: significanceNote(x) },
    {
      kind: 'table', caption: L('Platser med flest händelser', 'Places with the most incidents'), empty: L('Inga namngivna platser hade händelser i perioden.', 'No named places had incidents in the period.'),
      columns: [{ header: L('Plats', 'Place'), width: 3 }, { header: L('Antal', 'Count'), align: 'right' }, { header: L('Föreg. period', 'Prev. period'), align: 'right' }, { header: L('Förändring', 'Change'), align: 'right' }],
      rows: c.topPlaces.map((p) => [p.name, n(p.count), n(p.previous), `${p.count - p.previous > 0 ? '+' : ''}${num(p.count - p.previous, 0, lang)}`]),
    },
  ];
}

function hotspots(c: SituationPictureContent, x: DocumentLanguage): Block[] {
  const { L, n, lang } = x;
  const h = c.hotspots;
  const hot = h.cells.filter((y) => y.bin > 0).sort((a, b) => b.bin - a.bin || b.z - a.z);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: L('Hotspots och mönster', 'Hotspots and patterns') },
    {
      kind: 'paragraph',
      text: L(`Hotspots är rutor om ${n(h.cellSize)} × ${n(h.cellSize)} m där antalet händelser, tillsammans med grannrutorna inom ${n(h.distance)} m, är högre än slumpen förklarar (Getis–Ord Gi* med kontroll av andelen falska upptäckter). `
        + 'Mönstret över tid (ny, intensifierande, ihållande, avtagande …) bygger på veckorna före och under perioden.',
      `Hotspots are cells of ${n(h.cellSize)} × ${n(h.cellSize)} m where the number of incidents, together with the neighbouring cells within ${n(h.distance)} m, is higher than chance explains (Getis–Ord Gi* with control of the false discovery rate). `
        + 'The pattern over time (new, intensifying, persistent, diminishing …) rests on the weeks before and during the period.'),
    },
  ];
  const none = L('Inga hotspots.', 'No hotspots.');
  if (h.note === 'too-few-incidents') blocks.push({ kind: 'paragraph', style: 'note', text: L('För få händelser i perioden för en hotspotanalys.', 'Too few incidents in the period for a hotspot analysis.') });
  else if (!hot.length) blocks.push({ kind: 'paragraph', style: 'note', text: L('Inga rutor hade en statistiskt säkerställd förhöjd nivå under perioden.', 'No cell had a statistically significant raised level in the period.') });
  const confidence = (bin: number) => ({ text: confidenceTerm(lang, bin), fill: tint(GI_BINS.find((b) => b.bin === bin)!.colour, 0.35) });
  if (h.zones) {
    // Gi* marks the quiet cells around a busy one too; the zones are what a reader acts on.
    blocks.push({
      kind: 'table', caption: L('Hotspotområden (angränsande rutor med signifikant förhöjd nivå)', 'Hotspot zones (adjacent cells with a significantly raised level)'), empty: none,
      columns: [{ header: L('Område (platser)', 'Zone (places)'), width: 2.6 }, { header: L('Rutor', 'Cells'), align: 'right', width: 0.6 }, { header: L('Händelser', 'Incidents'), align: 'right', width: 0.8 }, { header: L('Högsta z', 'Highest z'), align: 'right', width: 0.7 }, { header: L('Konfidens', 'Confidence'), width: 1.5 }, { header: L('Mönster i starkaste rutan', 'Pattern in the strongest cell'), width: 1.6 }],
      rows: h.zones.slice(0, 15).map((z) => [
        hotspotNameOf(z, lang), n(z.cellIds.length), n(z.count), num(z.maxZ, 1, lang), confidence(z.bin), emergingTerm(lang, z.emerging),
      ]),
    });
    if (h.zones.length > 15) blocks.push({ kind: 'paragraph', style: 'note', text: L(`Tabellen visar de 15 största av ${counted(h.zones.length, 'zones', lang)}; kartan visar alla.`, `The table shows the 15 largest of ${counted(h.zones.length, 'zones', lang)}; the map shows all.`) });
  }
  // The strongest cells that hold incidents: where in a zone to look first.
  const busy = hot.filter((y) => y.count > 0);
  blocks.push({
    kind: 'table', caption: h.zones ? L('De starkaste rutorna med händelser', 'The strongest cells with incidents') : L('Hotspots (signifikant förhöjd nivå)', 'Hotspots (significantly raised level)'), empty: none,
    columns: [{ header: L('Plats', 'Place'), width: 2.4 }, { header: L('Antal', 'Count'), align: 'right', width: 0.7 }, { header: 'z', align: 'right', width: 0.7 }, { header: L('Konfidens', 'Confidence'), width: 1.8 }, { header: L('Mönster över tid', 'Pattern over time'), width: 1.8 }],
    rows: (h.zones ? busy.slice(0, 10) : hot.slice(0, 25)).map((y) => [
      hotspotNameOf(y, lang), n(y.count), num(y.z, 2, lang), confidence(y.bin), emergingTerm(lang, y.emerging),
    ]),
  });
  if (!h.zones && hot.length > 25) blocks.push({ kind: 'paragraph', style: 'note', text: L(`Tabellen visar de 25 starkaste av ${counted(hot.length, 'hotspotCells', lang)}; kartan visar alla.`, `The table shows the 25 strongest of ${counted(hot.length, 'hotspotCells', lang)}; the map shows all.`) });
  const nr = c.nearRepeat;
  blocks.push({ kind: 'heading', level: 2, text: L('Upprepning nära i tid och rum (near repeat)', 'Repeats close in time and space (near repeat)') });
  if (!nr) blocks.push({ kind: 'paragraph', text: L('För få händelser för en near repeat-analys.', 'Too few incidents for a near-repeat analysis.') });
  else if (nr.elevated) {
    blocks.push({
      kind: 'paragraph',
      text: L(`Efter en händelse är risken förhöjd för en ny händelse inom ${counted(nr.elevated.distance, 'metres', lang)} och ${counted(nr.elevated.days, 'days', lang)}: ${num(nr.elevated.ratio, 1, lang)} gånger så många par som förväntat (${pValue(nr.elevated.p, lang)}, ${n(nr.iterations)} Monte Carlo-simuleringar, ${counted(nr.incidents, 'incidents', lang)}). Snabba åtgärder på platsen efter en händelse kan förebygga nästa.`,
        `After an incident the risk of another is raised within ${counted(nr.elevated.distance, 'metres', lang)} and ${counted(nr.elevated.days, 'days', lang)}: ${num(nr.elevated.ratio, 1, lang)} times as many pairs as expected (${pValue(nr.elevated.p, lang)}, ${n(nr.iterations)} Monte Carlo simulations, ${counted(nr.incidents, 'incidents', lang)}). Quick action at the place after an incident can prevent the next.`),
    });
  } else blocks.push({ kind: 'paragraph', text: L(`Inget förhöjt near repeat-mönster: händelserna (${n(nr.incidents)}) följer inte varandra nära i tid och rum oftare än slumpen förklarar.`, `No raised near-repeat pattern: the incidents (${n(nr.incidents)}) do not follow each other closely in time and space more often than chance explains.`) });
  const k = c.concentration;
  blocks.push({ kind: 'heading', level: 2, text: L('Koncentration', 'Concentration') });
  blocks.push({
    kind: 'paragraph',
    text: k.gini === null
      ? L('För få händelser för att mäta koncentrationen.', 'Too few incidents to measure the concentration.')
      : L(`Gini-koefficienten är ${num(k.gini, 2, lang)} över ${counted(k.cells, 'cells', lang)} om ${n(k.cellSize)} m (0 = jämnt spritt, 1 = allt i en ruta).`, `The Gini coefficient is ${num(k.gini, 2, lang)} over ${counted(k.cells, 'cells', lang)} of ${n(k.cellSize)} m (0 = evenly spread, 1 = all in one cell).`)
        + (k.topFivePercentShare === null ? '' : ' ' + L(`De 5 % av rutorna med flest händelser har ${num(k.topFivePercentShare * 100, 0, lang)} % av händelserna.`, `The 5% of cells with the most incidents hold ${num(k.topFivePercentShare * 100, 0, lang)}% of the incidents.`)),
  });
  return blocks;
}

function policeEvents(c: SituationPictureContent, x: DocumentLanguage): Block[] {
  const { L, n, lang } = x;
  const p = c.policeEvents;
  const none = L('Inga polishändelser i perioden.', 'No police events in the period.');
  return [
    { kind: 'heading', level: 1, text: L('Polisens händelser', 'Police events') },
    {
      kind: 'paragraph',
      text: L(`Polisen publicerade ${counted(p.total, 'events', lang)} i kommunen under perioden (föregående period ${n(p.previous)}).`, `The police published ${counted(p.total, 'events', lang)} in the municipality in the period (previous period ${n(p.previous)}).`)
        + (p.newestHeld ? ' ' + L(`Senaste inlästa händelse: ${day(p.newestHeld, lang)}.`, `Latest event loaded: ${day(p.newestHeld, lang)}.`) : ' ' + L('Inga polishändelser är inlästa.', 'No police events are loaded.'))
        + ' ' + L('Händelserna gäller kommunen som helhet, en del hela länet: polisen anger inte var de inträffade, bara kommunens eller länets mittpunkt, så de finns inte på kartorna och räknas inte i rutor, hotspots eller platser.',
          'The events concern the municipality as a whole, some the whole county: the police do not say where they happened, only give the centre of the municipality or county, so they are not on the maps and not counted in cells, hotspots or places.'),
    },
    {
      kind: 'table', caption: L('Polisens händelser per typ', 'Police events by type'), empty: none,
      columns: [{ header: L('Typ', 'Type'), width: 3 }, { header: L('Antal', 'Count'), align: 'right' }],
      rows: p.byType.map((t) => [t.type, n(t.count)]),
    },
    {
      kind: 'table', caption: L('Polisens händelser (senaste först)', 'Police events (latest first)'), empty: none,
      columns: [{ header: L('Datum', 'Date'), width: 1 }, { header: L('Typ', 'Type'), width: 1.4 }, { header: L('Rubrik', 'Heading'), width: 3.2 }, { header: L('Kommun eller län', 'Municipality or county'), width: 1.4 }],
      rows: p.items.slice(0, 30).map((e) => [day(e.publishedAt, lang), e.type, e.summary ? `${e.name} – ${e.summary}` : e.name, e.locationName ?? '']),
    },
  ];
}

function causeAnalyses(nv: Narrative, x: DocumentLanguage): Block[] {
  const { L } = x;
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: L('Orsaksanalyser', 'Cause analyses') }];
  if (!nv.problems.length) {
    blocks.push({ kind: 'paragraph', style: 'note', text: L('Ingen orsaksanalys är skriven för den här lägesbilden.', 'No cause analysis has been written for this situation picture.') });
    return blocks;
  }
  blocks.push({ kind: 'paragraph', text: L('Varje prioriterat problem analyseras efter brottstriangeln: gärningsperson, mål eller offer och plats – ett brott förutsätter att alla tre möts utan verksamt skydd.', 'Each prioritised problem is analysed by the crime triangle: offender, target or victim and place – a crime needs all three to meet without effective protection.') });
  for (const p of nv.problems) {
    blocks.push({ kind: 'heading', level: 2, text: `${p.priority}. ${p.title}` });
    blocks.push({
      kind: 'keyValues', caption: `${L('Orsaksanalys', 'Cause analysis')}: ${p.title}`,
      items: [
        { label: L('Gärningsperson', 'Offender'), value: p.offender || '–' },
        { label: L('Mål/offer', 'Target/victim'), value: p.target || '–' },
        { label: L('Plats', 'Place'), value: p.place || '–' },
        { label: L('Föreslagna åtgärder', 'Suggested measures'), value: p.suggestedMeasures || '–' },
      ],
    });
  }
  return blocks;
}

function statusLevels(levels: StatusLevelEntry[], x: DocumentLanguage): Block[] {
  const { L, lang } = x;
  const t = terms(lang);
  return [
    { kind: 'heading', level: 1, text: L('Statusnivåer', 'Status levels') },
    {
      kind: 'table', caption: L('Statusnivå per område och plats (grön, gul, röd)', 'Status level by area and place (green, yellow, red)'), empty: L('Inga statusnivåer är satta.', 'No status levels have been set.'),
      columns: [{ header: L('Område/plats', 'Area/place'), width: 2 }, { header: L('Typ', 'Type'), width: 0.8 }, { header: L('Nivå', 'Level'), width: 0.8 }, { header: L('Kommentar', 'Comment'), width: 3.4 }],
      rows: [...levels].sort((a, b) => ['red', 'yellow', 'green'].indexOf(a.level) - ['red', 'yellow', 'green'].indexOf(b.level))
        .map((l) => [l.name, t.placeKind[l.kind], { text: t.statusLevel[l.level], fill: STATUS_LEVEL_COLOUR[l.level], bold: true }, l.comment || '']),
    },
  ];
}

function measuresTable(x: DocumentLanguage, caption: string, rows: MeasureRow[], empty: string, typeName: (c: string) => string): TableBlock {
  const { L, lang } = x;
  const t = terms(lang);
  return {
    kind: 'table', caption, empty,
    columns: [{ header: L('Åtgärd', 'Measure'), width: 2.2 }, { header: L('Typ', 'Type'), width: 1.3 }, { header: L('Ansvarig', 'Responsible'), width: 1.5 }, { header: L('Plats/område', 'Place/area'), width: 1.4 }, { header: 'Status', width: 1.1 }, { header: L('Klart senast', 'Due'), width: 1.15 }],
    rows: rows.map((m) => [
      `${m.title} (${t.measureTerm[m.term].toLocaleLowerCase(lang)})`, typeName(m.type), m.organisationName, m.placeName ?? m.areaName ?? '–',
      (t.measureStatus as Record<string, string>)[m.status] ?? m.status,
      m.plannedEnd ? { text: `${day(m.plannedEnd, lang)}${m.overdue ? L(' (försenad)', ' (overdue)') : ''}`, fill: m.overdue ? SIGNIFICANT_UP : undefined } : '–',
    ]),
  };
}

function measures(c: SituationPictureContent, typeName: (c: string) => string, x: DocumentLanguage): Block[] {
  const { L } = x;
  return [
    { kind: 'heading', level: 1, text: L('Åtgärder', 'Measures') },
    measuresTable(x, L('Åtgärder som ska vara klara snart eller är försenade', 'Measures due soon or overdue'), c.measures.dueOrOverdue, L('Inga åtgärder är försenade eller ska vara klara inom två veckor.', 'No measures are overdue or due within two weeks.'), typeName),
    measuresTable(x, L('Pågående och planerade åtgärder', 'Ongoing and planned measures'), c.measures.open, L('Inga öppna åtgärder.', 'No open measures.'), typeName),
    measuresTable(x, L('Åtgärder genomförda under perioden', 'Measures done in the period'), c.measures.doneInPeriod, L('Inga åtgärder genomfördes under perioden.', 'No measures were done in the period.'), typeName),
  ];
}

function method(c: SituationPictureContent, x: DocumentLanguage): Block[] {
  const { L, lang } = x;
  return [
    { kind: 'heading', level: 1, text: L('Om underlaget', 'About the data') },
    {
      kind: 'list',
      items: [
        L(`Perioden: ${periodText(c.period, lang)}. Föregående period: ${periodText(c.previousPeriod, lang)}. Samma period i fjol: ${periodText(c.lastYearPeriod, lang)}.`,
          `The period: ${periodText(c.period, lang)}. Previous period: ${periodText(c.previousPeriod, lang)}. Same period last year: ${periodText(c.lastYearPeriod, lang)}.`),
        L(`Underlaget beräknades ${day(c.computedAt, lang)} kl. ${formatTime(c.computedAt)} och ändras inte när lägesbilden är publicerad.`, `The figures were computed on ${day(c.computedAt, lang)} at ${formatTime(c.computedAt)} and do not change once the situation picture is published.`),
        L('Händelserna är de som rapporterats av kommunen, fastighetsägare, polisen och andra parter i EST-samverkan; mörkertalet är okänt och varierar mellan kategorier.', 'The incidents are those reported by the municipality, property owners, the police and other EST partners; the number never reported is unknown and varies between categories.'),
        L('Förändringar prövas med ett exakt Poisson-test; p-värdet är sannolikheten att se en minst så stor skillnad om nivån vore oförändrad.', 'Changes are tested with an exact Poisson test; the p-value is the probability of a difference at least this large if the rate were unchanged.'),
        L('Kartorna ritas utan internet från SCB:s kommungränser (CC0) i SWEREF 99 TM.', 'The maps are drawn without internet access from SCB\'s municipal boundaries (CC0) in SWEREF 99 TM.'),
        ...(c.filters.categoryIds.length || c.filters.organisationIds.length ? [L('Lägesbilden är avgränsad till vissa kategorier eller organisationer (se tabellerna).', 'The situation picture is limited to some categories or organisations (see the tables).')] : []),
      ],
    },
  ];
}

/** Builds the document blocks of an edition. */
export function lagesbildDocument(input: LagesbildDocumentInput): ReportDocument {
  const c = input.content;
  const lang = input.lang ?? 'sv';
  const x = documentLanguage(lang), { L } = x;
  const typeName = input.measureTypeName ?? ((code: string) => code);
  // The first page names the municipality as it names itself ("Lerums kommun"), and the area in it.
  const municipality = municipalityTitle([c.municipality.name], lang);
  const where = c.area ? `${c.area.name}, ${municipality}` : municipality;
  const status = input.status === 'published' && input.publishedAt ? `${terms(lang).editionStatus.published} ${day(input.publishedAt, lang)}` : terms(lang).editionStatus.draft;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: L('Sammanfattning', 'Summary') },
    input.narrative.summary.trim()
      ? { kind: 'paragraph', style: 'lead', text: input.narrative.summary.trim() }
      : { kind: 'paragraph', style: 'note', text: L('Ingen sammanfattning är skriven ännu.', 'No summary has been written yet.') },
    ...keyNumbers(c, x),
    ...maps(c, input.layers, x),
    ...overTime(c, x),
    ...breakdowns(c, x),
    ...hotspots(c, x),
    ...policeEvents(c, x),
    ...causeAnalyses(input.narrative, x),
    ...statusLevels(input.statusLevels, x),
    ...measures(c, typeName, x),
    ...method(c, x),
  ];
  return {
    lang,
    title: input.title,
    subtitle: [L(`Lägesbild för ${where}`, `Situation picture for ${where}`), `${L('Period', 'Period')} ${day(c.period.from, lang)} – ${lastDay(c.period, lang)}`, `Version ${input.version}`],
    status,
    draft: input.status !== 'published',
    author: L(`${c.municipality.name} – EST-samverkan`, `${c.municipality.name} – EST partnership`),
    fileName: fileSafe(`lagesbild-${c.municipality.name}-${isoDay(c.period.from)}-${isoDay(new Date(new Date(c.period.to).getTime() - 12 * 3600_000))}-v${input.version}${input.status === 'published' ? '' : L('-utkast', '-draft')}`),
    blocks,
  };
}
