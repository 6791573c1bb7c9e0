import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import type { MapSettings, MapSettingsInput } from '../../../../src/contract/index.ts';

type Source = MapSettings['source'];
const SOURCES: Source[] = ['osm', 'custom', 'none'];

/** Lantmäteriet's open topographic map, which needs the municipality's own key in the address. */
const LANTMATERIET = { tileUrl: 'https://api.lantmateriet.se/open/topowebb-ccby/v1/wmts/token/DIN-TOKEN/1.0.0/topowebb/default/3857/{z}/{y}/{x}.png', attribution: '© Lantmäteriet (CC BY 4.0)', maxZoom: '17' };

interface Values { source: Source; tileUrl: string; attribution: string; maxZoom: string; proxyOff: boolean }

const valuesOf = (s: MapSettings): Values => ({
  source: s.source,
  // The server's own proxy path is no address to edit.
  tileUrl: s.source === 'custom' ? s.tileUrl ?? '' : '',
  attribution: s.source === 'custom' ? s.attribution ?? '' : '',
  maxZoom: String(s.maxZoom),
  proxyOff: s.source === 'osm' && s.tileUrl === null,
});

/** The map's tile source (admin): OpenStreetMap through the server by default, another source, or the built-in map only. */
export default function MapSettingsPage() {
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);

  useEffect(() => {
    api.get<MapSettings>('/api/settings/map').then((s) => setValues(valuesOf(s))).catch((e) => setErrors(errorsFrom(e)));
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    if (!values) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const body: MapSettingsInput = values.source === 'custom'
        ? { source: 'custom', tileUrl: values.tileUrl.trim() || null, attribution: values.attribution.trim() || null, maxZoom: Number(values.maxZoom) }
        : { source: values.source, maxZoom: values.source === 'osm' ? 19 : Number(values.maxZoom) || 18 };
      const saved = await api.put<MapSettings>('/api/settings/map', body);
      setValues(valuesOf(saved));
      announce(t('admin.mapSettings.saved'));
    } catch (err) {
      setErrors(errorsFrom(err));
    } finally {
      setBusy(false);
    }
  }

  const set = (k: 'tileUrl' | 'attribution' | 'maxZoom') => (e: Event) => setValues({ ...values!, [k]: (e.target as HTMLInputElement).value });
  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('admin.nav.mapSettings')}</h2>
      <p>{t('admin.mapSettings.explain')}</p>
      <LiveRegion message={msg} />
      {!values ? <p aria-busy="true">{t('app.loading')}</p> : (
        <form ref={formRef} class="card admin-form" onSubmit={(e) => save(e)} noValidate>
          <ErrorSummary errors={errors} known={['tileUrl', 'attribution', 'maxZoom']} />
          <fieldset class="map-sources">
            <legend>{t('admin.mapSettings.source')}</legend>
            {SOURCES.map((s) => (
              <div class="check" key={s}>
                <input type="radio" id={`map-source-${s}`} name="map-source" checked={values.source === s} aria-describedby={`map-source-${s}-hint`}
                  onChange={() => setValues({ ...values, source: s })} />
                <label for={`map-source-${s}`}>{t(`admin.mapSettings.sources.${s}`)}</label>
                <p id={`map-source-${s}-hint`} class="hint muted">{t(`admin.mapSettings.sourceHints.${s}`)}</p>
              </div>
            ))}
          </fieldset>
          {values.source === 'osm' && values.proxyOff && <p class="hint" role="note">{t('admin.mapSettings.proxyOff')}</p>}
          {values.source === 'custom' && (
            <>
              <p>
                <button type="button" onClick={() => setValues({ ...values, ...LANTMATERIET })}>{t('admin.mapSettings.preset.lm')}</button>
              </p>
              <Label for="map-tile-url" required>{t('admin.mapSettings.tileUrl')}</Label>
              <input type="url" value={values.tileUrl} onInput={set('tileUrl')} {...controlProps('map-tile-url', fieldMessage(errors, 'tileUrl'), true)} />
              <FieldMessage id="map-tile-url" hint={t('admin.mapSettings.tileUrlHint')} error={fieldMessage(errors, 'tileUrl')} />
              <Label for="map-attribution" required>{t('admin.mapSettings.attribution')}</Label>
              <input type="text" value={values.attribution} onInput={set('attribution')} {...controlProps('map-attribution', fieldMessage(errors, 'attribution'))} />
              <FieldMessage id="map-attribution" error={fieldMessage(errors, 'attribution')} />
              <Label for="map-max-zoom">{t('admin.mapSettings.maxZoom')}</Label>
              <input type="number" min={1} max={22} value={values.maxZoom} onInput={set('maxZoom')} {...controlProps('map-max-zoom', fieldMessage(errors, 'maxZoom'))} />
              <FieldMessage id="map-max-zoom" error={fieldMessage(errors, 'maxZoom')} />
            </>
          )}
          <p>
            <button type="submit" class="primary" disabled={busy}>{t('app.save')}</button>
          </p>
        </form>
      )}
    </section>
  );
}
