import type { FieldError } from '../api/client.ts';
import { t } from '../i18n/index.ts';

/**
 * Number fields, one way for every form. A person types "12,5", "1 200" or nothing; the API wants
 * a JSON number or no value at all. Sending the text as it stands ("" or "ca 5") made the server
 * refuse the whole request with a type error, so one empty cell blocked a page of text. Here an
 * empty field is null (leave it out or clear it), a decimal comma and spaces between thousands are
 * read as people write them, and anything else is reported on its own field before the request.
 */
export type NumberInput = { ok: true; value: number | null } | { ok: false; text: string };

export function parseNumberInput(text: string, opts: { integer?: boolean } = {}): NumberInput {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  // "1 200,5" and "−3" as Swedish writes them; a thin or no-break space between thousands too.
  const normal = trimmed.replace(/[\s\u00a0\u202f]/g, '').replace(/^[−–]/, '-').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normal)) return { ok: false, text };
  const value = Number(normal);
  if (!Number.isFinite(value) || (opts.integer && !Number.isInteger(value))) return { ok: false, text };
  return { ok: true, value };
}

/** The message for a number field that holds no number: the field's name and what to enter. */
export function numberFieldError(field: string, label: string, opts: { integer?: boolean; example?: string } = {}): FieldError {
  const example = opts.example ?? (opts.integer ? '12' : t('admin.form.numberExample'));
  return { field, code: 'type', message: t(opts.integer ? 'admin.form.notInteger' : 'admin.form.notNumber', { field: label, example }) };
}

/** A number as the field shows it again: "12,5" in Swedish, "" for none. */
export function numberText(value: number | null | undefined, lang: 'sv' | 'en'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return lang === 'sv' ? String(value).replace('.', ',') : String(value);
}
