import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, request } from '../../api/client.ts';
import type { Category, Organisation } from '../../api/types.ts';
import { fmt, t, tn } from '../../i18n/index.ts';
import { myMunicipalities, oneMunicipality } from '../../municipality-choice.ts';
import { debounce } from '../../state/debounce.ts';
import { errorsFrom, LiveRegion, NO_ERRORS, useAnnouncer, type FormErrors } from '../../ui/form.tsx';
import type { ImportField } from '../../../../src/core/import/types.ts';
import { useList } from './common.tsx';
import { ImportHistory } from './import-history.tsx';
import { ACCEPT, applySaved, assignColumn, fileSize, importBlock, importForm, optionsOf, type ImportMapping, type ImportPreview, type ImportRecord, type SavedMapping } from './import-mapping.ts';
import { PreviewView, Validation } from './import-preview.tsx';
import { ImportProgress, ImportResult, useImportPoll } from './import-run.tsx';
import './import.css';

/** How long the preview waits after the last change of a drop-down before it asks the server again (ms). */
export const PREVIEW_DELAY = 400;

/** What the preview is asked with: the file and everything the user chose (mapping null: detect it). */
interface PreviewRequest { file: File; mapping: ImportMapping | null; sheet: string | null; organisationId: string; now: boolean }

/**
 * Administration → Importera: incidents from a CSV, XLSX or GeoJSON file into one of the user's
 * municipalities — upload, preview with the detected mapping in drop-downs, import with progress,
 * the result with links to the incidents — and the history of past imports with undo.
 */
export default function ImportPage() {
  const municipalities = myMunicipalities.value;
  const [municipalityId, setMunicipalityId] = useState(() => oneMunicipality.value?.id ?? municipalities[0]?.id ?? '');
  const [msg, announce] = useAnnouncer();
  const [history, setHistory] = useState<{ items: ImportRecord[] | null; error: string | null }>({ items: null, error: null });

  async function reloadHistory() {
    try {
      const list = await api.get<{ items: ImportRecord[] }>(`/api/imports?municipalityId=${encodeURIComponent(municipalityId)}`);
      setHistory({ items: list.items, error: null });
    } catch (e) {
      setHistory((h) => ({ ...h, error: errorsFrom(e).message }));
    }
  }
  useEffect(() => { setHistory({ items: null, error: null }); if (municipalityId) void reloadHistory(); }, [municipalityId]);

  return (
    <section aria-labelledby="admin-sub-title" class="import-page">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('import.nav')}</h2>
      <LiveRegion message={msg} />
      <p class="muted">{t('import.explain')}</p>
      {municipalities.length > 1 && (
        <div class="import-control">
          <label for="import-municipality">{t('import.municipality')}</label>
          <select id="import-municipality" aria-describedby="import-municipality-hint" value={municipalityId} onChange={(e) => setMunicipalityId(e.currentTarget.value)}>
            {municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
          <p id="import-municipality-hint" class="hint muted">{t('import.municipalityHint')}</p>
        </div>
      )}
      {municipalityId && <NewImport key={municipalityId} municipalityId={municipalityId} announce={announce} onChange={reloadHistory} />}
      <ImportHistory items={history.items} error={history.error} reload={reloadHistory} announce={announce} />
    </section>
  );
}

/** The mappings saved for the municipality (GET /api/import-mappings), reloadable after a save. */
function useSavedMappings(municipalityId: string): { items: SavedMapping[]; reload: () => Promise<void> } {
  const [items, setItems] = useState<SavedMapping[]>([]);
  const reload = async () => {
    // Without the list the page still works (detection only): no error of its own.
    const list = await api.get<{ items: SavedMapping[] }>(`/api/import-mappings?municipalityId=${encodeURIComponent(municipalityId)}`).catch(() => null);
    if (list) setItems(list.items);
  };
  useEffect(() => { void reload(); }, [municipalityId]);
  return { items, reload };
}

function NewImport({ municipalityId, announce, onChange }: { municipalityId: string; announce: (msg: string) => void; onChange: () => Promise<void> }) {
  const categories = useList<Category>('/api/categories');
  const organisations = useList<Organisation>('/api/organisations');
  const saved = useSavedMappings(municipalityId);
  const [req, setReq] = useState<PreviewRequest | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // Each request of the preview is numbered: the page is "updating" until the latest one has answered,
  // and an older answer arriving late is dropped (it would undo the user's newer choice).
  const seq = useRef(0);
  const [asked, setAsked] = useState(0);
  const [answered, setAnswered] = useState(0);
  const loading = asked !== answered;
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [errorsOf, setErrorsOf] = useState<'preview' | 'import'>('preview');
  const [sheetName, setSheetName] = useState('');
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [savedId, setSavedId] = useState('');
  const [saveName, setSaveName] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [record, setRecord] = useState<ImportRecord | null>(null);
  const [starting, setStarting] = useState(false);
  const [dragging, setDragging] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const ctrl = useRef<AbortController | null>(null);

  const myCategories = useMemo(() => (categories.items ?? []).filter((c) => c.municipalityId === municipalityId), [categories.items, municipalityId]);
  const myOrganisations = useMemo(() => (organisations.items ?? []).filter((o) => o.active && o.municipalities.includes(municipalityId)), [organisations.items, municipalityId]);
  const savedList = saved.items;

  async function fetchPreview(r: PreviewRequest, n: number) {
    ctrl.current?.abort();
    const c = (ctrl.current = new AbortController());
    try {
      const form = importForm(r.file, optionsOf({ municipalityId, mapping: r.mapping, sheet: r.sheet, organisationId: r.organisationId || null }));
      const p = await request<ImportPreview>('POST', '/api/imports/preview', form, { signal: c.signal });
      if (n !== seq.current) return;
      setPreview(p);
      // The server's reading of the user's choices, with what it detected for the rest (e.g. the
      // values of a column newly read as the category).
      setMapping(p.mapping);
      setErrors(NO_ERRORS);
      setAnswered(n);
    } catch (e) {
      if ((e as Error).name === 'AbortError' || n !== seq.current) return;
      setErrors(errorsFrom(e));
      setErrorsOf('preview');
      setAnswered(n);
      setTimeout(() => errorRef.current?.focus(), 0);
    }
  }
  const later = useMemo(() => debounce((r: PreviewRequest, n: number) => void fetchPreview(r, n), PREVIEW_DELAY), []);
  useEffect(() => () => { later.cancel(); ctrl.current?.abort(); }, []);
  useEffect(() => {
    if (!req) return;
    const n = ++seq.current;
    setAsked(n);
    if (req.now) { later.cancel(); void fetchPreview(req, n); } else later(req, n);
  }, [req]);

  function chooseFile(file: File | undefined) {
    if (!file) return;
    setPreview(null);
    setMapping(null);
    setRecord(null);
    setDecided(new Set());
    setSavedId('');
    setErrors(NO_ERRORS);
    setReq({ file, mapping: null, sheet: null, organisationId: req?.organisationId ?? '', now: true });
  }
  const change = (next: ImportMapping, now = false) => {
    if (!req) return;
    setMapping(next);
    setReq({ ...req, mapping: next, now });
  };
  const onColumn = (header: string, field: ImportField | null) => mapping && change(assignColumn(mapping, header, field));
  const onMapping = (next: ImportMapping, categoryValue?: string) => {
    if (categoryValue !== undefined) setDecided((d) => new Set([...d, categoryValue]));
    change(next);
  };
  // Another sheet has other columns: detect them afresh.
  const onSheet = (sheet: string) => req && setReq({ ...req, sheet, mapping: null, now: true });

  function pickSaved(id: string) {
    setSavedId(id);
    const s = savedList.find((m) => m.id === id);
    if (!s || !preview || !req) return;
    change(applySaved(s.mapping, preview.headers, req.sheet ?? preview.sheet), true);
    announce(t('import.saved.applied', { name: s.name }));
  }

  async function saveMapping(e: Event) {
    e.preventDefault();
    const name = saveName.trim();
    if (!name) { setSaveError(t('import.saved.nameRequired')); return; }
    if (!mapping) return;
    setSaveError(null);
    try {
      const s = await api.put<SavedMapping>('/api/import-mappings', { municipalityId, name, mapping });
      await saved.reload();
      setSavedId(s.id);
      announce(t('import.saved.savedOk', { name: s.name }));
    } catch (ex) {
      setSaveError(errorsFrom(ex).fields[0]?.message ?? errorsFrom(ex).message);
    }
  }

  async function removeSaved() {
    const s = savedList.find((m) => m.id === savedId);
    if (!s || !confirm(t('import.saved.confirmRemove', { name: s.name }))) return;
    try {
      await api.delete(`/api/import-mappings/${encodeURIComponent(s.id)}`);
      setSavedId('');
      await saved.reload();
      announce(t('import.saved.removed', { name: s.name }));
    } catch (ex) {
      setSaveError(errorsFrom(ex).message);
    }
  }

  async function start() {
    if (!req || !preview || !mapping) return;
    setStarting(true);
    setErrors(NO_ERRORS);
    try {
      const form = importForm(req.file, optionsOf({ municipalityId, mapping, sheet: req.sheet, organisationId: req.organisationId || null, skipInvalid }));
      const r = await request<ImportRecord>('POST', '/api/imports', form);
      setRecord(r);
      void onChange();
    } catch (e) {
      setErrors(errorsFrom(e));
      setErrorsOf('import');
      setTimeout(() => errorRef.current?.focus(), 0);
    } finally {
      setStarting(false);
    }
  }

  const pollError = useImportPoll(record, (r) => {
    setRecord(r);
    if (r.status !== 'running') {
      void onChange();
      announce(r.status === 'failed' ? t('import.result.failedTitle') : t('import.result.title'));
    }
  });

  function again() {
    later.cancel();
    ctrl.current?.abort();
    seq.current++;
    setAsked(seq.current);
    setAnswered(seq.current);
    setRecord(null);
    setPreview(null);
    setMapping(null);
    setReq(null);
    setDecided(new Set());
    setSkipInvalid(false);
    if (fileRef.current) fileRef.current.value = '';
    setTimeout(() => fileRef.current?.focus(), 0);
  }

  if (record?.status === 'running') return <ImportProgress record={record} pollError={pollError} />;
  if (record) return <ImportResult record={record} onAgain={again} />;

  const block = preview ? importBlock(preview, skipInvalid) : 'nothing';
  // The rows shown were checked with the choices before the last change: no import until they are checked again.
  const previewFailed = errorsOf === 'preview' && !!errors.message;
  const file = req?.file;

  return (
    <section class="card import-new" aria-labelledby="import-new-title">
      <h3 id="import-new-title">{t('import.newTitle')}</h3>
      <form class={`import-drop${dragging ? ' dragging' : ''}`} noValidate onSubmit={(e) => e.preventDefault()}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => { e.preventDefault(); setDragging(false); chooseFile(e.dataTransfer?.files[0]); }}>
        <label for="import-file">{t('import.file.label')}</label>
        <input ref={fileRef} id="import-file" type="file" accept={ACCEPT} aria-describedby="import-file-hint"
          onChange={(e) => chooseFile(e.currentTarget.files?.[0])} />
        <p id="import-file-hint" class="hint muted">{t('import.file.hint')} {dragging ? t('import.file.dropActive') : t('import.file.drop')}</p>
        {file && <p class="small">{t('import.file.chosen', { name: file.name, size: fileSize(file.size, fmt.number) })}</p>}
      </form>

      <div class="form-row">
        <div class="import-control">
          <label for="import-organisation">{t('import.organisation.label')}</label>
          <select id="import-organisation" aria-describedby="import-organisation-hint" value={req?.organisationId ?? ''}
            disabled={!req} onChange={(e) => req && setReq({ ...req, organisationId: e.currentTarget.value, now: false })}>
            <option value="">{t('import.organisation.own')}</option>
            {myOrganisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <p id="import-organisation-hint" class="hint muted">{t('import.organisation.hint')}</p>
        </div>
        {savedList.length > 0 && (
          <div class="import-control">
            <label for="import-saved">{t('import.saved.label')}</label>
            <select id="import-saved" aria-describedby="import-saved-hint" value={savedId} disabled={!preview} onChange={(e) => pickSaved(e.currentTarget.value)}>
              <option value="">{t('import.saved.none')}</option>
              {savedList.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
            <p id="import-saved-hint" class="hint muted">{t('import.saved.hint')}</p>
            {savedId && <button type="button" class="danger" onClick={removeSaved}>{t('import.saved.remove')}</button>}
          </div>
        )}
      </div>

      {(errors.message || errors.fields.length > 0) && (
        <div class="form-error" role="alert" tabIndex={-1} ref={errorRef}>
          <p class="error">{t(errorsOf === 'import' ? 'import.run.failed' : 'import.file.failed', { message: errors.message ?? '' })}</p>
          {errors.fields.length > 0 && <ul>{errors.fields.map((f, k) => <li key={`${f.field}-${k}`}>{f.message}</li>)}</ul>}
        </div>
      )}
      {errorsOf === 'preview' && errors.message && !preview && req && /\.xls[xm]$/i.test(req.file.name) && (
        // A workbook whose first sheet is no table (a cover sheet, notes): the user names the sheet to read.
        <form class="import-save" noValidate onSubmit={(e) => { e.preventDefault(); if (sheetName.trim()) onSheet(sheetName.trim()); }}>
          <label for="import-sheet-name">{t('import.file.sheetName')}</label>
          <div class="import-save-row">
            <input id="import-sheet-name" value={sheetName} maxLength={100} autocomplete="off" aria-describedby="import-sheet-name-hint" onInput={(e) => setSheetName(e.currentTarget.value)} />
            <button type="submit">{t('import.file.sheetRead')}</button>
          </div>
          <p id="import-sheet-name-hint" class="hint muted">{t('import.file.sheetHint')}</p>
        </form>
      )}
      {loading && <p class="muted" role="status">{preview ? t('import.mapping.updating') : t('import.file.reading')}</p>}

      {preview && mapping && (
        <>
          <PreviewView preview={preview} mapping={mapping} categories={myCategories} decided={decided} updating={loading}
            sheet={req?.sheet ?? null} onSheet={onSheet} onMapping={onMapping} onColumn={onColumn} />
          <Validation preview={preview} skipInvalid={skipInvalid} />
          <div class="check">
            <input type="checkbox" id="import-skip" aria-describedby="import-skip-hint" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.currentTarget.checked)} />
            <label for="import-skip">{t('import.validation.skipInvalid')}</label>
            <p id="import-skip-hint" class="hint muted">{t('import.validation.skipHint')}</p>
          </div>
          <form class="import-save" onSubmit={saveMapping} noValidate>
            <label for="import-save-name">{t('import.saved.name')}</label>
            <div class="import-save-row">
              <input id="import-save-name" value={saveName} maxLength={100} autocomplete="off" aria-describedby={`import-save-name-hint${saveError ? ' import-save-name-error' : ''}`}
                aria-invalid={saveError ? 'true' : undefined} onInput={(e) => setSaveName(e.currentTarget.value)} />
              <button type="submit">{t('import.saved.save')}</button>
            </div>
            <p id="import-save-name-hint" class="hint muted">{t('import.saved.nameHint')}</p>
            {saveError && <p id="import-save-name-error" class="field-error" role="alert">{saveError}</p>}
          </form>
          {block === 'invalid' && <p id="import-blocked" class="import-blocked">{t('import.validation.blocked')}</p>}
          <div class="form-actions">
            <button type="button" class="primary" disabled={!!block || loading || starting || previewFailed} aria-describedby={block === 'invalid' ? 'import-blocked' : undefined} onClick={start}>
              {preview.valid > 0 ? tn('import.run.importCount', preview.valid) : t('import.run.import')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
