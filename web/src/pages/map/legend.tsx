import { fmt, t } from '../../i18n/index.ts';
import { HEATMAP_RAMP } from './layers/heatmap.ts';
import { HOTSPOT_BINS } from './layers/hotspots.ts';
import { areaLegend, areaMode, heatCellSize, hotspotCell, layers } from './state.ts';

const distance = (m: number) => (m >= 1000 ? `${fmt.number(m / 1000, m % 1000 ? 1 : 0)} km` : `${m} m`);

/** The legend of the layers that are on, in words as well as colours. */
export function Legend() {
  const on = layers.value;
  if (!on.length) return null;
  return (
    <section class="ml-legend" aria-labelledby="ml-legend-title">
      <h2 id="ml-legend-title">{t('map.legend.title')}</h2>
      {on.includes('points') && (
        <ul class="ml-keys">
          <li><span class="ml-sym ml-cluster" aria-hidden="true">12</span>{t('map.legend.clusters')}</li>
          <li><span class="ml-sym ml-dot" aria-hidden="true" />{t('map.legend.incident')}</li>
        </ul>
      )}
      {on.includes('heatmap') && (
        <div>
          <h3>{t('map.layers.heatmap')}</h3>
          <div class="ml-ramp" aria-hidden="true" style={{ background: `linear-gradient(to right, ${HEATMAP_RAMP.map(([s, c]) => `${s === 0 ? '#fffbd8' : c} ${s * 100}%`).join(', ')})` }} />
          <p class="ml-ramp-words"><span>{t('map.legend.heatLow')}</span><span>{t('map.legend.heatHigh')}</span></p>
          {heatCellSize.value && <p class="muted">{t('map.legend.heatNote', { size: distance(heatCellSize.value) })}</p>}
        </div>
      )}
      {on.includes('hotspots') && (
        <div>
          <h3>{t('map.layers.hotspots')}</h3>
          <ul class="ml-keys">
            {HOTSPOT_BINS.filter((b) => b.bin !== 0).map((b) => (
              <li key={b.bin}><span class="ml-sym ml-box" aria-hidden="true" style={{ background: b.colour, borderColor: b.outline, borderWidth: `${Math.max(1, b.width)}px` }} />{t(b.label)}</li>
            ))}
          </ul>
          <p class="muted">{t('map.legend.hotspotNote', { size: hotspotCell.value })}</p>
        </div>
      )}
      {on.includes('areas') && (
        <div>
          <h3>{t('map.layers.areas')}</h3>
          <p class="muted">{t(areaMode.value === 'count' ? 'map.legend.areasCount' : 'map.legend.areasChange')}</p>
          <ul class="ml-keys">
            {areaLegend.value.map((k) => <li key={k.label}><span class="ml-sym ml-box" aria-hidden="true" style={{ background: k.colour }} />{k.label}</li>)}
          </ul>
        </div>
      )}
    </section>
  );
}
