import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Place } from '../../api/types.ts';
import { fmt, t, type MessageKey } from '../../i18n/index.ts';
import { hasRole } from '../../session.ts';
import { controlProps, errorsFrom, FieldMessage, fieldMessage, NO_ERRORS, type FormErrors } from '../admin/form.tsx';
import { Section } from './content-sections.tsx';
import { loadReferences } from './shared.tsx';
import type { SituationPictureContent } from './types.ts';

type Cell = SituationPictureContent['hotspots']['cells'][number];
const SHOWN = 12;

export const emergingName = (e: Cell['emerging']) => (e ? t(`situationPictures.emerging.${e}` as MessageKey) : t('situationPictures.hotspots.noClass'));
const confidence = (bin: number) => t(`situationPictures.hotspots.confidence.${bin}` as MessageKey);

/** "Skapa plats" for one cell: a name, POST /api/places/from-cells, then "Ny åtgärd här". */
function MakePlace({ cell, editionId }: { cell: Cell; editionId: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(cell.placeName ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [made, setMade] = useState<Place | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `hs-name-${cell.cellId.replace(/[^a-z0-9]/gi, '-')}`;
  const err = fieldMessage(errors, 'name') ?? fieldMessage(errors, 'cellIds') ?? (errors.fields.length === 0 ? errors.message ?? undefined : undefined);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const place = await api.post<Place>('/api/places/from-cells', { name: name.trim(), cellIds: [cell.cellId] });
      setMade(place);
      void loadReferences(true);
      setTimeout(() => document.getElementById(`${id}-measure`)?.focus(), 0);
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  if (made) {
    return (
      <p class="est-made" role="status">{t('situationPictures.hotspots.placeMade', { name: made.name })}{' '}
        <a id={`${id}-measure`} class="button" href={`#/atgarder/ny?placeId=${made.id}&situationPictureId=${editionId}`}>{t('situationPictures.hotspots.newMeasureHere')}</a>
      </p>
    );
  }
  if (!open) return <button type="button" onClick={() => { setOpen(true); setTimeout(() => document.getElementById(id)?.focus(), 0); }}>{t('situationPictures.hotspots.makePlace')}</button>;
  return (
    <form class="est-inline-form" onSubmit={save} noValidate>
      <label for={id}>{t('situationPictures.hotspots.placeName')}</label>
      <input {...controlProps(id, err)} value={name} maxLength={200} 
        onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      <FieldMessage id={id} error={err} />
      <button type="submit" class="primary" disabled={busy}>{t('situationPictures.hotspots.savePlace')}</button>
    </form>
  );
}

export function Hotspots({ c, editionId }: { c: SituationPictureContent; editionId: string }) {
  const h = c.hotspots;
  const canPlace = hasRole('coordinator');
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
                    <th scope="row" data-label={t('situationPictures.hotspots.colZone')}>{z.placeNames.length ? z.placeNames.join(', ') : t('situationPictures.hotspots.cellText', { cell: z.peakCellId })}</th>
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
                  <th scope="row" data-label={t('situationPictures.hotspots.colPlace')}>{cell.placeName ?? t('situationPictures.hotspots.cellText', { cell: cell.cellId })}</th>
                  <td class="num" data-label={t('situationPictures.hotspots.colCount')}>{fmt.number(cell.count)}</td>
                  <td data-label={t('situationPictures.hotspots.colConfidence')}>{confidence(cell.bin)}</td>
                  <td data-label={t('situationPictures.hotspots.colClass')}>{emergingName(cell.emerging)}</td>
                  {canPlace && <td data-label={t('situationPictures.hotspots.colActions')}><MakePlace cell={cell} editionId={editionId} /></td>}
                </tr>
              ))}
            </tbody>
          </table>
          {sorted.length > SHOWN && (
            <button type="button" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? t('situationPictures.hotspots.showFewer') : t('situationPictures.hotspots.showAll', { count: sorted.length })}
            </button>
          )}
        </div>
        </>
      )}
    </Section>
  );
}
