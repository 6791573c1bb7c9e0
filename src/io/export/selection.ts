/**
 * What an export holds, in Swedish words: the XLSX's sheet "Urval" and the GeoPackage's table
 * "urval". A file passed on by e-mail must say which period and filters it is, who made it and
 * when — the export is an allmän handling, and a reader cannot see the table's filters.
 */
import type { ReviewStatus, Visibility } from '../../core/incidents/rules.ts';
import { DOMAIN_TERMS } from '../../core/i18n/terms.ts';
import { DAY_MS, utcToLocal } from '../../core/time/index.ts';
import { excelTime, REVIEW_STATUS_SV, VISIBILITY_SV } from './excel.ts';

/** The selection with its references named (the service looks the names up). */
export interface SelectionFacts {
  count: number;
  from?: Date;
  to?: Date;
  /** Names with codes, of the municipalities the export covers. */
  municipalities: Array<{ id: string; name: string }>;
  /** Names of the chosen categories (each with its subcategories); absent when not filtered. */
  categories?: string[];
  organisations?: string[];
  area?: string;
  bbox?: [number, number, number, number];
  reviewStatus?: ReviewStatus[];
  visibility?: Visibility;
  text?: string;
  /** Only the exporter's own reports. */
  mine?: boolean;
  /** Only the incidents of this import (its id). */
  importId?: string;
  /** Who exported: the user's name, or the command line and the operating-system user. */
  exportedBy: string;
  exportedAt: Date;
  /** The lägesbild edition whose hotspot layers a GeoPackage carries. */
  edition?: { title: string; version: number; status: 'draft' | 'published'; from: string; to: string };
}

const isMidnight = (t: Date) => utcToLocal(t.getTime()) % DAY_MS === 0;
const day = (t: Date) => excelTime(t).slice(0, 10);

/**
 * The period in Swedish time. Whole days (the web's periods, to= exclusive at midnight) read as the
 * first and last day, "2026-11-01 – 2026-11-30"; anything else as times.
 */
export function periodInWords(from?: Date, to?: Date): string {
  if (!from && !to) return 'hela tiden (inget datumfilter)';
  if (from && to && isMidnight(from) && isMidnight(to)) return `${day(from)} – ${day(new Date(to.getTime() - 1))} (svensk tid)`;
  if (from && to) return `${excelTime(from)} – ${excelTime(to)} (svensk tid, till men inte med slutet)`;
  return from ? `från ${excelTime(from)} (svensk tid)` : `före ${excelTime(to!)} (svensk tid)`;
}

const all = (xs: string[] | undefined, none: string) => (xs?.length ? xs.join(', ') : none);

/** [uppgift, värde] rows, in the order a reader asks: how many, when, where, what, who. */
export function selectionRows(f: SelectionFacts): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Antal händelser', String(f.count)],
    ['Period', periodInWords(f.from, f.to)],
    ['Kommuner', f.municipalities.map((m) => `${m.name} (${m.id})`).join(', ') || 'inga'],
    ['Kategorier', all(f.categories, 'alla')],
    ['Organisationer', all(f.organisations, 'alla')],
    ['Område', f.area ?? 'inget (hela kommunen)'],
  ];
  if (f.bbox) rows.push(['Kartutsnitt (WGS 84)', `${f.bbox[0]}, ${f.bbox[1]} – ${f.bbox[2]}, ${f.bbox[3]} (longitud, latitud)`]);
  rows.push(
    ['Granskning', all(f.reviewStatus?.map((s) => REVIEW_STATUS_SV[s] ?? s), 'alla')],
    ['Synlighet', f.visibility ? VISIBILITY_SV[f.visibility] : 'alla som exportören får se'],
    ['Fritext', f.text ?? 'ingen'],
  );
  if (f.mine) rows.push(['Endast egna rapporter', 'ja']);
  if (f.importId) rows.push(['Endast importen', f.importId]);
  if (f.edition) {
    const e = f.edition;
    rows.push(['Lägesbild', `${e.title}, version ${e.version} (${DOMAIN_TERMS.sv.editionStatus[e.status].toLowerCase()}), ${e.from} – ${e.to}`]);
  }
  rows.push(['Exporterad av', f.exportedBy], ['Exporterad', `${excelTime(f.exportedAt)} (svensk tid)`]);
  return rows;
}
