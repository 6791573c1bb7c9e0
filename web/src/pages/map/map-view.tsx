import { effect } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { boundaryAttribution, createMap, mapBase, NavigationControl, prewarm, ScaleControl, type MapLibreMap } from '../../ui/maplibre.ts';
import { lang, t } from '../../i18n/index.ts';
import { buildStyle } from './base-style.ts';
import { MapController } from './controller.ts';
import { bboxOf, unionBBox } from './geometry.ts';
import type { Reference } from './reference.ts';
import { areaKind, areaMode, hotspotCell, layers, mapQuery, selection, setMapParams } from './state.ts';
import { route } from '../../router.ts';
import { chosenMunicipalities, municipalityChoice } from '../../municipality-choice.ts';

// Start the map's workers while the page still fetches its reference data, not when the map is made.
prewarm();

/** `view=zoom/lat/lon` in the URL, so a shared link opens the same place. */
function parseView(raw: string | null): { zoom: number; center: [number, number] } | null {
  const m = raw?.split('/').map(Number);
  return m && m.length === 3 && m.every(Number.isFinite) ? { zoom: m[0], center: [m[2], m[1]] } : null;
}

function locale(): Record<string, string> {
  return {
    'Map.Title': t('map.canvasLabel'),
    'NavigationControl.ZoomIn': t('map.controls.zoomIn'),
    'NavigationControl.ZoomOut': t('map.controls.zoomOut'),
    'NavigationControl.ResetBearing': t('map.controls.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.controls.attribution'),
    'FullscreenControl.Enter': t('map.controls.fullscreen'),
    'FullscreenControl.Exit': t('map.controls.fullscreen'),
  };
}

/**
 * The MapLibre map: the offline base style, the data layers the controller keeps current, clicks
 * that open details, and the map's own keyboard handling (the canvas takes focus, arrows pan, +/−
 * zoom, Tab leaves it).
 */
export function MapView({ reference, controllerRef }: { reference: Reference; controllerRef?: { current: MapController | null } }) {
  const el = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [dataError, setDataError] = useState<string | null>(null);

  useEffect(() => {
    const container = el.current!;
    container.dataset.mapState = 'loading';
    const view = parseView(route.peek().params.get('view'));
    let written = route.peek().params.get('view');
    // The chosen municipality, or the union of the user's when all are chosen.
    const chosenBounds = (): [[number, number], [number, number]] | null => {
      const codes = chosenMunicipalities.peek().map((m) => m.id);
      const b = unionBBox(reference.municipalities.filter((m) => codes.includes(m.id)).map((m) => bboxOf(m.geometry)))
        ?? unionBBox(reference.municipalities.map((m) => bboxOf(m.geometry)));
      return b && [[b[0], b[1]], [b[2], b[3]]];
    };
    const padding = () => (window.innerWidth >= 700 ? { top: 24, bottom: 24, right: 56, left: 300 } : 16);
    const bounds = chosenBounds();
    let fittedFor = municipalityChoice.peek();
    let map: MapLibreMap;
    const base = mapBase(reference.settings);
    try {
      map = createMap({
        container, style: buildStyle(reference, layers.peek(), { ...base, scbText: boundaryAttribution() }), locale: locale(),
        attributionControl: { compact: true }, maxZoom: reference.settings?.maxZoom ?? 19, minZoom: 4,
        ...(view ? { center: view.center, zoom: view.zoom } : bounds ? { bounds, fitBoundsOptions: { padding: padding() } } : { center: [15, 62], zoom: 4 }),
        dragRotate: false, pitchWithRotate: false, touchPitch: false,
        // Labels appear at once: a fade-in holds back the first complete picture by its length.
        fadeDuration: 0,
      }, { base });
    } catch (e) {
      setFailed((e as Error).message);
      container.dataset.mapState = 'error';
      return;
    }
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');

    const ctl = new MapController(map, container, setDataError);
    if (controllerRef) controllerRef.current = ctl;
    const disposers: Array<() => void> = [];
    const canvas = map.getCanvas();
    canvas.setAttribute('aria-describedby', 'mv-text-alternative');
    disposers.push(effect(() => { void lang.value; canvas.setAttribute('aria-label', t('map.canvasLabel')); }));

    // The data requests start now, not when the style has loaded: the view is known from the
    // constructor's bounds, and the controller waits for the style before it draws.
    disposers.push(
      effect(() => { void mapQuery.value; ctl.onFiltersChange(); }),
      effect(() => { void layers.value; ctl.onLayersChange(); }),
      effect(() => { void hotspotCell.value; ctl.schedule(['hotspots'], { announce: true, delay: 0 }); }),
      effect(() => { void areaKind.value; ctl.schedule(['areas'], { announce: true, delay: 0 }); }),
    );
    map.on('load', () => {
      disposers.push(effect(() => { void areaMode.value; void lang.value; ctl.redrawAreas(); }));
      map.on('moveend', () => {
        ctl.onViewChange();
        const c = map.getCenter();
        written = `${map.getZoom().toFixed(2)}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`;
        if (route.peek().params.get('view') !== written) setMapParams({ view: written });
      });
      // Another municipality chosen in the top bar: the map goes to it (to all of them for "all").
      disposers.push(effect(() => {
        const choice = municipalityChoice.value;
        if (choice === fittedFor) return;
        fittedFor = choice;
        const b = chosenBounds();
        if (b) map.fitBounds(b, { padding: padding() });
      }));
      // A view in the URL that this map did not write (a pasted link, back/forward): go there.
      disposers.push(effect(() => {
        const raw = route.value.params.get('view');
        const v = parseView(raw);
        if (v && raw !== written) { written = raw; map.jumpTo({ center: v.center, zoom: v.zoom }); }
      }));
    });

    map.on('click', (e) => {
      const hit = ctl.hitLayers().filter((l) => map.getLayer(l));
      if (!hit.length) return;
      const box: [[number, number], [number, number]] = [[e.point.x - 5, e.point.y - 5], [e.point.x + 5, e.point.y + 5]];
      const f = map.queryRenderedFeatures(box, { layers: hit })[0];
      const sel = f && ctl.selectionOf(f);
      if (sel) selection.value = sel;
    });
    map.on('mousemove', (e) => {
      const hit = ctl.hitLayers().filter((l) => map.getLayer(l));
      canvas.style.cursor = hit.length && map.queryRenderedFeatures(e.point, { layers: hit }).length ? 'pointer' : '';
    });

    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      disposers.forEach((d) => d());
      ctl.dispose();
      if (controllerRef) controllerRef.current = null;
      map.remove();
    };
  }, [reference]);

  return (
    <div class="mv-wrap">
      <div ref={el} class="mv-map" role="region" aria-label={t('map.mapLabel')} />
      {failed && <p class="mv-failed card" role="alert">{t('map.noWebgl')} <a href="#/tabell">{t('map.openTable')}</a></p>}
      {dataError && <p class="mv-error error" role="alert">{t('map.loadError', { message: dataError })}</p>}
    </div>
  );
}
