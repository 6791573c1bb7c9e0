import type * as GeoJSON from 'geojson';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import type { SituationPictureContent } from './types.ts';

/** The hotspot cells as squares around their centres (a few metres off at the edges, fine at this scale). */
export function cellSquares(cells: SituationPictureContent['hotspots']['cells'], size: number): GeoJSON.Feature[] {
  return cells.map((c) => {
    const dLat = size / 2 / 111_320;
    const dLon = size / 2 / (111_320 * Math.cos((c.lat * Math.PI) / 180));
    const ring = [[c.lon - dLon, c.lat - dLat], [c.lon + dLon, c.lat - dLat], [c.lon + dLon, c.lat + dLat], [c.lon - dLon, c.lat + dLat], [c.lon - dLon, c.lat - dLat]];
    return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { bin: c.bin, cellId: c.cellId } };
  });
}

const HOT = ['match', ['get', 'bin'], 3, '#a50f15', 2, '#de2d26', 1, '#fc9272', -1, '#9ecae1', -2, '#3182bd', -3, '#08519c', '#cccccc'];

/**
 * A small map of the edition on the offline base map (the admin pages' small map: municipality
 * boundaries, no tiles from elsewhere): the period's points and the significant hotspot cells.
 */
export function EditionMap({ content }: { content: SituationPictureContent }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'idle' | 'failed'>('loading');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const life = new AbortController();
    const gone = () => life.signal.aborted;
    import('../admin/mapView.ts').then(async (mv) => {
      if (gone() || !box.current) return;
      const map = await mv.createSmallMap(box.current, { label: t('situationPictures.map.label'), signal: life.signal });
      mv.setData(map, 'sp-cells', mv.fc(cellSquares(content.hotspots.cells, content.hotspots.cellSize)));
      mv.setData(map, 'sp-points', mv.fc(content.points.map((p) => mv.feature({ type: 'Point', coordinates: [p.lon, p.lat] }))));
      map.addLayer({ id: 'sp-cells-fill', type: 'fill', source: 'sp-cells', paint: { 'fill-color': HOT as any, 'fill-opacity': 0.55 } });
      map.addLayer({ id: 'sp-cells-line', type: 'line', source: 'sp-cells', paint: { 'line-color': '#67000d', 'line-width': 1 } });
      map.addLayer({ id: 'sp-points', type: 'circle', source: 'sp-points', paint: { 'circle-radius': 2.5, 'circle-color': '#1b1f24', 'circle-opacity': 0.7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.5 } });
      // Frame the hot cells when there are any (that is where the reader looks), else all the points.
      const hot = content.hotspots.cells.filter((c) => c.bin > 0);
      const pts = hot.length ? hot.map((c) => [c.lon, c.lat]) : content.points.map((p) => [p.lon, p.lat]);
      if (pts.length > 0) {
        const lons = pts.map((p) => p[0]), lats = pts.map((p) => p[1]);
        map.fitBounds([[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]], { padding: 30, duration: 0, maxZoom: 15 });
      }
      map.once('idle', () => !gone() && setState('idle'));
    }).catch((e) => { if (!gone()) { setState('failed'); setError(String((e as Error)?.message ?? e)); } });
    return () => life.abort();
  }, [content]);
  return (
    <figure class="est-map-figure">
      <div class="small-map est-map" ref={box} data-map-state={state} />
      <figcaption>
        <span class="est-legend"><span class="est-swatch" style={{ background: '#de2d26' }} aria-hidden="true" /> {t('situationPictures.map.legendHot')}</span>
        <span class="est-legend"><span class="est-swatch" style={{ background: '#3182bd' }} aria-hidden="true" /> {t('situationPictures.map.legendCold')}</span>
        <span class="est-legend"><span class="est-swatch round" style={{ background: '#1b1f24' }} aria-hidden="true" /> {t('situationPictures.map.legendPoint')}</span>
        {content.pointsTruncated && <span class="muted"> {t('situationPictures.map.truncated')}</span>}
      </figcaption>
      {error && <p role="alert" class="error">{t('situationPictures.map.failed', { message: error })}</p>}
    </figure>
  );
}
