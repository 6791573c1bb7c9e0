import { useState } from 'preact/hooks';
import { hotspotNameOf } from '../../../../src/core/situation-picture/hotspot-name.ts';
import { fmt, lang, t, tn, type MessageKey } from '../../i18n/index.ts';
import { mayMakePlace } from '../../session.ts';
import { MakePlace } from '../../ui/MakePlace.tsx';
import { Section } from './content-sections.tsx';
import { loadReferences } from './shared.tsx';
import type { SituationPictureContent } from './types.ts';

type Cell = SituationPictureContent['hotspots']['cells'][number];
const SHOWN = 12;

export const emergingName = (e: Cell['emerging']) => (e ? t(`situationPictures.emerging.${e}` as MessageKey) : t('situationPictures.hotspots.noClass'));
const confidence = (bin: number) => t(`situationPictures.hotspots.confidence.${bin}` as MessageKey);

export function Hotspots({ c, editionId }: { c: SituationPictureContent; editionId: string }) {
  const h = c.hotspots;
  const canPlace = mayMakePlace();
  const [all, setAll] = useState(false);
  // Hottest first; a long list is cut to the first dozen until the reader asks for the rest.
  const sorted = [...h.cells].sort((a, b) => b.bin - a.bin || b.count - a.count);
  const shown = all ? sorted : sorted.slice(0, SHOWN);
  return (
    <Section id="sp-hotspots" title={t('situationPictures.hotspots.title')}>
      <p class="muted">{t('situationPictures.hotspots.intro', { size: fmt.number(h.cellSize) })}</p>
      {h.cells.length === 0 ? (
        <p>{h.note === 'too-few-incidents' ? t('situationPictures.hotspots.noneTooFew') : h.note === 'none-significant' ? t('situationPictures.hotspots.noneSignificant') : t('situationPictures.hotspots.none')}</p>
      ) : (
        <>
        {h.zones && h.zones.length > 0 && (
          // Gi* marks the quiet cells around a cluster too: the zones say where, the cells below say exactly where.
          <div class="table-wrap">
            <table class="est-table stack" data-testid="sp-hotspot-zones">
              <caption>{t('situationPictures.hotspots.zonesCaption')}</caption>
              <thead><tr>
                <th scope="col">{t('situationPictures.hotspots.colZone')}</th>
                <th scope="col" class="num">{t('situationPictures.hotspots.colCells')}</th>
                <th scope="col" class="num">{t('situationPictures.hotspots.colCount')}</th>
                <th scope="col">{t('situationPictures.hotspots.colConfidence')}</th>
                <th scope="col">{t('situationPictures.hotspots.colPeakClass')}</th>
              </tr></thead>
              <tbody>
                {h.zones.map((z) => (
                  <tr key={z.id}>
                    <th scope="row" data-label={t('situationPictures.hotspots.colZone')}>{hotspotNameOf(z, lang.value)}</th>
                    <td class="num" data-label={t('situationPictures.hotspots.colCells')}>{fmt.number(z.cellIds.length)}</td>
                    <td class="num" data-label={t('situationPictures.hotspots.colCount')}>{fmt.number(z.count)}</td>
                    <td data-label={t('situationPictures.hotspots.colConfidence')}>{confidence(z.bin)}</td>
                    <td data-label={t('situationPictures.hotspots.colPeakClass')}>{emergingName(z.emerging)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div class="table-wrap">
          <table class="est-table stack" data-testid="sp-hotspots">
            <caption class="visually-hidden">{t('situationPictures.hotspots.caption')}</caption>
            <thead><tr>
              <th scope="col">{t('situationPictures.hotspots.colPlace')}</th>
              <th scope="col" class="num">{t('situationPictures.hotspots.colCount')}</th>
              <th scope="col">{t('situationPictures.hotspots.colConfidence')}</th>
              <th scope="col">{t('situationPictures.hotspots.colClass')}</th>
              {canPlace && <th scope="col">{t('situationPictures.hotspots.colActions')}</th>}
            </tr></thead>
            <tbody>
              {shown.map((cell) => (
                <tr key={cell.cellId} data-cell={cell.cellId}>
                  <th scope="row" data-label={t('situationPictures.hotspots.colPlace')}>{hotspotNameOf(cell, lang.value)}</th>
                  <td class="num" data-label={t('situationPictures.hotspots.colCount')}>{fmt.number(cell.count)}</td>
                  <td data-label={t('situationPictures.hotspots.colConfidence')}>{confidence(cell.bin)}</td>
                  <td data-label={t('situationPictures.hotspots.colClass')}>{emergingName(cell.emerging)}</td>
                  {canPlace && <td data-label={t('situationPictures.hotspots.colActions')}><MakePlace cellId={cell.cellId} suggestedName={cell.placeName ?? ''} measureQuery={`situationPictureId=${editionId}`} onMade={() => void loadReferences(true)} /></td>}
                </tr>
              ))}
            </tbody>
          </table>
          {sorted.length > SHOWN && (
            <button type="button" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? t('situationPictures.hotspots.showFewer') : tn('situationPictures.hotspots.showAll', sorted.length)}
            </button>
          )}
        </div>
        </>
      )}
    </Section>
  );
}
