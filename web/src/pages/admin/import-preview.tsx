import { useMemo, useState } from 'preact/hooks';
import type { Category } from '../../api/types.ts';
import { fmt, t, tn, type MessageKey } from '../../i18n/index.ts';
import type { ImportField } from '../../../../src/core/import/types.ts';
import { buildCategoryTree, indentedLabel } from './categoryTree.ts';
import { categoryName } from './categories.tsx';
import { CRS_CODES, delimiterKey, FIELD_ORDER, fieldOf, importBlock, pageOf, type ImportCrs, type ImportMapping, type ImportPreview, type ImportRowError } from './import-mapping.ts';

/** Errors listed per page: a long list stays short enough to read and to tab past. */
export const ERRORS_PER_PAGE = 20;

const crsName = (c: ImportCrs) => t(`import.crs.names.${c}` as MessageKey);

/** The rows with errors (row, column, value, message), a page at a time. */
export function RowErrors({ errors, invalidRows, idPrefix, caption }: { errors: ImportRowError[]; invalidRows: number; idPrefix: string; caption: string }) {
  const [page, setPage] = useState(1);
  const listedRows = useMemo(() => new Set(errors.map((e) => e.row)).size, [errors]);
  const shown = pageOf(errors, page, ERRORS_PER_PAGE);
  if (errors.length === 0) return null;
  const captionId = `${idPrefix}-caption`;
  return (
    <div class="import-errors">
      <div class="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table>
          <caption id={captionId}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">{t('import.validation.row')}</th>
              <th scope="col">{t('import.validation.column')}</th>
              <th scope="col">{t('import.validation.value')}</th>
              <th scope="col">{t('import.validation.message')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.items.map((e, k) => (
              <tr key={`${e.row}-${e.column ?? ''}-${e.code}-${k}`}>
                <th scope="row" class="num">{e.row}</th>
                <td>{e.column ?? ''}</td>
                <td class="import-value">{e.value ?? ''}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invalidRows > listedRows && <p class="muted small">{tn('import.validation.firstOnly', invalidRows, { shown: fmt.number(listedRows) })}</p>}
      {shown.pages > 1 && (
        <nav class="import-pager" aria-label={t('import.validation.pages')}>
          <button type="button" disabled={shown.page <= 1} onClick={() => setPage(shown.page - 1)}>{t('import.validation.previous')}</button>
          <span aria-live="polite">{t('import.validation.page', { page: shown.page, pages: shown.pages })}</span>
          <button type="button" disabled={shown.page >= shown.pages} onClick={() => setPage(shown.page + 1)}>{t('import.validation.next')}</button>
        </nav>
      )}
    </div>
  );
}

export interface PreviewProps {
  preview: ImportPreview;
  /** The mapping as the drop-downs show it (the user's latest, while its preview is on its way). */
  mapping: ImportMapping;
  /** The municipality's categories. */
  categories: Category[];
  /** Category values the user has chosen for (an explicit "Avvisa raderna" is no longer unmatched). */
  decided: ReadonlySet<string>;
  updating: boolean;
  sheet: string | null;
  onSheet(sheet: string): void;
  onMapping(next: ImportMapping, categoryValue?: string): void;
  onColumn(header: string, field: ImportField | null): void;
}

/**
 * What the server made of the file: its facts, the first rows with a drop-down of fields under each
 * header, the coordinate system and date order, the problems and the category values with the
 * municipality's category tree. Every change goes back to the server (the parent re-requests the
 * preview), so what is shown is what an import would do.
 */
export function PreviewView({ preview: p, mapping, categories, decided, updating, sheet, onSheet, onMapping, onColumn }: PreviewProps) {
  const tree = useMemo(() => buildCategoryTree(categories.filter((c) => c.active)), [categories]);
  const delimiter = delimiterKey(p.delimiter);
  const crs = mapping.crs;
  const crsHint = p.crsSource === 'guessed' ? t('import.crs.guessed', { name: p.crsName ?? (crs ? crsName(crs) : '') })
    : p.crsSource === 'given' ? t('import.crs.given', { name: p.crsName ?? (crs ? crsName(crs) : '') })
    : t('import.crs.none');
  const hasCategoryColumn = !!mapping.columns.category;

  return (
    <div class="import-preview" aria-busy={updating}>
      <h4>{t('import.facts.title')}</h4>
      <dl class="import-facts">
        <div><dt>{t('import.facts.format')}</dt><dd>{t(`import.facts.formats.${p.format}` as MessageKey)}</dd></div>
        {p.format === 'csv' && <div><dt>{t('import.facts.encoding')}</dt><dd>{p.encoding ?? t('import.facts.unknown')}</dd></div>}
        {p.format === 'csv' && <div><dt>{t('import.facts.delimiter')}</dt><dd>{delimiter ? t(`import.facts.delimiters.${delimiter}` as MessageKey) : p.delimiter ?? t('import.facts.unknown')}</dd></div>}
        {p.format === 'xlsx' && p.sheets.length <= 1 && <div><dt>{t('import.facts.sheet')}</dt><dd>{p.sheet ?? t('import.facts.unknown')}</dd></div>}
        <div><dt>{t('import.facts.rows')}</dt><dd>{tn('import.facts.rowsValue', p.rowCount)}</dd></div>
      </dl>
      {p.sheets.length > 1 && (
        <div class="import-control">
          <label for="import-sheet">{t('import.facts.sheet')}</label>
          <select id="import-sheet" aria-describedby="import-sheet-hint" value={sheet ?? p.sheet ?? p.sheets[0]} onChange={(e) => onSheet(e.currentTarget.value)}>
            {p.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
          <p id="import-sheet-hint" class="hint muted">{t('import.facts.sheetHint')}</p>
        </div>
      )}

      <h4>{t('import.mapping.title')}</h4>
      <p class="muted">{t('import.mapping.explain')}</p>
      <div class="table-wrap import-sample-wrap" role="region" aria-labelledby="import-sample-caption" tabIndex={0}>
        <table class="import-sample">
          <caption id="import-sample-caption">{tn('import.mapping.caption', p.sampleRows.length)}</caption>
          <thead>
            <tr>{p.headers.map((h, k) => <th key={k} scope="col">{h}</th>)}</tr>
            <tr class="import-fields">
              {p.headers.map((h, k) => {
                const field = fieldOf(mapping, h);
                return (
                  <td key={k}>
                    <label class="visually-hidden" for={`import-col-${k}`}>{t('import.mapping.fieldFor', { header: h })}</label>
                    <select id={`import-col-${k}`} value={field ?? ''} class={field ? 'mapped' : undefined}
                      onChange={(e) => onColumn(h, (e.currentTarget.value || null) as ImportField | null)}>
                      <option value="">{t('import.fields.ignore')}</option>
                      {FIELD_ORDER.map((f) => <option key={f} value={f}>{t(`import.fields.${f}` as MessageKey)}</option>)}
                    </select>
                  </td>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {p.sampleRows.map((row, r) => (
              <tr key={r}>{p.headers.map((_, k) => <td key={k}>{row[k] ?? ''}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.unmappedHeaders.length > 0 && <p class="muted small">{t('import.mapping.unmapped', { headers: p.unmappedHeaders.join(', ') })}</p>}

      <div class="form-row import-settings">
        <div class="import-control">
          <label for="import-crs">{t('import.crs.label')}</label>
          <select id="import-crs" aria-describedby="import-crs-hint" aria-invalid={p.crsSource === 'none' && !crs ? 'true' : undefined} value={crs ?? ''}
            onChange={(e) => onMapping({ ...mapping, crs: e.currentTarget.value ? Number(e.currentTarget.value) as ImportCrs : null })}>
            <option value="">{t('import.crs.choose')}</option>
            {CRS_CODES.map((c) => <option key={c} value={c}>{crsName(c)}</option>)}
          </select>
          <p id="import-crs-hint" class={p.crsSource === 'none' ? 'field-error' : 'hint muted'}>{crsHint}</p>
        </div>
        <div class="import-control">
          <label for="import-date-order">{t('import.dates.label')}</label>
          <select id="import-date-order" aria-describedby="import-date-order-hint" value={mapping.dateOrder}
            onChange={(e) => onMapping({ ...mapping, dateOrder: e.currentTarget.value === 'mdy' ? 'mdy' : 'dmy' })}>
            <option value="dmy">{t('import.dates.dmy')}</option>
            <option value="mdy">{t('import.dates.mdy')}</option>
          </select>
          <p id="import-date-order-hint" class="hint muted">
            {t('import.dates.hint')}{p.dateFormat ? ` ${t('import.dates.format', { format: p.dateFormat })}` : ''}
          </p>
        </div>
      </div>

      {p.problems.length > 0 && (
        <div class="import-problems">
          <h4>{t('import.problems.title')}</h4>
          <ul>{p.problems.map((m, k) => <li key={`${m.code}-${k}`}>{m.message}</li>)}</ul>
        </div>
      )}

      <h4>{t('import.categories.title')}</h4>
      {!hasCategoryColumn ? <p class="muted">{t('import.categories.noColumn')}</p> : (
        <>
          <p class="muted">{t('import.categories.explain')}</p>
          <div class="table-wrap" role="region" aria-labelledby="import-categories-caption" tabIndex={0}>
            <table class="import-categories">
              <caption id="import-categories-caption" class="visually-hidden">{t('import.categories.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.categories.value')}</th>
                  <th scope="col" class="num">{t('import.categories.rows')}</th>
                  <th scope="col">{t('import.categories.category')}</th>
                </tr>
              </thead>
              <tbody>
                {p.categoryValues.map((cv, k) => {
                  const code = cv.value in mapping.categories ? mapping.categories[cv.value] : cv.code;
                  const unmatched = !code && !decided.has(cv.value);
                  return (
                    <tr key={cv.value} class={unmatched ? 'unmatched' : undefined}>
                      <th scope="row">
                        {cv.value}
                        {unmatched && <span class="badge import-unmatched">{t('import.categories.unmatched')}</span>}
                      </th>
                      <td class="num">{fmt.number(cv.rows)}</td>
                      <td>
                        <label class="visually-hidden" for={`import-cat-${k}`}>{t('import.categories.chooseFor', { value: cv.value })}</label>
                        <select id={`import-cat-${k}`} value={code ?? ''} aria-invalid={unmatched ? 'true' : undefined}
                          onChange={(e) => onMapping({ ...mapping, categories: { ...mapping.categories, [cv.value]: e.currentTarget.value || null } }, cv.value)}>
                          <option value="">{t('import.categories.reject')}</option>
                          {tree.map((r) => <option key={r.category.id} value={r.category.code}>{indentedLabel(categoryName(r.category), r.depth)}</option>)}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

/** The check of every row: how many would be imported, are already there, or are wrong, and the errors by row. */
export function Validation({ preview: p, skipInvalid }: { preview: ImportPreview; skipInvalid: boolean }) {
  const block = importBlock(p, skipInvalid);
  return (
    <div class="import-validation">
      <h4>{t('import.validation.title')}</h4>
      <ul class="import-counts">
        <li class="ok-text">{tn('import.validation.valid', p.valid)}</li>
        {p.alreadyImported > 0 && <li>{tn('import.validation.already', p.alreadyImported)}</li>}
        {p.invalid > 0 && <li class="error-text">{tn('import.validation.invalid', p.invalid)}</li>}
      </ul>
      <RowErrors key={`${p.invalid}-${p.errors.length}`} errors={p.errors} invalidRows={p.invalid} idPrefix="import-preview-errors" caption={t('import.validation.caption')} />
      {block === 'nothing' && <p class="muted">{t('import.validation.nothing')}</p>}
      {block === 'problems' && <p class="import-blocked">{t('import.validation.problems')}</p>}
    </div>
  );
}
