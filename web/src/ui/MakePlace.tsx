import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { Place } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { controlProps, errorsFrom, FieldMessage, fieldMessage, NO_ERRORS, type FormErrors } from './form.tsx';
import { PersonalDataWarning } from './PersonalDataWarning.tsx';

/**
 * "Skapa plats" for one grid cell (a hotspot of a lägesbild, a cluster or heatmap cell on the map):
 * a name, POST /api/places/from-cells, then "Ny åtgärd här" for the new place. Offered where
 * session.ts `mayMakePlace()` says so.
 */
export function MakePlace({ cellId, suggestedName, measureQuery = '', onMade }: { cellId: string; suggestedName: string; measureQuery?: string; onMade?: (place: Place) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggestedName);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [made, setMade] = useState<Place | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `hs-name-${cellId.replace(/[^a-z0-9]/gi, '-')}`;
  const err = fieldMessage(errors, 'name') ?? fieldMessage(errors, 'cellIds') ?? (errors.fields.length === 0 ? errors.message ?? undefined : undefined);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const place = await api.post<Place>('/api/places/from-cells', { name: name.trim(), cellIds: [cellId] });
      setMade(place);
      onMade?.(place);
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
        <a id={`${id}-measure`} class="button" href={`#/atgarder/ny?placeId=${made.id}${measureQuery ? `&${measureQuery}` : ''}`}>{t('situationPictures.hotspots.newMeasureHere')}</a>
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
      <PersonalDataWarning id={`${id}-privacy`} text={name} onRemove={setName} />
      <button type="submit" class="primary" disabled={busy}>{t('situationPictures.hotspots.savePlace')}</button>
    </form>
  );
}
