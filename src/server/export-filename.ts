import type { ExportFormat } from '../core/incidents/export-formats.ts';

/** At most this many municipalities are named in an export's file name; more are counted ("5-kommuner"). */
const MAX_NAMED = 3;

/** A name as part of a file name: letters and digits kept (å, ä, ö too), anything else one dash. */
const part = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');

/**
 * The file name of an incident export: what it covers and the Swedish day it was made, e.g.
 * `lagesbild-Alingsås-2026-12-03.csv`, `lagesbild-Alingsås-Vårgårda-2026-12-03-excel.csv`,
 * `lagesbild-Alingsås-2026-12-03.xlsx`, `…gpkg`. A file
 * passed on by e-mail still says which municipality it is about.
 */
export function exportFileName(format: ExportFormat, municipalities: readonly string[], day: string): string {
  const covers = municipalities.length > MAX_NAMED ? `${municipalities.length}-kommuner` : municipalities.map(part).filter(Boolean).join('-');
  const base = ['lagesbild', covers, day].filter(Boolean).join('-');
  return format === 'excel' ? `${base}-excel.csv` : `${base}.${format}`;
}

/**
 * Content-Disposition of a download after RFC 6266: an ASCII fallback (å → a) for old clients and
 * the real name in UTF-8.
 */
export function attachment(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
