import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { navigate, route } from '../../router.ts';
import { may, session } from '../../session.ts';
import { ALL, municipalityChoice, myMunicipalities } from '../../municipality-choice.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, NO_ERRORS, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { PERIOD_PRESETS, presetPeriod, type PeriodPreset } from './periods.ts';
import { CategoryTreeField, chosenSummary } from './CategoryTreeField.tsx';
import { ErrorText, useReferences } from './shared.tsx';
import type { SituationPicture } from './types.ts';

/**
 * "Ny lägesbild": period (presets or from/to), area, categories. Computing takes a few seconds, so
 * the form shows progress with the seconds counting until the edition page opens.
 */
export default function CreatePage() {
  const { refs, error: refsError } = useReferences();
  const initial = presetPeriod('last4weeks')!;
  const [preset, setPreset] = useState<PeriodPreset>('last4weeks');
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [areaId, setAreaId] = useState(route.value.params.get('areaId') ?? '');
  // An edition covers one municipality: the one chosen in the top bar, else the user's home.
  const mine = myMunicipalities.value;
  const [municipalityId, setMunicipalityId] = useState(municipalityChoice.value !== ALL ? municipalityChoice.value : session.value?.user.municipalityId ?? '');
  const ofMunicipality = <T extends { municipalityId: string }>(list: readonly T[]) => (mine.length > 1 ? list.filter((x) => x.municipalityId === municipalityId) : [...list]);
  const [categoryIds, setCategoryIds] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busySince, setBusySince] = useState<number | null>(null);
  const [seconds, setSeconds] = useState(0);
  const formRef = useFocusFirstError(errors);
  const heading = useRef<HTMLHeadingElement>(null);
  const err = (f: string) => fieldMessage(errors, f);

  useEffect(() => { heading.current?.focus(); document.title = `${t('situationPictures.create.title')} – ${t('app.name')}`; }, []);
  useEffect(() => {
    if (busySince === null) return;
    const timer = window.setInterval(() => setSeconds(Math.round((Date.now() - busySince) / 1000)), 500);
    return () => clearInterval(timer);
  }, [busySince]);

  if (!may('editions.write')) return <p role="alert">{t('situationPictures.create.forbidden')}</p>;

  function choose(p: PeriodPreset) {
    setPreset(p);
    const period = presetPeriod(p);
    if (period) { setFrom(period.from); setTo(period.to); }
  }

  async function submit(e: Event) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setSeconds(0);
    setBusySince(Date.now());
    try {
      const body = { from, to, ...(mine.length > 1 && municipalityId ? { municipalityId } : {}), ...(areaId ? { areaId } : {}), ...(categoryIds.length ? { categoryIds } : {}), ...(title.trim() ? { title: title.trim() } : {}) };
      const created = await api.post<SituationPicture>('/api/situation-pictures', body);
      navigate(`/lagesbilder/${created.id}`);
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusySince(null);
    }
  }

  const busy = busySince !== null;
  return (
    <div class="est">
      <p><a href="#/lagesbilder">← {t('situationPictures.back')}</a></p>
      <h1 ref={heading} tabIndex={-1}>{t('situationPictures.create.title')}</h1>
      <p class="muted">{t('situationPictures.create.intro')}</p>
      <ErrorText error={refsError} />
      <form ref={formRef} class="admin-form card" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorSummary errors={errors} known={['municipalityId', 'from', 'to', 'areaId', 'categoryIds', 'title']} />
        {mine.length > 1 && (
          <>
            <Label for="sp-municipality" required>{t('situationPictures.create.municipality')}</Label>
            <select {...controlProps('sp-municipality', err('municipalityId'))} value={municipalityId}
              onChange={(e) => { setMunicipalityId((e.target as HTMLSelectElement).value); setAreaId(''); setCategoryIds([]); }}>
              {mine.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
            <FieldMessage id="sp-municipality" error={err('municipalityId')} />
          </>
        )}
        <fieldset>
          <legend>{t('situationPictures.create.period')}</legend>
          <div class="est-presets">
            {PERIOD_PRESETS.map((p) => (
              <div class="check inline" key={p}>
                <input type="radio" id={`sp-preset-${p}`} name="preset" value={p} checked={preset === p} onChange={() => choose(p)} />
                <label for={`sp-preset-${p}`}>{t(`situationPictures.create.preset.${p}`)}</label>
              </div>
            ))}
          </div>
          <div class="form-row">
            <div>
              <Label for="sp-from" required>{t('situationPictures.create.from')}</Label>
              <input type="date" {...controlProps('sp-from', err('from'), true)} value={from} required
                onInput={(e) => { setFrom((e.target as HTMLInputElement).value); setPreset('custom'); }} />
              <FieldMessage id="sp-from" error={err('from')} hint={t('situationPictures.create.dateHint')} />
            </div>
            <div>
              <Label for="sp-to" required>{t('situationPictures.create.to')}</Label>
              <input type="date" {...controlProps('sp-to', err('to'))} value={to} required
                onInput={(e) => { setTo((e.target as HTMLInputElement).value); setPreset('custom'); }} />
              <FieldMessage id="sp-to" error={err('to')} />
            </div>
          </div>
        </fieldset>
        <Label for="sp-area">{t('situationPictures.create.area')}</Label>
        <select {...controlProps('sp-area', err('areaId'))} value={areaId} onChange={(e) => setAreaId((e.target as HTMLSelectElement).value)}>
          <option value="">{t('situationPictures.wholeMunicipality')}</option>
          {ofMunicipality(refs?.areas ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
        <FieldMessage id="sp-area" error={err('areaId')} />
        <CategoryTreeField id="sp-categories" label={t('situationPictures.create.categories')} categories={ofMunicipality(refs?.categories ?? [])}
          selected={categoryIds} onChange={setCategoryIds} summary={chosenSummary(categoryIds.length)} />
        <FieldMessage id="sp-categories" error={err('categoryIds')} />
        <Label for="sp-title">{t('situationPictures.create.titleField')}</Label>
        <input {...controlProps('sp-title', err('title'), true)} value={title} maxLength={200} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        <FieldMessage id="sp-title" error={err('title')} hint={t('situationPictures.create.titleHint')} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>{t('situationPictures.create.submit')}</button>
          <a class="button" href="#/lagesbilder">{t('situationPictures.create.cancel')}</a>
        </div>
        {busy && (
          <div class="est-progress">
            <progress aria-label={t('situationPictures.create.computingLabel')} />
            <p role="status">{t('situationPictures.create.computing', { seconds })}</p>
          </div>
        )}
      </form>
    </div>
  );
}
