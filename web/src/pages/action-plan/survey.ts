import type { FieldError } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { numberFieldError, parseNumberInput } from '../../ui/number-field.ts';
import type { SurveyFigure } from '../situation-pictures/types.ts';

/**
 * The survey table of the action plan as typed, and what of it goes to the server. A row the user
 * added but left empty is not data and is left out; a row whose number is missing or not a number
 * stays on the page with the error on its own cell, and the rest of the page (the text above all)
 * is saved without it: one half-typed figure must not keep a page of text from being saved.
 */
export const SURVEY_COLS = ['source', 'indicator', 'value', 'unit', 'year', 'comparison'] as const;
export type SurveyDraft = Record<(typeof SURVEY_COLS)[number], string>;

export interface SurveyFigureInput {
  source: string; indicator: string; value: number; unit: string; year: number;
  comparison?: { label: string; value: number };
}

export const emptyRow = (year: number): SurveyDraft => ({ source: 'NTU', indicator: '', value: '', unit: '%', year: String(year), comparison: '' });

/** A row as the page shows it: numbers with a decimal comma in Swedish. */
export function draftOf(r: SurveyFigure, lang: 'sv' | 'en'): SurveyDraft {
  const n = (v: number) => (lang === 'sv' ? String(v).replace('.', ',') : String(v));
  return { source: r.source, indicator: r.indicator, value: n(r.value), unit: r.unit, year: String(r.year), comparison: r.comparison ? `${r.comparison.label}: ${n(r.comparison.value)}` : '' };
}

export interface SurveyPlan {
  /** The rows to send. */
  figures: SurveyFigureInput[];
  /** For each row sent, its index on the page (the server names `survey[j]` of what it got). */
  sentFrom: number[];
  /** The rows kept back, one error per cell that needs a number. */
  errors: FieldError[];
}

const blank = (r: SurveyDraft) => !r.indicator.trim() && !r.value.trim() && !r.comparison.trim();

export function surveyPlan(rows: SurveyDraft[]): SurveyPlan {
  const plan: SurveyPlan = { figures: [], sentFrom: [], errors: [] };
  rows.forEach((r, i) => {
    if (blank(r)) return;
    const label = (col: (typeof SURVEY_COLS)[number]) => t('actionPlan.rowLabel', { field: t(`actionPlan.col.${col}`), n: i + 1 });
    const errors: FieldError[] = [];
    const value = parseNumberInput(r.value);
    if (!value.ok || value.value === null) errors.push(numberFieldError(`survey[${i}].value`, label('value')));
    const year = parseNumberInput(r.year, { integer: true });
    if (!year.ok || year.value === null) errors.push(numberFieldError(`survey[${i}].year`, label('year'), { integer: true, example: '2026' }));
    // "Riket: 19": a name, a colon and a number.
    let comparison: SurveyFigureInput['comparison'];
    if (r.comparison.trim()) {
      const colon = r.comparison.lastIndexOf(':');
      const n = colon < 0 ? null : parseNumberInput(r.comparison.slice(colon + 1));
      if (!n || !n.ok || n.value === null || !r.comparison.slice(0, colon).trim()) {
        errors.push({ field: `survey[${i}].comparison`, code: 'format', message: t('actionPlan.comparisonFormat', { field: label('comparison') }) });
      } else comparison = { label: r.comparison.slice(0, colon).trim(), value: n.value };
    }
    if (errors.length) { plan.errors.push(...errors); return; }
    plan.figures.push({
      source: r.source.trim(), indicator: r.indicator.trim(), value: (value as { value: number }).value, unit: r.unit.trim(),
      year: (year as { value: number }).value, ...(comparison ? { comparison } : {}),
    });
    plan.sentFrom.push(i);
  });
  return plan;
}

/** The server's errors on `survey[j]` of the rows sent, renamed to the rows' places on the page. */
export function onPage(fields: FieldError[], sentFrom: number[]): FieldError[] {
  return fields.map((f) => {
    const m = /^survey\[(\d+)\](.*)$/.exec(f.field);
    return m && sentFrom[Number(m[1])] !== undefined ? { ...f, field: `survey[${sentFrom[Number(m[1])]}]${m[2]}` } : f;
  });
}
