import { t } from '../../i18n/index.ts';
import { SidePanel } from './panel/index.tsx';

/** The side panel (web/src/pages/map/panel) beside the map; below it on a phone. */
export function SidePanelSlot() {
  return (
    <aside class="mp-panel" aria-label={t('map.panelPlaceholder')}>
      <SidePanel />
    </aside>
  );
}
