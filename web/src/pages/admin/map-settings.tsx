import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import type { MapSettings } from '../../../../src/contract/index.ts';

/** Known open tile sources an administrator can start from (Lantmäteriet's needs the municipality's own token). */
const PRESETS: Array<{ key: 'osm' | 'lm'; tileUrl: string; attribution: string; maxZoom: number }> = [
  { key: 'osm', tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap-bidragsgivare', maxZoom: 19 },
  { key: 'lm', tileUrl: 'https://api.lantmateriet.se/open/topowebb-ccby/v1/wmts/token/DIN-TOKEN/1.0.0/topowebb/default/3857/{z}/{y}/{x}.png', attribution: '© Lantmäteriet (CC BY 4.0)', maxZoom: 17 },
];

/** The map's tile source (admin): none by default, the offline base map from the boundaries. */
export default function MapSettingsPage() {
  const [values, setValues] = useState<{ tileUrl: string; attribution: string; maxZoom: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);

  useEffect(() => {
    api.get<MapSettings>('/api/settings/map').then((s) => setValues({ tileUrl: s.tileUrl ?? '', attribution: s.attribution ?? '', maxZoom: String(s.maxZoom) }))
      .catch((e) => setErrors(errorsFrom(e)));
  }, []);

  async function save(e: Event, clear = false) {
    e.preventDefault();
    if (!values) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const body: MapSettings = clear ? { tileUrl: null, attribution: null, maxZoom: 18 } : { tileUrl: values.tileUrl.trim() || null, attribution: values.attribution.trim() || null, maxZoom: Number(values.maxZoom) };
      const saved = await api.put<MapSettings>('/api/settings/map', body);
      setValues({ tileUrl: saved.tileUrl ?? '', attribution: saved.attribution ?? '', maxZoom: String(saved.maxZoom) });
      announce(saved.tileUrl ? t('admin.mapSettings.saved') : t('admin.mapSettings.cleared'));
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
          <p>
            {PRESETS.map((p) => (
              <button key={p.key} type="button" onClick={() => setValues({ tileUrl: p.tileUrl, attribution: p.attribution, maxZoom: String(p.maxZoom) })}>
                {t(`admin.mapSettings.preset.${p.key}`)}
              </button>
            ))}
          </p>
          <Label for="map-tile-url">{t('admin.mapSettings.tileUrl')}</Label>
          <input type="url" value={values.tileUrl} onInput={set('tileUrl')} {...controlProps('map-tile-url', fieldMessage(errors, 'tileUrl'), true)} />
          <FieldMessage id="map-tile-url" hint={t('admin.mapSettings.tileUrlHint')} error={fieldMessage(errors, 'tileUrl')} />
          <Label for="map-attribution">{t('admin.mapSettings.attribution')}</Label>
          <input type="text" value={values.attribution} onInput={set('attribution')} {...controlProps('map-attribution', fieldMessage(errors, 'attribution'))} />
          <FieldMessage id="map-attribution" error={fieldMessage(errors, 'attribution')} />
          <Label for="map-max-zoom">{t('admin.mapSettings.maxZoom')}</Label>
          <input type="number" min={1} max={22} value={values.maxZoom} onInput={set('maxZoom')} {...controlProps('map-max-zoom', fieldMessage(errors, 'maxZoom'))} />
          <FieldMessage id="map-max-zoom" error={fieldMessage(errors, 'maxZoom')} />
          <p>
            <button type="submit" class="primary" disabled={busy}>{t('app.save')}</button>{' '}
            <button type="button" disabled={busy} onClick={(e) => save(e, true)}>{t('admin.mapSettings.clear')}</button>
          </p>
        </form>
      )}
    </section>
  );
}
