import { useRef, useState } from 'preact/hooks';
import { api, type FieldError } from '../../api/client.ts';
import type { Area } from '../../api/types.ts';
import { fmt, t, tn, type MessageKey } from '../../i18n/index.ts';
import { LoadState, useList, useRemove } from './common.tsx';
import { bareMessage, controlProps, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, type FormErrors } from '../../ui/form.tsx';
import { checkGeoJsonFile, featureOfField, type GeoJsonCheck, type Problem } from './geojsonFile.ts';
import { featuresOf, reprojectGeometry } from '../../../../src/core/geojson/index.ts';
import { AREA_KINDS } from '../../../../src/core/areas/types.ts';

const areaKindLabel = (k: string) => ((AREA_KINDS as readonly string[]).includes(k) ? t(`admin.areaKinds.${k}` as MessageKey) : k);
const CRS_NAMES: Record<number, string> = { 4326: 'WGS 84', 3006: 'SWEREF 99 TM', 3007: 'SWEREF 99 12 00' };

/** "Objekt 4: …" for a problem in one feature, the plain message otherwise. */
function problemText(p: Problem): string {
  const text = p.code === 'tooManyFeatures' ? tn('admin.areas.check.tooManyFeatures', Number(p.params?.count), p.params) : t(`admin.areas.check.${p.code}` as MessageKey, p.params ?? {});
  return p.feature === undefined ? text : t('admin.areas.inFeature', { n: p.feature + 1, message: text });
}

/** Areas (districts, DeSO, area-group areas): list with kind and km², GeoJSON upload with per-feature errors, edit (name, kind, code, a new geometry from a file), delete. */
export default function AreasPage() {
  const { items, error, reload } = useList<Area>('/api/areas');
  const [msg, announce] = useAnnouncer();
  const [editing, setEditing] = useState<Area | null>(null);

  const { remove, rowError } = useRemove<Area>('/api/areas', reload, announce, (a) => a.name);

  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('admin.nav.areas')}</h2>
      <LiveRegion message={msg} />
      <UploadForm onUploaded={async (n) => { await reload(); announce(tn('admin.areas.uploaded', n)); }} />
      {editing && (
        <EditForm key={editing.id} area={editing} onDone={async (saved) => {
          const id = editing.id;
          setEditing(null);
          if (saved) { await reload(); announce(t('admin.saved', { name: saved.name })); }
          setTimeout(() => document.getElementById(`area-edit-${id}`)?.focus(), 0);
        }} />
      )}
      <h3>{t('admin.areas.listTitle')}</h3>
      <LoadState error={error} loading={!items} />
      {items && items.length === 0 && <p>{t('admin.areas.none')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('admin.areas.listTitle')}</caption>
            <thead><tr><th scope="col">{t('admin.areas.name')}</th><th scope="col">{t('admin.areas.kind')}</th><th scope="col">{t('admin.areas.code')}</th><th scope="col" class="num">{t('admin.areas.km2')}</th><th scope="col"><span class="visually-hidden">{t('admin.actions')}</span></th></tr></thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>{areaKindLabel(a.kind)}</td>
                  <td>{a.code ?? ''}</td>
                  <td class="num">{fmt.number(a.areaKm2, 2)}</td>
                  <td class="row-actions">
                    <button type="button" id={`area-edit-${a.id}`} onClick={() => { setEditing(a); setTimeout(() => document.getElementById('area-edit-title')?.focus(), 0); }} aria-label={t('admin.editNamed', { name: a.name })}>{t('app.edit')}</button>
                    <button type="button" class="danger" onClick={() => remove(a)} aria-label={t('admin.deleteNamed', { name: a.name })}>{t('app.delete')}</button>
                    {rowError?.id === a.id && <p class="field-error" role="alert">{rowError.message}</p>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function UploadForm({ onUploaded }: { onUploaded: (count: number) => void }) {
  const [kind, setKind] = useState('');
  const [check, setCheck] = useState<GeoJsonCheck | null>(null);
  const [fileName, setFileName] = useState('');
  const [nameProperty, setNameProperty] = useState('');
  const [codeProperty, setCodeProperty] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const err = (f: string) => fieldMessage(errors, f);

  async function onFile(e: Event) {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    setErrors(NO_ERRORS);
    setNameProperty('');
    setCodeProperty('');
    if (!file) { setCheck(null); setFileName(''); return; }
    setFileName(file.name);
    setCheck(await checkGeoJsonFile(file));
  }

  const focusSummary = () => setTimeout(() => summaryRef.current?.focus(), 0);

  async function submit(e: Event) {
    e.preventDefault();
    const fields: FieldError[] = [];
    if (!kind) fields.push({ field: 'kind', code: 'required', message: t('admin.form.requiredError') });
    if (!check) fields.push({ field: 'geojson', code: 'required', message: t('admin.areas.fileRequired') });
    if (fields.length) {
      setErrors({ message: t('admin.form.fixFields'), fields });
      setTimeout(() => document.getElementById(fields[0].field === 'kind' ? 'area-kind' : 'area-file')?.focus(), 0);
      return;
    }
    if (!check!.geojson || check!.problems.length) { focusSummary(); return; }
    setBusy(true);
    try {
      const created = await api.post<Area[]>('/api/areas', { kind, geojson: check!.geojson, ...(nameProperty ? { nameProperty } : {}), ...(codeProperty ? { codeProperty } : {}) });
      setCheck(null);
      setFileName('');
      if (fileRef.current) fileRef.current.value = '';
      setErrors(NO_ERRORS);
      onUploaded(created.length);
    } catch (ex) {
      setErrors(errorsFrom(ex));
      focusSummary();
    } finally {
      setBusy(false);
    }
  }

  // Field errors about the file (geojson…) are listed per feature; kind/nameProperty sit by their controls.
  const fileErrors = errors.fields.filter((f) => f.field.startsWith('geojson') && f.code !== 'required');
  const otherErrors = errors.fields.filter((f) => !f.field.startsWith('geojson') && !['kind', 'nameProperty', 'codeProperty'].includes(f.field));
  const serverProblem = errors.message && (fileErrors.length > 0 || otherErrors.length > 0 || errors.fields.length === 0);

  return (
    <form class="card admin-form" onSubmit={submit} noValidate aria-labelledby="area-upload-title">
      <h3 id="area-upload-title">{t('admin.areas.uploadTitle')}</h3>
      <p class="muted">{t('admin.areas.uploadIntro')}</p>
      <Label for="area-kind" required>{t('admin.areas.kind')}</Label>
      <select {...controlProps('area-kind', err('kind'))} value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
        <option value="">{t('admin.form.choose')}</option>
        {AREA_KINDS.map((k) => <option key={k} value={k}>{areaKindLabel(k)}</option>)}
      </select>
      <FieldMessage id="area-kind" error={err('kind')} />
      <Label for="area-file" required>{t('admin.areas.file')}</Label>
      <input ref={fileRef} type="file" accept=".geojson,.json,application/geo+json,application/json" {...controlProps('area-file', errors.fields.find((f) => f.field === 'geojson' && f.code === 'required')?.message, true)} onChange={onFile} />
      <FieldMessage id="area-file" error={errors.fields.find((f) => f.field === 'geojson' && f.code === 'required')?.message} hint={t('admin.areas.fileHint')} />

      <div ref={summaryRef} tabIndex={-1} class="upload-summary">
        {check && check.problems.length === 0 && !serverProblem && (
          <p class="ok-text" role="status">{tn('admin.areas.fileOk', check.featureCount, { name: fileName, crs: CRS_NAMES[check.crs ?? 4326] ?? `EPSG:${check.crs}` })}</p>
        )}
        {check && check.problems.length > 0 && (
          <div class="form-error" role="alert">
            <p class="error">{t('admin.areas.fileProblems', { name: fileName })}</p>
            <ul>{check.problems.map((p, i) => <li key={i}>{problemText(p)}</li>)}</ul>
            {check.moreProblems > 0 && <p>{tn('admin.areas.moreProblems', check.moreProblems)}</p>}
          </div>
        )}
        {serverProblem && (
          <div class="form-error" role="alert">
            <p class="error">{t('admin.areas.serverRefused', { message: errors.message! })}</p>
            <ul>
              {fileErrors.map((f, i) => {
                const at = featureOfField(f.field);
                return <li key={i}>{at?.feature !== undefined ? t('admin.areas.inFeature', { n: at.feature + 1, message: bareMessage(f) }) : f.message}</li>;
              })}
              {otherErrors.map((f, i) => <li key={`o${i}`}>{f.message}</li>)}
            </ul>
          </div>
        )}
      </div>

      {check && check.propertyKeys.length > 0 && (
        <div class="form-row">
          <div>
            <Label for="area-name-prop">{t('admin.areas.nameProperty')}</Label>
            <select {...controlProps('area-name-prop', err('nameProperty'), true)} value={nameProperty} onChange={(e) => setNameProperty(e.currentTarget.value)}>
              <option value="">{t('admin.areas.automatic')}</option>
              {check.propertyKeys.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
            <FieldMessage id="area-name-prop" error={err('nameProperty')} hint={t('admin.areas.namePropertyHint')} />
          </div>
          <div>
            <Label for="area-code-prop">{t('admin.areas.codeProperty')}</Label>
            <select {...controlProps('area-code-prop', err('codeProperty'))} value={codeProperty} onChange={(e) => setCodeProperty(e.currentTarget.value)}>
              <option value="">{t('admin.areas.automatic')}</option>
              {check.propertyKeys.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
            <FieldMessage id="area-code-prop" error={err('codeProperty')} />
          </div>
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>{busy ? t('admin.areas.uploading') : t('admin.areas.upload')}</button>
      </div>
    </form>
  );
}

/**
 * Changes one area: its name, kind and code, and — when a file is chosen — its geometry, from a
 * GeoJSON file with exactly one polygon feature (WGS 84 or SWEREF 99 as QGIS saves it; reprojected
 * here, checked again by the server, which keeps the old geometry if the new one is refused).
 */
function EditForm({ area, onDone }: { area: Area; onDone: (saved: Area | null) => void }) {
  const [name, setName] = useState(area.name);
  const [kind, setKind] = useState<string>(area.kind);
  const [code, setCode] = useState(area.code ?? '');
  const [check, setCheck] = useState<GeoJsonCheck | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const err = (f: string) => fieldMessage(errors, f);

  async function onFile(e: Event) {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    setErrors(NO_ERRORS);
    setCheck(file ? await checkGeoJsonFile(file) : null);
  }

  /** The chosen file's one geometry in WGS 84, or the reason it cannot be used. */
  function newGeometry(): { geometry?: unknown; problem?: string } {
    if (!check) return {};
    if (!check.geojson || check.problems.length) return { problem: check.problems.map(problemText).join(' ') || t('admin.areas.check.notGeoJson') };
    const features = featuresOf(check.geojson) ?? [];
    if (features.length !== 1 || !features[0].geometry) return { problem: t('admin.areas.oneFeature', { count: features.length }) };
    return { geometry: reprojectGeometry(features[0].geometry as { type: string; coordinates: unknown }, (check.crs ?? 4326) as 4326, 4326) };
  }

  async function submit(e: Event) {
    e.preventDefault();
    const fields: FieldError[] = [];
    if (!name.trim()) fields.push({ field: 'name', code: 'required', message: t('admin.form.requiredError') });
    const g = newGeometry();
    if (g.problem) fields.push({ field: 'geometry', code: 'invalid_geometry', message: g.problem });
    if (fields.length) { setErrors({ message: t('admin.form.fixFields'), fields }); return; }
    setBusy(true);
    try {
      const saved = await api.patch<Area>(`/api/areas/${area.id}`, { name: name.trim(), kind, code: code.trim() || null, ...(g.geometry ? { geometry: g.geometry } : {}) });
      onDone(saved);
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card admin-form" onSubmit={submit} noValidate aria-labelledby="area-edit-title">
      <h3 id="area-edit-title" tabIndex={-1}>{t('admin.areas.editTitle', { name: area.name })}</h3>
      {errors.message && <p class="error" role="alert">{errors.message}</p>}
      <Label for="area-edit-name" required>{t('admin.areas.name')}</Label>
      <input value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={200} {...controlProps('area-edit-name', err('name'))} />
      <FieldMessage id="area-edit-name" error={err('name')} />
      <Label for="area-edit-kind" required>{t('admin.areas.kind')}</Label>
      <select value={kind} onChange={(e) => setKind(e.currentTarget.value)} {...controlProps('area-edit-kind', err('kind'))}>
        {AREA_KINDS.map((k) => <option key={k} value={k}>{areaKindLabel(k)}</option>)}
      </select>
      <FieldMessage id="area-edit-kind" error={err('kind')} />
      <Label for="area-edit-code">{t('admin.areas.code')}</Label>
      <input value={code} onInput={(e) => setCode(e.currentTarget.value)} maxLength={50} {...controlProps('area-edit-code', err('code'))} />
      <FieldMessage id="area-edit-code" error={err('code')} />
      <Label for="area-edit-file">{t('admin.areas.newGeometry')}</Label>
      <input type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={onFile} {...controlProps('area-edit-file', err('geometry'), true)} />
      <FieldMessage id="area-edit-file" error={err('geometry')} hint={t('admin.areas.newGeometryHint')} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>{t('app.save')}</button>
        <button type="button" onClick={() => onDone(null)}>{t('app.cancel')}</button>
      </div>
    </form>
  );
}
