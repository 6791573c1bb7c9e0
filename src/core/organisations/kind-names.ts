/**
 * Organisation kinds as people write them on the command line: the stored identifiers
 * (`kommunalt_bolag`) and the Swedish words of the interface and the guideline, with or without
 * å/ä/ö ("kommunalt bolag", "räddningstjänstförbund", "region/vård"). Pure.
 */
import { ORGANISATION_KINDS, type OrganisationKind } from './types.ts';

/** Folds case and å/ä/ö and turns spaces, hyphens and slashes into underscores: "Region/vård" → "region_vard". */
const fold = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s/-]+/g, '_');

const ALIASES: Readonly<Record<string, OrganisationKind>> = {
  bolag: 'kommunalt_bolag',
  kommunalforbund: 'forbund',
  raddningstjanstforbund: 'forbund',
  raddningstjanst: 'forbund',
  polisen: 'polis',
  region: 'region_vard',
  vard: 'region_vard',
  bevakning: 'bevakningsforetag',
  civila_samhallet: 'civilsamhalle',
};

/** The kind a word stands for, or null when it names none. */
export function parseOrganisationKind(word: string): OrganisationKind | null {
  const k = fold(word);
  return (ORGANISATION_KINDS as readonly string[]).includes(k) ? (k as OrganisationKind) : ALIASES[k] ?? null;
}
