import type * as GeoJSON from 'geojson';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Place } from '../../api/types.ts';
import { fmt, t, type MessageKey } from '../../i18n/index.ts';
import { LoadState, useList, useRemove } from './common.tsx';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, requiredErrors, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { boundsOf, polygonFromVertices, verticesOfPolygon } from './mapStyle.ts';
import type { MapLibreMap } from '../../ui/maplibre.ts';
import { PersonalDataWarning } from '../../ui/PersonalDataWarning.tsx';

export const PLACE_KINDS = ['hotspot', 'centrum', 'skola', 'park', 'kollektivtrafik', 'bostadsomrade', 'other'] as const;
const placeKindLabel = (k: string) => ((PLACE_KINDS as readonly string[]).includes(k) ? t(`admin.placeKinds.${k}` as MessageKey) : k);
type Mode = 'point' | 'polygon';
type LonLat = [number, number];

const coord = (p: LonLat) => `${fmt.number(p[1], 5)}, ${fmt.number(p[0], 5)}`;

/** Named places: list, create by clicking a point or the corners of a polygon on a small map, edit, delete. */
export default function PlacesPage() {
  const { items, error, reload } = useList<Place>('/api/places');
  const [msg, announce] = useAnnouncer();
  const [editing, setEditing] = useState<Place | null>(null);

  const { remove, rowError } = useRemove<Place>('/api/places', reload, announce, (p) => p.name, (p) => { if (editing?.id === p.id) setEditing(null); });

  function edit(p: Place) {
    setEditing(p);
    setTimeout(() => document.getElementById('place-form-title')?.focus(), 0);
  }

  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('admin.nav.places')}</h2>
      <LiveRegion message={msg} />
      <PlaceForm
        key={editing?.id ?? 'new'}
        place={editing}
        others={(items ?? []).filter((p) => p.id !== editing?.id)}
        onDone={async (saved) => {
          const wasEditing = editing;
          setEditing(null);
          if (saved) { await reload(); announce(t('admin.saved', { name: saved.name })); }
          if (wasEditing) setTimeout(() => document.getElementById(`place-edit-${wasEditing.id}`)?.focus(), 0);
        }}
      />
      <h3>{t('admin.places.listTitle')}</h3>
      <LoadState error={error} loading={!items} />
      {items && items.length === 0 && <p>{t('admin.places.none')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('admin.places.listTitle')}</caption>
            <thead><tr><th scope="col">{t('admin.places.name')}</th><th scope="col">{t('admin.places.kind')}</th><th scope="col">{t('admin.places.geometry')}</th><th scope="col">{t('admin.places.description')}</th><th scope="col"><span class="visually-hidden">{t('admin.actions')}</span></th></tr></thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{placeKindLabel(p.kind)}</td>
                  <td>{p.geometry.type === 'Point' ? t('admin.places.point') : t('admin.places.polygon')}</td>
                  <td>{p.description ?? ''}</td>
                  <td class="row-actions">
                    <button type="button" id={`place-edit-${p.id}`} onClick={() => edit(p)} aria-label={t('admin.editNamed', { name: p.name })}>{t('app.edit')}</button>
                    <button type="button" class="danger" onClick={() => remove(p)} aria-label={t('admin.deleteNamed', { name: p.name })}>{t('app.delete')}</button>
                    {rowError?.id === p.id && <p class="field-error" role="alert">{rowError.message}</p>}
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

function PlaceForm({ place, others, onDone }: { place: Place | null; others: Place[]; onDone: (saved: Place | null) => void }) {
  const initialMode: Mode = place?.geometry.type === 'Polygon' ? 'polygon' : 'point';
  const [mode, setMode] = useState<Mode>(initialMode);
  const [point, setPoint] = useState<LonLat | null>(place?.geometry.type === 'Point' ? (place.geometry.coordinates as LonLat) : null);
  const [vertices, setVertices] = useState<LonLat[]>(verticesOfPolygon(place?.geometry));
  const [name, setName] = useState(place?.name ?? '');
  const [kind, setKind] = useState(place?.kind ?? 'hotspot');
  const [description, setDescription] = useState(place?.description ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [mapError, setMapError] = useState<string | null>(null);
  const formRef = useFocusFirstError(errors);
  const err = (f: string) => fieldMessage(errors, f);
  const mapBox = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const modeRef = useRef(mode);
  modeRef.current = mode;

  const geometry: GeoJSON.Geometry | null = mode === 'point' ? (point ? { type: 'Point', coordinates: point } : null) : polygonFromVertices(vertices);

  function addPosition(p: LonLat) {
    if (modeRef.current === 'point') setPoint(p);
    else setVertices((v) => [...v, p]);
  }

  // The map: made once per form, drawn on as the state changes.
  useEffect(() => {
    const life = new AbortController();
    import('./mapView.ts').then(async (mv) => {
      if (life.signal.aborted || !mapBox.current) return;
      const start = place?.geometry.type === 'Point' ? (place.geometry.coordinates as LonLat) : undefined;
      const map = await mv.createSmallMap(mapBox.current, { label: t('admin.places.mapLabel'), center: start, zoom: 15, signal: life.signal });
      mapRef.current = map;
      mv.setData(map, 'places', mv.fc([]));
      mv.setData(map, 'draft', mv.fc([]));
      map.addLayer({ id: 'places-fill', type: 'fill', source: 'places', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#1f4e79', 'fill-opacity': 0.15 } });
      map.addLayer({ id: 'places-line', type: 'line', source: 'places', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'line-color': '#1f4e79', 'line-width': 1.5 } });
      map.addLayer({ id: 'places-point', type: 'circle', source: 'places', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': '#1f4e79', 'circle-radius': 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
      map.addLayer({ id: 'draft-fill', type: 'fill', source: 'draft', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#a4161a', 'fill-opacity': 0.2 } });
      map.addLayer({ id: 'draft-line', type: 'line', source: 'draft', filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'LineString']]], paint: { 'line-color': '#a4161a', 'line-width': 2.5, 'line-dasharray': [2, 1] } });
      map.addLayer({ id: 'draft-point', type: 'circle', source: 'draft', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': '#a4161a', 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
      map.on('click', (e) => addPosition([Number(e.lngLat.lng.toFixed(6)), Number(e.lngLat.lat.toFixed(6))]));
      map.getCanvas().style.cursor = 'crosshair';
      const bounds = place && place.geometry.type !== 'Point' ? boundsOf([place.geometry]) : null;
      if (bounds) map.fitBounds(bounds, { padding: 40, duration: 0 });
      drawRef.current();
    }).catch((e) => !life.signal.aborted && setMapError(String((e as Error).message ?? e)));
    return () => { life.abort(); mapRef.current = null; };
  }, []);

  function draw() {
    const map = mapRef.current;
    if (!map) return;
    import('./mapView.ts').then((mv) => {
      mv.setData(map, 'places', mv.fc(others.map((p) => mv.feature(p.geometry, { name: p.name }))));
      const draft: GeoJSON.Feature[] = [];
      if (modeRef.current === 'point' && point) draft.push(mv.feature({ type: 'Point', coordinates: point }));
      if (modeRef.current === 'polygon') {
        for (const v of vertices) draft.push(mv.feature({ type: 'Point', coordinates: v }));
        const poly = polygonFromVertices(vertices);
        if (poly) draft.push(mv.feature(poly));
        else if (vertices.length === 2) draft.push(mv.feature({ type: 'LineString', coordinates: vertices }));
      }
      mv.setData(map, 'draft', mv.fc(draft));
    });
  }
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(draw, [point, vertices, mode, others]);

  function addCentre() {
    const c = mapRef.current?.getCenter();
    if (c) addPosition([Number(c.lng.toFixed(6)), Number(c.lat.toFixed(6))]);
  }

  async function submit(e: Event) {
    e.preventDefault();
    const missing = requiredErrors({ name });
    if (!geometry) missing.push({ field: 'geometry', code: 'required', message: mode === 'point' ? t('admin.places.pointRequired') : t('admin.places.polygonRequired') });
    if (missing.length) { setErrors({ message: t('admin.form.fixFields'), fields: missing }); return; }
    setBusy(true);
    try {
      const body = { name: name.trim(), kind, description: description.trim() || null, geometry };
      const saved = place ? await api.patch<Place>(`/api/places/${place.id}`, body) : await api.post<Place>('/api/places', body);
      setPoint(null); setVertices([]); setName(''); setDescription(''); setErrors(NO_ERRORS);
      onDone(saved);
      // Ready for the next place (the submit button was disabled while saving and lost focus).
      if (!place) setTimeout(() => document.getElementById('place-name')?.focus(), 0);
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  const drawStatus = mode === 'point'
    ? (point ? t('admin.places.pointChosen', { position: coord(point) }) : t('admin.places.pointNone'))
    : t('admin.places.vertices', { count: vertices.length });

  return (
    <form ref={formRef} class="card admin-form place-form" onSubmit={submit} noValidate aria-labelledby="place-form-title">
      <h3 id="place-form-title" tabIndex={-1}>{place ? t('admin.places.editTitle', { name: place.name }) : t('admin.places.new')}</h3>
      <ErrorSummary errors={errors} known={['name', 'kind', 'description', 'geometry']} />
      <div class="place-grid">
        <div class="place-map-col">
          <fieldset>
            <legend>{t('admin.places.shape')}</legend>
            <div class="check inline">
              <input type="radio" id="place-mode-point" name="place-mode" checked={mode === 'point'} onChange={() => setMode('point')} />
              <label for="place-mode-point">{t('admin.places.point')}</label>
            </div>
            <div class="check inline">
              <input type="radio" id="place-mode-polygon" name="place-mode" checked={mode === 'polygon'} onChange={() => setMode('polygon')} />
              <label for="place-mode-polygon">{t('admin.places.polygon')}</label>
            </div>
          </fieldset>
          <p id="place-map-help" class="hint muted">{mode === 'point' ? t('admin.places.helpPoint') : t('admin.places.helpPolygon')}</p>
          <div class="small-map place-map">
            <div ref={mapBox} class="map-canvas" aria-describedby="place-map-help" />
            <span class="crosshair" aria-hidden="true" />
          </div>
          {mapError && <p class="error" role="alert">{t('admin.places.mapFailed', { message: mapError })}</p>}
          <p class="draw-status" role="status" id="place-draw-status">{drawStatus}</p>
          {err('geometry') && <p id="place-geometry-error" class="field-error focus-on-error" tabIndex={-1}>{err('geometry')}</p>}
          <div class="form-actions">
            <button type="button" onClick={addCentre}>{mode === 'point' ? t('admin.places.useCentrePoint') : t('admin.places.useCentreVertex')}</button>
            {mode === 'polygon' && <button type="button" onClick={() => setVertices((v) => v.slice(0, -1))} disabled={vertices.length === 0}>{t('admin.places.undoVertex')}</button>}
            <button type="button" onClick={() => { setPoint(null); setVertices([]); }} disabled={!point && vertices.length === 0}>{t('admin.places.clear')}</button>
          </div>
        </div>
        <div class="place-fields-col">
          <Label for="place-name" required>{t('admin.places.name')}</Label>
          <input {...controlProps('place-name', err('name'))} value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
          <FieldMessage id="place-name" error={err('name')} />
          <PersonalDataWarning id="place-name-privacy" text={name} onRemove={setName} />
          <Label for="place-kind">{t('admin.places.kind')}</Label>
          <select {...controlProps('place-kind', err('kind'))} value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {PLACE_KINDS.map((k) => <option key={k} value={k}>{placeKindLabel(k)}</option>)}
            {!(PLACE_KINDS as readonly string[]).includes(kind) && <option value={kind}>{kind}</option>}
          </select>
          <FieldMessage id="place-kind" error={err('kind')} />
          <Label for="place-description">{t('admin.places.description')}</Label>
          <textarea {...controlProps('place-description', err('description'))} value={description} maxLength={2000} onInput={(e) => setDescription(e.currentTarget.value)} />
          <FieldMessage id="place-description" error={err('description')} />
          <PersonalDataWarning id="place-description-privacy" text={description} onRemove={setDescription} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>{place ? t('app.save') : t('admin.places.create')}</button>
            {place && <button type="button" onClick={() => onDone(null)}>{t('app.cancel')}</button>}
          </div>
        </div>
      </div>
    </form>
  );
}
