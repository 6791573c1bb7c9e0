import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import type { MapController } from './controller.ts';
import { Details } from './details.tsx';
import { FilterBar } from './filters/index.tsx';
import { LayerSwitcher } from './layer-switcher.tsx';
import { Legend } from './legend.tsx';
import { MapView } from './map-view.tsx';
import { loadReference, reference, referenceError } from './reference.ts';
import { announcement, selection, tableHref } from './state.ts';
import { TimeSlider } from './time-slider.tsx';
import { SidePanelSlot } from './side-panel-slot.tsx';
import { ScopeSuffix } from '../../ui/municipality-switcher.tsx';
import './map.css';

/**
 * The lägesbild map (/karta): filters on top, the map with its layers, legend and time slider, the
 * side panel beside it (below on a phone), and details of what is clicked. Everything the map shows
 * can also be read as text: the details list, the side panel and the table (/tabell) with the same
 * selection.
 */
export default function MapPage() {
  const controller = useRef<MapController | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => { void loadReference(); }, []);

  const ref = reference.value;
  if (!ref) {
    return referenceError.value
      ? <div role="alert" class="error"><p>{t('map.baseError', { message: referenceError.value })}</p><button type="button" onClick={() => void loadReference()}>{t('app.retry')}</button></div>
      : <p aria-busy="true">{t('app.loading')}</p>;
  }

  function openInView(e: Event) {
    opener.current = e.currentTarget as HTMLElement;
    if (controller.current) selection.value = controller.current.viewSelection();
  }
  function closeDetails() {
    selection.value = null;
    const back = opener.current ?? document.querySelector<HTMLElement>('.mv-map canvas');
    opener.current = null;
    back?.focus();
  }

  return (
    <div class="mp">
      <div class="mp-head">
        <h1>{t('map.title')}<ScopeSuffix /></h1>
        <a class="button" href={tableHref()}>{t('map.openTable')}</a>
      </div>
      <FilterBar reference={ref} />
      <div class="mp-body">
        <div class="mp-main">
          <div class="mp-mapbox">
            <MapView reference={ref} controllerRef={controller} />
            <div class="mp-tools card">
              <LayerSwitcher areas={ref.areas} />
              <Legend />
            </div>
            {selection.value && <Details onClose={closeDetails} />}
          </div>
          <TimeSlider />
          <p id="mv-text-alternative" class="mp-alt">
            {t('map.mapDescription')} <a href={tableHref()}>{t('map.openTable')}</a>{' · '}
            <button type="button" class="linklike" onClick={openInView}>{t('map.listInView')}</button>
          </p>
        </div>
        <SidePanelSlot />
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">{announcement.value}</p>
    </div>
  );
}
