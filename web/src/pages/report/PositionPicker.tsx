import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Area, MapSettings, Municipality, Place } from '../../api/types.ts';
import { fmt, t, tn } from '../../i18n/index.ts';
import { normalise, representativePoint, type Position } from './form.ts';
import type { PickerMap } from './map-picker.ts';
import { loadChunk } from '../../offline/chunks.ts';

interface Props {
  value: Position | null;
  onChange: (p: Position | null) => void;
  places: Place[];
  areas: Area[];
  municipalities: Municipality[];
  mapSettings: MapSettings | null;
  error?: string;
}

interface Hit { id: string; name: string; kind: 'place' | 'area'; lon: number; lat: number }

/** Where it happened: the device's position, a named place or area, or a point on a small map. */
export function PositionPicker({ value, onChange, places, areas, municipalities, mapSettings, error }: Props) {
  const [status, setStatus] = useState('');
  const [locating, setLocating] = useState(false);
  const [q, setQ] = useState('');
  const [mapOpen, setMapOpen] = useState(false);
  const [mapFailed, setMapFailed] = useState(false);
  const mapEl = useRef<HTMLDivElement>(null);
  const mapRef = useRef<PickerMap | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const index: Hit[] = useMemo(() => {
    const out: Hit[] = [];
    for (const p of places) { const pt = representativePoint(p.geometry); if (pt) out.push({ id: p.id, name: p.name, kind: 'place', lon: pt[0], lat: pt[1] }); }
    for (const a of areas) { const pt = representativePoint(a.geometry); if (pt) out.push({ id: a.id, name: a.name, kind: 'area', lon: pt[0], lat: pt[1] }); }
    return out;
  }, [places, areas]);
  const hits = useMemo(() => {
    const needle = normalise(q.trim());
    if (needle.length < 2) return [];
    return index.filter((h) => normalise(h.name).includes(needle))
      .sort((a, b) => Number(normalise(b.name).startsWith(needle)) - Number(normalise(a.name).startsWith(needle)) || a.name.localeCompare(b.name, 'sv'))
      .slice(0, 8);
  }, [q, index]);

  function useGps() {
    if (!('geolocation' in navigator)) { setStatus(t('report.position.gpsUnavailable')); return; }
    setLocating(true);
    setStatus(t('report.position.locating'));
    navigator.geolocation.getCurrentPosition((pos) => {
      setLocating(false);
      const m = Math.round(pos.coords.accuracy);
      onChange({ lon: pos.coords.longitude, lat: pos.coords.latitude, precision: 'gps', precisionM: m });
      setStatus(t('report.position.gpsDone', { m: fmt.number(m) }));
    }, (err) => {
      setLocating(false);
      setStatus(err.code === err.PERMISSION_DENIED ? t('report.position.gpsDenied') : t('report.position.gpsFailed'));
    }, { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 });
  }

  function choose(h: Hit) {
    onChange(h.kind === 'place'
      ? { lon: h.lon, lat: h.lat, precision: 'place', placeId: h.id, label: h.name }
      : { lon: h.lon, lat: h.lat, precision: 'area', label: h.name });
    setQ('');
    setStatus(t('report.position.chosenPlace', { name: h.name }));
  }

  // The map module (MapLibre) loads only when the map is opened: a phone on a weak connection that
  // uses GPS never downloads it.
  useEffect(() => {
    // A map that could not load (offline, its CSS included) is tried again when it is next opened.
    if (!mapOpen) { setMapFailed(false); return; }
    if (!mapEl.current) return;
    let cancelled = false;
    loadChunk(() => import('./map-picker.ts')).then(({ createPickerMap }) => {
      if (cancelled || !mapEl.current) return;
      mapRef.current = createPickerMap(mapEl.current, {
        municipalities, places, settings: mapSettings, value,
        onPick: (lon, lat) => onChangeRef.current({ lon, lat, precision: 'map' }),
      });
    }).catch(() => setMapFailed(true));
    return () => { cancelled = true; mapRef.current?.destroy(); mapRef.current = null; };
  }, [mapOpen]);
  useEffect(() => { mapRef.current?.setValue(value); }, [value]);

  const chosenText = !value ? t('report.position.none')
    : value.precision === 'gps' ? t('report.position.chosenGps', { m: fmt.number(value.precisionM ?? 0) })
    : value.precision === 'map' ? t('report.position.chosenMap')
    : t('report.position.chosenPlace', { name: value.label ?? '' });

  return (
    <fieldset class="position" aria-describedby={error ? 'location-error' : undefined}>
      <legend>{t('report.position.legend')}</legend>
      {error && <p id="location-error" class="field-error">{error}</p>}
      <p class={`chosen-position${value ? ' set' : ''}`} id="position-chosen">
        {chosenText}
        {value && <span class="muted"> ({t('report.position.coordinates', { lat: value.lat.toFixed(5), lon: value.lon.toFixed(5) })})</span>}
      </p>
      <div class="position-actions">
        <button type="button" id="location" class="primary" onClick={useGps} disabled={locating} aria-describedby="position-status">
          {t('report.position.useGps')}
        </button>
        <button type="button" aria-expanded={mapOpen} aria-controls="position-map-wrap" onClick={() => setMapOpen(!mapOpen)}>
          {mapOpen ? t('report.position.hideMap') : t('report.position.showMap')}
        </button>
        {value && <button type="button" onClick={() => { onChange(null); setStatus(''); }}>{t('report.position.clear')}</button>}
      </div>
      <p id="position-status" role="status" class="muted">{status}</p>

      <label for="position-search">{t('report.position.search')}</label>
      <p id="position-search-hint" class="hint">{t('report.position.searchHint')}</p>
      <input id="position-search" type="search" autocomplete="off" value={q} aria-describedby="position-search-hint position-search-count"
        onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      <p id="position-search-count" class="visually-hidden" aria-live="polite">
        {q.trim().length >= 2 ? (hits.length ? tn('report.position.results', hits.length) : t('report.position.noResults')) : ''}
      </p>
      {hits.length > 0 && (
        <ul class="search-hits">
          {hits.map((h) => (
            <li key={h.kind + h.id}>
              <button type="button" class="hit" onClick={() => choose(h)}
                aria-label={t('report.position.choose', { name: h.name, kind: h.kind === 'place' ? t('report.position.kindPlace') : t('report.position.kindArea') })}>
                <span>{h.name}</span> <span class="muted">{h.kind === 'place' ? t('report.position.kindPlace') : t('report.position.kindArea')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {q.trim().length >= 2 && hits.length === 0 && <p class="muted">{t('report.position.noResults')}</p>}

      <div id="position-map-wrap" hidden={!mapOpen}>
        {mapFailed ? <p class="warning">{t('report.position.mapUnavailable')}</p> : (
          <>
            <p id="position-map-hint" class="hint">{t('report.position.mapHint')}</p>
            <div class="picker-map" ref={mapEl} role="region" aria-label={t('report.position.mapLabel')} aria-describedby="position-map-hint">
              <span class="crosshair" aria-hidden="true" />
            </div>
            <button type="button" onClick={() => { const c = mapRef.current?.centre(); if (c) { onChange({ lon: c[0], lat: c[1], precision: 'map' }); setStatus(t('report.position.chosenMap')); } }}>
              {t('report.position.useCentre')}
            </button>
          </>
        )}
      </div>
    </fieldset>
  );
}
