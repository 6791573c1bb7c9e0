import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { fmt, t, tn } from '../../i18n/index.ts';
import { chooseMunicipality, chosenMunicipalities } from '../../municipality-choice.ts';
import { route } from '../../router.ts';
import { RowErrors } from './import-preview.tsx';
import { importHref, progressOf, progressStep, type ImportRecord } from './import-mapping.ts';

/** How often a running import is asked how far it has come (ms). */
const POLL_MS = 1000;

/**
 * Follows a running import (GET /api/imports/:id) until it is done or has failed; a request that
 * fails is tried again on the next tick, with a message meanwhile.
 */
export function useImportPoll(record: ImportRecord | null, onUpdate: (r: ImportRecord) => void): string | null {
  const [pollError, setPollError] = useState<string | null>(null);
  const id = record?.status === 'running' ? record.id : null;
  useEffect(() => {
    if (!id) return;
    let stopped = false;
    let timer: number | undefined;
    const ctrl = new AbortController();
    const tick = async () => {
      try {
        const r = await api.get<ImportRecord>(`/api/imports/${encodeURIComponent(id)}`, { signal: ctrl.signal });
        if (stopped) return;
        setPollError(null);
        onUpdate(r);
        if (r.status !== 'running') return;
      } catch (e) {
        if (stopped || (e as Error).name === 'AbortError') return;
        setPollError((e as Error).message);
      }
      timer = window.setTimeout(() => void tick(), POLL_MS);
    };
    timer = window.setTimeout(() => void tick(), POLL_MS / 2);
    return () => { stopped = true; clearTimeout(timer); ctrl.abort(); };
  }, [id]);
  return pollError;
}

/**
 * Opening an import's incidents: the top bar's municipality must cover the import's, or the map
 * and the table would ask for another municipality's incidents and show none.
 */
export function coverMunicipality(r: Pick<ImportRecord, 'municipalityId'>): void {
  if (!chosenMunicipalities.value.some((m) => m.id === r.municipalityId)) chooseMunicipality(r.municipalityId);
}

/** The import under way: a real progress bar, and every quarter of the way said politely to screen readers. */
export function ImportProgress({ record, pollError }: { record: ImportRecord; pollError: string | null }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { value, max, percent } = progressOf(record);
  const step = progressStep(percent);
  useEffect(() => { headingRef.current?.focus(); }, []);
  return (
    <section class="card import-run" aria-labelledby="import-progress-title">
      <h3 id="import-progress-title" tabIndex={-1} ref={headingRef}>{record.fileName}</h3>
      <label for="import-progress">{t('import.run.progressLabel')}</label>
      <progress id="import-progress" max={max} value={value} aria-describedby="import-progress-text" />
      <p id="import-progress-text">{tn('import.run.progress', record.rowsTotal, { done: fmt.number(Math.min(record.rowsDone, record.rowsTotal)) })}</p>
      <p class="visually-hidden" role="status" aria-live="polite">{step > 0 ? t('import.run.percent', { percent: step }) : t('import.run.started')}</p>
      {pollError && <p class="field-error">{t('import.run.pollFailed', { message: pollError })}</p>}
    </section>
  );
}

/** How the import ended: the counts, the rejected rows and why, links to its incidents. Focus lands on its heading. */
export function ImportResult({ record, onAgain }: { record: ImportRecord; onAgain: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => { headingRef.current?.focus(); }, [record.id]);
  const failed = record.status === 'failed';
  const open = () => coverMunicipality(record);
  // The map's own parameters (layers) stay as they are; the selection becomes the import's.
  const current = route.value.params;
  return (
    <section class={`card import-run ${failed ? 'failed' : 'done'}`} aria-labelledby="import-result-title">
      <h3 id="import-result-title" tabIndex={-1} ref={headingRef}>{failed ? t('import.result.failedTitle') : t('import.result.title')}</h3>
      <p class="muted">{record.fileName}</p>
      {failed && <p>{t('import.result.failedText')}</p>}
      {!failed && (
        <dl class="import-result-counts">
          <div><dt>{t('import.result.imported')}</dt><dd>{fmt.number(record.rowsImported)}</dd></div>
          <div><dt>{t('import.result.already')}</dt><dd>{fmt.number(record.rowsAlreadyImported)}</dd></div>
          <div><dt>{t('import.result.rejected')}</dt><dd>{fmt.number(record.rowsRejected)}</dd></div>
        </dl>
      )}
      <RowErrors errors={record.errors} invalidRows={failed ? record.errors.length : record.rowsRejected} idPrefix="import-result-errors"
        caption={failed ? t('import.result.errorsTitle') : t('import.result.rejectedTitle')} />
      <div class="form-actions">
        {!failed && record.incidentCount > 0 && (
          <>
            <a class="button primary" href={importHref('/tabell', record, current)} onClick={open}>{t('import.result.showTable')}</a>
            <a class="button" href={importHref('/karta', record, current)} onClick={open}>{t('import.result.showMap')}</a>
          </>
        )}
        <button type="button" onClick={onAgain}>{t('import.result.again')}</button>
      </div>
    </section>
  );
}
