/**
 * The lägesbild edition as a document (blocks): what a person takes to the area-group meeting. The
 * order follows the EST cycle: summary, key numbers, maps, development over time, breakdowns,
 * hotspots and repeat patterns, police events, cause analyses, status levels, measures, and finally
 * how the numbers were made.
 */
import type {
  Change, Compared, MeasureRow, Narrative, SituationPictureContent, StatusLevelEntry,
} from '../../core/situation-picture/content.ts';
import { categoryChart } from '../charts/categories.ts';
import { hourWeekdayChart } from '../charts/hour-weekday.ts';
import { weeklyChart } from '../charts/weekly.ts';
import type { Block, Cell, ReportDocument, TableBlock } from '../document/model.ts';
import {
  changeText, count, day, emergingSv, fileSafe, GI_BINS, lastDay, longDay, MEASURE_STATUS_SV, num, periodText, pValue,
  significanceText, STATUS_LEVEL_COLOUR, STATUS_LEVEL_SV, TERM_SV, tint, WEEKDAYS_SV,
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
  /** Swedish name of a measure type code (from the measure catalogue). */
  measureTypeName?: (code: string) => string;
}

const SIGNIFICANT_UP = '#f6c8c3';
const SIGNIFICANT_DOWN = '#cfe5cf';

/** A change cell: coloured when the change is significant, so the eye finds them in a long table. */
function changeCell(c: Change): Cell {
  const text = `${changeText(c)}`;
  if (!c.significant) return { text };
  return { text: `${text} *`, fill: c.change > 0 ? SIGNIFICANT_UP : SIGNIFICANT_DOWN };
}

const comparedColumns = [
  { header: 'Antal', align: 'right' as const, width: 0.8 },
  { header: 'Föreg. period', align: 'right' as const, width: 0.9 },
  { header: 'Förändring', align: 'right' as const, width: 1.3 },
  { header: 'Samma period i fjol', align: 'right' as const, width: 1 },
  { header: 'Förändring', align: 'right' as const, width: 1.3 },
];
const comparedCells = (r: Compared): Array<string | Cell> => [count(r.count), count(r.previous.count), changeCell(r.previous), count(r.lastYear.count), changeCell(r.lastYear)];

function comparedTable(caption: string, first: string, rows: Array<{ name: string } & Compared>, empty: string): TableBlock {
  return {
    kind: 'table', caption, empty,
    columns: [{ header: first, width: 2.2 }, ...comparedColumns],
    rows: rows.map((r) => [r.name, ...comparedCells(r)]),
  };
}

const SIGNIFICANCE_NOTE = 'En förändring markerad med * är statistiskt säkerställd (p < 0,05 i ett exakt Poisson-test av att nivån är oförändrad). '
  + 'Ett högt p-värde betyder att förändringen mycket väl kan vara slumpmässig variation.';

function keyNumbers(c: SituationPictureContent): Block[] {
  const t = c.totals;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'Nyckeltal' },
    {
      kind: 'paragraph', style: 'lead',
      text: `Under perioden ${periodText(c.period)} registrerades ${count(t.count)} händelser${c.area ? ` i ${c.area.name}` : ` i ${c.municipality.name}`}.`,
    },
    {
      kind: 'paragraph',
      text: `Jämfört med föregående period (${periodText(c.previousPeriod)}, ${count(t.previous.count)} händelser) är förändringen ${changeText(t.previous)}. ${significanceText(t.previous)}`,
    },
    {
      kind: 'paragraph',
      text: `Jämfört med samma period förra året (${periodText(c.lastYearPeriod)}, ${count(t.lastYear.count)} händelser) är förändringen ${changeText(t.lastYear)}. ${significanceText(t.lastYear)}`,
    },
  ];
  const significant = c.byCategory.filter((r) => r.previous.significant || r.lastYear.significant);
  if (significant.length) {
    blocks.push({ kind: 'paragraph', text: 'Statistiskt säkerställda förändringar per kategori:' });
    blocks.push({
      kind: 'list',
      items: significant.map((r) => {
        const parts: string[] = [];
        if (r.previous.significant) parts.push(`${changeText(r.previous)} mot föregående period (${pValue(r.previous.p)})`);
        if (r.lastYear.significant) parts.push(`${changeText(r.lastYear)} mot samma period i fjol (${pValue(r.lastYear.p)})`);
        return `${r.nameSv}: ${count(r.count)} händelser, ${parts.join(', ')}`;
      }),
    });
  }
  const hot = c.hotspots.cells.filter((h) => h.bin > 0).length;
  blocks.push({
    kind: 'keyValues', caption: 'Nyckeltal för perioden',
    items: [
      { label: 'Händelser', value: `${count(t.count)} (${changeText(t.previous)} mot föregående period)` },
      { label: 'Hotspots', value: c.hotspots.zones ? `${count(c.hotspots.zones.length)} hotspotområden (${count(hot)} rutor om ${count(c.hotspots.cellSize)} m med signifikant förhöjd nivå)` : `${count(hot)} rutor om ${count(c.hotspots.cellSize)} m med signifikant förhöjd nivå` },
      { label: 'Polisens händelser', value: `${count(c.policeEvents.total)} (föregående period ${count(c.policeEvents.previous)})` },
      { label: 'Öppna åtgärder', value: `${count(c.measures.open.length)}, varav ${count(c.measures.dueOrOverdue.filter((m) => m.overdue).length)} försenade` },
      { label: 'Genomförda åtgärder i perioden', value: count(c.measures.doneInPeriod.length) },
    ],
  });
  return blocks;
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

function maps(c: SituationPictureContent, layers: MapLayers): Block[] {
  const categories = c.byCategory.map((r) => ({ id: r.id, nameSv: r.nameSv, colour: r.colour }));
  const width = 760, height = 560;
  const truncated = c.pointsTruncated ? `kartan visar ${count(c.points.length)} av periodens händelser` : undefined;
  const overview = renderMap({ id: 'overview', title: 'Översiktskarta', width, height, extent: c.extent, layers, cells: [], cellSize: c.hotspots.cellSize, points: c.points, categories, note: truncated });
  const hotspotLayers: MapLayers = { ...layers, places: layers.places };
  const hotspots = renderMap({ id: 'hotspots', title: 'Hotspotkarta', width, height, extent: hotspotExtent(c), layers: hotspotLayers, cells: c.hotspots.cells, cellSize: c.hotspots.cellSize, points: [], categories, labelPlaces: true });
  return [
    { kind: 'heading', level: 1, text: 'Kartor' },
    {
      kind: 'figure', role: 'map', svg: overview, width, height,
      caption: `Översiktskarta: periodens ${count(c.points.length)} händelser efter kategori${c.pointsTruncated ? ' (urval)' : ''}, områden och platser.`,
      alt: `Karta över ${c.area?.name ?? c.municipality.name} med periodens händelser som punkter i kategorins färg.`,
    },
    {
      kind: 'figure', role: 'map', svg: hotspots, width, height,
      caption: `Hotspotkarta (inzoomad på hotspots): rutor om ${count(c.hotspots.cellSize)} m där nivån är signifikant förhöjd (röd) eller sänkt (blå) enligt Getis–Ord Gi* med kontroll av andelen falska upptäckter.`,
      alt: `Karta med ${count(c.hotspots.cells.filter((h) => h.bin > 0).length)} hotspotrutor i rött och ${count(c.hotspots.cells.filter((h) => h.bin < 0).length)} coldspotrutor i blått.`,
    },
  ];
}

function overTime(c: SituationPictureContent): Block[] {
  const weekly = weeklyChart(c.weekly, c.period.from);
  const heat = hourWeekdayChart(c.hourWeekday);
  const busiest = c.hourWeekday.flatMap((row, d) => row.map((v, h) => ({ d, h, v }))).sort((a, b) => b.v - a.v).slice(0, 3).filter((x) => x.v > 0);
  return [
    { kind: 'heading', level: 1, text: 'Utveckling över tid' },
    {
      kind: 'figure', role: 'chart', svg: weekly, width: 700, height: 240,
      caption: `Antal händelser per vecka, ${c.weekly.length} veckor fram till periodens slut. Periodens veckor är mörkare.`,
      alt: `Stapeldiagram med händelser per vecka: ${c.weekly.map((w) => `${day(w.weekStart)} ${w.count}`).join(', ')}.`,
      data: { kind: 'table', caption: 'Händelser per vecka', columns: [{ header: 'Vecka från' }, { header: 'Antal', align: 'right' }], rows: c.weekly.map((w) => [day(w.weekStart), count(w.count)]) },
    },
    {
      kind: 'figure', role: 'chart', svg: heat, width: 700, height: Number(/height="([\d.]+)"/.exec(heat)![1]),
      caption: 'Händelser per veckodag och timme under perioden.',
      alt: busiest.length ? `Flest händelser ${busiest.map((b) => `${WEEKDAYS_SV[b.d]} kl. ${b.h} (${b.v})`).join(', ')}.` : 'Inga händelser under perioden.',
      data: {
        kind: 'table', caption: 'Händelser per veckodag och timme',
        columns: [{ header: 'Veckodag' }, ...Array.from({ length: 24 }, (_, h) => ({ header: String(h), align: 'right' as const }))],
        rows: c.hourWeekday.map((row, d) => [WEEKDAYS_SV[d], ...row.map((v) => count(v))]),
      },
    },
    ...(busiest.length ? [{ kind: 'paragraph' as const, text: `Flest händelser inträffade ${busiest.map((b) => `${WEEKDAYS_SV[b.d]}ar kl. ${String(b.h).padStart(2, '0')}–${String(b.h + 1).padStart(2, '0')} (${count(b.v)})`).join(', ')}.` }] : []),
  ];
}

function breakdowns(c: SituationPictureContent): Block[] {
  const chart = categoryChart(c.byCategory);
  return [
    { kind: 'heading', level: 1, text: 'Kategorier, områden och organisationer' },
    {
      kind: 'figure', role: 'chart', svg: chart, width: 700, height: Number(/height="([\d.]+)"/.exec(chart)![1]),
      caption: 'Händelser per kategori: perioden (färgad stapel), föregående period (mörkgrå) och samma period i fjol (ljusgrå).',
      alt: `Stapeldiagram per kategori: ${c.byCategory.map((r) => `${r.nameSv} ${r.count}`).join(', ')}.`,
    },
    comparedTable('Händelser per kategori', 'Kategori', c.byCategory.map((r) => ({ ...r, name: r.nameSv })), 'Inga händelser i perioden.'),
    comparedTable('Händelser per område', 'Område', c.byArea, 'Inga områden är inlagda för kommunen.'),
    comparedTable('Händelser per rapporterande organisation', 'Organisation', c.byOrganisation, 'Inga händelser i perioden.'),
    { kind: 'paragraph', style: 'note', text: SIGNIFICANCE_NOTE },
    {
      kind: 'table', caption: 'Platser med flest händelser', empty: 'Inga namngivna platser hade händelser i perioden.',
      columns: [{ header: 'Plats', width: 3 }, { header: 'Antal', align: 'right' }, { header: 'Föreg. period', align: 'right' }, { header: 'Förändring', align: 'right' }],
      rows: c.topPlaces.map((p) => [p.name, count(p.count), count(p.previous), `${p.count - p.previous > 0 ? '+' : ''}${num(p.count - p.previous)}`]),
    },
  ];
}

function hotspots(c: SituationPictureContent): Block[] {
  const h = c.hotspots;
  const hot = h.cells.filter((x) => x.bin > 0).sort((a, b) => b.bin - a.bin || b.z - a.z);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'Hotspots och mönster' },
    {
      kind: 'paragraph',
      text: `Hotspots är rutor om ${count(h.cellSize)} × ${count(h.cellSize)} m där antalet händelser, tillsammans med grannrutorna inom ${count(h.distance)} m, är högre än slumpen förklarar (Getis–Ord Gi* med kontroll av andelen falska upptäckter). `
        + 'Mönstret över tid (ny, intensifierande, ihållande, avtagande …) bygger på veckorna före och under perioden.',
    },
  ];
  if (h.note === 'too-few-incidents') blocks.push({ kind: 'paragraph', style: 'note', text: 'För få händelser i perioden för en hotspotanalys.' });
  else if (!hot.length) blocks.push({ kind: 'paragraph', style: 'note', text: 'Inga rutor hade en statistiskt säkerställd förhöjd nivå under perioden.' });
  const confidence = (bin: number) => ({ text: GI_BINS.find((b) => b.bin === bin)!.label, fill: tint(GI_BINS.find((b) => b.bin === bin)!.colour, 0.35) });
  if (h.zones) {
    // Gi* marks the quiet cells around a busy one too; the zones are what a reader acts on.
    blocks.push({
      kind: 'table', caption: 'Hotspotområden (angränsande rutor med signifikant förhöjd nivå)', empty: 'Inga hotspots.',
      columns: [{ header: 'Område (platser)', width: 2.6 }, { header: 'Rutor', align: 'right', width: 0.6 }, { header: 'Händelser', align: 'right', width: 0.8 }, { header: 'Högsta z', align: 'right', width: 0.7 }, { header: 'Konfidens', width: 1.5 }, { header: 'Mönster i starkaste rutan', width: 1.6 }],
      rows: h.zones.slice(0, 15).map((z) => [
        z.placeNames.length ? z.placeNames.join(', ') : `${num(z.lat, 4)}° N, ${num(z.lon, 4)}° E`, count(z.cellIds.length), count(z.count), num(z.maxZ, 1), confidence(z.bin), emergingSv(z.emerging),
      ]),
    });
    if (h.zones.length > 15) blocks.push({ kind: 'paragraph', style: 'note', text: `Tabellen visar de 15 största av ${count(h.zones.length)} hotspotområden; kartan visar alla.` });
  }
  // The strongest cells that hold incidents: where in a zone to look first.
  const busy = hot.filter((x) => x.count > 0);
  blocks.push({
    kind: 'table', caption: h.zones ? 'De starkaste rutorna med händelser' : 'Hotspots (signifikant förhöjd nivå)', empty: 'Inga hotspots.',
    columns: [{ header: 'Ruta / plats', width: 2.4 }, { header: 'Antal', align: 'right', width: 0.7 }, { header: 'z', align: 'right', width: 0.7 }, { header: 'Konfidens', width: 1.8 }, { header: 'Mönster över tid', width: 1.8 }],
    rows: (h.zones ? busy.slice(0, 10) : hot.slice(0, 25)).map((x) => [
      x.placeName ? `${x.placeName} (${x.cellId})` : x.cellId, count(x.count), num(x.z, 2), confidence(x.bin), emergingSv(x.emerging),
    ]),
  });
  if (!h.zones && hot.length > 25) blocks.push({ kind: 'paragraph', style: 'note', text: `Tabellen visar de 25 starkaste av ${count(hot.length)} hotspotrutor; kartan visar alla.` });
  const nr = c.nearRepeat;
  blocks.push({ kind: 'heading', level: 2, text: 'Upprepning nära i tid och rum (near repeat)' });
  if (!nr) blocks.push({ kind: 'paragraph', text: 'För få händelser för en near repeat-analys.' });
  else if (nr.elevated) {
    blocks.push({ kind: 'paragraph', text: `Efter en händelse är risken förhöjd för en ny händelse inom ${count(nr.elevated.distance)} meter och ${count(nr.elevated.days)} dagar: ${num(nr.elevated.ratio, 1).replace('.', ',')} gånger så många par som förväntat (${pValue(nr.elevated.p)}, ${count(nr.iterations)} Monte Carlo-simuleringar, ${count(nr.incidents)} händelser). Snabba åtgärder på platsen efter en händelse kan förebygga nästa.` });
  } else blocks.push({ kind: 'paragraph', text: `Inget förhöjt near repeat-mönster: händelserna (${count(nr.incidents)}) följer inte varandra nära i tid och rum oftare än slumpen förklarar.` });
  const k = c.concentration;
  blocks.push({ kind: 'heading', level: 2, text: 'Koncentration' });
  blocks.push({
    kind: 'paragraph',
    text: k.gini === null
      ? 'För få händelser för att mäta koncentrationen.'
      : `Gini-koefficienten är ${num(k.gini, 2)} över ${count(k.cells)} rutor om ${count(k.cellSize)} m (0 = jämnt spritt, 1 = allt i en ruta).`
        + (k.topFivePercentShare === null ? '' : ` De 5 % av rutorna med flest händelser har ${num(k.topFivePercentShare * 100, 0)} % av händelserna.`),
  });
  return blocks;
}

function policeEvents(c: SituationPictureContent): Block[] {
  const p = c.policeEvents;
  return [
    { kind: 'heading', level: 1, text: 'Polisens händelser' },
    {
      kind: 'paragraph',
      text: `Polisen publicerade ${count(p.total)} händelser i kommunen under perioden (föregående period ${count(p.previous)}).`
        + (p.newestHeld ? ` Senaste inlästa händelse: ${day(p.newestHeld)}.` : ' Inga polishändelser är inlästa.')
        + ' Polisens positioner är ofta kommunens mittpunkt, inte platsen för händelsen.',
    },
    {
      kind: 'table', caption: 'Polisens händelser per typ', empty: 'Inga polishändelser i perioden.',
      columns: [{ header: 'Typ', width: 3 }, { header: 'Antal', align: 'right' }],
      rows: p.byType.map((t) => [t.type, count(t.count)]),
    },
    {
      kind: 'table', caption: 'Polisens händelser (senaste först)', empty: 'Inga polishändelser i perioden.',
      columns: [{ header: 'Datum', width: 1 }, { header: 'Typ', width: 1.4 }, { header: 'Rubrik', width: 3.2 }],
      rows: p.items.slice(0, 30).map((e) => [day(e.publishedAt), e.type, e.summary ? `${e.name} – ${e.summary}` : e.name]),
    },
  ];
}

function causeAnalyses(n: Narrative): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: 'Orsaksanalyser' }];
  if (!n.problems.length) {
    blocks.push({ kind: 'paragraph', style: 'note', text: 'Ingen orsaksanalys är skriven för den här lägesbilden.' });
    return blocks;
  }
  blocks.push({ kind: 'paragraph', text: 'Varje prioriterat problem analyseras efter brottstriangeln: gärningsperson, mål eller offer och plats – ett brott förutsätter att alla tre möts utan verksamt skydd.' });
  for (const p of n.problems) {
    blocks.push({ kind: 'heading', level: 2, text: `${p.priority}. ${p.title}` });
    blocks.push({
      kind: 'keyValues', caption: `Orsaksanalys: ${p.title}`,
      items: [
        { label: 'Gärningsperson', value: p.offender || '–' },
        { label: 'Mål/offer', value: p.target || '–' },
        { label: 'Plats', value: p.place || '–' },
        { label: 'Föreslagna åtgärder', value: p.suggestedMeasures || '–' },
      ],
    });
  }
  return blocks;
}

function statusLevels(levels: StatusLevelEntry[]): Block[] {
  return [
    { kind: 'heading', level: 1, text: 'Statusnivåer' },
    {
      kind: 'table', caption: 'Statusnivå per område och plats (grön, gul, röd)', empty: 'Inga statusnivåer är satta.',
      columns: [{ header: 'Område/plats', width: 2 }, { header: 'Typ', width: 0.8 }, { header: 'Nivå', width: 0.8 }, { header: 'Kommentar', width: 3.4 }],
      rows: [...levels].sort((a, b) => ['red', 'yellow', 'green'].indexOf(a.level) - ['red', 'yellow', 'green'].indexOf(b.level))
        .map((l) => [l.name, l.kind === 'area' ? 'Område' : 'Plats', { text: STATUS_LEVEL_SV[l.level], fill: STATUS_LEVEL_COLOUR[l.level], bold: true }, l.comment || '']),
    },
  ];
}

function measuresTable(caption: string, rows: MeasureRow[], empty: string, typeName: (c: string) => string): TableBlock {
  return {
    kind: 'table', caption, empty,
    columns: [{ header: 'Åtgärd', width: 2.2 }, { header: 'Typ', width: 1.3 }, { header: 'Ansvarig', width: 1.5 }, { header: 'Plats/område', width: 1.4 }, { header: 'Status', width: 1.1 }, { header: 'Klart senast', width: 1.15 }],
    rows: rows.map((m) => [
      `${m.title} (${TERM_SV[m.term].toLowerCase()})`, typeName(m.type), m.organisationName, m.placeName ?? m.areaName ?? '–',
      MEASURE_STATUS_SV[m.status] ?? m.status, m.plannedEnd ? { text: `${m.plannedEnd}${m.overdue ? ' (försenad)' : ''}`, fill: m.overdue ? SIGNIFICANT_UP : undefined } : '–',
    ]),
  };
}

function measures(c: SituationPictureContent, typeName: (c: string) => string): Block[] {
  return [
    { kind: 'heading', level: 1, text: 'Åtgärder' },
    measuresTable('Åtgärder som ska vara klara snart eller är försenade', c.measures.dueOrOverdue, 'Inga åtgärder är försenade eller ska vara klara inom två veckor.', typeName),
    measuresTable('Pågående och planerade åtgärder', c.measures.open, 'Inga öppna åtgärder.', typeName),
    measuresTable('Åtgärder genomförda under perioden', c.measures.doneInPeriod, 'Inga åtgärder genomfördes under perioden.', typeName),
  ];
}

function method(c: SituationPictureContent): Block[] {
  return [
    { kind: 'heading', level: 1, text: 'Om underlaget' },
    {
      kind: 'list',
      items: [
        `Perioden: ${periodText(c.period)}. Föregående period: ${periodText(c.previousPeriod)}. Samma period i fjol: ${periodText(c.lastYearPeriod)}.`,
        `Underlaget beräknades ${longDay(c.computedAt)} kl. ${new Date(c.computedAt).toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' })} och ändras inte när lägesbilden är publicerad.`,
        'Händelserna är de som rapporterats av kommunen, fastighetsägare, polisen och andra parter i EST-samverkan; mörkertalet är okänt och varierar mellan kategorier.',
        'Förändringar prövas med ett exakt Poisson-test; p-värdet är sannolikheten att se en minst så stor skillnad om nivån vore oförändrad.',
        'Kartorna ritas utan internet från SCB:s kommungränser (CC0) i SWEREF 99 TM.',
        ...(c.filters.categoryIds.length || c.filters.organisationIds.length ? ['Lägesbilden är avgränsad till vissa kategorier eller organisationer (se tabellerna).'] : []),
      ],
    },
  ];
}

/** Builds the document blocks of an edition. */
export function lagesbildDocument(input: LagesbildDocumentInput): ReportDocument {
  const c = input.content;
  const typeName = input.measureTypeName ?? ((code: string) => code);
  const where = c.area ? `${c.area.name}, ${c.municipality.name}` : c.municipality.name;
  const status = input.status === 'published' && input.publishedAt ? `Publicerad ${day(input.publishedAt)}` : 'Utkast';
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'Sammanfattning' },
    input.narrative.summary.trim()
      ? { kind: 'paragraph', style: 'lead', text: input.narrative.summary.trim() }
      : { kind: 'paragraph', style: 'note', text: 'Ingen sammanfattning är skriven ännu.' },
    ...keyNumbers(c),
    ...maps(c, input.layers),
    ...overTime(c),
    ...breakdowns(c),
    ...hotspots(c),
    ...policeEvents(c),
    ...causeAnalyses(input.narrative),
    ...statusLevels(input.statusLevels),
    ...measures(c, typeName),
    ...method(c),
  ];
  return {
    title: input.title,
    subtitle: [`Lägesbild för ${where}`, `Period ${day(c.period.from)} – ${lastDay(c.period)}`, `Version ${input.version}`],
    status,
    draft: input.status !== 'published',
    author: `${c.municipality.name} – EST-samverkan`,
    fileName: fileSafe(`lagesbild-${c.municipality.name}-${day(c.period.from)}-${lastDay(c.period)}-v${input.version}${input.status === 'published' ? '' : '-utkast'}`),
    blocks,
  };
}
