import { t } from '../../i18n/index.ts';
import type { Area } from '../../api/types.ts';
import { AREA_KINDS } from '../../../../src/core/areas/types.ts';
import { areaKind, areaMode, HOTSPOT_CELL_SIZES, hotspotCell, LAYER_IDS, layers, setMapParams, toggleLayer, type AreaKind, type AreaMode } from './state.ts';

/** Which layers the map draws (labelled checkboxes), with the options of the hotspot and area layers. */
export function LayerSwitcher({ areas }: { areas: Area[] }) {
  const on = layers.value;
  const kinds = AREA_KINDS.filter((k) => areas.some((a) => a.kind === k));
  return (
    <fieldset class="ml-switcher">
      <legend>{t('map.layers.legend')}</legend>
      {LAYER_IDS.map((id) => (
        <div key={id}>
          <label class="mf-check">
            <input type="checkbox" name="layer" value={id} checked={on.includes(id)} onChange={(e) => toggleLayer(id, (e.target as HTMLInputElement).checked)} />
            <span>{t(`map.layers.${id}`)}</span>
          </label>
          {id === 'hotspots' && on.includes('hotspots') && (
            <div class="ml-option">
              <label for="ml-cell">{t('map.layers.cellSize')}</label>
              <select id="ml-cell" value={String(hotspotCell.value)} onChange={(e) => { hotspotCell.value = Number((e.target as HTMLSelectElement).value); setMapParams({ cell: String(hotspotCell.value) }); }}>
                {HOTSPOT_CELL_SIZES.map((s) => <option key={s} value={String(s)}>{t('map.layers.metres', { n: s })}</option>)}
              </select>
            </div>
          )}
          {id === 'areas' && on.includes('areas') && (
            <div class="ml-option">
              <fieldset class="ml-radios">
                <legend>{t('map.layers.areaMode')}</legend>
                {(['count', 'change'] as AreaMode[]).map((m) => (
                  <label class="mf-check" key={m}>
                    <input type="radio" name="areaMode" value={m} checked={areaMode.value === m} onChange={() => { areaMode.value = m; setMapParams({ areaMode: m }); }} />
                    <span>{t(m === 'count' ? 'map.layers.byCount' : 'map.layers.byChange')}</span>
                  </label>
                ))}
              </fieldset>
              {kinds.length > 1 && (
                <>
                  <label for="ml-kind">{t('map.layers.areaKind')}</label>
                  <select id="ml-kind" value={areaKind.value} onChange={(e) => { areaKind.value = (e.target as HTMLSelectElement).value as AreaKind; setMapParams({ areaKind: areaKind.value }); }}>
                    {kinds.map((k) => <option key={k} value={k}>{t(`map.layers.kinds.${k}`)}</option>)}
                  </select>
                </>
              )}
            </div>
          )}
        </div>
      ))}
    </fieldset>
  );
}
