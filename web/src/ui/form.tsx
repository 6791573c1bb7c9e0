import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, NetworkError, type FieldError } from '../api/client.ts';
import { t } from '../i18n/index.ts';

/**
 * Form plumbing shared by the admin pages: the server's field errors next to their fields, focus on
 * the first one, required markers in text, and a live region for results.
 */
export interface FormErrors {
  message: string | null;
  fields: FieldError[];
}
export const NO_ERRORS: FormErrors = { message: null, fields: [] };

/** The errors of a failed request, in the user's language (the server localises by Accept-Language). */
export function errorsFrom(e: unknown): FormErrors {
  if (e instanceof ApiError) return { message: e.fields.length ? e.message : e.message || t('admin.form.failed'), fields: e.fields };
  if (e instanceof NetworkError) return { message: t('admin.form.network'), fields: [] };
  return { message: t('app.error', { message: (e as Error)?.message ?? String(e) }), fields: [] };
}

/**
 * A field's message without the field's name in front, for a page that names the field its own way
 * ("Rad 2 (x@y): ange en e-postadress …" rather than "Rad 2 (x@y): E-post att meddela (rad 2): …").
 */
export function bareMessage(f: FieldError): string {
  const rest = f.label && f.message.startsWith(`${f.label}: `) ? f.message.slice(f.label.length + 2) : f.message;
  return rest.charAt(0).toLocaleUpperCase() + rest.slice(1);
}

/** The message for a field: exact name, or a nested one ("roles" matches "roles[1]", "geometry.coordinates"). */
export function fieldMessage(errors: FormErrors, field: string): string | undefined {
  return errors.fields.find((f) => f.field === field || f.field.startsWith(field + '.') || f.field.startsWith(field + '['))?.message;
}

/** Client-side "required" check for text values, so an empty field is named before the request. */
export function requiredErrors(values: Record<string, string | undefined>): FieldError[] {
  return Object.entries(values).filter(([, v]) => !v || !v.trim()).map(([field]) => ({ field, code: 'required', message: t('admin.form.requiredError') }));
}

/** A message that screen readers announce when it changes (repeat the same text and it is announced again). */
export function useAnnouncer(): [string, (msg: string) => void] {
  const [msg, setMsg] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const announce = (m: string) => {
    setMsg('');
    clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setMsg(m), 60);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return [msg, announce];
}

export function LiveRegion({ message, id }: { message: string; id?: string }) {
  return <p id={id} class="live-status" role="status" aria-live="polite">{message}</p>;
}

/** Moves focus to the first invalid field of a form (or its error summary) after a failed submit. */
export function useFocusFirstError(errors: FormErrors) {
  const ref = useRef<HTMLFormElement>(null);
  // A layout effect, so the focus moves in the same frame as the message appears: a screen reader
  // reads the field with its error, and a keystroke typed meanwhile does not land on the button.
  useLayoutEffect(() => {
    if (!errors.message && errors.fields.length === 0) return;
    const form = ref.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], .focus-on-error') ?? form?.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [errors]);
  return ref;
}

/** The id/aria attributes of a control with an optional error and hint. */
export function controlProps(id: string, error?: string, hint?: boolean) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy || undefined };
}

export function Label({ for: htmlFor, children, required }: { for: string; children: ComponentChildren; required?: boolean }) {
  return (
    <label for={htmlFor}>
      {children}
      {required && <span class="required"> {t('admin.form.required')}</span>}
    </label>
  );
}

export function FieldMessage({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {hint && <p id={`${id}-hint`} class="hint muted">{hint}</p>}
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </>
  );
}

/** The summary above a form: the server's overall message and any field it named that has no control here. */
export function ErrorSummary({ errors, known }: { errors: FormErrors; known: string[] }) {
  if (!errors.message && errors.fields.length === 0) return null;
  const others = errors.fields.filter((f) => !known.some((k) => f.field === k || f.field.startsWith(k + '.') || f.field.startsWith(k + '[')));
  return (
    <div class="form-error" role="alert" tabIndex={-1}>
      <p class="error">{errors.message ?? t('admin.form.failed')}</p>
      {others.length > 0 && <ul>{others.map((f) => <li key={f.field + f.code}>{f.message}</li>)}</ul>}
    </div>
  );
}
