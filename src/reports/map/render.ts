/**
 * The offline map of a document, as an SVG string: the municipality boundary as the base layer, the
 * areas and places, the Gi* hotspot cells coloured by confidence bin (ArcGIS colours: red hot, blue
 * cold) and the incident points in their category colours, with a scale bar, a north arrow, a legend
 * and the attribution. Pure: geometries and content in, text out; never fetches anything.
 */
import type { HotspotCell, MapPoint } from '../../core/situation-picture/content.ts';
import { confidenceTerm } from '../../core/i18n/terms.ts';
import { BASE_MAP_ATTRIBUTION, GI_BINS, binColour, count, type Language } from '../format.ts';
import { esc, FONT, niceStep, r2, svgDocument, text } from '../svg.ts';
import { fitExtent, padExtent, type Projection } from './projection.ts';

/** A GeoJSON geometry in EPSG:3006 (only the types the layers hold). */
export type Geometry3006 =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface MapLayers {
  boundary: Geometry3006 | null;
  areas: Array<{ id: string; name: string; geometry: Geometry3006 }>;
  places: Array<{ id: string; name: string; geometry: Geometry3006 }>;
}

export interface MapCategory {
  id: string;
  nameSv: string;
  nameEn?: string;
  colour: string;
}

export interface MapInput {
  title: string;
  width: number;
  height: number;
  extent: [number, number, number, number];
  layers: MapLayers;
  /** Hotspot cells to draw as squares of side `cellSize`; empty for an overview map. */
  cells: HotspotCell[];
  cellSize: number;
  points: MapPoint[];
  categories: MapCategory[];
  /** Label places by name (the hotspot map does, to tie cells to the names in the text). */
  labelPlaces?: boolean;
  note?: string;
  /** Unique within a page: several maps share one HTML document. */
  id?: string;
  /** The language of the legend and the attribution (Swedish by default). */
  lang?: Language;
}

const WORDS = {
  sv: { legend: 'Teckenförklaring', boundary: 'Kommungräns', area: 'Område', place: 'Plats', more: '… och {n} kategorier till' },
  en: { legend: 'Legend', boundary: 'Municipal boundary', area: 'Area', place: 'Place', more: '… and {n} more categories' },
} satisfies Record<Language, Record<string, string>>;

const LEGEND_WIDTH = 190;

function ringPath(ring: number[][], p: Projection): string {
  return ring.map(([x, y], i) => {
    const [px, py] = p.project(x, y);
    return `${i === 0 ? 'M' : 'L'}${r2(px)} ${r2(py)}`;
  }).join('') + 'Z';
}

function geometryPath(g: Geometry3006, p: Projection): string {
  if (g.type === 'Polygon') return g.coordinates.map((r) => ringPath(r, p)).join('');
  if (g.type === 'MultiPolygon') return g.coordinates.flatMap((poly) => poly.map((r) => ringPath(r, p))).join('');
  return '';
}

/** A representative point to write a label at: the centre of the outer ring's bounding box. */
function labelPoint(g: Geometry3006): [number, number] {
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
  const xs = ring.map((c) => c[0]);
  const ys = ring.map((c) => c[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

function scaleBar(p: Projection, x: number, y: number, maxPx: number, lang: Language): string {
  const metres = niceStep(maxPx * p.metresPerPixel);
  const px = metres / p.metresPerPixel;
  const label = metres >= 1000 ? `${count(metres / 1000, lang)} km` : `${count(metres, lang)} m`;
  return `<g class="scale-bar"><rect x="${r2(x)}" y="${r2(y)}" width="${r2(px / 2)}" height="5" fill="#222"/>`
    + `<rect x="${r2(x + px / 2)}" y="${r2(y)}" width="${r2(px / 2)}" height="5" fill="#fff" stroke="#222" stroke-width="0.8"/>`
    + text(x, y - 4, '0', { 'font-size': 9 }) + text(x + px, y - 4, label, { 'font-size': 9, 'text-anchor': 'middle' }) + '</g>';
}

function northArrow(x: number, y: number): string {
  return `<g class="north-arrow"><path d="M${x} ${y}l-8 24l8 -6l8 6z" fill="#222"/>`
    + text(x, y + 36, 'N', { 'font-size': 12, 'font-weight': 'bold', 'text-anchor': 'middle' }) + '</g>';
}

function legend(input: MapInput, x: number, y: number): string {
  const lang = input.lang ?? 'sv', w = WORDS[lang];
  const rows: string[] = [];
  let cy = y;
  const row = (symbol: string, label: string) => {
    rows.push(symbol.replace(/\$Y/g, String(cy)) + text(x + 22, cy + 10, label, { 'font-size': 10 }));
    cy += 16;
  };
  rows.push(text(x, cy + 10, w.legend, { 'font-size': 11, 'font-weight': 'bold' }));
  cy += 20;
  if (input.layers.boundary) row(`<rect x="${x}" y="$Y" width="16" height="11" fill="#f4f1ea" stroke="#555" stroke-width="1.2"/>`, w.boundary);
  if (input.layers.areas.length) row(`<rect x="${x}" y="$Y" width="16" height="11" fill="none" stroke="#6a51a3" stroke-width="1.2" stroke-dasharray="3 2"/>`, w.area);
  if (input.layers.places.length) row(`<circle cx="${x + 8}" cy="$Y" r="4" fill="#fff" stroke="#000" stroke-width="1.5" transform="translate(0 6)"/>`, w.place);
  const bins = new Set(input.cells.map((c) => c.bin));
  for (const b of GI_BINS) if (bins.has(b.bin)) row(`<rect x="${x}" y="$Y" width="16" height="11" fill="${b.colour}" stroke="#666" stroke-width="0.5"/>`, confidenceTerm(lang, b.bin));
  const present = new Map<string, number>();
  for (const pt of input.points) present.set(pt.categoryId, (present.get(pt.categoryId) ?? 0) + 1);
  const cats = input.categories.filter((c) => present.has(c.id)).sort((a, b) => present.get(b.id)! - present.get(a.id)!);
  for (const c of cats.slice(0, 12)) row(`<circle cx="${x + 8}" cy="$Y" r="4" fill="${esc(c.colour)}" stroke="#fff" stroke-width="0.8" transform="translate(0 6)"/>`, `${lang === 'en' && c.nameEn ? c.nameEn : c.nameSv} (${count(present.get(c.id)!, lang)})`);
  if (cats.length > 12) row('', w.more.replace('{n}', String(cats.length - 12)));
  return `<g class="legend">${rows.join('')}</g>`;
}

/**
 * Renders the map.
 * @example renderMap({ title: 'Översikt', width: 700, height: 520, extent, layers, cells: [], cellSize: 250, points, categories })
 */
export function renderMap(input: MapInput): string {
  const mapFrame = { x: 8, y: 8, width: input.width - LEGEND_WIDTH - 24, height: input.height - 34 };
  const p = fitExtent(padExtent(input.extent), mapFrame);
  const parts: string[] = [];
  const clip = `${input.id ?? 'map'}-frame`;
  parts.push(`<defs><clipPath id="${clip}"><rect x="${mapFrame.x}" y="${mapFrame.y}" width="${mapFrame.width}" height="${mapFrame.height}"/></clipPath></defs>`);
  parts.push(`<rect x="${mapFrame.x}" y="${mapFrame.y}" width="${mapFrame.width}" height="${mapFrame.height}" fill="#eef3f7"/>`);
  const layer: string[] = [];
  if (input.layers.boundary) layer.push(`<path class="boundary" d="${geometryPath(input.layers.boundary, p)}" fill="#f4f1ea" stroke="#555" stroke-width="1.2" fill-rule="evenodd"/>`);
  for (const a of input.layers.areas) {
    layer.push(`<path class="area" d="${geometryPath(a.geometry, p)}" fill="none" stroke="#6a51a3" stroke-width="1.2" stroke-dasharray="4 3"><title>${esc(a.name)}</title></path>`);
  }
  const half = input.cellSize / 2;
  for (const c of input.cells) {
    const colour = binColour(c.bin);
    if (!colour) continue;
    const [x0, y0] = p.project(c.x - half, c.y + half);
    const [x1, y1] = p.project(c.x + half, c.y - half);
    // Never thinner than a pixel and a half, or a 250 m cell disappears on a municipality map.
    const w = Math.max(x1 - x0, 1.5);
    const h = Math.max(y1 - y0, 1.5);
    layer.push(`<rect class="hotspot" data-bin="${c.bin}" x="${r2(x0)}" y="${r2(y0)}" width="${r2(w)}" height="${r2(h)}" fill="${colour}" fill-opacity="0.85" stroke="${colour}" stroke-width="0.5"/>`);
  }
  const colours = new Map(input.categories.map((c) => [c.id, c.colour]));
  const radius = input.points.length > 2000 ? 1.4 : input.points.length > 300 ? 2 : 2.8;
  for (const pt of input.points) {
    const [px, py] = p.project(pt.x, pt.y);
    layer.push(`<circle class="incident" cx="${r2(px)}" cy="${r2(py)}" r="${radius}" fill="${esc(colours.get(pt.categoryId) ?? '#555555')}" fill-opacity="0.8" stroke="#fff" stroke-width="0.3"/>`);
  }
  for (const pl of input.layers.places) {
    if (pl.geometry.type !== 'Point') layer.push(`<path class="place" d="${geometryPath(pl.geometry, p)}" fill="none" stroke="#000" stroke-width="1"/>`);
    const [lx, ly] = labelPoint(pl.geometry);
    const [px, py] = p.project(lx, ly);
    layer.push(`<circle class="place-marker" cx="${r2(px)}" cy="${r2(py)}" r="3.5" fill="#fff" stroke="#000" stroke-width="1.5"/>`);
    if (input.labelPlaces) layer.push(text(px + 6, py - 4, pl.name, { 'font-size': 9, stroke: '#fff', 'stroke-width': 2.5, 'paint-order': 'stroke' }));
  }
  parts.push(`<g clip-path="url(#${clip})">${layer.join('')}</g>`);
  parts.push(`<rect x="${mapFrame.x}" y="${mapFrame.y}" width="${mapFrame.width}" height="${mapFrame.height}" fill="none" stroke="#888" stroke-width="0.8"/>`);
  parts.push(northArrow(mapFrame.x + mapFrame.width - 22, mapFrame.y + 10));
  parts.push(scaleBar(p, mapFrame.x + 12, mapFrame.y + mapFrame.height - 14, mapFrame.width / 4, input.lang ?? 'sv'));
  parts.push(legend(input, mapFrame.x + mapFrame.width + 14, mapFrame.y + 4));
  const foot = [BASE_MAP_ATTRIBUTION[input.lang ?? 'sv'], input.note].filter(Boolean).join(' · ');
  parts.push(`<text x="${mapFrame.x}" y="${input.height - 10}" font-family="${FONT}" font-size="9" fill="#555">${esc(foot)}</text>`);
  return svgDocument(input.width, input.height, parts.join(''), input.title);
}
